"""PDF itineraries (A4 portrait) typeset by Typst: a first page with the contacts, the hotels
and the weeks at a glance, then the days, then taxi cards four to a page.

``render_pdf(itinerary)`` returns the document's bytes. The layout is the template
``itinerary.typ`` beside this module; the content is the data of :mod:`pdf_data`, handed over as
JSON. Typst embeds the OpenType CJK font (:mod:`fonts`), breaks mixed Chinese and Latin lines
where each script allows, and numbers the pages ("page N of M") in one pass.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from cistrat_tui import __version__
from cistrat_tui.core.errors import CistratError
from cistrat_tui.exports.fonts import BUNDLED_FAMILY, PdfFont, bundled_font_path, choose_font
from cistrat_tui.exports.itinerary import Itinerary
from cistrat_tui.exports.pdf_data import document_data

TEMPLATE = "itinerary.typ"


class PdfError(CistratError):
    """The PDF engine could not typeset the itinerary."""


def template(name: str = TEMPLATE) -> Path:
    """A Typst template shipped with the app (the itinerary's by default)."""
    return Path(str(resources.files("cistrat_tui.exports") / name))


@lru_cache(maxsize=8)
def _compiler(name: str, folder: str) -> Any:
    """A Typst compiler that has read the template and the fonts once: every document after
    the first reuses them (the font file alone is 8 MB). The bundled font is always there too,
    as the fallback for any character a chosen font lacks (Latin letters in a Chinese-only
    font)."""
    import typst

    path = template(name)
    folders = list(dict.fromkeys([folder, str(bundled_font_path().parent)]))
    return typst.Compiler(str(path), root=str(path.parent), font_paths=folders,
                          ignore_system_fonts=True)


def typeset(name: str, data: dict[str, Any], font: PdfFont | None = None) -> bytes:
    """A PDF from the template ``name`` and its data (handed over as JSON, never as markup),
    in ``font`` (else the one :func:`~.fonts.choose_font` picks)."""
    import typst

    font = font or choose_font()
    creator = f"cistrat-tui {__version__} (font: {font.source})"
    try:
        pdf = _compiler(name, str(font.folder)).compile(
            sys_inputs={"data": json.dumps(data, ensure_ascii=False), "font": font.family,
                        "fallback": BUNDLED_FAMILY, "creator": creator})
    except typst.TypstError as error:
        message = " ".join(str(error).split())[:300]
        raise PdfError(f"the PDF could not be typeset: {message}") from None
    if not isinstance(pdf, bytes):
        raise PdfError("the PDF engine returned no document")
    return pdf


def render_pdf(itinerary: Itinerary, font: PdfFont | None = None) -> bytes:
    """The itinerary as a PDF document."""
    footer = f"{itinerary.title} - {itinerary.edition_label}"
    return typeset(TEMPLATE, document_data(itinerary, footer), font)
