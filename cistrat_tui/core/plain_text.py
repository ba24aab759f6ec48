"""Text made safe to reach a terminal or a file: the one rule for control characters.

A name typed into a spreadsheet, a hand-edited database or a geocoder's answer may carry
control characters: ``ESC ] 0;`` retitles the terminal window that echoes it, ``ESC [ 2J``
clears it, a NUL cuts a C string, a carriage return hides what came before it. Every
output that a person reads (the command line's echo and error lines, the text and Markdown
itineraries, CSV cells, the app's messages) passes its text through :func:`printable` or
:func:`one_line`, and every text field is cleaned the same way when it enters a record.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 controls (U+0080-U+009F: a terminal
# reads U+009B as CSI, the start of an escape sequence, just like ESC [).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates: they make a terminal or an editor show text in
# another order than it is read ("Trojan source").
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
ELLIPSIS = "…"


def printable(text: str) -> str:
    """``text`` without control characters; newlines and tabs are kept.

    A carriage return (alone or before a newline) becomes a newline, so nothing written
    before it is hidden; every other control character is dropped."""
    if not text or text.isprintable():  # the common case, checked at C speed
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _BIDI.sub("", _CONTROLS.sub("", text))


def shorten(text: str, limit: int = 300) -> str:
    """``text`` cut to at most ``limit`` characters, with an ellipsis and the full length
    when it was cut (a 50 MB field must not become a 50 MB error line)."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}{ELLIPSIS} ({len(text):,} characters)"


def one_line(text: str, limit: int = 2000) -> str:
    """``text`` as one printable line: control characters dropped, every run of blanks
    (newlines and tabs included) made one space, and at most ``limit`` characters."""
    return shorten(" ".join(printable(text).split()), limit)
