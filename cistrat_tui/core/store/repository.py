"""The repository over TinyDB that the rest of the app uses: nothing else touches TinyDB.

Opening a store takes the database's write lock, reads and checks the whole file, migrates an
older schema after a backup, and builds the :class:`Workshop` in memory. Every change is
checked against the workshop first, then saved at once, atomically. A file that cannot be read
is never written to.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.table import Table

from cistrat_tui.core.errors import (
    CorruptDatabaseError,
    SchemaTooNewError,
    StoreError,
    ValidationError,
)
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


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: parsing a large file and building tens of thousands
    of records would otherwise trigger repeated full collections over all of them (it made
    opening a 10,000-activity database about a third slower). Nothing built here is cyclic."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _build_workshop(tables: RawTables, sealed: bool) -> Workshop:
    """The workshop from the tables: fast for a sealed file, fully validated otherwise."""
    if sealed:
        try:
            return trusted.sealed_workshop(tables)
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
        self._db = TinyDB(storage=lambda: storage)
        self._doc_ids: dict[str, dict[str, int]] = {}
        self._index_documents()

    # --- opening and closing ---------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False,
             create_from: Callable[[], Workshop] | None = None) -> WorkshopStore:
        """Open the database at ``path``; see the module docstring for what can go wrong."""
        path = Path(path)
        lock = None
        if not readonly:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"cannot create the folder {path.parent}: "
                                 f"{error.strerror or error}") from None
            lock = DatabaseLock(path).acquire()
        try:
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
        storage = AtomicJSONStorage(path, tables, readonly=readonly,
                                    before_save=rotation.before_save if rotation else None)
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
            with _collector_paused():
                tables, sealed = read_tables(path)
            version = _schema_version(path, tables)
            if version < SCHEMA_VERSION:
                if not readonly:
                    backups.make_backup(path, f"v{version}-before-migration")
                tables = migrate(tables, version)
            with _collector_paused():
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
                self._db.table(name).remove(doc_ids=[doc_id])

    def put_all(self, records: Iterable[Record], *,
                removed: Iterable[Record] = ()) -> None:
        """Add or replace many records and delete ``removed``, in one save and with one pass
        over each table (the calendars' ledger writes thousands of entries at a time).

        Records are taken as they are (no revision bump): this is for bookkeeping records such
        as the ledger, not for the coordinator's edits."""
        self._check_writable()
        changed: dict[str, dict[str, dict[str, Any]]] = {}
        gone: dict[str, list[int]] = {}
        with self._saving():
            for record in removed:
                if isinstance(record, Programme):
                    raise ValidationError("programme", "the programme itself cannot be deleted")
                self.workshop.remove(record)
                name = self._table_name(record)
                doc_id = self._doc_ids[name].pop(record.id, None)
                if doc_id is not None:
                    gone.setdefault(name, []).append(doc_id)
            for record in records:
                self.workshop.put(record)
                changed.setdefault(self._table_name(record), {})[record.id] = record.to_dict()
            for name, doc_ids in gone.items():
                self._db.table(name).remove(doc_ids=doc_ids)
            for name, documents in changed.items():
                self._write_documents(name, documents)

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
        data = self._storage.read()
        self._doc_ids = {
            name: {doc["id"]: int(key) for key, doc in data.get(name, {}).items()}
            for name in TABLE_NAMES
        }

    @staticmethod
    def _table_name(record: Record) -> str:
        return record_type(record).table

    def _write_documents(self, name: str, documents: dict[str, dict[str, Any]]) -> None:
        """Insert or update many documents of one table (not the programme's), by record id,
        with one TinyDB update and one insert."""
        table: Table = self._db.table(name)
        ids = self._doc_ids[name]
        updates = {ids[key]: doc for key, doc in documents.items() if key in ids}
        inserts = [(key, doc) for key, doc in documents.items() if key not in ids]
        if updates:
            def replace(document: dict[str, Any]) -> None:
                new = documents[document["id"]]
                document.clear()
                document.update(new)

            table.update(replace, doc_ids=list(updates))
        if inserts:
            new_ids = table.insert_multiple(doc for _key, doc in inserts)
            for (key, _doc), doc_id in zip(inserts, new_ids, strict=True):
                ids[key] = doc_id

    def _write_document(self, name: str, record_id: str, document: dict[str, Any]) -> None:
        """Insert or update one document; the programme table holds exactly one."""
        table: Table = self._db.table(name)
        ids = self._doc_ids[name]
        if name == "programme":
            table.truncate()
            ids.clear()
        doc_id = ids.get(record_id)
        if doc_id is None:
            ids[record_id] = table.insert(document)
        else:
            table.update(document, doc_ids=[doc_id])
