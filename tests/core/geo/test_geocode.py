"""Geocoding through the real geopy client against a local stand-in for Nominatim's /search.

Every server here listens on 127.0.0.1 and is started by the test itself: the tests never go
out to the internet.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from cistrat_tui import __version__
from cistrat_tui.core.geo import geocode
from cistrat_tui.core.geo.geocode import GeocodeError, Geocoder, cache_path_for

PLACES = {
    "zhongguancun": [
        {"lat": "39.9834", "lon": "116.3160", "display_name": "中关村, 海淀区, 北京市, 中国"},
        {"lat": "39.9800", "lon": "116.3100", "display_name": "Zhongguancun Street, Beijing"},
    ],
    "tianjin": [{"lat": "39.0851", "lon": "117.1994", "display_name": "天津市, 中国"}],
}


ANSWERS = {  # HTTP 200 answers that are not a list of places, and one with terminal escapes
    "null": b"null",
    "error-object": b'{"error": "Query too complex"}',
    "escapes": json.dumps([{"lat": "39.9", "lon": "116.4", "display_name":
                            "Beijing\x1b]0;pwned\x07 \x1b[31mred\x1b[0m \u202eevil"}]).encode(),
}


class FakeNominatim:
    """A /search endpoint on 127.0.0.1 that records every request it gets."""

    def __init__(self, mode: str = "ok", delay: float = 0.0) -> None:
        self.mode = mode
        self.delay = delay
        self.requests: list[tuple[float, dict[str, list[str]], str]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                params = parse_qs(url.query)
                owner.requests.append((time.monotonic(), params,
                                       self.headers.get("User-Agent", "")))
                if owner.mode == "error":
                    self.send_error(500, "Internal Server Error")
                    return
                if owner.mode == "unavailable":
                    self.send_error(503, "Service Unavailable")
                    return
                if owner.mode == "slow":
                    time.sleep(owner.delay)
                if owner.mode == "garbage":
                    body = b'{"not": "a list"'
                elif owner.mode in ANSWERS:
                    body = ANSWERS[owner.mode]
                else:
                    query = params.get("q", [""])[0].casefold()
                    limit = int(params.get("limit", ["10"])[0])
                    body = json.dumps(PLACES.get(query, [])[:limit]).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeNominatim:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def cache_file(tmp_path: Path) -> Path:
    return cache_path_for(tmp_path / "data" / "workshop.json")


@pytest.fixture
def server() -> Iterator[FakeNominatim]:
    with FakeNominatim() as fake:
        yield fake


def make(cache_file: Path, url: str, **options: float) -> Geocoder:
    return Geocoder(cache_file, url, **options)


def timed(call: Callable[[], object]) -> tuple[object, float]:
    started = time.monotonic()
    try:
        result: object = call()
    except GeocodeError as error:
        result = error
    return result, time.monotonic() - started


def test_candidates_come_back_with_coordinates_and_names(server: FakeNominatim,
                                                         cache_file: Path) -> None:
    lookup = make(cache_file, server.url).search("Zhongguancun")
    assert not lookup.cached
    assert [(c.lat, c.lon, c.name) for c in lookup.candidates] == [
        (39.9834, 116.316, "中关村, 海淀区, 北京市, 中国"),
        (39.98, 116.31, "Zhongguancun Street, Beijing")]
    _, params, agent = server.requests[0]
    assert params["q"] == ["Zhongguancun"] and params["format"] == ["json"]
    assert params["limit"] == [str(geocode.MAX_CANDIDATES)]
    assert agent.startswith("cistrat-tui/") and "(" in agent


def test_user_agent_names_the_app_and_the_contact(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(geocode.GEOCODER_CONTACT_ENV, "coordinator@example.org")
    assert geocode.user_agent() == \
        f"cistrat-tui/{__version__} (+coordinator@example.org)"
    monkeypatch.delenv(geocode.GEOCODER_CONTACT_ENV)
    assert geocode.user_agent().startswith("cistrat-tui/")


def test_a_hit_and_a_miss_are_cached_and_never_asked_again(server: FakeNominatim,
                                                           cache_file: Path) -> None:
    geocoder = make(cache_file, server.url, min_delay=0.05)
    geocoder.search("Tianjin")
    assert geocoder.search("Nowhere at all").candidates == ()
    assert len(server.requests) == 2
    again = make(cache_file, server.url, min_delay=0.05)  # a new run reads the file
    hit = again.search("  tianjin ")
    miss = again.search("NOWHERE AT ALL")
    assert hit.cached and miss.cached
    assert [c.name for c in hit.candidates] == ["天津市, 中国"]
    assert miss.candidates == ()
    assert len(server.requests) == 2
    stored = json.loads(cache_file.read_text(encoding="utf-8"))
    assert "天津市, 中国" in cache_file.read_text(encoding="utf-8")
    assert len(stored["entries"]) == 2


def test_a_cached_answer_serves_any_smaller_limit(server: FakeNominatim,
                                                 cache_file: Path) -> None:
    geocoder = make(cache_file, server.url)
    assert len(geocoder.search("Zhongguancun", limit=1).candidates) == 1
    again = geocoder.search("Zhongguancun", limit=5)
    assert again.cached and len(again.candidates) == 2 and len(server.requests) == 1


def test_the_cache_is_per_service(server: FakeNominatim, cache_file: Path) -> None:
    make(cache_file, server.url, min_delay=0.05).search("Tianjin")
    with FakeNominatim() as other:
        lookup = make(cache_file, other.url, min_delay=0.05).search("Tianjin")
        assert not lookup.cached and len(other.requests) == 1


def test_an_unreadable_cache_is_ignored_and_replaced(server: FakeNominatim,
                                                     cache_file: Path) -> None:
    cache_file.parent.mkdir(parents=True)
    cache_file.write_bytes(b"\xff not json")
    assert make(cache_file, server.url).search("Tianjin").candidates
    assert json.loads(cache_file.read_text(encoding="utf-8"))["version"] == 1


ARRIVAL_SPACING = 0.9  # of the one second the client keeps between requests


def test_two_different_queries_go_out_at_least_a_second_apart(server: FakeNominatim,
                                                              cache_file: Path) -> None:
    geocoder = make(cache_file, server.url)
    geocoder.search("Tianjin")
    geocoder.search("Zhongguancun")
    (first, _, _), (second, _, _) = server.requests
    # The client waits a full second between its requests; the times here are when they
    # arrived, and a loaded machine delays an arrival by some milliseconds.
    assert second - first >= ARRIVAL_SPACING


def test_two_runs_in_a_row_also_keep_a_second_apart(server: FakeNominatim,
                                                    cache_file: Path) -> None:
    make(cache_file, server.url).search("Tianjin")
    make(cache_file, server.url).search("Zhongguancun")
    (first, _, _), (second, _, _) = server.requests
    # The client waits a full second between its requests; the times here are when they
    # arrived, and a loaded machine delays an arrival by some milliseconds.
    assert second - first >= ARRIVAL_SPACING


def test_a_server_error_says_to_enter_coordinates_by_hand(cache_file: Path) -> None:
    with FakeNominatim("error") as failing:
        result, seconds = timed(lambda: make(cache_file, failing.url, timeout=2).search("X"))
        assert len(failing.requests) == 1  # no retries
    assert isinstance(result, GeocodeError)
    assert "enter the coordinates by hand" in str(result)
    assert "500" in str(result) and failing.url in str(result)
    assert seconds < 2
    # a failure is not cached: the next try asks again
    assert json.loads(cache_file.read_text(encoding="utf-8"))["entries"] == {}


def test_an_answer_that_is_not_a_list_of_places_is_reported(cache_file: Path) -> None:
    with FakeNominatim("garbage") as odd:
        result, _ = timed(lambda: make(cache_file, odd.url, timeout=2).search("X"))
    assert isinstance(result, GeocodeError)
    assert "enter the coordinates by hand" in str(result)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_refused_connection_is_reported_at_once(cache_file: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    result, seconds = timed(lambda: make(cache_file, url, timeout=2).search("Tianjin"))
    assert isinstance(result, GeocodeError)
    assert "could not be used" in str(result) and "enter the coordinates by hand" in str(result)
    assert seconds < 1


def test_a_server_that_never_answers_times_out_within_the_timeout(cache_file: Path) -> None:
    with socket.socket() as silent:  # accepts connections (the backlog) but never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen(5)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        result, seconds = timed(lambda: make(cache_file, url, timeout=0.5).search("Tianjin"))
    assert isinstance(result, GeocodeError)
    assert "did not answer within 0.5 seconds" in str(result)
    assert "enter the coordinates by hand" in str(result)
    assert 0.4 <= seconds < 0.5 + 1.0


def test_the_service_address_comes_from_the_option_the_environment_or_the_default(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(geocode.GEOCODER_URL_ENV, raising=False)
    assert geocode.service_url() == geocode.DEFAULT_URL
    monkeypatch.setenv(geocode.GEOCODER_URL_ENV, "http://geo.local:8080/nominatim/")
    assert geocode.service_url() == "http://geo.local:8080/nominatim"
    assert geocode.service_url("https://other.example") == "https://other.example"
    for bad in ("localhost:8080", "ftp://x", "http://", "http://x/?q=1"):
        with pytest.raises(GeocodeError, match="not a web address"):
            geocode.service_url(bad)


def test_a_self_hosted_service_under_a_path_is_asked_there(cache_file: Path) -> None:
    with FakeNominatim() as fake:
        geocoder = make(cache_file, fake.url + "/nominatim")
        assert geocoder.service.client.api == f"{fake.url}/nominatim/search"  # type: ignore[attr-defined]


def test_an_empty_query_is_refused_without_a_request(server: FakeNominatim,
                                                     cache_file: Path) -> None:
    with pytest.raises(GeocodeError, match="give an address"):
        make(cache_file, server.url).search("   ")
    assert server.requests == []


ADAPTERS = ["urllib", "requests"]


@pytest.fixture(params=ADAPTERS)
def adapter(request: pytest.FixtureRequest) -> object:
    """Both of geopy's HTTP adapters: a coordinator's machine may have requests installed."""
    from geopy.adapters import URLLibAdapter

    if request.param == "urllib":
        return URLLibAdapter
    pytest.importorskip("requests")
    from geopy.adapters import RequestsAdapter

    return RequestsAdapter


@pytest.mark.parametrize("mode", ["null", "error-object"])
def test_an_error_answer_is_reported_and_never_cached(mode: str, cache_file: Path) -> None:
    with FakeNominatim(mode) as odd:
        result, _ = timed(lambda: make(cache_file, odd.url, timeout=2).search("Tianjin"))
        assert isinstance(result, GeocodeError)
        assert "enter the coordinates by hand" in str(result)
        odd.mode = "ok"
        lookup = make(cache_file, odd.url, min_delay=0.05).search("Tianjin")
        assert not lookup.cached and lookup.candidates  # asked again, and found
        assert len(odd.requests) == 2
    if mode == "error-object":
        assert "Query too complex" in str(result)


def test_a_503_is_reported_as_unavailable_not_as_a_timeout(cache_file: Path,
                                                           adapter: object) -> None:
    with FakeNominatim("unavailable") as down:
        geocoder = Geocoder(cache_file, down.url, timeout=2, adapter_factory=adapter)  # type: ignore[arg-type]
        result, seconds = timed(lambda: geocoder.search("Tianjin"))
        assert len(down.requests) == 1  # no retries, whichever adapter
    assert isinstance(result, GeocodeError)
    assert "unavailable" in str(result) and "503" in str(result)
    assert "did not answer" not in str(result) and seconds < 2


def test_a_slow_answer_is_a_timeout_with_either_adapter(cache_file: Path,
                                                        adapter: object) -> None:
    with FakeNominatim("slow", delay=1.5) as slow:
        geocoder = Geocoder(cache_file, slow.url, timeout=0.5, adapter_factory=adapter)  # type: ignore[arg-type]
        result, seconds = timed(lambda: geocoder.search("Tianjin"))
        assert len(slow.requests) == 1
    assert isinstance(result, GeocodeError)
    assert "did not answer within 0.5 seconds" in str(result)
    assert "Max retries" not in str(result) and seconds < 2


def test_a_refused_connection_reads_the_same_with_either_adapter(cache_file: Path,
                                                                 adapter: object) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    geocoder = Geocoder(cache_file, url, timeout=2, adapter_factory=adapter)  # type: ignore[arg-type]
    result, seconds = timed(lambda: geocoder.search("Tianjin"))
    assert isinstance(result, GeocodeError)
    assert "could not be used" in str(result) and seconds < 1.5


def test_terminal_escapes_in_a_name_are_never_kept_nor_replayed(cache_file: Path) -> None:
    with FakeNominatim("escapes") as fake:
        lookup = make(cache_file, fake.url).search("Beijing")
    (candidate,) = lookup.candidates
    assert candidate.name == "Beijing red evil"
    # a cache file edited by hand (or written by an older version) is cleaned on reading too
    data = json.loads(cache_file.read_text(encoding="utf-8"))
    (entry,) = data["entries"].values()
    entry["candidates"][0]["name"] = "Bei\x1b]0;x\x07jing\x1b[2J\x9b31m"
    cache_file.write_text(json.dumps(data), encoding="utf-8")
    again = make(cache_file, fake.url).search("Beijing")  # the server is gone: the cache answers
    assert again.cached and again.candidates[0].name == "Beijing"


@pytest.mark.parametrize("bad", ["http://[::1", "http://[::1]:99999", "http://host:port",
                                 "http://\x1b]0;x\x07"])
def test_a_malformed_service_address_is_a_clear_error(bad: str) -> None:
    with pytest.raises(GeocodeError, match="not a web address") as caught:
        geocode.service_url(bad)
    assert "\x1b" not in str(caught.value)
