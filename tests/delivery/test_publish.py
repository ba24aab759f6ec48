"""Publishing to a real Radicale server over HTTP: collections created once, events PUT with
ETags, changes updated in place, cancellations and cleared ones handled, nothing duplicated."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import caldav
import pytest
from icalendar import Calendar

from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.delivery.publish import PublishError, publish_calendars
from cistrat_tui.exports.ics_ledger import old_cancellations
from tests.delivery.servers import PASSWORD, USER, radicale_server
from tests.exports.test_ics_workshop import DINNER, small_workshop

T1 = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)
T2 = T1 + timedelta(days=1)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with radicale_server(tmp_path_factory.mktemp("radicale")) as url:
        yield url


def server_events(url: str) -> dict[str, list[Calendar]]:
    """Every collection's events as the caldav library reads them back, by collection URL."""
    client = caldav.DAVClient(url=url, username=USER, password=PASSWORD)
    found = {}
    for calendar in client.principal().calendars():
        found[str(calendar.url)] = [Calendar.from_ical(e.data) for e in calendar.events()]
    return found


def vevent(calendar: Calendar) -> object:
    return calendar.walk("VEVENT")[0]


def test_publish_then_change_then_publish_updates_in_place(server: str, tmp_path: Path) -> None:
    with WorkshopStore.open(tmp_path / "w.json", create_from=small_workshop) as store:
        done: list[tuple[int, int, str]] = []
        first = publish_calendars(store.workshop, server, USER, PASSWORD, ledger=store,
                                  stamp=T1, progress=lambda *a: done.append(a))
        assert len(first) == 2 + len(store.workshop.trainees) == len(done)
        assert all(r.created and r.put > 0 and not r.conflicts for r in first)
        on_server = server_events(server)
        assert len(on_server) == len(first)
        for report in first:
            assert len(on_server[report.url]) == report.put
            for calendar in on_server[report.url]:
                assert "METHOD" not in calendar
        ledger_etags = [e for e in store.workshop.ledger.values() if e.published_etag]
        assert len(ledger_etags) == sum(r.put for r in first)

        # Nothing changed: nothing is sent again.
        again = publish_calendars(store.workshop, server, USER, PASSWORD, ledger=store,
                                  stamp=T2)
        assert all(r.put == 0 and not r.created and r.unchanged > 0 for r in again)

        # A corrected address and a deleted visit.
        park = next(s for s in store.workshop.sites.values() if "Zhangjiang" in s.name_en)
        store.put(replace(park, address_zh=park.address_zh + " 东门"))
        gone = store.workshop.activities[DINNER]
        store.remove(gone)
        users = {f"{a.id}@cistrat-tui" for a in store.workshop.activities.values()
                 if park.id in a.site_ids()}
        before = {url: {str(vevent(c)["UID"]): int(vevent(c)["SEQUENCE"]) for c in cals}
                  for url, cals in on_server.items()}
        third = publish_calendars(store.workshop, server, USER, PASSWORD, ledger=store,
                                  stamp=T2)
        after = server_events(server)
        group = third[0]
        assert group.put >= len(users) + 1 and not group.created
        assert len(after[group.url]) == len(on_server[group.url])  # nothing duplicated
        for calendar in after[group.url]:
            event = vevent(calendar)
            uid = str(event["UID"])
            if uid in users:
                assert int(event["SEQUENCE"]) == before[group.url][uid] + 1
                assert "东门" in str(event["LOCATION"]) + str(event["DESCRIPTION"])
            if uid == f"{gone.id}@cistrat-tui":
                assert str(event["STATUS"]) == "CANCELLED"
                assert str(event["TRANSP"]) == "TRANSPARENT"

        # The coordinator clears the cancellation: the next publication deletes it.
        stale = old_cancellations(store.workshop.ledger, T2 + timedelta(days=1))
        store.put_all([], removed=stale)
        fourth = publish_calendars(store.workshop, server, USER, PASSWORD, ledger=store,
                                   stamp=T2 + timedelta(days=1))
        assert fourth[0].deleted == 1
        final = server_events(server)
        assert len(final[group.url]) == len(on_server[group.url]) - 1


def test_a_subscriber_gets_the_whole_collection_over_http(server: str, tmp_path: Path) -> None:
    import urllib.request

    with WorkshopStore.open(tmp_path / "w.json", create_from=small_workshop) as store:
        reports = publish_calendars(store.workshop, server, USER, PASSWORD, ledger=store,
                                    stamp=T1)
    trainee = next(r for r in reports if r.trainee_id)
    request = urllib.request.Request(trainee.url)
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, server, USER, PASSWORD)
    opener = urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(manager))
    with opener.open(request, timeout=10) as response:
        calendar = Calendar.from_ical(response.read())
    assert len(calendar.walk("VEVENT")) == trainee.put


def test_a_wrong_password_is_one_clear_error(server: str, tmp_path: Path) -> None:
    with WorkshopStore.open(tmp_path / "w.json", create_from=small_workshop) as store, \
            pytest.raises(PublishError, match="refused"):
        publish_calendars(store.workshop, server, USER, "wrong", ledger=store, stamp=T1)


def test_no_server_is_one_clear_error(tmp_path: Path) -> None:
    from tests.delivery.servers import free_port

    with WorkshopStore.open(tmp_path / "w.json", create_from=small_workshop) as store, \
            pytest.raises(PublishError, match="cannot reach"):
        publish_calendars(store.workshop, f"http://127.0.0.1:{free_port()}/", USER, PASSWORD,
                          ledger=store, stamp=T1)
