"""Offline look-up: addresses and names found in the reference places and the database's sites.

No network, no key, no rate limit: it works in a hotel in Wuhan with no connection and behind
any firewall. It knows only the places the app already has (the science parks, stations,
airports and hotels of ``places.csv`` and whatever the coordinator entered), each with WGS84
coordinates. A query matches a place when, ignoring case, width (full-width letters), blanks and
punctuation, it equals one of the place's names (best), is contained in a name or an address,
or every word of it is found among the place's names and addresses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from cistrat_tui.core.geo.types import Candidate, Lookup
from cistrat_tui.core.records.model import Site
from cistrat_tui.core.reference.places import load_places

_NOT_WORD = re.compile(r"[\W_]+")


def _folded(value: str) -> str:
    """``value`` as compared: NFKC, case-folded, without blanks or punctuation."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", value).casefold())


def _score(query: str, words: list[str], site: Site) -> int:
    """3 for a name equal to the query, 2 for the query inside a name or address, 1 for every
    word found among them, 0 for no match."""
    names = [_folded(n) for n in (site.name_en, site.name_zh) if n]
    texts = names + [_folded(a) for a in (site.address_en, site.address_zh) if a]
    if query in names:
        return 3
    if any(query in text for text in texts):
        return 2
    joined = " ".join(texts)
    return 1 if words and all(word in joined for word in words) else 0


def _label(site: Site) -> str:
    names = " / ".join(n for n in (site.name_en, site.name_zh) if n)
    address = site.address_zh or site.address_en
    return f"{names}, {address}" if address else names


def offline_lookup(query: str, sites: Iterable[Site] = (), limit: int = 5) -> Lookup:
    """The places of ``sites`` (the database's) and of the reference that match ``query``,
    best first; a database site replaces the reference place it was made from."""
    query = " ".join(query.split())
    folded = _folded(query)
    if not folded:
        return Lookup(query, (), cached=False)
    words = [w for w in (_folded(part) for part in query.split()) if w]
    known: dict[str, Site] = {site.id: site for site in load_places()}
    known.update({site.id: site for site in sites})
    scored = [(score, site) for site in known.values() if site.has_coordinates
              and (score := _score(folded, words, site))]
    scored.sort(key=lambda pair: (-pair[0], pair[1].name_en.casefold()))
    found = tuple(Candidate(float(site.lat), float(site.lon), _label(site))
                  for _, site in scored[:limit] if site.lat is not None and site.lon is not None)
    return Lookup(query, found, cached=False)


class OfflineFinder:
    """The offline look-up with the same face as the online Geocoder (``search``, ``url``,
    ``attribution``), so a front end treats both alike."""

    url = "offline"
    attribution = "From the reference places and this database's sites (offline)."

    def __init__(self, sites: Iterable[Site] = ()) -> None:
        self.sites = list(sites)

    def search(self, query: str, limit: int = 5) -> Lookup:
        """The known places matching ``query``, best first."""
        return offline_lookup(query, self.sites, limit)
