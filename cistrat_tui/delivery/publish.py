"""Publish the calendars on a CalDAV server: one collection per trainee, plus group and staff.

A trainee who imports a file gets later changes only by importing again, and Google and
Outlook ignore SEQUENCE on re-import; a subscribed calendar follows every change. So each
calendar of :func:`~cistrat_tui.exports.ics.build_export` becomes a CalDAV collection
(created with MKCALENDAR when absent) whose URL the trainee subscribes to, and each event one
resource in it, named after its UID:

- the ledger is saved first (as for files), so what the server holds is what the ledger says;
- every event is PUT as the exporter wrote it (no METHOD, as RFC 4791 requires), with
  ``If-None-Match: *`` when new and ``If-Match`` with the server's ETag when it replaces one,
  so a change made on the server meanwhile is reported, not overwritten; the ETag the server
  returns is kept in the ledger, and an event whose ledger entry and ETag are unchanged is not
  sent again;
- cancellations are PUT like any event; a resource the calendar no longer holds (a
  cancellation the coordinator cleared) is deleted;
- SEQUENCE is the ledger's: the bytes are PUT directly, not through the ``caldav`` library's
  ``save_event``, which raises SEQUENCE by itself.

A second run after a change updates in place and duplicates nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from cistrat_tui.core.errors import CistratError
from cistrat_tui.core.records.ledger import LedgerEntry
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.exports.ics import (
    Alarms,
    CalendarFile,
    LedgerSink,
    build_export,
    event_resources,
)
from cistrat_tui.exports.ics_text import UID_DOMAIN

PASSWORD_ENV = "CISTRAT_CALDAV_PASSWORD"
_UNSAFE = re.compile(r"[^A-Za-z0-9@._-]")
_CALENDAR_TYPE = "text/calendar; charset=utf-8"


class PublishError(CistratError):
    """The server cannot be reached or refuses what is asked."""


@dataclass
class CollectionReport:
    """What one calendar's publication did."""

    name: str
    url: str
    trainee_id: str | None
    created: bool = False
    put: int = 0
    unchanged: int = 0
    deleted: int = 0
    conflicts: list[str] = field(default_factory=list)


def resource_name(uid: str) -> str:
    """The resource file name of an event in its collection (from its UID)."""
    return _UNSAFE.sub("_", uid) + ".ics"


def collection_id(workshop: Workshop, file: CalendarFile) -> str:
    """The collection's last path segment: the programme and the calendar's ledger key (a
    trainee's id, not their name, so a corrected spelling keeps the subscription)."""
    return f"cistrat-{workshop.programme.id[:8]}-{file.key}"


def _etags(client: Any, url: str) -> dict[str, str] | None:
    """Resource name -> ETag for a collection; None when the collection does not exist."""
    response = client.propfind(url, props=["{DAV:}getetag"], depth=1)
    if response.status == 404:
        return None
    if response.status not in (200, 207):
        raise PublishError(f"{url}: the server answered {response.status} to PROPFIND")
    base = unquote(urlsplit(url).path).rstrip("/")
    found = {}
    for result in response.results or []:
        path = unquote(result.href).rstrip("/")
        if path == base:
            continue
        found[path.rsplit("/", 1)[-1]] = str(result.properties.get("{DAV:}getetag") or "")
    return found


def _connect(url: str, user: str, password: str) -> tuple[Any, Any]:
    """A caldav client and the user's calendar home."""
    import caldav
    from caldav.lib import error as caldav_error

    try:
        make_client: Any = caldav.DAVClient
        client = make_client(url=url, username=user or None, password=password or None,
                             timeout=30)
        principal = client.principal()
        return client, principal.calendar_home_set
    except caldav_error.AuthorizationError:
        raise PublishError(f"{url}: the server refused user {user!r} (wrong password?)") \
            from None
    except (caldav_error.DAVError, OSError) as error:
        raise PublishError(f"{url}: cannot reach the CalDAV server: {error}") from None
    except Exception as error:  # the HTTP library's own connection errors
        raise PublishError(f"{url}: cannot reach the CalDAV server: "
                           f"{type(error).__name__}: {error}") from None


def publish_calendars(workshop: Workshop, url: str, user: str, password: str, *,
                      ledger: LedgerSink, alarms: Alarms | None = None,
                      stamp: datetime | None = None,
                      progress: Callable[[int, int, str], None] | None = None,
                      ) -> list[CollectionReport]:
    """Publish every calendar of ``workshop`` to the CalDAV server at ``url``; returns one
    report per calendar (group, staff, trainees by name). ``progress(done, total, name)`` is
    called after each calendar."""
    export = build_export(workshop, alarms=alarms, stamp=stamp)
    if export.changes:
        ledger.put_all(export.changes)
    entries = {**workshop.ledger, **{e.id: e for e in export.changes}}
    client, home = _connect(url, user, password)
    reports = []
    published: list[LedgerEntry] = []
    for done, file in enumerate(export.files, start=1):
        report, updated = _publish_one(client, home, workshop, file, entries)
        reports.append(report)
        published += updated
        if progress is not None:
            progress(done, len(export.files), report.name)
    if published:
        ledger.put_all(published)
    return reports


def _publish_one(client: Any, home: Any, workshop: Workshop, file: CalendarFile,
                 entries: dict[str, LedgerEntry]) -> tuple[CollectionReport, list[LedgerEntry]]:
    cal_id = collection_id(workshop, file)
    collection = str(home.url.join(f"{cal_id}/"))
    name = " ".join(str(file.calendar["X-WR-CALNAME"]).split())
    report = CollectionReport(name, collection, file.trainee_id)
    etags = _etags(client, collection)
    if etags is None:
        home.make_calendar(name=name, cal_id=cal_id)
        report.created, etags = True, {}
    updated = []
    present = set()
    for uid, body in event_resources(file):
        resource = resource_name(uid)
        present.add(resource)
        entry = entries[f"{file.key} {uid}"]
        server = etags.get(resource)
        if server and entry.published_etag == server:
            report.unchanged += 1
            continue
        headers = {"Content-Type": _CALENDAR_TYPE}
        headers.update({"If-Match": server} if server else {"If-None-Match": "*"})
        response = client.put(f"{collection}{quote(resource, safe='@')}", body.decode("utf-8"),
                              headers)
        if response.status == 412:
            report.conflicts.append(f"{resource}: changed on the server meanwhile; not "
                                    "overwritten")
            continue
        if response.status not in (200, 201, 204):
            raise PublishError(f"{collection}{resource}: the server answered "
                               f"{response.status} to PUT")
        report.put += 1
        etag = str(response.headers.get("ETag") or "")
        if etag != entry.published_etag:
            updated.append(replace(entry, published_etag=etag))
    ours = quote(f"@{UID_DOMAIN}", safe="@")
    for resource, etag in etags.items():
        if resource in present or not (resource.endswith(f"@{UID_DOMAIN}.ics")
                                       or resource.endswith(f"{ours}.ics")):
            continue
        response = client.delete(f"{collection}{quote(resource, safe='@')}",
                                 {"If-Match": etag} if etag else {})
        if response.status not in (200, 204, 404):
            raise PublishError(f"{collection}{resource}: the server answered "
                               f"{response.status} to DELETE")
        report.deleted += 1
    return report, updated
