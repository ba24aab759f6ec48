"""Baidu's geocoder (through geopy's BaiduV3) against a local stand-in on 127.0.0.1, the offline
look-up, and how the service is chosen (option, environment, config file, key)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from cistrat_tui.core.geo import services
from cistrat_tui.core.geo.datums import wgs84_to_bd09
from cistrat_tui.core.geo.gazetteer import OfflineFinder, offline_lookup
from cistrat_tui.core.geo.geocode import GeocodeError, Geocoder, cache_path_for, place_finder
from cistrat_tui.core.records.model import Site

KEY = "test-ak-0123456789"
TUSPARK_WGS84 = (39.9934, 116.3246)


class FakeBaidu:
    """A /geocoding/v3/ endpoint on 127.0.0.1 that answers like Baidu's, in BD-09."""

    def __init__(self, mode: str = "ok") -> None:
        self.mode = mode
        self.requests: list[dict[str, list[str]]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                params = parse_qs(url.query)
                owner.requests.append(params)
                if url.path != "/geocoding/v3/":
                    self.send_error(404)
                    return
                body = json.dumps(owner.answer(params)).encode()
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

    def answer(self, params: dict[str, list[str]]) -> object:
        if params.get("ak") != [KEY]:
            return {"status": 200, "message": "APP不存在\uff0cAK有误请检查再重试"}
        if self.mode == "null":
            return None
        if self.mode == "quota":
            return {"status": 302, "message": "天配额超限\uff0c限制访问"}
        if params.get("address") != ["北京市海淀区中关村东路1号院"]:
            return {"status": 1, "msg": "Internal Service Error:无相关结果", "results": []}
        lat, lon = wgs84_to_bd09(*TUSPARK_WGS84)
        return {"status": 0, "result": {"location": {"lng": lon, "lat": lat}, "precise": 1,
                                        "confidence": 80, "comprehension": 100,
                                        "level": "门址"}}

    def __enter__(self) -> FakeBaidu:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def baidu(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBaidu]:
    monkeypatch.setenv(services.BAIDU_KEY_ENV, KEY)
    with FakeBaidu() as fake:
        yield fake


@pytest.fixture
def cache_file(tmp_path: Path) -> Path:
    return cache_path_for(tmp_path / "workshop.json")


def baidu_geocoder(cache_file: Path, url: str) -> Geocoder:
    return Geocoder(cache_file, url, service=services.BAIDU, timeout=2, min_delay=0.05)


def test_baidu_answers_in_bd09_are_converted_to_wgs84(baidu: FakeBaidu,
                                                      cache_file: Path) -> None:
    lookup = baidu_geocoder(cache_file, baidu.url).search("北京市海淀区中关村东路1号院")
    (candidate,) = lookup.candidates
    assert abs(candidate.lat - TUSPARK_WGS84[0]) < 1e-6
    assert abs(candidate.lon - TUSPARK_WGS84[1]) < 1e-6
    assert "门址" in candidate.name and "confidence 80" in candidate.name
    (params,) = baidu.requests
    assert params["ak"] == [KEY] and params["output"] == ["json"]
    bd_lat, _ = wgs84_to_bd09(*TUSPARK_WGS84)
    assert abs(bd_lat - candidate.lat) > 1e-3  # the shift was really removed


def test_baidu_hits_and_misses_are_cached(baidu: FakeBaidu, cache_file: Path) -> None:
    geocoder = baidu_geocoder(cache_file, baidu.url)
    geocoder.search("北京市海淀区中关村东路1号院")
    assert geocoder.search("Atlantis").candidates == ()  # Baidu's "无相关结果" is a miss
    again = baidu_geocoder(cache_file, baidu.url)
    assert again.search("北京市海淀区中关村东路1号院").cached
    assert again.search("atlantis").cached
    assert len(baidu.requests) == 2
    assert KEY not in cache_file.read_text(encoding="utf-8")


def test_a_refused_key_is_said_without_the_key(baidu: FakeBaidu, cache_file: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(services.BAIDU_KEY_ENV, "wrong-key-42")
    with pytest.raises(GeocodeError, match="refused the key") as caught:
        baidu_geocoder(cache_file, baidu.url).search("北京")
    assert "wrong-key-42" not in str(caught.value)


@pytest.mark.parametrize("mode, words", [("null", "not a list of places"),
                                         ("quota", "quota")])
def test_baidu_error_answers_are_reported_and_not_cached(baidu: FakeBaidu, cache_file: Path,
                                                         mode: str, words: str) -> None:
    baidu.mode = mode
    with pytest.raises(GeocodeError, match=words):
        baidu_geocoder(cache_file, baidu.url).search("北京市海淀区中关村东路1号院")
    baidu.mode = "ok"
    assert not baidu_geocoder(cache_file, baidu.url).search("北京市海淀区中关村东路1号院").cached


def test_baidu_without_a_key_says_where_to_put_it(cache_file: Path) -> None:
    with pytest.raises(GeocodeError, match=services.BAIDU_KEY_ENV):
        Geocoder(cache_file, service=services.BAIDU)


def test_the_service_comes_from_option_environment_config_or_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert services.choose_service() == services.NOMINATIM
    monkeypatch.setenv(services.BAIDU_KEY_ENV, KEY)
    assert services.choose_service() == services.BAIDU  # a key says "in China"
    config = tmp_path / "config.toml"
    config.write_text('[geocoder]\nservice = "offline"\nurl = "http://geo.local:8080"\n')
    monkeypatch.setenv(services.CONFIG_ENV, str(config))
    assert services.choose_service() == services.OFFLINE
    assert services.service_url() == "http://geo.local:8080"
    monkeypatch.setenv(services.GEOCODER_ENV, "Nominatim")
    assert services.choose_service() == services.NOMINATIM
    assert services.choose_service("baidu") == services.BAIDU
    with pytest.raises(GeocodeError, match="unknown geocoder 'google'"):
        services.choose_service("google")
    config.write_text("[geocoder\n")
    monkeypatch.delenv(services.GEOCODER_ENV)
    with pytest.raises(GeocodeError, match="cannot read the config file"):
        services.choose_service()


def test_each_service_has_its_own_default_address(monkeypatch: pytest.MonkeyPatch) -> None:
    assert services.service_url(service=services.BAIDU) == "https://api.map.baidu.com"
    assert services.service_url(service=services.NOMINATIM) == services.DEFAULT_URL


def test_offline_look_up_finds_reference_places_by_any_name_or_address() -> None:
    full_width = "\uff34\uff55\uff53\uff50\uff41\uff52\uff4b"  # TusPark in full-width letters
    for query in ("清华科技园", "TusPark", "tus park", "中关村东路1号", full_width):
        lookup = offline_lookup(query)
        assert lookup.candidates and not lookup.cached, query
        assert lookup.candidates[0].name.startswith("TusPark"), query
        assert (lookup.candidates[0].lat, lookup.candidates[0].lon) == TUSPARK_WGS84
    assert offline_lookup("Atlantis").candidates == ()
    assert offline_lookup("  ").candidates == ()


def test_offline_look_up_searches_the_databases_own_sites_first_by_score() -> None:
    mine = Site(kind="venue", name_en="Guesthouse of the Institute", city="Beijing",
                name_zh="研究所招待所", address_zh="北京市海淀区某路2号", lat=39.95, lon=116.30)
    no_position = Site(kind="venue", name_en="Guesthouse annex", city="Beijing")
    finder = OfflineFinder([mine, no_position])
    lookup = finder.search("研究所招待所")
    assert [c.name for c in lookup.candidates] == [
        "Guesthouse of the Institute / 研究所招待所, 北京市海淀区某路2号"]
    assert finder.search("guesthouse").candidates[0].lat == 39.95  # no coordinates: left out
    assert len(finder.search("guesthouse").candidates) == 1


def test_place_finder_picks_offline_or_online(cache_file: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(place_finder(cache_file, service="offline"), OfflineFinder)
    monkeypatch.setenv(services.GEOCODER_ENV, "offline")
    assert isinstance(place_finder(cache_file), OfflineFinder)
    assert isinstance(place_finder(cache_file, service="nominatim"), Geocoder)
