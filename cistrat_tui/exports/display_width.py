"""Lines measured and wrapped by display width, never inside a Chinese word or name.

A terminal gives a Chinese (wide or full-width) character two columns. Chinese writes no spaces
between words, so a line broken "between any two characters" splits names such as
玉渊潭学术交流酒店 in two, which a reader (or a taxi driver) cannot put back together. Here a run
of characters without blanks is one word: a line breaks at blanks and after Chinese punctuation
(full-width comma, full stop, enumeration comma, semicolon, colon) only. A word longer than a
whole line is the one exception: it is cut, preferably after an address unit (市, 区, 路,
号 ...), so an address still splits where a person would. A phone number is one word too, so
"+86 10 5555 0199" is never read half on one line and half on the next.
"""

from __future__ import annotations

import re
import unicodedata

WIDTH = 80
BREAK_AFTER = frozenset("\uff0c\u3002\u3001\uff1b\uff1a\uff01\uff1f\uff09\u300b\u300d\u300f")
ADDRESS_UNITS = frozenset("省市区县镇乡村街路道巷弄号楼栋院园座层室")
# A phone number ("+86 10 5555 0199") is one word: its blanks are glued while wrapping.
_PHONE = re.compile(r"\+?\d[\d ]{5,}\d")
_GLUE = "\ue000"  # a private-use character, one column wide, never in real text


def is_wide(char: str) -> bool:
    """Whether ``char`` takes two terminal columns."""
    return unicodedata.east_asian_width(char) in "WF"


def columns(value: str) -> int:
    """How many terminal columns ``value`` takes (wide and full-width characters take two,
    combining marks none)."""
    return sum(2 if is_wide(c) else 0 if unicodedata.combining(c) else 1 for c in value)


def _pieces(word: str) -> list[str]:
    """A blank-free word split after its break characters (Chinese punctuation)."""
    pieces, current = [], ""
    for char in word:
        current += char
        if char in BREAK_AFTER:
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    return pieces


def _cut(piece: str, room: int) -> str:
    """The longest head of ``piece`` within ``room`` columns, ending after an address unit
    when one lies in the second half of that head."""
    head = ""
    for char in piece:
        if columns(head + char) > room:
            break
        head += char
    head = head or piece[0]
    for index in range(len(head) - 1, len(head) // 2, -1):
        if head[index] in ADDRESS_UNITS:
            return head[:index + 1]
    return head


def wrap(value: str, indent: str = "", hang: str | None = None, width: int = WIDTH,
         cut_long: bool = True) -> list[str]:
    """``value`` in lines of at most ``width`` columns: the first starts with ``indent``, the
    others with ``hang`` (default: as many spaces as ``indent`` is wide). With ``cut_long``
    false, a word longer than a line (a web address) is kept whole on a line of its own."""
    hang = " " * columns(indent) if hang is None else hang
    value = _PHONE.sub(lambda found: found.group(0).replace(" ", _GLUE), value)
    lines: list[str] = []
    line, used, fresh = indent, columns(indent), True
    for number, word in enumerate(value.split()):
        for index, piece in enumerate(_pieces(word)):
            glue = " " if number and not index and not fresh else ""
            size = columns(piece)
            if used + len(glue) + size > width and not fresh:
                lines.append(line)
                line, used, fresh, glue = hang, columns(hang), True, ""
            while cut_long and used + size > width:
                head = _cut(piece, max(1, width - used))
                lines.append(line + head)
                piece = piece[len(head):]
                size = columns(piece)
                line, used, glue = hang, columns(hang), ""
            if piece:
                line, used, fresh = line + glue + piece, used + len(glue) + size, False
            else:
                fresh = True
    lines.append(line.rstrip())
    return [line.replace(_GLUE, " ") for line in lines]
