"""The people-side lists as files: names and bytes, the same for the CLI and the TUI.

``rooming.xlsx``/``.pdf`` (a sheet per stay, for the hotels), ``meals.xlsx``/``.pdf`` (a sheet
per day, for the kitchens), ``pickups.xlsx``/``.pdf`` (a sheet per day, for staff and drivers)
and ``visitors-<host>.xlsx``/``.pdf``, one per host, each with that host's visits only. They go
to ``<exports>/<programme>/lists/``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cistrat_tui.core.errors import NotFoundError
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference.places import place_id
from cistrat_tui.core.store.fileio import atomic_write_bytes
from cistrat_tui.exports.filenames import unique_stems
from cistrat_tui.exports.fonts import PdfFont
from cistrat_tui.exports.lists import meals_book, rooming_book
from cistrat_tui.exports.lists_travel import pickups_book, visitor_book, visits_by_host
from cistrat_tui.exports.locations import programme_dir
from cistrat_tui.exports.pdf_lists import render_list_pdf
from cistrat_tui.exports.sheets import Book
from cistrat_tui.exports.xlsx import render_xlsx

LISTS = ("rooming", "meals", "visitors", "pickups")
FORMATS = ("xlsx", "pdf")
BOOKS: dict[str, Callable[[Workshop], Book]] = {
    "rooming": rooming_book, "meals": meals_book, "pickups": pickups_book}


def lists_dir(workshop: Workshop, out: str | Path | None = None) -> Path:
    """``<exports>/<programme>/lists``."""
    return programme_dir(workshop, out) / "lists"


def find_host(workshop: Workshop, key: str) -> str:
    """A visited site's id from its id, reference key (``zhangjiang``) or part of its name."""
    hosts = visits_by_host(workshop)
    if key in hosts:
        return key
    try:
        wanted = place_id(key)
    except (KeyError, ValueError):
        wanted = ""
    if wanted in hosts:
        return wanted
    words = key.casefold()
    found = [s for s in hosts if words in workshop.sites[s].name_en.casefold()
             or (workshop.sites[s].name_zh and key in workshop.sites[s].name_zh)]
    if len(found) == 1:
        return found[0]
    names = ", ".join(sorted(workshop.sites[s].name_en for s in hosts)) or "none"
    if found:
        raise NotFoundError(f"{len(found)} visited sites match {key!r}; be more precise "
                            f"(visited: {names})")
    raise NotFoundError(f"no visit takes place at a site matching {key!r} (visited: {names})")


def books(workshop: Workshop, which: str, *, host: str | None = None,
          birth_dates: bool = False) -> dict[str, Book]:
    """The books of one list by file stem: one book, or one per host for ``visitors``."""
    if which in BOOKS:
        return {which: BOOKS[which](workshop)}
    if which != "visitors":
        raise ValueError(f"unknown list {which!r}; expected one of {', '.join(LISTS)}")
    hosts = [find_host(workshop, host)] if host else list(visits_by_host(workshop))
    stems = unique_stems((h, workshop.sites[h].name_en) for h in hosts)
    return {f"visitors-{stems[h]}": visitor_book(workshop, h, birth_dates=birth_dates)
            for h in hosts}


def render(book: Book, fmt: str, font: PdfFont | None = None) -> bytes:
    if fmt == "xlsx":
        return render_xlsx(book)
    if fmt == "pdf":
        return render_list_pdf(book, font)
    raise ValueError(f"unknown format {fmt!r}; expected xlsx or pdf")


def write_lists(workshop: Workshop, which: str, folder: Path, formats: tuple[str, ...] = FORMATS,
                *, host: str | None = None, birth_dates: bool = False,
                font: PdfFont | None = None) -> list[tuple[Path, Book]]:
    """Write one list in each format (atomically); the paths written and their books."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, book in books(workshop, which, host=host, birth_dates=birth_dates).items():
        for fmt in formats:
            path = folder / f"{stem}.{fmt}"
            atomic_write_bytes(path, render(book, fmt, font))
            written.append((path, book))
    return written
