"""The TinyDB storage behind the store: whole-file JSON, read once, saved atomically.

TinyDB's own JSONStorage rewrites the file in place (a crash mid-write corrupts it) and writes
Chinese as ``\\u`` escapes. This storage keeps the parsed data in memory, writes UTF-8 with real
characters through :func:`atomic_write_bytes`, and can defer saves so that a batch of changes
costs one write.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from cistrat_tui.core.errors import StoreError
from cistrat_tui.core.plain_text import shorten
from cistrat_tui.core.records.registry import fingerprint
from cistrat_tui.core.store.fileio import atomic_write_bytes
from cistrat_tui.core.store.migrations import META_TABLE, SCHEMA_VERSION, RawTables, meta_document

# A saved file starts with its _meta table, whose "seal" is a digest of everything after it. A
# file whose seal matches was written by this schema version, under these record types and
# validation rules (the registry's fingerprint), from validated records.
_HEAD = '{"_meta":'


def _seal_kind() -> str:
    return f"blake2b-v{SCHEMA_VERSION}-{fingerprint()}:"


class FileProblem(Exception):
    """Why a database file cannot be read (the store turns it into CorruptDatabaseError)."""


def _seal(body: bytes) -> str:
    return _seal_kind() + hashlib.blake2b(body, digest_size=20).hexdigest()


def _is_sealed(text: str, raw: bytes) -> bool:
    """Whether the file's seal matches its content (the head is ASCII: chars are bytes)."""
    if not text.startswith(_HEAD):
        return False
    try:
        meta, end = json.JSONDecoder().raw_decode(text, len(_HEAD))
        seal = next(iter(meta.values())).get("seal")
    except (ValueError, AttributeError, StopIteration):
        return False
    if not isinstance(seal, str) or raw[end:end + 1] not in (b",", b"}"):
        return False
    digest = hashlib.blake2b(b"{", digest_size=20)
    if raw[end:end + 1] == b",":
        digest.update(memoryview(raw)[end + 1:])
    else:
        digest.update(b"}")
    return seal == _seal_kind() + digest.hexdigest()


def read_tables(path: Path) -> tuple[RawTables, bool]:
    """Parse a database file and check its shape: a JSON object of tables of documents.

    Returns the tables and whether the file's seal matches (see :mod:`trusted`)."""
    raw = path.read_bytes()
    if not raw.strip():
        raise FileProblem(f"the file is empty ({len(raw)} bytes), perhaps cut off by a crash "
                          "or a full disk")
    try:
        text = raw[:4096].decode("utf-8", errors="replace")  # enough for the _meta head
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        if "utf-8" in error.msg.lower():
            raise FileProblem("it is not UTF-8 text") from None
        raise FileProblem(f"it is not valid JSON (line {error.lineno}, column {error.colno}: "
                          f"{error.msg}); it may have been cut off") from None
    if not isinstance(data, dict):
        raise FileProblem(f"it holds a JSON {type(data).__name__}, not a database")
    sealed = _is_sealed(text, raw)
    if not sealed:
        _refuse_repeated_keys(raw)
    for name, table in data.items():
        if not isinstance(table, dict):
            raise FileProblem(f"table {name!r} is a {type(table).__name__}, not a table")
        for key, document in table.items():
            if not key.isdigit() or not isinstance(document, dict):
                raise FileProblem(f"table {shorten(repr(name), 80)} has a malformed entry "
                                  f"{shorten(repr(key), 80)}")
    return data, sealed


def _refuse_repeated_keys(raw: bytes) -> None:
    """A hand-edited file may name one document number twice (a copied record): JSON parsers
    keep the last and silently drop the first. Such a file is refused, naming the key, so
    nothing is lost. (A sealed file was written by this app and cannot repeat a key.)"""
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, value in items:
            if key in found:
                raise FileProblem(f"the key {shorten(repr(key), 80)} appears twice in one "
                                  "object (a copied record?), so one of the two would be lost; "
                                  "give each record its own number")
            found[key] = value
        return found

    try:
        json.loads(raw, object_pairs_hook=pairs)
    except ValueError:  # orjson accepted it; any difference is not about repeated keys
        return


def encode_tables(data: RawTables) -> bytes:
    """The file's bytes: compact UTF-8 JSON with Chinese as characters, _meta first, sealed."""
    body = orjson.dumps({name: table for name, table in data.items() if name != META_TABLE})
    meta = {**next(iter(data.get(META_TABLE, {}).values()), meta_document()),
            "seal": _seal(body)}
    head = (_HEAD + json.dumps({"1": meta}, separators=(",", ":"))).encode("ascii")
    return head + (b"}" if body == b"{}" else b"," + body[1:])


FileState = tuple[int, int, int, int]


def file_state(path: Path) -> FileState | None:
    """What tells one version of a file from another without reading it: device, inode
    (an atomic save makes a new one), size and modification time; None when it is missing."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns)


class ChangedElsewhere(StoreError):
    """The database file was changed by another program since this store read it; the
    change that was to be saved is kept in :attr:`kept` instead."""

    def __init__(self, path: Path, kept: Path | None) -> None:
        self.path = path
        self.kept = kept
        where = (f"the change is kept in {kept}" if kept is not None
                 else "the change could not be kept elsewhere either")
        super().__init__(
            f"not saved: {path} was changed by another program while it was open here (was "
            f"its lock file deleted?); nothing of that program's change was overwritten; "
            f"{where}; the database is shown again as it is now")


class AtomicJSONStorage(Storage):
    """A TinyDB storage over data already read by the store, saved atomically on write.

    Before each save, ``check_lock`` makes sure this process still holds the write lock, and
    the file is compared with the version last read or written here: when another program
    replaced it (possible only if its lock file was deleted), the save is refused and its
    bytes are written beside the backups instead, so that neither change is lost."""

    def __init__(self, path: Path, data: RawTables, *, readonly: bool = False,
                 before_save: Callable[[], None] | None = None,
                 check_lock: Callable[[], object] | None = None,
                 keep_aside: Callable[[bytes], Path] | None = None) -> None:
        self.path = path
        self.readonly = readonly
        self._data = data
        self._before_save = before_save
        self._check_lock = check_lock
        self._keep_aside = keep_aside
        self._known = file_state(path)
        self._deferred = 0
        self._dirty = False

    def read(self) -> dict[str, dict[str, Any]]:
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only; nothing was changed")
        self._data = data
        self._dirty = True
        if not self._deferred:
            self.save()

    def save(self) -> None:
        """Write the data to disk now (after the backup hook)."""
        payload = encode_tables(self._data)
        if self._check_lock is not None:
            self._check_lock()
        if file_state(self.path) != self._known:
            kept = None
            if self._keep_aside is not None:
                with contextlib.suppress(OSError):
                    kept = self._keep_aside(payload)
            raise ChangedElsewhere(self.path, kept)
        if self._before_save is not None:
            self._before_save()
        atomic_write_bytes(self.path, payload)
        self._known = file_state(self.path)
        self._dirty = False

    @property
    def dirty(self) -> bool:
        """Whether the data in memory differs from the file (unsaved or failed to save)."""
        return self._dirty

    @property
    def deferring(self) -> bool:
        """Whether a deferred block is open."""
        return self._deferred > 0

    def replace_data(self, data: RawTables) -> None:
        """Forget unsaved changes and hold ``data`` (as re-read from disk)."""
        self._data = data
        self._known = file_state(self.path)
        self._dirty = False

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Hold writes in memory; save once when the outermost block ends without error."""
        self._deferred += 1
        try:
            yield
        finally:
            self._deferred -= 1
        if not self._deferred and self._dirty:
            self.save()

    def close(self) -> None:
        """Nothing to release: every write is already on disk."""
