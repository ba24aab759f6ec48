"""Map coordinates in the three datums used in China, and links that open a site in a map app.

GPS and OpenStreetMap use WGS84. Inside mainland China, Amap (Gaode) and Tencent show GCJ-02, an
obfuscated datum 300-700 m away from WGS84, and Baidu adds its own shift on top of that (BD-09).
A coordinate pasted from one of these apps must be converted before it is stored (the app stores
WGS84), and a link to one of them must carry coordinates in the datum it expects, or the pin lands
on the wrong street. Outside China the apps use WGS84, so the offsets are applied only inside it.

The forward formulas are the published GCJ-02 and BD-09 ones (as in the eviltransform and
coordtransform projects); the reverse directions have no closed form and are solved by
iteration to well under a millimetre.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import quote, urlencode

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records.model import Site

_A = 6378245.0  # semi-major axis of the Krasovsky 1940 ellipsoid, which GCJ-02 uses
_EE = 0.00669342162296594323  # its eccentricity squared
_X_PI = math.pi * 3000.0 / 180.0
_TOLERANCE = 1e-10  # degrees, about 0.01 mm: where the reverse iterations stop
_MAX_STEPS = 40

# Mainland China as a few latitude/longitude boxes (north, west, south, east), with the boxes
# cut out that the simple outline would wrongly include (Taiwan, northern Vietnam, parts of
# Mongolia and Russia). Coarse near the borders, exact enough for every place a map app shows.
_CHINA = (
    (49.220400, 79.446200, 42.889900, 96.330000),
    (54.141500, 109.687200, 39.374200, 135.000200),
    (42.889900, 73.124600, 29.529700, 124.143255),
    (29.529700, 82.968400, 26.718600, 97.035200),
    (29.529700, 97.025300, 20.414096, 124.367395),
    (20.414096, 107.975793, 17.871542, 111.744104),
)
_NOT_CHINA = (
    (25.398623, 119.921265, 21.785006, 122.497559),
    (22.284000, 101.865200, 20.098800, 106.665000),
    (21.542200, 106.452500, 20.487800, 108.051000),
    (55.817500, 109.032300, 50.325700, 119.127000),
    (55.817500, 127.456800, 49.557400, 137.022700),
    (44.892200, 131.266200, 42.569200, 137.022700),
)


class Datum(StrEnum):
    """A geodetic datum for latitude and longitude."""

    WGS84 = "wgs84"  # GPS, OpenStreetMap, geopy, Apple and Google maps outside China
    GCJ02 = "gcj02"  # Amap (Gaode), Tencent, Apple and Google maps inside China
    BD09 = "bd09"  # Baidu


_DATUM_NAMES = {
    "wgs84": Datum.WGS84, "wgs": Datum.WGS84, "gps": Datum.WGS84, "osm": Datum.WGS84,
    "gcj02": Datum.GCJ02, "gcj": Datum.GCJ02, "amap": Datum.GCJ02, "gaode": Datum.GCJ02,
    "tencent": Datum.GCJ02, "mars": Datum.GCJ02,
    "bd09": Datum.BD09, "bd09ll": Datum.BD09, "bd": Datum.BD09, "baidu": Datum.BD09,
}


def parse_datum(value: object, field: str = "datum") -> Datum:
    """A datum from its name or the app that uses it: 'WGS-84', 'gcj02', 'Amap', 'Baidu'..."""
    if isinstance(value, Datum):
        return value
    key = str(value or "").strip().lower().replace("-", "").replace("_", "").replace(" ", "")
    if key in _DATUM_NAMES:
        return _DATUM_NAMES[key]
    raise ValidationError(field, f"{value!r} is not a known datum; choose WGS84 (GPS, "
                          "OpenStreetMap), GCJ-02 (Amap, Tencent) or BD-09 (Baidu)")


def in_china(lat: float, lon: float) -> bool:
    """Whether a point lies in mainland China, where the map apps shift coordinates."""
    def inside(box: tuple[float, float, float, float]) -> bool:
        north, west, south, east = box
        return south <= lat <= north and west <= lon <= east

    return any(inside(box) for box in _CHINA) and not any(inside(box) for box in _NOT_CHINA)


def _found_in_china(point: tuple[float, float]) -> bool:
    """Whether a point found by a reverse conversion is in China, allowing for the iteration's
    rounding (a hair's breadth, 1e-7 degrees) at the edge of the outline."""
    lat, lon = point
    steps = (0.0, 1e-7, -1e-7)
    return any(in_china(lat + d_lat, lon + d_lon) for d_lat in steps for d_lon in steps)


def _gcj_offset(lat: float, lon: float) -> tuple[float, float]:
    """The GCJ-02 shift (degrees of latitude, longitude) at a WGS84 point."""
    x, y = lon - 105.0, lat - 35.0
    common = (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
    d_lat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y
             + 0.2 * math.sqrt(abs(x)) + common
             + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2 / 3
             + (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0))
             * 2 / 3)
    d_lon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
             + common
             + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2 / 3
             + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi))
             * 2 / 3)
    rad_lat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = d_lat * 180.0 / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = d_lon * 180.0 / (_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return d_lat, d_lon


def _invert(forward: Callable[[float, float], tuple[float, float]], lat: float,
            lon: float) -> tuple[float, float]:
    """The point that ``forward`` maps onto (lat, lon), by fixed-point iteration."""
    guess_lat, guess_lon = lat, lon
    for _ in range(_MAX_STEPS):
        got_lat, got_lon = forward(guess_lat, guess_lon)
        err_lat, err_lon = got_lat - lat, got_lon - lon
        guess_lat, guess_lon = guess_lat - err_lat, guess_lon - err_lon
        if abs(err_lat) < _TOLERANCE and abs(err_lon) < _TOLERANCE:
            break
    return guess_lat, guess_lon


def _gcj_shift(lat: float, lon: float) -> tuple[float, float]:
    d_lat, d_lon = _gcj_offset(lat, lon)
    return lat + d_lat, lon + d_lon


def _gcj_to_bd(lat: float, lon: float) -> tuple[float, float]:
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * _X_PI)
    return z * math.sin(theta) + 0.006, z * math.cos(theta) + 0.0065


def _wgs_to_bd(lat: float, lon: float) -> tuple[float, float]:
    return _gcj_to_bd(*_gcj_shift(lat, lon))


# Forward conversions decide "inside China" on the point they are given; the reverse ones on
# the point they find, so that a place in China near the border survives a round trip even
# when its shifted coordinates fall just outside the outline.

def wgs84_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    """WGS84 to GCJ-02 (Amap, Tencent); unchanged outside China."""
    return _gcj_shift(lat, lon) if in_china(lat, lon) else (lat, lon)


def gcj02_to_wgs84(lat: float, lon: float) -> tuple[float, float]:
    """GCJ-02 to WGS84, exact to well under a millimetre; unchanged outside China."""
    found = _invert(_gcj_shift, lat, lon)
    return found if _found_in_china(found) else (lat, lon)


def gcj02_to_bd09(lat: float, lon: float) -> tuple[float, float]:
    """GCJ-02 to BD-09 (Baidu); unchanged outside China."""
    return _gcj_to_bd(lat, lon) if in_china(lat, lon) else (lat, lon)


def bd09_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    """BD-09 to GCJ-02, exact to well under a millimetre; unchanged outside China."""
    found = _invert(_gcj_to_bd, lat, lon)
    return found if _found_in_china(found) else (lat, lon)


def wgs84_to_bd09(lat: float, lon: float) -> tuple[float, float]:
    """WGS84 to BD-09 (Baidu): the GCJ-02 shift, then Baidu's own; unchanged outside China."""
    return _wgs_to_bd(lat, lon) if in_china(lat, lon) else (lat, lon)


def bd09_to_wgs84(lat: float, lon: float) -> tuple[float, float]:
    """BD-09 (Baidu) to WGS84, exact to well under a millimetre; unchanged outside China."""
    found = _invert(_gcj_shift, *_invert(_gcj_to_bd, lat, lon))
    return found if _found_in_china(found) else (lat, lon)


def to_wgs84(lat: float, lon: float, datum: Datum | str) -> tuple[float, float]:
    """A point given in any datum, in WGS84 (how sites are stored)."""
    datum = parse_datum(datum)
    if datum is Datum.GCJ02:
        return gcj02_to_wgs84(lat, lon)
    if datum is Datum.BD09:
        return bd09_to_wgs84(lat, lon)
    return lat, lon


def from_wgs84(lat: float, lon: float, datum: Datum | str) -> tuple[float, float]:
    """A WGS84 point in the datum a map app expects."""
    datum = parse_datum(datum)
    if datum is Datum.GCJ02:
        return wgs84_to_gcj02(lat, lon)
    if datum is Datum.BD09:
        return wgs84_to_bd09(lat, lon)
    return lat, lon


def convert(lat: float, lon: float, source: Datum | str,
            target: Datum | str) -> tuple[float, float]:
    """A point from one datum to another."""
    return from_wgs84(*to_wgs84(lat, lon, source), target)


@dataclass(frozen=True, slots=True)
class MapLinks:
    """Web links that open one place in Amap, Baidu Maps and OpenStreetMap.

    The Amap and Baidu links open their app on a phone when it is installed, and their web page
    otherwise; each carries the coordinates in that app's own datum.
    """

    amap: str
    baidu: str
    osm: str


APP_SOURCE = "cistrat-tui"


def map_links(lat: float, lon: float, name: str = "", address: str = "") -> MapLinks:
    """Links for a WGS84 point; ``name`` labels the pin, ``address`` is shown by Baidu."""
    g_lat, g_lon = wgs84_to_gcj02(lat, lon)
    b_lat, b_lon = wgs84_to_bd09(lat, lon)
    label = name or f"{lat:.6f}, {lon:.6f}"
    amap = "https://uri.amap.com/marker?" + urlencode(
        {"position": f"{g_lon:.6f},{g_lat:.6f}", "name": label, "src": APP_SOURCE,
         "coordinate": "gaode", "callnative": "1"}, quote_via=quote, safe=",")
    baidu = "https://api.map.baidu.com/marker?" + urlencode(
        {"location": f"{b_lat:.6f},{b_lon:.6f}", "title": label, "content": address or label,
         "coord_type": "bd09ll", "output": "html", "src": f"webapp.{APP_SOURCE}"},
        quote_via=quote, safe=",")
    osm = (f"https://www.openstreetmap.org/?mlat={lat:.6f}&mlon={lon:.6f}"
           f"#map=17/{lat:.6f}/{lon:.6f}")
    return MapLinks(amap=amap, baidu=baidu, osm=osm)


def site_map_links(site: Site) -> MapLinks | None:
    """Links for a site, labelled with its Chinese name and address where known; None when
    the site has no coordinates."""
    if site.lat is None or site.lon is None:
        return None
    return map_links(site.lat, site.lon, site.name_zh or site.name_en,
                     site.address_zh or site.address_en)
