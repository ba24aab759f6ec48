"""Reading the file to import: the kind of file is checked before a byte is read, the size
while reading; the refusal says why in one line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cistrat_tui.core.io import file_bytes
from cistrat_tui.core.io.file_bytes import ImportRefused, read_file


def test_a_file_within_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(b"Name\nAna\n")
    assert read_file(path) == b"Name\nAna\n"


def test_a_file_over_the_limit_is_refused_having_read_no_more_than_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_bytes, "MAX_BYTES", 100)
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * 101)
    with pytest.raises(ImportRefused, match="larger than 100 bytes"):
        read_file(path, "trainees")
    path.write_bytes(b"x" * 100)
    assert len(read_file(path)) == 100


@pytest.mark.parametrize("kind", ["device", "fifo", "folder", "missing"])
def test_what_is_not_a_regular_file_is_refused_without_reading(tmp_path: Path,
                                                                kind: str) -> None:
    path = {"device": Path("/dev/zero"), "fifo": tmp_path / "pipe", "folder": tmp_path,
            "missing": tmp_path / "nowhere.csv"}[kind]
    if kind == "fifo":
        os.mkfifo(path)
    with pytest.raises(ImportRefused) as refused:
        read_file(path, "sites")
    (problem,) = refused.value.problems
    assert str(path) in problem and "\n" not in problem
