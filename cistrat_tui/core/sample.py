"""The bundled sample workshop: what the app opens when no database exists yet.

``cistrat_tui/data/sample/workshop.json`` (built by ``build_sample.py`` beside it) holds a
realistic, entirely fictional three-week programme in the format of :meth:`Workshop.to_tables`.
It is read from the installed package, so it works outside a checkout too."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from cistrat_tui.core.records.workshop import Workshop

DATA_PACKAGE = "cistrat_tui.data"


def sample_tables() -> dict[str, list[dict[str, Any]]]:
    """The sample workshop as plain data, one list per table (a fresh copy each call)."""
    resource = resources.files(DATA_PACKAGE) / "sample" / "workshop.json"
    tables: dict[str, list[dict[str, Any]]] = json.loads(resource.read_text(encoding="utf-8"))
    return tables


def sample_workshop() -> Workshop:
    """A new Workshop built from the sample, with every record validated."""
    return Workshop.from_tables(sample_tables())
