"""Safe and unique export file names."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from cistrat_tui.exports.filenames import MAX_STEM, safe_stem, unique_stems


def test_names_of_every_script_are_kept_readable() -> None:
    assert safe_stem("Amina Bekele") == "Amina-Bekele"
    assert safe_stem("陈静") == "陈静"
    assert safe_stem("José María Quispe") == "José-María-Quispe"


def test_path_tricks_and_reserved_names_are_defused() -> None:
    assert safe_stem("../../etc/passwd") == "etc-passwd"
    assert safe_stem("a/b\\c:d*e?f\"g<h>i|j") == "a-b-c-d-e-f-g-h-i-j"
    assert safe_stem("CON") == "CON_"
    assert safe_stem("nul") == "nul_"
    assert safe_stem("com1.txt") == "com1-txt_"
    assert safe_stem("...") == "file"
    assert safe_stem("", fallback="trainee") == "trainee"
    assert safe_stem("tab\tnew\nline") == "tab-new-line"


def test_same_name_gets_a_stable_unique_suffix() -> None:
    a, b, c = (str(uuid.uuid4()) for _ in range(3))
    stems = unique_stems([(a, "Li Wei"), (b, "li wei"), (c, "Amina")])
    assert stems[c] == "Amina"
    assert stems[a] == f"Li-Wei-{a[:8]}" and stems[b] == f"li-wei-{b[:8]}"
    assert unique_stems([(b, "li wei"), (a, "Li Wei"), (c, "Amina")]) == stems


def test_decomposed_and_composed_accents_give_one_name() -> None:
    assert safe_stem("Jose\u0301") == safe_stem("Jos\u00e9")


@given(st.text())
def test_any_text_gives_a_safe_stem(text: str) -> None:
    stem = safe_stem(text)
    assert stem and len(stem) <= MAX_STEM + 1
    assert not any(ch in stem for ch in '/\\:*?"<>|\0\n\r\t.')
    assert stem not in {".", ".."} and not stem.startswith("-")


@given(st.lists(st.text(max_size=30), min_size=1, max_size=20))
def test_stems_are_unique_for_any_roster(names: list[str]) -> None:
    pairs = [(str(uuid.uuid4()), name) for name in names]
    stems = unique_stems(pairs)
    assert len({s.casefold() for s in stems.values()}) == len(pairs)


def test_namesakes_whose_ids_begin_alike_still_get_distinct_names() -> None:
    first = "3f1c1b1e-0000-4000-8000-000000000001"
    second = "3f1c1b1e-0000-4000-8000-000000000002"
    stems = unique_stems([(first, "Li Wei"), (second, "Li Wei")])
    assert stems[first] != stems[second]
    assert first in stems[first] and second in stems[second]
