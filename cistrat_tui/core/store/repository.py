"""The repository that the rest of the app uses: nothing else touches the database file.

The file keeps TinyDB's layout (tables of numbered documents) behind a TinyDB storage, but
documents are written into the data directly: TinyDB's ``Table.insert`` and ``update`` copy
the whole table on every call, which makes a loop of them quadratic.

Opening a store takes the database's write lock, reads and checks the whole file, migrates an
older schema after a backup, and builds the :class:`Workshop` in memory. Every change is
checked against the workshop first, then saved at once, atomically. A file that cannot be read
is never written to.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from cistrat_tui.core.errors import (
    CorruptDatabaseError,
    SchemaTooNewError,
    StoreError,
    ValidationError,
)
from cistrat_tui.core.memory import collector_paused
from cistrat_tui.core.records.activity import Activity, revised
from cistrat_tui.core.records.model import Programme
from cistrat_tui.core.records.registry import TABLE_NAMES, record_type
from cistrat_tui.core.records.workshop import Record, Workshop
from cistrat_tui.core.store import backups, trusted
from cistrat_tui.core.store.fileio import atomic_write_bytes
from cistrat_tui.core.store.lock import DatabaseLock
from cistrat_tui.core.store.migrations import (
    META_TABLE,
    SCHEMA_VERSION,
    RawTables,
    meta_document,
    migrate,
)
from cistrat_tui.core.store.storage import (
    AtomicJSONStorage,
    FileProblem,
    encode_tables,
    read_tables,
)

R = TypeVar("R", bound=Record)


def tables_of(workshop: Workshop) -> RawTables:
    """The workshop as TinyDB data: every table keyed by document number from 1."""
    tables: RawTables = {META_TABLE: {"1": meta_document()}}
    for name, records in workshop.to_tables().items():
        tables[name] = {str(n): doc for n, doc in enumerate(records, start=1)}
    return tables


def _schema_version(path: Path, tables: RawTables) -> int:
    meta = tables.get(META_TABLE)
    if not meta:
        raise FileProblem("it has no _meta record, so it is not a cistrat-tui database")
    version = next(iter(meta.values())).get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise FileProblem(f"its schema version {version!r} is not a whole number")
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(path, version, SCHEMA_VERSION)
    return version


def real_path(path: str | Path) -> Path:
    """The file that ``path`` names: a symbolic link is followed to the real file (a linked
    folder needs nothing: the files in it are the real ones); any other path is kept as given.
    An empty path is refused."""
    if not str(path).strip():
        raise StoreError("the database path is empty; give the file's path (or leave the "
                         "option out for the default)")
    path = Path(path).expanduser()
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _refuse_read_only_file(path: Path) -> None:
    """A file without write permission is not rewritten (a save replaces it atomically,
    which its folder allows): it is opened read-only or made writable by its owner."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # missing (to be created) or unreadable: opening says which
    if stat.S_ISREG(mode) and not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise StoreError(f"{path} is read-only (permissions {stat.filemode(mode)[1:]}); "
                         "nothing was changed. Open it read-only (--read-only), or make it "
                         f"writable first (chmod u+w {path})")


def _refuse_missing_ids(tables: RawTables) -> None:
    """Every stored record names its own id: one without would be given a new random id at
    every opening, and calendars would then show its events twice."""
    for name in TABLE_NAMES:
        for key, document in tables.get(name, {}).items():
            if "id" not in document:
                raise FileProblem(f"record {key} of table {name!r} has no id (was a line "
                                  "deleted?); put its id back or restore a backup")


def _build_workshop(tables: RawTables, sealed: bool) -> Workshop:
    """The workshop from the tables: fast for a sealed file, fully validated otherwise."""
    if sealed:
        try:
            workshop: Workshop = trusted.sealed_workshop(tables)
            return workshop
        except trusted.Untrusted:
            pass
    return Workshop.from_tables({name: table.values() for name, table in tables.items()
                                 if name != META_TABLE})


class WorkshopStore:
    """One open database: the workshop in memory, every change saved at once."""

    def __init__(self, path: Path, workshop: Workshop, storage: AtomicJSONStorage,
                 lock: DatabaseLock | None) -> None:
        self.path = path
        self.workshop = workshop
        self._storage = storage
        self._lock = lock
        self._doc_ids: dict[str, dict[str, int]] = {}
        self._next_ids: dict[str, int] = {}
        self._index_documents()

    # --- opening and closing ---------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False,
             create_from: Callable[[], Workshop] | None = None) -> WorkshopStore:
        """Open the database at ``path``; see the module docstring for what can go wrong.

        A symbolic link is followed to the real file, which is then the one locked, backed up
        and replaced by each save (replacing the link would leave the real database behind,
        and a lock beside the link would let a second writer in through the real name)."""
        path = real_path(path)
        lock = None
        if not readonly:
            _refuse_read_only_file(path)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"cannot create the folder {path.parent}: "
                                 f"{error.strerror or error}") from None
            lock = DatabaseLock(path).acquire()
        try:
            if lock is not None:
                backups.remove_stale_temporaries(path)
            return cls._open_locked(path, readonly, create_from, lock)
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def _open_locked(cls, path: Path, readonly: bool,
                     create_from: Callable[[], Workshop] | None,
                     lock: DatabaseLock | None) -> WorkshopStore:
        if not path.exists():
            if create_from is None or readonly:
                raise StoreError(f"there is no database at {path}")
            workshop = create_from()
            tables = tables_of(workshop)
            cls._write_new(path, tables)
        else:
            tables, workshop, migrated = cls._read(path, readonly)
            if migrated and not readonly:
                cls._write_new(path, tables)
        rotation = None if readonly else backups.BackupRotation(path)
        storage = AtomicJSONStorage(
            path, tables, readonly=readonly,
            before_save=rotation.before_save if rotation else None,
            check_lock=lock.verify if lock is not None else None,
            keep_aside=lambda payload: backups.keep_unsaved(path, payload))
        return cls(path, workshop, storage, lock)

    @staticmethod
    def _write_new(path: Path, tables: RawTables) -> None:
        try:
            atomic_write_bytes(path, encode_tables(tables))
        except OSError as error:
            raise StoreError(f"cannot create {path}: {error.strerror or error}") from None

    @staticmethod
    def _read(path: Path, readonly: bool) -> tuple[RawTables, Workshop, bool]:
        """Read, check, migrate if needed (after a backup copy) and build the workshop.

        Returns the tables, the workshop and whether a migration ran. Writes nothing but the
        backup: a file that fails any check is left as it is."""
        try:
            with collector_paused():
                tables, sealed = read_tables(path)
            version = _schema_version(path, tables)
            if version < SCHEMA_VERSION:
                if not readonly:
                    backups.make_backup(path, f"v{version}-before-migration")
                try:
                    tables = migrate(tables, version)
                except (ValueError, TypeError, KeyError, AttributeError) as error:
                    raise FileProblem(f"its version-{version} data cannot be brought up to "
                                      f"version {SCHEMA_VERSION} ({type(error).__name__}: "
                                      f"{error})") from None
            _refuse_missing_ids(tables)
            with collector_paused():
                workshop = _build_workshop(tables, sealed)
        except FileProblem as problem:
            raise CorruptDatabaseError(path, str(problem), backups.list_backups(path)) from None
        except ValidationError as error:
            raise CorruptDatabaseError(path, f"a record is not valid: {error}",
                                       backups.list_backups(path)) from None
        except PermissionError:
            raise StoreError(f"cannot read {path}: permission denied") from None
        except IsADirectoryError:
            raise StoreError(f"{path} is a folder, not a database file") from None
        return tables, workshop, version < SCHEMA_VERSION

    def close(self) -> None:
        """Release the write lock. Everything is already saved."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> WorkshopStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def readonly(self) -> bool:
        return self._storage.readonly

    @property
    def stale_lock_holder(self) -> str | None:
        """The crashed process whose lock this store took over, if any."""
        return self._lock.stale_holder if self._lock else None

    def backups(self) -> list[Path]:
        """The backup copies beside the database, newest first."""
        return backups.list_backups(self.path)

    # --- changing --------------------------------------------------------------------------

    def put(self, record: R) -> R:
        """Add or replace a record and save. An activity's revision goes up when a trainee
        would see the change. Returns the record as stored."""
        self._check_writable()
        if isinstance(record, Activity) and record.id in self.workshop.activities:
            record = revised(self.workshop.activities[record.id], record)  # type: ignore[assignment]
        with self._saving():
            self.workshop.put(record)
            self._write_document(self._table_name(record), record.id, record.to_dict())
        return record

    def put_all(self, records: Iterable[Record], *,
                removed: Iterable[Record] = ()) -> list[Record]:
        """Delete ``removed`` and add or replace ``records`` (an import, the calendars' ledger)
        in one save; on any refusal none of it is kept. Returns the records as stored
        (activities with their revision raised as :meth:`put` does). Each record costs the same
        however many there are (see :meth:`_write_document`), and the file is written once."""
        with self._saving():
            for record in removed:
                self.remove(record)
            return [self.put(record) for record in records]

    def remove(self, record: Record) -> None:
        """Delete a record (refused while others refer to it) and save."""
        self._check_writable()
        if isinstance(record, Programme):
            raise ValidationError("programme", "the programme itself cannot be deleted")
        with self._saving():
            self.workshop.remove(record)
            name = self._table_name(record)
            doc_id = self._doc_ids[name].pop(record.id, None)
            if doc_id is not None:
                data = self._storage.read()
                data.get(name, {}).pop(str(doc_id), None)
                self._storage.write(data)

    def replace_workshop(self, workshop: Workshop) -> None:
        """Swap in a whole new workshop (an import or a restore) in one save."""
        self._check_writable()
        with self._saving():
            self.workshop = workshop
            self._storage.write(tables_of(workshop))
            self._index_documents()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make many changes with one save at the end; on an error, none of them is kept."""
        with self._saving():
            yield

    # --- inside ----------------------------------------------------------------------------

    @contextmanager
    def _saving(self) -> Iterator[None]:
        """Defer writes; on any error forget the unsaved changes by re-reading the file."""
        try:
            with self._storage.deferred():
                yield
        except BaseException as error:
            if not self._storage.deferring and self._storage.dirty:
                self._reload()
            if isinstance(error, OSError):
                raise StoreError(f"could not save {self.path}: {error.strerror or error}; "
                                 "the last change was not saved") from None
            raise

    def _reload(self) -> None:
        """Go back to what is on disk (after a failed or abandoned change)."""
        tables, workshop, _ = self._read(self.path, readonly=True)
        self._storage.replace_data(tables)
        self.workshop = workshop
        self._index_documents()

    def _check_writable(self) -> None:
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only; nothing was changed")

    def _index_documents(self) -> None:
        self._next_ids = {}
        data = self._storage.read()
        self._doc_ids = {
            name: {doc["id"]: int(key) for key, doc in data.get(name, {}).items()}
            for name in TABLE_NAMES
        }

    @staticmethod
    def _table_name(record: Record) -> str:
        return record_type(record).table

    def _write_document(self, name: str, record_id: str, document: dict[str, Any]) -> None:
        """Insert or update one document; the programme table holds exactly one.

        The document goes straight into the storage's data (TinyDB's ``insert`` and
        ``update`` copy the whole table on every call, which made a 20,000-row import take
        minutes with the lock held); the storage then saves, or, inside :meth:`batch`, saves
        once at the end."""
        data = self._storage.read()
        table = data.setdefault(name, {})
        ids = self._doc_ids[name]
        if name == "programme":
            table.clear()
            ids.clear()
        doc_id = ids.get(record_id)
        if doc_id is None:
            doc_id = ids[record_id] = self._next_doc_id(name, table)
        table[str(doc_id)] = document
        self._storage.write(data)

    def _next_doc_id(self, name: str, table: dict[str, Any]) -> int:
        """A document number not used in ``table`` (the highest plus one, as TinyDB does)."""
        found = self._next_ids.get(name)
        if found is None or str(found) in table:
            found = max(map(int, table), default=0) + 1
        self._next_ids[name] = found + 1
        return found
