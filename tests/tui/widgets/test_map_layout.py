"""The map's projection and drawing, without a terminal."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

from cistrat_tui.core.records.model import Programme, Site
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.tui.widgets.map_layout import (
    CITY_CENTRES,
    CITY_MARK,
    City,
    Projection,
    cities_in_use,
    draw_map,
    line_dots,
    map_text,
    route,
)


def test_map_layout_does_not_import_textual() -> None:
    code = ("import sys, cistrat_tui.tui.widgets.map_layout, cistrat_tui.tui.forms.activity_rules, "
            "cistrat_tui.tui.history, cistrat_tui.tui.problem_source; "
            "print('textual' in sys.modules, 'rich' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False"]


def test_projection_keeps_north_up_and_east_right() -> None:
    projection = Projection.fit([], 100, 100)
    beijing = projection.dot(*CITY_CENTRES["Beijing"])
    guangzhou = projection.dot(*CITY_CENTRES["Guangzhou"])
    shanghai = projection.dot(*CITY_CENTRES["Shanghai"])
    assert beijing[1] < guangzhou[1]  # north is up
    assert shanghai[0] > guangzhou[0]  # east is right
    for x, y in (beijing, guangzhou, shanghai):
        assert 0 <= x < 100 and 0 <= y < 100


def test_projection_keeps_shapes() -> None:
    """A degree of latitude covers the same number of dots on a wide and a tall canvas."""
    for width, height in ((200, 50), (50, 200)):
        p = Projection.fit([], width, height)
        per_lat = (height - 1) / (p.north - p.south)
        per_lon = (width - 1) / (p.east - p.west)
        assert per_lon / per_lat == pytest.approx(0.86, abs=0.05)  # cos(31°)


def test_projection_takes_in_a_far_city() -> None:
    urumqi = (43.8, 87.6)
    p = Projection.fit([urumqi], 80, 40)
    assert p.west < 87.6 and p.north > 43.8
    x, y = p.dot(*urumqi)
    assert x > 0 and y > 0


def test_line_dots_joins_the_ends() -> None:
    dots = line_dots((0, 0), (5, 2))
    assert dots[0] == (0, 0) and dots[-1] == (5, 2)
    assert len(dots) == 6
    assert all(abs(a[0] - b[0]) <= 1 and abs(a[1] - b[1]) <= 1
               for a, b in itertools.pairwise(dots))


def test_sample_route_in_visiting_order() -> None:
    assert route(sample_workshop()) == ["Beijing", "Guangzhou", "Wuhan", "Hangzhou",
                                        "Shanghai", "Suzhou", "Beijing"]


def test_cities_in_use_adds_a_seventh_city() -> None:
    workshop = Workshop(Programme("T", "2027-03-07", "2027-03-27"))
    xian = Site("science_park", "Xi'an Hi-Tech Zone", "Xi'an", lat=34.2, lon=108.9)
    workshop.put(xian)
    from datetime import datetime

    from cistrat_tui.core.records.activity import Activity
    from cistrat_tui.core.records.values import SHANGHAI
    start = datetime(2027, 3, 8, 9, tzinfo=SHANGHAI)
    workshop.put(Activity("visit", "V", start, start.replace(hour=10), site_id=xian.id))
    names = {c.name for c in cities_in_use(workshop)}
    assert names == set(CITY_CENTRES) | {"Xi'an"}


@pytest.mark.parametrize(("columns", "rows"), [(40, 16), (76, 30), (150, 45)])
def test_draw_map_labels_all_six_cities(columns: int, rows: int) -> None:
    workshop = sample_workshop()
    grid = draw_map(cities_in_use(workshop), route(workshop), columns, rows)
    assert len(grid) == rows and all(len(row) == columns for row in grid)
    text = "\n".join(map_text(grid))
    for city in CITY_CENTRES:
        assert city in text, city
    assert text.count(CITY_MARK) == 6
    roles = {role for row in grid for _, role in row}
    assert {"coast", "route", "city", "label"} <= roles


def test_labels_sit_beside_their_mark() -> None:
    cities = [City("Suzhou", 31.3, 120.585), City("Shanghai", 31.23, 121.47)]
    grid = draw_map(cities, [], 40, 16)
    for line in map_text(grid):
        if "Suzhou" in line:
            at = line.index("Suzhou")
            assert CITY_MARK in (line[at - 1: at], line[at + 6: at + 7])


def test_no_route_without_activities() -> None:
    workshop = Workshop(Programme("T", "2027-03-07", "2027-03-27"))
    grid = draw_map(cities_in_use(workshop), route(workshop), 40, 16)
    assert "route" not in {role for row in grid for _, role in row}
