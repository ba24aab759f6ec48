"""``cistrat-tui export visitors``: see :mod:`cistrat_tui.cli.commands.export_lists`."""

from __future__ import annotations

from cistrat_tui.cli.commands.export_lists import target

TARGET = target("visitors")
