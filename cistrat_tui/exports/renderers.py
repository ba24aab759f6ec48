"""The printed formats by name (pdf, md, txt), and writing every edition of an itinerary.

Both front ends write itineraries through :func:`write_itineraries` (or :func:`renderer` for one
file at a time), so a file is the same whichever of them wrote it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.store.fileio import atomic_write_bytes
from cistrat_tui.exports.filenames import unique_stems
from cistrat_tui.exports.itinerary import Edition, Itinerary, ItineraryError, build_itinerary

FORMATS = ("pdf", "md", "txt")


def renderer(fmt: str, font: str | None = None) -> Callable[[Itinerary], bytes]:
    """The function that turns an itinerary into the bytes of a ``fmt`` file."""
    if fmt == "pdf":
        from cistrat_tui.exports.fonts import choose_font
        from cistrat_tui.exports.pdf import render_pdf

        chosen = choose_font(font)
        return lambda itinerary: render_pdf(itinerary, chosen)
    if fmt == "md":
        from cistrat_tui.exports.markdown import render_markdown

        return lambda itinerary: render_markdown(itinerary).encode("utf-8")
    if fmt == "txt":
        from cistrat_tui.exports.text import render_text

        return lambda itinerary: render_text(itinerary).encode("utf-8")
    raise ItineraryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write_itineraries(workshop: Workshop, folder: Path, fmt: str = "pdf",
                      trainee_id: str | None = None, font: str | None = None) -> list[Path]:
    """Write the group, staff and every trainee's edition (or only ``trainee_id``'s) to
    ``folder``; returns the paths written, in that order."""
    render = renderer(fmt, font)
    stems = unique_stems([(t.id, t.name) for t in workshop.trainees.values()], "trainee")
    jobs: list[tuple[str, Itinerary]] = []
    if trainee_id is None:
        jobs += [("group", build_itinerary(workshop, Edition.GROUP)),
                 ("staff", build_itinerary(workshop, Edition.STAFF))]
        trainees = sorted(workshop.trainees.values(), key=lambda t: t.name.casefold())
        ids = [t.id for t in trainees]
    else:
        ids = [trainee_id]
    jobs += [(f"trainee-{stems[t]}", build_itinerary(workshop, Edition.TRAINEE, t)) for t in ids]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, itinerary in jobs:
        path = folder / f"{stem}.{fmt}"
        atomic_write_bytes(path, render(itinerary))
        written.append(path)
    return written
