"""Property-based: any text a coordinator types exports to a valid file and reads back unchanged."""

from __future__ import annotations

from datetime import datetime

import vobject
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import Programme, Site, Trainee
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.exports.ics import View, build_calendars
from cistrat_tui.exports.ics_text import clean, one_line
from tests.exports.test_ics_workshop import STAMP, fixed_id

# Letters of several scripts, emoji, iCalendar's special characters, and any other character
# except control characters (surrogates cannot be encoded and are refused by the records).
SPECIAL = list("张江高科技园区\uff0c。\uff1b😀🚄👩🏽\u200d🔬,;:\\\n\"'<>&é ")
TRICKY = st.sampled_from(SPECIAL) | st.characters(exclude_categories=("Cs", "Cc"))
TEXT = st.text(TRICKY, min_size=1, max_size=60).filter(lambda s: s.strip())
LONG = st.text(TRICKY, min_size=0, max_size=3000)
NAME = st.text(TRICKY, min_size=3, max_size=60).filter(lambda s: len(s.strip()) >= 3)


def one_activity(title: str, description: str, notes: str, site_name: str,
                 trainee_name: str) -> Workshop:
    workshop = Workshop(Programme("Property Workshop", "2027-03-07", "2027-03-08",
                                  id=fixed_id(1)))
    site = Site("venue", site_name, "Beijing", name_zh="会场", address_en=description[:300],
                lat=39.9, lon=116.4, id=fixed_id(2))
    workshop.put(site)
    workshop.put(Trainee(trainee_name, id=fixed_id(3)))
    workshop.put(Activity("lecture", title, datetime(2027, 3, 7, 9, tzinfo=SHANGHAI),
                          datetime(2027, 3, 7, 10, tzinfo=SHANGHAI), site_id=site.id,
                          description=description, internal_notes=notes, id=fixed_id(4)))
    return workshop


def read(data: bytes) -> vobject.base.Component:
    calendar = vobject.readOne(data.decode("utf-8"))
    calendar.validate(raiseException=True)
    return calendar


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT, description=LONG, notes=LONG, site_name=TEXT, trainee_name=NAME)
def test_any_text_exports_to_a_valid_file_and_reads_back(title: str, description: str,
                                                         notes: str, site_name: str,
                                                         trainee_name: str) -> None:
    name = trainee_name.strip()
    texts = (title, description, notes, site_name)
    assume(not any(name.casefold() in t.casefold() for t in texts))
    # The name must not occur in the file by chance (as in "Asia/Shanghai"), or its absence
    # would prove nothing: export once with another name and look.
    stand_in = one_activity(title, description, notes, site_name, "Stand-in Person")
    assume(name not in build_calendars(stand_in, stamp=STAMP)[0].to_bytes().decode("utf-8"))
    workshop = one_activity(title, description, notes, site_name, trainee_name)
    activity = workshop.activities[fixed_id(4)]
    files = {f.view: f for f in build_calendars(workshop, stamp=STAMP)}
    for view, file in files.items():
        data = file.to_bytes()
        assert b"\n" not in data.replace(b"\r\n", b"")
        calendar = read(data)
        event = calendar.vevent
        assert event.summary.value == one_line(activity.title)  # summaries are one line
        text = event.description.value
        if activity.description:
            assert clean(activity.description) in text
        if view is View.STAFF and activity.internal_notes:
            assert clean(activity.internal_notes) in text
        assert event.location.value.startswith(one_line(workshop.sites[fixed_id(2)].name_en))
        assert event.uid.value == f"{fixed_id(4)}@cistrat-tui"
        calname = calendar.contents["x-wr-calname"][0].value
        if view is View.TRAINEE:
            assert calname == " ".join(clean(f"Property Workshop: {name}").split())
        else:
            assert name not in data.decode("utf-8")
