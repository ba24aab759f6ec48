"""The ``cistrat-tui`` program: a subcommand runs on the command line; none opens the app.

This is the one module above both front ends: the command line (:mod:`cistrat_tui.cli`) and the
TUI (:mod:`cistrat_tui.tui`) never import each other, and the TUI is imported only when the app
opens.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def open_app(args: argparse.Namespace) -> int:
    """Open the TUI on the database the options chose."""
    from cistrat_tui.tui.launch import run_app

    return run_app(getattr(args, "db", None), read_only=args.read_only)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program; returns the exit code."""
    from cistrat_tui.cli.main import main as cli_main

    return cli_main(argv, open_app=open_app)
