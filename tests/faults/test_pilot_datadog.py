"""The real app on a live Datadog source, against the fake, through a fault and back: the
status bar gives the reason and when it retries, the tile keeps its value with its age, and
the fresh value comes back when the fault clears."""

from __future__ import annotations

from tests.datadog.conftest import plan
from tests.fakes.datadog_server import API_KEY, APP_KEY, FakeDatadog
from tests.faults.harness import INTERVAL
from tests.faults.vendor_datadog import PAGE_LOAD
from tests.tui.helpers import tile_value, wait_for
from warroom.sources.registry import build_live
from warroom.tui.app import WarroomApp


async def test_the_screen_through_a_datadog_500_and_back() -> None:
    with FakeDatadog() as fake:
        for path in ("/api/v2/query/timeseries", "/api/v1/monitor"):
            fake.set_limit(path, limit=1_000_000, remaining=1_000_000, reset=3600)
        fake.state.values[PAGE_LOAD] = 1.2e9  # nanoseconds, as RUM reports them
        config = plan(interval=INTERVAL, timeout=1.0, request_timeout=0.5)
        env = {"DD_API_KEY": API_KEY, "DD_APP_KEY": APP_KEY, "DD_HOST": fake.url}
        app = WarroomApp(config, build_live(config, env))
        async with app.run_test(size=(120, 40)) as pilot:

            def bar() -> str:
                return str(app.screen.query_one("#sources").render())

            def tile() -> str:
                return tile_value(app, "page_load")

            await pilot.press("2")
            await wait_for(lambda: tile().startswith("1.20 s"), timeout=15)
            assert "datadog ● ok" in bar()
            fake.set_fault("500")
            fake.state.values[PAGE_LOAD] = 2.4e9  # only visible once the fault is gone
            await wait_for(lambda: "500 Internal Server Error" in bar(), timeout=15)
            await wait_for(lambda: " old" in tile(), timeout=15)
            assert "datadog ✖ down" in bar() and "retrying in" in bar()
            assert tile().startswith("1.20 s ◷ ")  # the last good value, with its age
            fake.set_fault(None)
            await wait_for(lambda: tile().startswith("2.40 s"), timeout=15)
            assert " old" not in tile()
            assert "500" not in bar() and "retrying in" not in bar()
            await pilot.press("q")
