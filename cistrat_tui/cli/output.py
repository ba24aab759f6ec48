"""What the command line prints goes to the terminal without control characters.

Every subcommand prints records, file names, CSV cells or a geocoder's answers that came from
outside; an escape sequence among them would retitle, clear or recolour the user's terminal.
:func:`printable_output` puts a filter on ``sys.stdout`` and ``sys.stderr`` for the run of a
command, so no single ``print`` can forget it; the rule is the core's
(:func:`cistrat_tui.core.plain_text.printable`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from cistrat_tui.core.plain_text import printable


class PrintableStream:
    """A text stream that drops control characters (tab and newline kept) on the way out."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable(text))
        return len(text)

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> object:  # flush, fileno, isatty, encoding...
        return getattr(self._stream, name)


@contextmanager
def printable_output() -> Iterator[None]:
    """Filter ``sys.stdout`` and ``sys.stderr`` for the block."""
    saved = sys.stdout, sys.stderr
    sys.stdout = PrintableStream(saved[0])
    sys.stderr = PrintableStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
