"""`warroom serve` polls once for every browser session: two sessions (two real websockets,
two real app processes) cost the vendor one poller's worth of requests, and both show its
data and its health."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pyte
import pytest

from tests.fakes.datadog_server import API_KEY, APP_KEY, FakeDatadog
from tests.serve.conftest import serve

COLS, ROWS = 120, 40
INTERVAL = 1.0
METRICS = "/api/v2/query/timeseries"


@pytest.fixture
def fake() -> Iterator[FakeDatadog]:
    with FakeDatadog() as dd:
        yield dd


class Session:
    """One browser tab: a websocket to the page's app, drawn on a virtual terminal."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    async def until(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.text:
            assert time.monotonic() < deadline, f"{text!r} never shown:\n{self.text}"
            message = await self.ws.receive(timeout=timeout)
            if message.type == aiohttp.WSMsgType.BINARY:
                self.stream.feed(message.data)

    async def drain(self, seconds: float) -> None:
        """Keeps reading (a session whose output is not read would stall its app)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = await self.ws.receive(timeout=left)
            except TimeoutError:
                return
            if message.type == aiohttp.WSMsgType.BINARY:
                self.stream.feed(message.data)


async def test_two_sessions_share_one_poller(fake: FakeDatadog, tmp_path: Path) -> None:
    config = tmp_path / "warroom.toml"
    config.write_text(f"[sources.datadog]\ninterval = {INTERVAL}\nmonitors = false\n")
    env = {"DD_API_KEY": API_KEY, "DD_APP_KEY": APP_KEY, "DD_HOST": fake.url}
    with serve("--config", str(config), env=env) as served:
        url = f"{served.url}/ws?width={COLS}&height={ROWS}"
        async with (
            aiohttp.ClientSession() as http,
            http.ws_connect(url) as ws1,
            http.ws_connect(url) as ws2,
        ):
            sessions = [Session(ws1), Session(ws2)]
            await asyncio.gather(*(s.until("Executive") for s in sessions))
            for s in sessions:
                await s.ws.send_json(["stdin", "2"])
            await asyncio.gather(*(s.until("via serve hub") for s in sessions))
            before, started = fake.count(METRICS), time.monotonic()
            await asyncio.gather(*(s.drain(6.0) for s in sessions))
            requests = fake.count(METRICS) - before
            elapsed = time.monotonic() - started
    assert all("Error rate" in s.text for s in sessions)
    # One poller: about one metrics request per interval. Three pollers (the serve process
    # plus one per session, as before the hub) would make three times as many.
    assert 1 <= requests <= elapsed / INTERVAL + 2, (requests, elapsed)
