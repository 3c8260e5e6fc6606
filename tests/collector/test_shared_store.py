"""One collector, three viewers on a real mongod: the viewers show the collector's readings,
only the collector talks to the vendors, and a dead collector shows as "collector stale"."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from tests.collector.conftest import RENDER_VALUE, Rig, kill
from tests.collector.viewer import Viewer, eventually
from warroom.core.model import SourceState


async def test_viewers_follow_one_collector_through_a_crash(rig: Rig) -> None:
    collector = rig.start_collector()
    viewers = [Viewer(rig.store_uri, rig.config) for _ in range(3)]
    for viewer in viewers:
        viewer.poller.start()
    try:
        # Readings from both vendors reach every viewer through the store.
        await eventually(lambda: all(v.value("component_render") == RENDER_VALUE for v in viewers))
        await eventually(lambda: all(v.value("open_issues") is not None for v in viewers))
        for viewer in viewers:
            health = viewer.health("datadog")
            assert health.state is SourceState.OK
            assert health.info["via"].startswith("collector ") and "lag" in health.info
            assert float(health.info["lag"].rstrip("s")) < 10
            assert viewer.dashboard.issues()  # Sentry's issue list came through too
            assert viewer.health("mongo").state is SourceState.DISABLED  # as at the collector

        kill(collector)
        before = await settled(rig.vendor_requests)  # requests on the wire get logged late
        await eventually(
            lambda: all("collector stale" in (v.health("datadog").error or "") for v in viewers)
        )
        # Each viewer source tails the store on its own clock, so Sentry may lag Datadog.
        await eventually(lambda: all(v.health("sentry").state is SourceState.DOWN for v in viewers))
        for viewer in viewers:
            assert viewer.value("component_render") == RENDER_VALUE  # the last value stays
        await asyncio.sleep(1.0)  # three viewers keep polling the store...
        assert rig.vendor_requests() == before  # ...and not one request reached a vendor

        collector = await asyncio.to_thread(rig.start_collector)  # the viewers keep polling
        await eventually(lambda: rig.vendor_requests() > before)  # the new collector polls
        restarted = time.time()
        await eventually(
            lambda: all(
                v.health(name).state is SourceState.OK
                and (v.health(name).last_ok or 0.0) > restarted
                for v in viewers
                for name in ("datadog", "sentry")
            ),
            timeout=20,
        )
        for viewer in viewers:
            assert float(viewer.health("datadog").info["lag"].rstrip("s")) < 10
    finally:
        for viewer in viewers:
            await viewer.poller.stop()
        kill(collector)


async def settled(count: Callable[[], int], quiet: float = 1.0, within: float = 15.0) -> int:
    """`count()` once it has not changed for `quiet` seconds."""
    last, since = count(), time.monotonic()
    deadline = since + within
    while time.monotonic() - since < quiet:
        assert time.monotonic() < deadline, f"still changing after {within:g}s"
        await asyncio.sleep(0.1)
        if (now := count()) != last:
            last, since = now, time.monotonic()
    return last
