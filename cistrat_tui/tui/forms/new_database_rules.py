"""What the "New programme" and "Copy this programme to new dates" forms build: a new workshop
and the file it goes to, checked as the coordinator types (free of Textual).

Both call the same core functions as ``cistrat-tui new`` (:mod:`cistrat_tui.core.lifecycle`);
the file must not exist yet, since nothing is ever written over a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.lifecycle import new_programme, redated_copy
from cistrat_tui.core.records import values as v
from cistrat_tui.core.records.workshop import Workshop

NEW_FIELDS = {"path": "New file", "title": "Title", "start": "First day", "end": "Last day",
              "base_city": "Base city"}
COPY_FIELDS = {"path": "New file", "start": "First day", "title": "Title"}
ERROR_FIELDS = {"title": "title", "start date": "start", "end date": "end", "start": "start",
                "base city": "base_city"}


@dataclass
class NewDatabase:
    """A workshop to write as a new database, and what was changed to make it."""

    path: Path
    workshop: Workshop
    notes: list[str] = field(default_factory=list)


def suggested_path(current: Path, start: date) -> str:
    """A file beside the current database, named by the new first month."""
    return str(current.parent / f"workshop-{start:%Y-%m}.json")


def _path(text: str) -> tuple[Path | None, str]:
    text = text.strip()
    if not text:
        return None, "say where the new database goes"
    path = Path(text).expanduser()
    if path.suffix.lower() != ".json":
        return None, "a database file ends in .json"
    if path.exists() or path.is_symlink():
        return None, f"{path} already exists; choose another file (nothing is overwritten)"
    return path, ""


def build_new(texts: dict[str, str]) -> tuple[NewDatabase | None, dict[str, str]]:
    """An empty programme (see :func:`new_programme`) and its file, or the errors by field."""
    path, problem = _path(texts.get("path", ""))
    if path is None:
        return None, {"path": problem}
    try:
        workshop = new_programme(texts.get("title", "").strip(),
                                 v.to_date(texts.get("start", "").strip(), "start date"),
                                 v.to_date(texts.get("end", "").strip(), "end date"),
                                 texts.get("base_city", "").strip())
    except ValidationError as error:
        return None, {ERROR_FIELDS.get(error.field, "title"): error.reason}
    return NewDatabase(path, workshop), {}


def build_copy(texts: dict[str, str], old: Workshop,
               with_trainees: bool) -> tuple[NewDatabase | None, dict[str, str]]:
    """``old`` re-dated to the new first day (see :func:`redated_copy`), or the errors."""
    path, problem = _path(texts.get("path", ""))
    if path is None:
        return None, {"path": problem}
    try:
        start = v.to_date(texts.get("start", "").strip(), "start")
        copy = redated_copy(old, start, title=texts.get("title", "").strip() or None,
                            with_trainees=with_trainees)
    except ValidationError as error:
        return None, {ERROR_FIELDS.get(error.field, "start"): error.reason}
    return NewDatabase(path, copy.workshop, copy.notes), {}
