"""``cistrat-tui geocode "ADDRESS"``: print the places a geocoder finds for an address.

``--geocoder baidu`` (inside China; key in ``$CISTRAT_BAIDU_AK``, answers converted from BD-09),
``nominatim`` (abroad) or ``offline`` (the reference places and this database's sites, no
network); the default comes from ``$CISTRAT_GEOCODER``, the config file, else Baidu when its key
is set and Nominatim otherwise. One line per candidate: latitude, longitude (WGS84, ready for a
site) and the place name, cleaned of terminal escapes. Online answers are cached beside the
database (``<db>.geocache.json``), so asking again costs no request; the data attribution goes
to stderr. Exit code 1 when nothing is found or the service cannot be used, with a message that
says to enter the coordinates by hand.
"""

from __future__ import annotations

import argparse
import sys

from cistrat_tui.cli.base import PROG, Command, open_store
from cistrat_tui.core.geo.text import clean_name
from cistrat_tui.core.paths import database_path
from cistrat_tui.core.records.model import Site


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
    from cistrat_tui.core.geo.services import BAIDU_KEY_ENV, GEOCODER_ENV, SERVICES

    parser.add_argument("address", metavar="ADDRESS",
                        help="the address or place name, in any language")
    parser.add_argument("--geocoder", choices=SERVICES, type=str.casefold,
                        help=f"baidu (inside China, key in ${BAIDU_KEY_ENV}), nominatim "
                             "(OpenStreetMap, abroad) or offline (known places only); default: "
                             f"${GEOCODER_ENV}, the config file, else baidu when its key is set, "
                             "else nominatim")
    parser.add_argument("--geocoder-url", metavar="URL",
                        help=f"the service's address (default: ${GEOCODER_URL_ENV}, the config "
                             "file, else the service's own), e.g. a self-hosted Nominatim at "
                             "http://localhost:8080")
    parser.add_argument("--limit", metavar="N", type=_limit, default=5,
                        help="at most this many candidates (default: 5)")
    parser.add_argument("--timeout", metavar="SECONDS", type=_seconds,
                        default=DEFAULT_TIMEOUT,
                        help=f"give up after this long (default: {DEFAULT_TIMEOUT:g})")


def _database_sites(args: argparse.Namespace) -> list[Site]:
    """The sites of the database, when there is one (the offline look-up searches them)."""
    if not database_path(getattr(args, "db", None)).exists():
        return []
    store, _ = open_store(args, readonly=True)
    with store:
        return list(store.workshop.sites.values())


def run(args: argparse.Namespace) -> int:
    """Look the address up and print the candidates, one a line."""
    from cistrat_tui.core.geo.gazetteer import offline_lookup
    from cistrat_tui.core.geo.geocode import HAND_ENTRY, GeocodeError, Geocoder, cache_path_for
    from cistrat_tui.core.geo.services import ATTRIBUTIONS, OFFLINE, choose_service

    try:
        service = choose_service(args.geocoder)
        if service == OFFLINE:
            lookup = offline_lookup(args.address, _database_sites(args), limit=args.limit)
            source = ATTRIBUTIONS[OFFLINE]
        else:
            cache = cache_path_for(database_path(getattr(args, "db", None)))
            geocoder = Geocoder(cache, args.geocoder_url, timeout=args.timeout,
                                service=service)
            lookup = geocoder.search(args.address, limit=args.limit)
            where = "from the cache" if lookup.cached else geocoder.url
            source = f"{where}; {geocoder.attribution}"
    except GeocodeError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 1
    if not lookup.candidates:
        print(f"{PROG}: no place found for {clean_name(lookup.query)!r}; try fewer words or "
              f"the Chinese name, or {HAND_ENTRY}", file=sys.stderr)
        return 1
    for candidate in lookup.candidates:
        print(f"{candidate.lat:.6f}, {candidate.lon:.6f}  {clean_name(candidate.name)}")
    print(f"({source})", file=sys.stderr)
    return 0


COMMAND = Command("geocode", "look an address up and print the candidate places "
                  "(latitude, longitude, name)", run, configure)
