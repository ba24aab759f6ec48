"""The font that prints Chinese in the PDF itineraries, found so that it works on a fresh machine.

The first of these that exists is used:

1. the font named by ``--font`` or the environment variable ``CISTRAT_FONT``: a TrueType font
   file (``.ttf``, or a ``.ttc`` collection, optionally ``PATH#N`` for its N-th font) that has
   Chinese characters, or ``cid`` for the built-in fallback below;
2. WenQuanYi Micro Hei, shipped by the ``paperang-p2-fonts-cjk`` package (installed with the app);
3. a Chinese TrueType font of the system (Microsoft YaHei, SimHei, SimSun on Windows; Songti,
   STHeiti on macOS; WenQuanYi, Droid Sans Fallback, AR PL on Linux);
4. the PDF standard Chinese font STSong-Light, which is not embedded: Acrobat, Preview, browsers
   and most phones show it with their own Chinese font, but a viewer without one shows nothing.

Fonts 1-3 are embedded (only the characters used), so the PDF shows the same everywhere. Fonts
with PostScript outlines (``.otf``, the Noto/Source Han CJK families) cannot be embedded by the
PDF library and are refused with a message that says so.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

from cistrat_tui.core.errors import CistratError

FONT_ENV = "CISTRAT_FONT"
CID_FALLBACK = "STSong-Light"
_PROBE = "北京市中关村"  # characters a Chinese font must have

SYSTEM_FONTS = (
    "C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/simhei.ttf", "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc", "/System/Library/Fonts/STHeiti Medium.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc", "/usr/share/fonts/truetype/arphic/ukai.ttc",
)


class FontError(CistratError):
    """The chosen font cannot print Chinese in a PDF."""


@dataclass(frozen=True, slots=True)
class PdfFont:
    """A font registered with the PDF library: its name there, where it came from, and whether
    it is embedded in the PDF."""

    name: str
    source: str
    embedded: bool


def _split(spec: str) -> tuple[Path, int]:
    path, _, index = spec.rpartition("#")
    if path and index.isdigit():
        return Path(path).expanduser(), int(index)
    return Path(spec).expanduser(), 0


def _outline_problem(path: Path, index: int) -> str:
    """Why the file cannot be embedded, or '' when it is a TrueType font (or collection)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(12)
            offset = 0
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                if index >= count:
                    return f"it holds {count} fonts; #{index} does not exist"
                handle.seek(12 + 4 * index)
                offset = struct.unpack(">I", handle.read(4))[0]
                handle.seek(offset)
                head = handle.read(12)
            if head[:4] not in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
                return "it is not a TrueType or OpenType font"
            tables = struct.unpack(">H", head[4:6])[0]
            tags = {handle.read(16)[:4] for _ in range(tables)}
    except OSError as error:
        return error.strerror or str(error)
    except struct.error:
        return "the file is truncated"
    if b"glyf" not in tags:
        return ("it has PostScript (CFF) outlines, which the PDF library cannot embed; use a "
                "TrueType (.ttf/.ttc) font")
    return ""


@lru_cache(maxsize=16)
def _register(path: Path, index: int) -> PdfFont:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    problem = _outline_problem(path, index)
    if problem:
        raise FontError(f"cannot use the font {path}: {problem}")
    name = f"CistratCJK-{len(pdfmetrics.getRegisteredFontNames())}"
    try:
        font = TTFont(name, str(path), subfontIndex=index)
    except (TTFError, OSError, ValueError) as error:
        raise FontError(f"cannot use the font {path}: {error}") from None
    missing = [c for c in _PROBE if ord(c) not in font.face.charToGlyph]
    if missing:
        raise FontError(f"the font {path} has no Chinese characters (no {missing[0]}); choose "
                        "a Chinese font")
    pdfmetrics.registerFont(font)
    source = f"{path}#{index}" if index else str(path)
    return PdfFont(name, source, True)


@lru_cache(maxsize=1)
def _cid_font() -> PdfFont:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return PdfFont(CID_FALLBACK, f"{CID_FALLBACK} (built into PDF viewers, not embedded)", False)


def packaged_fonts() -> list[Path]:
    """Chinese fonts that installed Python packages ship."""
    found = []
    if find_spec("paperang_p2_fonts_cjk") is not None:
        found.append(Path(str(resources.files("paperang_p2_fonts_cjk")
                              / "fonts" / "wqy-microhei.ttc")))
    return [p for p in found if p.is_file()]


def candidate_fonts() -> list[Path]:
    """Packaged, then system fonts, in the order they are tried."""
    return packaged_fonts() + [Path(p) for p in SYSTEM_FONTS if Path(p).is_file()]


def choose_font(option: str | None = None) -> PdfFont:
    """The font for Chinese text: ``option``, else ``$CISTRAT_FONT``, else a packaged or system
    font, else the non-embedded STSong-Light. A font that is asked for by name and cannot be
    used is an error, never silently replaced."""
    chosen = option or os.environ.get(FONT_ENV, "").strip()
    if chosen:
        if chosen.lower() in ("cid", CID_FALLBACK.lower()):
            return _cid_font()
        path, index = _split(chosen)
        if not path.is_file():
            raise FontError(f"the font {path} (from {'--font' if option else FONT_ENV}) "
                            "does not exist")
        return _register(path.resolve(), index)
    for path in candidate_fonts():
        try:
            return _register(path.resolve(), 0)
        except FontError:
            continue
    return _cid_font()
