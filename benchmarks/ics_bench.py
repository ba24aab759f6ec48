"""Calendar export benchmark: 5,000 activities for 15 trainees, against bare icalendar calls.

Run: ``python benchmarks/ics_bench.py [--activities N] [--trainees N] [--repeat N]``.

A synthetic programme (visits, lectures, group sessions, meetings of named trainees, meals,
trains with a seat for everyone, some cancelled) is exported twice in the same run:

- ours: :func:`cistrat_tui.exports.ics.write_calendars` with the publication ledger, in the
  steady state (the ledger holds every event from an earlier export, so each one is composed,
  fingerprinted, looked up and stamped), everything included (choosing each calendar's
  activities, composing the text, scrubbing personal data, planning reminders, building,
  serializing, atomic writes with fsync);
- baseline: the same files built with bare icalendar calls (``Calendar.new``, ``Event.new``,
  ``Alarm.new_display``, ``to_ical``) from event texts composed beforehand, outside the timer,
  and written with a plain ``write_bytes``: the cost of the library alone.

It prints both times and their ratio; the target is at most 1.5x. Each side runs ``--repeat``
times and the best time counts. For information it also times a first export into a real
store (every ledger entry new, saved in one write).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event, Timezone, vText

from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.ledger import LedgerEntry
from cistrat_tui.core.records.model import Contact, Participants, Programme, Site, Trainee
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.exports.ics import PRODID, build_export, write_calendars
from cistrat_tui.exports.ics_text import EventText

TARGET_RATIO = 1.5
STAMP = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)


def synthetic_workshop(activities: int, trainees: int) -> Workshop:
    """A long programme: 20 activities a day, cycling through every kind and audience."""
    days = activities // 20 + 1
    start = date(2027, 3, 1)
    workshop = Workshop(Programme("Benchmark Workshop", start, start + timedelta(days=days),
                                  coordinator=Contact("Li Wen", "+86 10 5555 0100")))
    park = Site("science_park", "Zhangjiang Hi-Tech Park", "Shanghai", name_zh="张江高科技园区",
                address_en="Zhangjiang, Pudong, Shanghai", address_zh="上海市浦东新区张江",
                lat=31.2018, lon=121.5884, host=Contact("Wang Fang", "+86 21 5555 0200"))
    south = Site("rail_station", "Beijing South Railway Station", "Beijing",
                 name_zh="北京南站", lat=39.8652, lon=116.3786)
    hongqiao = Site("rail_station", "Shanghai Hongqiao Railway Station", "Shanghai",
                    name_zh="上海虹桥站", lat=31.1942, lon=121.3205)
    hotel = Site("hotel", "Sample Hotel", "Shanghai", name_zh="示例酒店", lat=31.21, lon=121.55)
    for site in (park, south, hongqiao, hotel):
        workshop.put(site)
    people = [Trainee(f"Trainee {n:02d} Example", "Country", email=f"t{n}@example.org",
                      phone=f"+1 555 01{n:02d}", group="AB"[n % 2], dietary="Vegetarian")
              for n in range(trainees)]
    for person in people:
        workshop.put(person)
    named = Participants("named", trainee_ids=tuple(p.id for p in people[:3]))
    for n in range(activities):
        begin = datetime.combine(start + timedelta(days=n // 20), datetime.min.time(),
                                 SHANGHAI) + timedelta(hours=7, minutes=40 * (n % 20))
        end = begin + timedelta(minutes=35)
        status = "cancelled" if n % 50 == 7 else "confirmed"
        common = {"status": status, "revision": 1 if status == "cancelled" else 0,
                  "description": f"Activity {n}: notes, Q&A; 参观 {n}",
                  "what_to_bring": "Passport", "internal_notes": "Staff only."}
        match n % 10:
            case 0 | 1 | 2:
                record = Activity("visit", f"Park visit {n}", begin, end, site_id=park.id,
                                  dress_code="Business casual", **common)
            case 3 | 4:
                record = Activity("lecture", f"Lecture {n}", begin, end, site_id=park.id,
                                  participants=Participants("group", "AB"[n % 2]), **common)
            case 5:
                record = Activity("lecture", f"Meeting {n}", begin, end, site_id=park.id,
                                  participants=named, **common)
            case 6 | 7:
                record = Activity("travel", f"Train {n}", begin, end, from_site_id=south.id,
                                  to_site_id=hongqiao.id, mode="high_speed_rail",
                                  service_number=f"G{n % 400 + 1}", booking_ref=f"E{n:08d}",
                                  seats={p.id: f"Car {n % 16 + 1}, Seat {i + 1}A"
                                         for i, p in enumerate(people)}, **common)
            case 8:
                record = Activity("travel", f"Coach {n}", begin, end, from_site_id=hotel.id,
                                  to_site_id=park.id, mode="coach", service_number="Coach 1",
                                  **common)
            case _:
                record = Activity("meal", f"Lunch {n}", begin, end, site_id=hotel.id,
                                  **common)
        workshop.put(record)
    return workshop


Stamped = tuple[EventText, int, datetime]


class MemoryLedger:
    """A ledger sink that keeps what it is given (the steady state gives it nothing)."""

    def __init__(self) -> None:
        self.saved: list[LedgerEntry] = []

    def put_all(self, records: Iterable[LedgerEntry], *,
                removed: Iterable[LedgerEntry] = ()) -> None:
        self.saved += records


def event_texts(workshop: Workshop) -> list[tuple[str, str, list[Stamped]]]:
    """Every calendar's name, file stem and stamped event texts, as the export makes them."""
    result = []
    for file in build_export(workshop, stamp=STAMP).files:
        result.append((str(file.calendar["X-WR-CALNAME"]), file.stem,
                       [(i.text, i.sequence, i.last_modified) for i in file.items]))
    return result


def baseline(workshop: Workshop, calendars: list[tuple[str, str, list[Stamped]]],
             folder: Path) -> None:
    """The same files with bare icalendar calls from ready-made texts."""
    tzid = workshop.programme.timezone
    for name, stem, texts in calendars:
        calendar = Calendar.new(prodid=PRODID, calscale="GREGORIAN", uid=f"{stem}@bench")
        calendar["NAME"] = calendar["X-WR-CALNAME"] = vText(name)
        calendar["X-WR-TIMEZONE"] = vText(tzid)
        calendar.add_component(Timezone.from_tzid(tzid, first_date=date(2027, 1, 1),
                                                  last_date=date(2028, 1, 1)))
        for text, sequence, modified in texts:
            event = Event.new(
                uid=text.uid, stamp=modified, start=text.start, end=text.end,
                summary=text.summary, description=text.description,
                location=text.location or None, categories=[text.category],
                status=text.status, sequence=sequence,
                last_modified=modified, url=text.url or None,
                transparency="TRANSPARENT" if text.transparent else "OPAQUE")
            if text.geo is not None:
                event.add("GEO", text.geo)
            if text.alarm_before is not None:
                event.add_component(Alarm.new_display(f"Reminder: {text.summary}",
                                                      -text.alarm_before))
            calendar.add_component(event)
        (folder / f"{stem}.ics").write_bytes(calendar.to_ical())


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """The shortest of ``repeat`` timed runs, in seconds."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=5000)
    parser.add_argument("--trainees", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)

    workshop = synthetic_workshop(args.activities, args.trainees)
    first = build_export(workshop, stamp=STAMP)
    workshop.ledger.update({entry.id: entry for entry in first.changes})
    calendars = event_texts(workshop)
    events = sum(len(texts) for _, _, texts in calendars)
    print(f"{len(workshop.activities)} activities, {len(workshop.trainees)} trainees: "
          f"{len(calendars)} calendars, {events} events in all")
    with tempfile.TemporaryDirectory() as ours_dir, tempfile.TemporaryDirectory() as bare_dir:
        bare = best_of(args.repeat, lambda: baseline(workshop, calendars, Path(bare_dir)))
        sink = MemoryLedger()
        ours = best_of(args.repeat, lambda: write_calendars(workshop, ours_dir, stamp=STAMP,
                                                            ledger=sink))
        assert not sink.saved, "the steady state changed the ledger"
        fresh = synthetic_workshop(args.activities, args.trainees)
        with WorkshopStore.open(Path(ours_dir) / "w.json", create_from=lambda: fresh) as store:
            began = time.perf_counter()
            write_calendars(store.workshop, Path(ours_dir) / "first", stamp=STAMP,
                            ledger=store)
            first_time = time.perf_counter() - began
        ours_size = sum(p.stat().st_size for p in Path(ours_dir).glob("*.ics"))
        bare_size = sum(p.stat().st_size for p in Path(bare_dir).iterdir())
    ratio = ours / bare
    print(f"baseline (bare icalendar, texts ready): {bare:7.2f} s  {bare_size / 1e6:6.1f} MB")
    print(f"export (write_calendars, ledger):       {ours:7.2f} s  {ours_size / 1e6:6.1f} MB")
    print(f"first export, {len(first.changes)} ledger entries saved to a store: "
          f"{first_time:.2f} s (information)")
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    print(f"ratio: {ratio:.2f}x ({verdict} the target of at most {TARGET_RATIO}x)")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
