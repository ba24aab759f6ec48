"""``cistrat-tui export rooming|meals|visitors|pickups`` and ``cistrat-tui pickups``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from cistrat_tui.cli.main import main
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore

LISTS = Path("exports") / "International-Training-Workshop-on-STI-Policy-2027-sample" / "lists"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("which", ["rooming", "meals", "pickups"])
def test_each_list_is_written_as_xlsx_and_pdf(capsys: pytest.CaptureFixture[str],
                                              isolated_workdir: Path, which: str) -> None:
    code, out, err = run(capsys, "export", which)
    assert code == 0, err
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines] == [str(LISTS / f"{which}.xlsx"),
                                                      str(LISTS / f"{which}.pdf")]
    sheets = int(re.search(r": (\d+) sheets?", lines[0])[1])  # type: ignore[index]
    workbook = CalamineWorkbook.from_path(str(LISTS / f"{which}.xlsx"))
    assert len(workbook.sheet_names) == sheets
    assert (LISTS / f"{which}.pdf").read_bytes().startswith(b"%PDF")


def test_visitors_one_file_per_host_or_one_host(capsys: pytest.CaptureFixture[str],
                                                isolated_workdir: Path) -> None:
    code, out, err = run(capsys, "export", "visitors", "--format", "xlsx")
    assert code == 0, err
    assert len(out.splitlines()) == 7
    files = sorted(p.name for p in LISTS.iterdir())
    assert len(files) == 7 and "visitors-Shanghai-Zhangjiang-Hi-Tech-Park.xlsx" in files
    for path in LISTS.iterdir():
        path.unlink()
    code, _, err = run(capsys, "export", "visitors", "--site", "zhangjiang", "--format",
                       "pdf")
    assert code == 0, err
    assert [p.name for p in LISTS.iterdir()] == ["visitors-Shanghai-Zhangjiang-Hi-Tech-Park.pdf"]


def test_an_unknown_host_is_one_line(capsys: pytest.CaptureFixture[str],
                                     isolated_workdir: Path) -> None:
    code, out, err = run(capsys, "export", "visitors", "--site", "Atlantis")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "no visit takes place at a site matching 'Atlantis'" in err


def _without_pickups(db: Path) -> Workshop:
    workshop = sample_workshop()
    for activity in list(workshop.activities.values()):
        if activity.title.startswith("Airport pickup"):
            del workshop.activities[activity.id]
    WorkshopStore.open(db, create_from=lambda: workshop).close()
    return workshop


def test_pickups_are_proposed_then_applied_once(capsys: pytest.CaptureFixture[str],
                                                isolated_workdir: Path) -> None:
    db = isolated_workdir / "w.json"
    workshop = _without_pickups(db)
    code, out, err = run(capsys, "--db", str(db), "pickups")
    assert code == 0, err
    assert "7 proposed; run again with --apply" in out
    assert "Sat 06 Mar 15:55" in out and "Imran Qureshi" in out
    with WorkshopStore.open(db, readonly=True) as store:
        assert len(store.workshop.activities) == len(workshop.activities)  # nothing written
    code, out, err = run(capsys, "--db", str(db), "pickups", "--apply")
    assert code == 0 and "saved 7 new planned legs and added trainees to 0" in out
    with WorkshopStore.open(db, readonly=True) as store:
        added = [a for a in store.workshop.activities.values()
                 if a.title.startswith("Airport pickup")]
        assert len(added) == 7 and {a.status for a in added} == {"planned"}
    _, out, _ = run(capsys, "--db", str(db), "pickups")
    assert "nothing to propose" in out


def test_a_later_allowance_moves_the_pickups(capsys: pytest.CaptureFixture[str],
                                             isolated_workdir: Path) -> None:
    db = isolated_workdir / "w.json"
    _without_pickups(db)
    code, out, _ = run(capsys, "--db", str(db), "pickups", "--allowance", "90")
    assert code == 0 and "Sat 06 Mar 16:10" in out  # 14:40 + 90 min
