"""From the bytes of a file a coordinator chose to text: the kinds of file, the size limit, the
encoding; and the refusal that lists why nothing was imported.

A CSV file arrives as spreadsheets save it: UTF-8 with or without a byte-order mark, UTF-16
with a mark ("Unicode text"), or a legacy encoding: GB18030 (Chinese Excel), Windows-1252
(Western Excel), Windows-1251 (Cyrillic). A legacy encoding is detected, not tried, and named
as a guess for the coordinator to check.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from cistrat_tui.core.errors import CistratError

MAX_BYTES = 20_000_000


class ImportRefused(CistratError):
    """The file cannot be imported; ``problems`` lists every reason, one line each."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"nothing was imported ({count} {noun}): " + "; ".join(self.problems))


def read_file(path: Path, what: str = "records") -> bytes:
    """The bytes of the file to import, at most :data:`MAX_BYTES`; ImportRefused otherwise.

    The kind of file is checked before a byte is read and the size while reading, so a
    device (``/dev/zero``), a named pipe that nobody writes to, or a folder is refused at
    once instead of hanging or filling the memory."""
    try:
        found = os.stat(path)
    except OSError as error:
        raise ImportRefused([f"cannot read {path}: {error.strerror or error}"]) from None
    if not stat.S_ISREG(found.st_mode):
        kind = "a folder" if stat.S_ISDIR(found.st_mode) else "not a regular file (a device " \
            "or a pipe)"
        raise ImportRefused([f"{path} is {kind}; save the list of {what} as a CSV file"])
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise ImportRefused([f"cannot read {path}: {error.strerror or error}"]) from None
    if len(data) > MAX_BYTES:
        raise ImportRefused([f"{path} is larger than {MAX_BYTES:,} bytes; a list of {what} is "
                             "far smaller"])
    return data


# The encodings a spreadsheet saves a CSV in when it is not UTF-8, by the name shown to the
# coordinator: Chinese Excel (GB18030), Western Excel (Windows-1252), Cyrillic Excel
# (Windows-1251, used from Mongolia to Central Asia). A byte string of any of them often
# decodes "successfully" as another (Ana Gonçalves as GB18030 is Ana Gon鏰lves), so the
# text is judged, not the decoding: charset-normalizer scores each candidate's decoded text
# by how much it looks like a language, and the least chaotic one wins.
GUESSED_ENCODINGS = {"gb18030": "GB18030", "cp1252": "Windows-1252", "cp1251": "Windows-1251"}


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and the name of its encoding; ImportRefused when it is none of
    UTF-8 (with or without a mark), UTF-16 with a mark, or one of
    :data:`GUESSED_ENCODINGS`. A name with "(guessed)" says the encoding was detected, for
    the coordinator to check the names in the preview."""
    if data.startswith(b"\xef\xbb\xbf"):
        attempts = [("utf-8-sig", "UTF-8")]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        attempts = [("utf-16", "UTF-16")]
    else:
        attempts = [("utf-8", "UTF-8")]
    for codec, name in attempts:
        try:
            return data.decode(codec), name
        except UnicodeDecodeError:
            continue
    if len(attempts) == 1 and attempts[0][0] == "utf-8":
        guess = _guess_encoding(data)
        if guess is not None:
            return guess
    raise ImportRefused(["the file is not text in UTF-8, GB18030 or Windows-1252; save it "
                         "from the spreadsheet as 'CSV UTF-8' and try again"])


def _guess_encoding(data: bytes) -> tuple[str, str] | None:
    """The most plausible of :data:`GUESSED_ENCODINGS` for ``data``, or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(GUESSED_ENCODINGS), explain=False).best()
    if best is None or best.encoding not in GUESSED_ENCODINGS:
        return None
    try:
        text = data.decode(best.encoding)
    except UnicodeDecodeError:
        return None
    return text, f"{GUESSED_ENCODINGS[best.encoding]} (guessed)"
