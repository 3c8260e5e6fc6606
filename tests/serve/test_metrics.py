"""`GET /metrics` is OpenMetrics a real Prometheus parser reads; `/healthz` says ok; a token,
when set, guards the page, the metrics and the health check alike."""

from __future__ import annotations

import re

import aiohttp

from tests.serve.conftest import serve
from tests.support.openmetrics import parse
from warroom.core.config import default_config
from warroom.core.dashboard import Dashboard
from warroom.core.frame import FrameRequest
from warroom.core.openmetrics import render
from warroom.core.plan import TABS
from warroom.core.poller import poll_once
from warroom.sources.registry import build_demo

TOKEN = "metrics-token-4c1d8e2a9b"


async def test_the_exposition_parses_and_says_what_the_dashboard_says() -> None:
    config = default_config()
    sources = build_demo(config, start_at=100)
    dash = Dashboard(config, sources.info, sources.metric_sources, lambda: 1e9)
    assert sources.sim is not None
    dash.ingest(await poll_once(sources.sim, lambda: 1e9))
    frame = dash.frame(FrameRequest(tabs=TABS), 1e9 + 1)
    families = parse(render(frame, config.triggers))
    values = {s.labels["metric"]: s.value for s in families["warroom_metric_value"].samples}
    assert values["error_rate"] == frame.metrics["error_rate"].value
    states = families["warroom_trigger_state"].samples
    fired = {
        s.labels["trigger"]
        for s in states
        if s.labels["warroom_trigger_state"] == "fired" and s.value == 1
    }
    assert fired == {a.rule for a in frame.triggers} and fired
    room = [s for s in families["warroom_room_status"].samples if s.value == 1]
    assert [s.labels["warroom_room_status"] for s in room] == [frame.overall.value]
    assert families["warroom_metric_age_seconds"].unit == "seconds"


async def test_serve_answers_metrics_and_health() -> None:
    with serve("--demo") as served:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{served.url}/healthz") as health:
                assert (health.status, await health.text()) == (200, "ok\n")
            async with http.get(f"{served.url}/metrics") as response:
                text = await response.text()
                assert response.headers["Content-Type"].startswith("application/openmetrics-text")
    names = set(parse(text))
    assert {"warroom_metric_value", "warroom_source_state", "warroom_trigger_state"} <= names


async def test_a_token_guards_everything_and_never_reaches_the_log() -> None:
    with serve("--demo", env={"WARROOM_HTTP_TOKEN": TOKEN}) as served:
        assert "token required" in served.banner
        # unsafe: keep cookies of an IP host, as browsers do for 127.0.0.1
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            for path in ("/", "/metrics", "/healthz"):
                async with http.get(served.url + path) as refused:
                    assert refused.status == 401
            bearer = {"Authorization": f"Bearer {TOKEN}"}
            async with http.get(f"{served.url}/metrics", headers=bearer) as ok:
                assert ok.status == 200
            async with http.get(f"{served.url}/?token={TOKEN}") as page:
                assert page.status == 200  # and it keeps the token as a cookie for the rest
            async with http.get(f"{served.url}/healthz") as with_cookie:
                assert with_cookie.status == 200
        served.proc.terminate()
        out, _ = served.proc.communicate(timeout=10)
    assert TOKEN not in out


async def test_the_page_loads_nothing_from_elsewhere_and_has_a_title() -> None:
    with serve("--demo") as served:
        async with aiohttp.ClientSession() as http, http.get(served.url + "/") as response:
            page = await response.text()
    assert "<title>warroom · Profile Enhancement launch</title>" in page
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url\(["']?([^"')]+)""", page)
    loaded = [u for pair in urls for u in pair if u]
    assert loaded and all(u.startswith(served.url + "/") for u in loaded), loaded
    assert "googleapis" not in page and "fonts.g" not in page


async def test_healthz_says_503_when_the_poller_went_quiet() -> None:
    from aiohttp import web
    from aiohttp.test_utils import TestClient, TestServer

    from warroom.collector.http import HEALTHY_WITHIN, observability_routes

    config = default_config()
    sources = build_demo(config)
    dash = Dashboard(config, sources.info, sources.metric_sources, lambda: 1e9)
    heard = [0.0]
    app = web.Application()
    app.add_routes(observability_routes(dash, lambda: heard[0]))
    async with TestClient(TestServer(app)) as client:
        import time

        heard[0] = time.time() - HEALTHY_WITHIN - 5
        quiet = await client.get("/healthz")
        assert quiet.status == 503 and "poller silent" in await quiet.text()
        heard[0] = time.time()
        assert (await client.get("/healthz")).status == 200
