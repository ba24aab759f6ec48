"""File names made from people's names and titles, safe on every operating system.

A trainee's name may hold Chinese, spaces, slashes, dots or a word Windows reserves (``CON``);
the file name keeps the letters of any script, turns everything else into ``-``, and is
unique among its siblings: two trainees of the same name get their id's first characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

MAX_STEM = 80
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CLOCK$", "CONIN$", "CONOUT$",
             *(f"COM{n}" for n in range(10)), *(f"LPT{n}" for n in range(10)),
             *(f"COM{c}" for c in "¹²³"), *(f"LPT{c}" for c in "¹²³")}
_UNSAFE = re.compile(r"[^\w\-]+", re.UNICODE)
_DASHES = re.compile(r"-{2,}")


def safe_stem(text: str, fallback: str = "file") -> str:
    """A file name stem (no extension) that every OS accepts, made from ``text``.

    NFC-normalized so the same name gives the same file on macOS and elsewhere; letters and
    digits of any script kept, anything else (slashes, dots, spaces, control characters)
    replaced by ``-``; at most :data:`MAX_STEM` characters; a Windows device name is suffixed.
    """
    normal = unicodedata.normalize("NFC", text)
    stem = _DASHES.sub("-", _UNSAFE.sub("-", normal)).strip("-_")
    stem = stem[:MAX_STEM].rstrip("-_") or fallback
    if stem.upper() in _RESERVED or stem.split("-")[0].upper() in _RESERVED:
        stem = f"{stem}_"
    return stem


def unique_stems(named: Iterable[tuple[str, str]], fallback: str = "file") -> dict[str, str]:
    """Stems for ``(id, name)`` pairs, unique case-insensitively (Windows and macOS ignore
    case): where names collide, each gets the first 8 characters of its id. Stable: the stem
    of an id does not depend on the order of the pairs."""
    pairs = [(record_id, safe_stem(name, fallback)) for record_id, name in named]
    counts = Counter(stem.casefold() for _, stem in pairs)
    stems: dict[str, str] = {}
    for record_id, stem in pairs:
        if counts[stem.casefold()] > 1:
            suffix = safe_stem(record_id, "id")[:8]
            stem = f"{stem[: MAX_STEM - 9]}-{suffix}"
        stems[record_id] = stem
    # Two namesakes whose ids begin alike: fall back to the whole id for those.
    suffixed = Counter(stem.casefold() for stem in stems.values())
    base = dict(pairs)
    for record_id, stem in stems.items():
        if suffixed[stem.casefold()] > 1:
            whole = safe_stem(record_id, "id")
            stems[record_id] = f"{base[record_id][: max(8, MAX_STEM - len(whole) - 1)]}-{whole}"
    return stems
