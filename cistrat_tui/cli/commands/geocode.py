"""``cistrat-tui geocode "ADDRESS"``: print the places a Nominatim service finds for an address.

One line per candidate: latitude, longitude (WGS84, ready for a site) and the full place name.
Answers are cached beside the database (``<db>.geocache.json``), so asking again costs no
request; the data attribution goes to stderr. Exit code 1 when nothing is found or the service
cannot be used, with a message that says to enter the coordinates by hand.
"""

from __future__ import annotations

import argparse
import sys

from cistrat_tui.cli.base import PROG, Command
from cistrat_tui.core.paths import database_path


def _seconds(text: str) -> float:
    """An argparse type: a timeout from 0.1 to 60 seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0.1 <= value <= 60:
        raise argparse.ArgumentTypeError(f"{value:g} is not between 0.1 and 60 seconds")
    return value


def _limit(text: str) -> int:
    """An argparse type: how many candidates, 1 to MAX_CANDIDATES."""
    from cistrat_tui.core.geo.geocode import MAX_CANDIDATES

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_CANDIDATES:
        raise argparse.ArgumentTypeError(f"{value} is not between 1 and {MAX_CANDIDATES}")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    from cistrat_tui.core.geo.geocode import DEFAULT_TIMEOUT, GEOCODER_URL_ENV

    parser.add_argument("address", metavar="ADDRESS",
                        help="the address or place name, in any language")
    parser.add_argument("--geocoder-url", metavar="URL",
                        help=f"the Nominatim service (default: ${GEOCODER_URL_ENV}, else "
                             "https://nominatim.openstreetmap.org), e.g. a self-hosted "
                             "http://localhost:8080")
    parser.add_argument("--limit", metavar="N", type=_limit, default=5,
                        help="at most this many candidates (default: 5)")
    parser.add_argument("--timeout", metavar="SECONDS", type=_seconds,
                        default=DEFAULT_TIMEOUT,
                        help=f"give up after this long (default: {DEFAULT_TIMEOUT:g})")


def run(args: argparse.Namespace) -> int:
    """Look the address up and print the candidates, one a line."""
    from cistrat_tui.core.geo.geocode import (
        ATTRIBUTION,
        HAND_ENTRY,
        GeocodeError,
        Geocoder,
        cache_path_for,
    )

    cache = cache_path_for(database_path(getattr(args, "db", None)))
    try:
        geocoder = Geocoder(cache, args.geocoder_url, timeout=args.timeout)
        lookup = geocoder.search(args.address, limit=args.limit)
    except GeocodeError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 1
    if not lookup.candidates:
        print(f"{PROG}: no place found for {lookup.query!r}; try fewer words or the Chinese "
              f"name, or {HAND_ENTRY}", file=sys.stderr)
        return 1
    for candidate in lookup.candidates:
        print(f"{candidate.lat:.6f}, {candidate.lon:.6f}  {candidate.name}")
    source = "from the cache" if lookup.cached else geocoder.url
    print(f"({source}; {ATTRIBUTION})", file=sys.stderr)
    return 0


COMMAND = Command("geocode", "look an address up and print the candidate places "
                  "(latitude, longitude, name)", run, configure)
