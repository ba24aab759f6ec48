"""``cistrat-tui resources``: list, add and remove vehicles, interpreters and guides."""

from __future__ import annotations

from pathlib import Path

import pytest

from cistrat_tui.cli.main import main
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    db = Path(argv[1])
    if argv[0] == "--db" and not db.exists():  # the sample, written as 'new --sample' does
        WorkshopStore.open(db, create_from=sample_workshop).close()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_add_list_and_remove(capsys: pytest.CaptureFixture[str],
                             isolated_workdir: Path) -> None:
    db = str(isolated_workdir / "w.json")
    code, out, err = run(capsys, "--db", db, "resources")
    assert code == 0, err
    assert "Interpreter: Zhao Min (sample interpreter): booked for 15 activities" in out
    code, out, err = run(capsys, "--db", db, "resources", "add", "vehicle", "Van 3",
                         "--seats", "7", "--plate", "京B·V5514", "--driver", "Li Qiang")
    assert (code, out) == (0, "added Van 3 (京B·V5514, 7 seats)\n"), err
    with WorkshopStore.open(Path(db), readonly=True) as store:
        [van] = [r for r in store.workshop.resources.values() if r.name == "Van 3"]
        assert (van.seats, van.driver) == (7, "Li Qiang")
    code, out, err = run(capsys, "--db", db, "resources", "remove", "van 3")
    assert code == 0 and out.startswith("removed Van 3")


@pytest.mark.parametrize(("argv", "message"), [
    (["add", "vehicle", "Bus X"], "seats: say how many passenger seats the vehicle has"),
    (["add", "guide", "Sun Li (sample guide)"], "already has that name"),
    (["add", "guide", "Ma Ke", "--seats", "3"], "only a vehicle has seats"),
    (["remove", "Van 1"], "Van 1 is still booked for 3 activities"),
    (["remove", "Nobody"], "no vehicle, interpreter or guide is called 'Nobody'"),
])
def test_refusals_are_one_line(capsys: pytest.CaptureFixture[str], isolated_workdir: Path,
                               argv: list[str], message: str) -> None:
    code, out, err = run(capsys, "--db", str(isolated_workdir / "w.json"), "resources", *argv)
    assert code == 1 and out == "" and err.count("\n") == 1 and message in err
