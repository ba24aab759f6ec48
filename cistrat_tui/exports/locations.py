"""Where the exports go: ``<exports>/<programme>/`` and its folders, the same for both front ends.

``<exports>`` is the folder given (``--out`` or the exports screen's field) or the default
(``$CISTRAT_EXPORTS``, else ``exports/``); ``<programme>`` is the programme's title made safe as a
folder name.
"""

from __future__ import annotations

from pathlib import Path

from cistrat_tui.core.paths import exports_dir
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.exports.filenames import safe_stem


def programme_dir(workshop: Workshop, out: str | Path | None = None) -> Path:
    """``<exports>/<programme>``, where ``<exports>`` is ``out`` or the default."""
    return exports_dir(out) / safe_stem(workshop.programme.title, "programme")


def calendars_dir(workshop: Workshop, out: str | Path | None = None) -> Path:
    """``<exports>/<programme>/calendars``."""
    return programme_dir(workshop, out) / "calendars"


def itineraries_dir(workshop: Workshop, out: str | Path | None = None) -> Path:
    """``<exports>/<programme>/itineraries``."""
    return programme_dir(workshop, out) / "itineraries"
