"""Schema versions of the database file and the steps from each one to the next.

The file's ``_meta`` table holds ``schema_version``. Opening an older file makes a backup copy,
then runs each step in turn on the raw tables (plain JSON data, before records are built); a file
newer than :data:`SCHEMA_VERSION` is refused untouched.

Version history:
1. The prototype's format: an activity's participants were a list of trainee ids (empty meaning
   everyone), with no status, revision or change time; a site held ``coordinates`` as
   ``[lat, lon]`` or null.
2. Participants as {audience, group, trainee_ids}; activity status, revision and updated_at;
   site ``lat`` and ``lon``; the programme's ``organizer``.
3. The calendars' publication ledger (table ``ledger``, empty until the first export).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

RawTables = dict[str, dict[str, dict[str, Any]]]

SCHEMA_VERSION = 3
META_TABLE = "_meta"


def _participants_v1(value: Any) -> dict[str, Any]:
    ids = list(value or [])
    if not ids:
        return {"audience": "everyone", "group": "", "trainee_ids": []}
    return {"audience": "named", "group": "", "trainee_ids": ids}


def _v1_to_v2(tables: RawTables) -> RawTables:
    """Version 1 to 2: structured participants, activity status and revision, site lat/lon."""
    for doc in tables.get("activities", {}).values():
        doc["participants"] = _participants_v1(doc.get("participants"))
        doc.setdefault("status", "planned")
        doc.setdefault("revision", 0)
        doc.setdefault("updated_at", doc.get("start"))
    for doc in tables.get("stays", {}).values():
        doc["participants"] = _participants_v1(doc.get("participants"))
    for doc in tables.get("sites", {}).values():
        coordinates = doc.pop("coordinates", None) or [None, None]
        doc["lat"], doc["lon"] = coordinates
    for doc in tables.get("programme", {}).values():
        doc.setdefault("organizer", "")
    return tables


def _v2_to_v3(tables: RawTables) -> RawTables:
    """Version 2 to 3: an empty publication ledger. The first export after the migration
    records every event as it is written (SEQUENCE carried over from the activity's revision),
    so nothing a trainee already imported is disowned."""
    tables.setdefault("ledger", {})
    return tables


# MIGRATIONS[n] turns a version-n file into a version n+1 file.
MIGRATIONS: dict[int, Callable[[RawTables], RawTables]] = {1: _v1_to_v2, 2: _v2_to_v3}


def migrate(tables: RawTables, found: int) -> RawTables:
    """Run every step from version ``found`` up to :data:`SCHEMA_VERSION`."""
    for version in range(found, SCHEMA_VERSION):
        tables = MIGRATIONS[version](tables)
    tables[META_TABLE] = {"1": meta_document()}
    return tables


def meta_document() -> dict[str, Any]:
    """The ``_meta`` record of a current file."""
    return {"schema_version": SCHEMA_VERSION, "app": "cistrat-tui"}
