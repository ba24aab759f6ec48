"""``cistrat-tui geocode "ADDRESS"`` against a local stand-in for Nominatim (127.0.0.1 only)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from cistrat_tui.core.geo.geocode import GEOCODER_URL_ENV
from tests.cli.commands.test_import_csv import registered, run  # noqa: F401 (registered is an autouse fixture)
from tests.core.geo.test_geocode import FakeNominatim


def test_candidates_are_printed_then_come_from_the_cache(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeNominatim() as fake:
        code, out, err = run(capsys, "geocode", "Zhongguancun", "--geocoder-url", fake.url)
        assert code == 0, err
        assert out.splitlines() == ["39.983400, 116.316000  中关村, 海淀区, 北京市, 中国",
                                    "39.980000, 116.310000  Zhongguancun Street, Beijing"]
        assert fake.url in err and "OpenStreetMap contributors" in err
        monkeypatch.setenv(GEOCODER_URL_ENV, fake.url)
        code, again, err = run(capsys, "geocode", "zhongguancun", "--limit", "1")
        assert code == 0 and again == out.splitlines()[0] + "\n"
        assert "from the cache" in err
        assert len(fake.requests) == 1
    assert Path("data/workshop.json.geocache.json").is_file()


def test_nothing_found_says_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    with FakeNominatim() as fake:
        code, out, err = run(capsys, "geocode", "Atlantis", "--geocoder-url", fake.url)
    assert code == 1 and out == ""
    assert "no place found for 'Atlantis'" in err and "enter the coordinates by hand" in err


def test_a_refused_connection_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, out, err = run(capsys, "geocode", "Tianjin", "--geocoder-url",
                         f"http://127.0.0.1:{port}", "--timeout", "1")
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith(f"cistrat-tui: the geocoder at http://127.0.0.1:{port} could not "
                          "be used")
    assert "enter the coordinates by hand" in err


def test_a_bad_service_address_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "geocode", "Tianjin", "--geocoder-url", "localhost:8080")
    assert code == 1 and "is not a web address" in err


def test_offline_look_up_needs_no_network(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "geocode", "清华科技园", "--geocoder", "offline")
    assert code == 0, err
    assert out.startswith("39.993400, 116.324600  TusPark")
    assert "reference places" in err


def test_offline_look_up_searches_the_database(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "info")  # creates the database from the sample
    code, out, err = run(capsys, "geocode", "Yuyuantan", "--geocoder", "offline")
    assert code == 0, err
    assert "玉渊潭学术交流酒店" in out


def test_baidu_through_the_command(capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.core.geo.test_services import KEY, FakeBaidu

    monkeypatch.setenv("CISTRAT_BAIDU_AK", KEY)
    with FakeBaidu() as fake:
        code, out, err = run(capsys, "geocode", "北京市海淀区中关村东路1号院",
                             "--geocoder-url", fake.url)  # the key chooses Baidu
    assert code == 0, err
    assert out.startswith("39.993400, 116.324600") and "Baidu" in err and KEY not in err


def test_a_malformed_service_address_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "geocode", "Tianjin", "--geocoder-url", "http://[::1")
    assert code == 1 and out == "" and len(err.splitlines()) == 1
    assert "is not a web address" in err and "unexpected" not in err


def test_escapes_in_a_place_name_are_never_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with FakeNominatim("escapes") as fake:
        for _ in range(2):  # from the service, then from the cache
            code, out, err = run(capsys, "geocode", "Beijing", "--geocoder-url", fake.url)
            assert code == 0, err
            assert "\x1b" not in out + err and "\u202e" not in out
            assert out.strip().endswith("Beijing red evil")
def test_escape_sequences_in_a_cached_answer_never_reach_the_terminal(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A geocoder's display_name with escapes was printed raw, and replayed from the cache."""
    import json

    from cistrat_tui.core.geo.geocode import CACHE_VERSION, GeocodeCache, cache_path_for

    db = tmp_path / "w.json"
    url = "http://127.0.0.1:9"
    cache = cache_path_for(db)
    cache.write_text(json.dumps({"version": CACHE_VERSION, "last_request": 0.0, "entries": {
        GeocodeCache.key(url, "tuspark"): {"candidates": [
            {"lat": 39.99, "lon": 116.33, "name": "TusPark\x1b]0;owned\x07 \x1b[2J\x9b31mBeijing"}
        ]}}}), encoding="utf-8")
    code, out, err = run(capsys, "geocode", "--db", str(db), "--geocoder-url", url, "tuspark")
    assert code == 0, err
    assert out.startswith("39.990000, 116.330000  TusPark") and out.endswith("Beijing\n")
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in out.rstrip("\n"))
    assert "from the cache" in err
