"""The font that prints Chinese (and Latin) in the PDF itineraries.

The app ships its own: Noto Sans SC Regular (``cistrat_tui/data/fonts/``, with ``OFL.txt``, the
SIL Open Font License 1.1 under which Adobe and Google publish it), so a fresh machine prints the
same pages as the coordinator's without installing anything else. Typst, the PDF engine, embeds
it (only the characters used) with its OpenType (CFF) outlines, which the earlier engine could
not.

Another font may be chosen with ``--font`` or the environment variable ``CISTRAT_FONT``: a font
file (``.otf``, ``.ttf``, ``.ttc``/``.otc``) that has Chinese characters. A font that is asked
for and cannot be used is an error with one clear line, never silently replaced.
"""

from __future__ import annotations

import atexit
import os
import shutil
import struct
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from cistrat_tui.core.errors import CistratError

FONT_ENV = "CISTRAT_FONT"
BUNDLED_FAMILY = "Noto Sans SC"
BUNDLED_FILE = "NotoSansSC-Regular.otf"
LICENCE_FILE = "OFL.txt"
PROBE = "北京市中关村师傅请送我到这里"  # characters every itinerary prints
_FONT_SUFFIXES = (".otf", ".ttf", ".ttc", ".otc")


class FontError(CistratError):
    """The chosen font cannot print Chinese in a PDF."""


@dataclass(frozen=True, slots=True)
class PdfFont:
    """A font for the PDF engine: its family name there, the folder it is read from, and a
    line that says where it came from (kept in the PDF's metadata)."""

    family: str
    folder: Path  # the folder the PDF engine reads the font from
    source: str
    embedded: bool = True  # the PDF engine always embeds the (subset) font


def bundled_font_path() -> Path:
    """The font file shipped with the app."""
    return Path(str(resources.files("cistrat_tui.data") / "fonts" / BUNDLED_FILE))


def bundled_licence_path() -> Path:
    """The licence text shipped beside the font."""
    return Path(str(resources.files("cistrat_tui.data") / "fonts" / LICENCE_FILE))


def _cmap_has(path: Path, index: int, wanted: str) -> list[str]:
    """The characters of ``wanted`` that the font's Unicode character map lacks (all of them
    when the file has no readable map): a small reader of the sfnt ``cmap`` table, formats 4
    and 12, as the PDF engine itself would draw a blank box for a missing character."""
    data = path.read_bytes()
    offset = 0
    if data[:4] in (b"ttcf",):
        offset = struct.unpack_from(">I", data, 12 + 4 * index)[0]
    tables = struct.unpack_from(">H", data, offset + 4)[0]
    cmap = next((struct.unpack_from(">I", data, offset + 12 + 16 * n + 8)[0]
                 for n in range(tables) if data[offset + 12 + 16 * n:][:4] == b"cmap"), None)
    if cmap is None:
        return list(wanted)
    covered: set[int] = set()
    codes = {ord(c) for c in wanted}
    for n in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        platform, encoding, sub = struct.unpack_from(">HHI", data, cmap + 4 + 8 * n)
        if (platform, encoding) not in ((3, 1), (3, 10), (0, 3), (0, 4)):
            continue
        table = cmap + sub
        kind = struct.unpack_from(">H", data, table)[0]
        if kind == 4:
            segments = struct.unpack_from(">H", data, table + 6)[0] // 2
            ends = struct.unpack_from(f">{segments}H", data, table + 14)
            starts = struct.unpack_from(f">{segments}H", data, table + 16 + 2 * segments)
            covered |= {c for c in codes for a, b in zip(starts, ends, strict=True) if a <= c <= b}
        elif kind == 12:
            groups = struct.unpack_from(">I", data, table + 12)[0]
            for g in range(groups):
                a, b, _ = struct.unpack_from(">III", data, table + 16 + 12 * g)
                covered |= {c for c in codes if a <= c <= b}
    return [c for c in wanted if ord(c) not in covered]


def _font_folder(path: Path) -> Path:
    """A private folder that holds only ``path`` (as a link): the PDF engine reads fonts by
    folder, and the chosen file's own folder may hold hundreds of others."""
    folder = Path(tempfile.mkdtemp(prefix="cistrat-font-"))
    atexit.register(shutil.rmtree, folder, True)
    link = folder / f"chosen{path.suffix.lower()}"
    try:
        link.symlink_to(path)
    except OSError:  # no symbolic links here (Windows without the privilege): copy it
        shutil.copyfile(path, link)
    return folder


@lru_cache(maxsize=16)
def _checked(path: Path, source: str, bundled: bool = False) -> PdfFont:
    """The font at ``path`` once it is known to print Chinese."""
    import typst

    if path.suffix.lower() not in _FONT_SUFFIXES:
        raise FontError(f"cannot use the font {path}: choose an .otf, .ttf or .ttc font file")
    folder = path.parent if bundled else _font_folder(path)
    found = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                        font_paths=[str(folder)]).fonts()
    if not found:
        raise FontError(f"cannot use the font {path}: it is not a font the PDF engine can read")
    try:
        missing = _cmap_has(path, found[0].index, PROBE)
    except (OSError, struct.error, IndexError) as error:
        raise FontError(f"cannot use the font {path}: {error}") from None
    if missing:
        raise FontError(f"the font {path} has no Chinese characters (no {missing[0]}); choose "
                        "a Chinese font, or leave --font out for the bundled Noto Sans SC")
    return PdfFont(found[0].family, folder, source)


def choose_font(option: str | None = None) -> PdfFont:
    """The font for the PDFs: ``option``, else ``$CISTRAT_FONT``, else the bundled Noto Sans
    SC."""
    chosen = option or os.environ.get(FONT_ENV, "").strip()
    if not chosen:
        path = bundled_font_path()
        if not path.is_file():
            raise FontError(f"the bundled font {path} is missing; reinstall cistrat-tui")
        return _checked(path.resolve(), f"{BUNDLED_FAMILY} (bundled, SIL Open Font License)",
                        bundled=True)
    path = Path(chosen).expanduser()
    if not path.is_file():
        raise FontError(f"the font {path} (from {'--font' if option else FONT_ENV}) "
                        "does not exist")
    return _checked(path.resolve(), str(path))
