"""``cistrat-tui print``: write the printed itineraries (group, staff, every trainee's).

Files go to ``<exports>/<programme>/itineraries/``: ``group.pdf``, ``staff.pdf`` and
``trainee-<name>.pdf`` (or ``.md``, ``.txt``), with names made safe and unique as for the
calendars. Each file is written atomically; the paths are printed, one a line.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from cistrat_tui.cli import PROG, Command, open_store
from cistrat_tui.core.fileio import atomic_write_bytes
from cistrat_tui.core.workshop import Workshop
from cistrat_tui.exports.filenames import safe_stem, unique_stems
from cistrat_tui.exports.fonts import FONT_ENV
from cistrat_tui.exports.itinerary import Edition, Itinerary, ItineraryError, build_itinerary
from cistrat_tui.paths import exports_dir

FORMATS = ("pdf", "md", "txt")


def itineraries_dir(workshop: Workshop, out: str | Path | None = None) -> Path:
    """``<exports>/<programme>/itineraries``, where ``<exports>`` is ``out`` or the default."""
    return exports_dir(out) / safe_stem(workshop.programme.title, "programme") / "itineraries"


def find_trainee(workshop: Workshop, key: str) -> str:
    """A trainee's id from their id, or from their name when exactly one trainee has it."""
    if key in workshop.trainees:
        return key
    wanted = " ".join(key.split()).casefold()
    matches = [t.id for t in workshop.trainees.values()
               if " ".join(t.name.split()).casefold() == wanted]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ItineraryError(f"{len(matches)} trainees are named {key!r}; give the id instead")
    raise ItineraryError(f"no trainee has the id or name {key!r} (see the trainees in the app)")


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


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="pdf",
                        help="pdf (default, for print), md (Markdown, for email) or txt "
                             "(plain text, 80 columns)")
    parser.add_argument("--out", metavar="DIR",
                        help="exports folder (default: $CISTRAT_EXPORTS, else exports/); files "
                             "go to DIR/<programme>/itineraries/")
    parser.add_argument("--trainee", metavar="ID",
                        help="only this trainee's edition (their id, or their exact name)")
    parser.add_argument("--font", metavar="PATH",
                        help=f"TrueType font for Chinese in PDFs (default: ${FONT_ENV}, else a "
                             "bundled or system font); 'cid' for the non-embedded STSong-Light")


def warn_about_font(option: str | None) -> None:
    """Say so on stderr when no Chinese font was found to embed and none was asked for."""
    from cistrat_tui.exports.fonts import choose_font

    if option or os.environ.get(FONT_ENV):
        return
    if not choose_font().embedded:
        print(f"{PROG}: warning: no Chinese TrueType font found to embed; the PDFs use the "
              "standard font STSong-Light, which some viewers cannot show. Install "
              f"paperang-p2-fonts-cjk or set {FONT_ENV} to a .ttf/.ttc font.", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Write the itineraries and print their paths."""
    if args.format == "pdf":
        warn_about_font(args.font)
    store, _created = open_store(args, readonly=True)
    with store:
        workshop = store.workshop
        trainee_id = find_trainee(workshop, args.trainee) if args.trainee else None
        folder = itineraries_dir(workshop, args.out)
        for path in write_itineraries(workshop, folder, args.format, trainee_id, args.font):
            print(path)
    return 0


COMMAND = Command("print", "write printed itineraries (PDF, Markdown or text): group, staff "
                  "and every trainee's", run, configure)
