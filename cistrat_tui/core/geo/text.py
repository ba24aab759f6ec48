"""Text from a geocoder made safe to print: no terminal escapes, no control characters.

A place name comes from a server (or a cache file that anyone could edit): an ``ESC ] 0;``
sequence in it would retitle the coordinator's terminal, others can hide or rewrite what is
shown. Every name is cleaned when it arrives and again when it is read back from the cache.
"""

from __future__ import annotations

import re
import unicodedata

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-character ESC sequences, and the
# single-byte C1 CSI/OSC introducers.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
                      r"|[\x9b][0-?]*[ -/]*[@-~]|[\x9d][^\x07\x9c]*[\x07\x9c]?|\x1b.?")


def clean_name(value: str) -> str:
    """``value`` without escape sequences and control or format characters (bidi overrides
    included), blanks collapsed to single spaces."""
    value = _ESCAPES.sub("", value)
    kept = "".join(" " if c.isspace() else c for c in value
                   if c.isspace() or not unicodedata.category(c).startswith("C"))
    return " ".join(kept.split())
