"""The first screen does not wait for libraries only other areas use: opening the app on the
overview imports neither numpy (the planner), geopy (the sites), icalendar (the exports) nor
reportlab (the PDF itineraries); showing an area imports what it needs then. Checked in a
fresh interpreter, so no other test's imports count."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import asyncio, sys
from pathlib import Path
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.app import CistratApp

HEAVY = ("numpy", "geopy", "icalendar", "reportlab", "importlib.metadata")

async def main() -> None:
    with WorkshopStore.open(Path(sys.argv[1]), create_from=sample_workshop) as store:
        app = CistratApp(store, checker=lambda workshop: [])  # the checks' own imports
        async with app.run_test(size=(120, 40)) as pilot:  # happen in their worker
            await pilot.pause()
            print("first:", ",".join(m for m in HEAVY if m in sys.modules))
            await pilot.press("6")
            await pilot.pause()
            print("planner:", ",".join(m for m in HEAVY if m in sys.modules))

asyncio.run(main())
"""


def test_importing_the_app_imports_not_even_the_checks(tmp_path: Path) -> None:
    code = ("import sys\nfrom cistrat_tui.tui.app import CistratApp\n"
            "print(','.join(m for m in ('numpy', 'geopy', 'icalendar', 'reportlab', "
            "'cistrat_tui.core.checks.runner') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip() == ""


def test_the_first_screen_imports_no_library_of_another_area(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "w.json")],
                          capture_output=True, text=True, timeout=120, check=True)
    lines = dict(line.split(":", 1) for line in done.stdout.splitlines() if ":" in line)
    assert lines["first"].strip() == ""
    assert "numpy" in lines["planner"]  # the area pulls it in when shown
