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
3. Tables ``bookings`` (the state of each booking of an activity or stay) and ``booking_rules``
   (the coordinator's deadlines), empty in an older file.
4. The ``closures`` table: the coordinator's closed days (a date range and a reason, for one
   site or the whole programme), empty in a migrated file.
5. Money: the ``costs`` table (cost lines), the ``budget_rules`` table (at most one record:
   per diem, prices, currency rates, ceiling) and a stay's ``room_rate`` (null: not agreed).
6. The people side: a trainee's nationality, passport, gender, date of birth, structured diets
   and own flights; a stay's rooms; an activity's resources; the ``resources`` table.
7. The programme's ``weekend_travel`` (may the route planner travel between cities on a weekend
   or holiday; true before) and a site's ``closed_on_makeup_days`` (false before: a site keeps
   its working-day hours on a make-up working day).
8. The calendars' publication ledger (table ``ledger``, empty until the first export).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

RawTables = dict[str, dict[str, dict[str, Any]]]

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


def _add_bookings(tables: RawTables) -> RawTables:
    """Version 2 to 3: the bookings and booking rules tables, empty."""
    tables.setdefault("bookings", {})
    tables.setdefault("booking_rules", {})
    return tables


def _add_closures(tables: RawTables) -> RawTables:
    """Version 3 to 4: the closures table (none were stored before)."""
    tables.setdefault("closures", {})
    return tables


def _add_money(tables: RawTables) -> RawTables:
    """Version 4 to 5: empty cost and budget-rules tables; every stay without a room rate."""
    tables.setdefault("costs", {})
    tables.setdefault("budget_rules", {})
    for doc in tables.get("stays", {}).values():
        doc.setdefault("room_rate", None)
    return tables


# Words of an old free-text dietary note that name a structured need (v5 to v6).
_DIET_WORDS: tuple[tuple[str, str], ...] = (
    ("halal", "halal"), ("vegan", "vegan"), ("vegetarian", "vegetarian"),
    ("no pork", "no_pork"), ("no beef", "no_beef"), ("no alcohol", "no_alcohol"),
    ("gluten", "gluten_free"), ("allerg", "allergy"), ("清真", "halal"), ("素食", "vegetarian"))


def diets_from_text(text: str) -> list[str]:
    """The structured needs an old dietary note names ("Halal", "Seafood allergy"); the note
    itself is kept, so nothing it says is lost. 'vegetarian' inside 'vegan' is not matched."""
    words = text.casefold()
    found = {need for word, need in _DIET_WORDS if word in words}
    return [need for need in ("halal", "vegetarian", "vegan", "no_pork", "no_beef",
                              "no_alcohol", "gluten_free", "allergy") if need in found]


def _add_people(tables: RawTables) -> RawTables:
    """Version 5 to 6: the people fields on trainees, rooms on stays, resources on activities
    (and their table). Old dietary notes become structured needs where they name one."""
    for doc in tables.get("trainees", {}).values():
        for name in ("nationality", "passport_number", "gender"):
            doc.setdefault(name, "")
        for name in ("passport_expiry", "date_of_birth", "arrival", "departure"):
            doc.setdefault(name, None)
        doc.setdefault("diets", diets_from_text(str(doc.get("dietary") or "")))
    for doc in tables.get("stays", {}).values():
        doc.setdefault("rooms", [])
    for doc in tables.get("activities", {}).values():
        doc.setdefault("resource_ids", [])
    tables.setdefault("resources", {})
    return tables


def _add_planning_options(tables: RawTables) -> RawTables:
    """Version 6 to 7: the weekend-travel option of the programme, the make-up-day flag of a
    site, both with the defaults that keep what version 2 meant."""
    for doc in tables.get("programme", {}).values():
        doc.setdefault("weekend_travel", True)
    for doc in tables.get("sites", {}).values():
        doc.setdefault("closed_on_makeup_days", False)
    return tables


def _add_ledger(tables: RawTables) -> RawTables:
    """Version 7 to 8: an empty publication ledger. The first export after the migration
    records every event as it is written (SEQUENCE carried over from the activity's revision),
    so nothing a trainee already imported is disowned."""
    tables.setdefault("ledger", {})
    return tables


# MIGRATIONS[n] turns a version-n file into a version n+1 file.
MIGRATIONS: dict[int, Callable[[RawTables], RawTables]] = {1: _v1_to_v2, 2: _add_bookings,
                                                           3: _add_closures, 4: _add_money,
                                                           5: _add_people,
                                                           6: _add_planning_options,
                                                           7: _add_ledger}
# The version this app writes: one past the last step.
SCHEMA_VERSION = max(MIGRATIONS) + 1


def migrate(tables: RawTables, found: int) -> RawTables:
    """Run every step from version ``found`` up to :data:`SCHEMA_VERSION`."""
    for version in range(found, SCHEMA_VERSION):
        tables = MIGRATIONS[version](tables)
    tables[META_TABLE] = {"1": meta_document()}
    return tables


def meta_document() -> dict[str, Any]:
    """The ``_meta`` record of a current file."""
    return {"schema_version": SCHEMA_VERSION, "app": "cistrat-tui"}
