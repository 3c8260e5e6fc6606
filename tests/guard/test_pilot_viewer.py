"""A viewer app on the shared store while a `warroom guard` process holds the lease: its
banner shows who holds it, the countdown and the readings; `a` reaches the holder through
the store, which aborts and audits who asked."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.guard.rig import plan
from tests.guard.stores import lease, pid_of, start
from tests.guard.vendors import until
from tests.support.mongod import MongodProcess
from tests.tui.helpers import demo_app, wait_for
from warroom.tui.options import AppOptions
from warroom.widgets.guard_banner import GuardBanner

pytestmark = pytest.mark.mongo


async def test_a_viewer_sees_the_holder_s_countdown_and_aborts_it(
    mongod: MongodProcess, tmp_path: Path
) -> None:
    uri = mongod.uri.replace("/?", f"/viewer{time.monotonic_ns()}?")
    holder = start(tmp_path, "holder", "guard", uri, countdown=60)
    try:
        until(lambda: bool(lease(uri).get("holder")), 30, "the holder")
        config = plan(tmp_path / "viewer.jsonl", countdown=60)
        app = demo_app(config, start_at=0.0, options=AppOptions(store=uri))
        async with app.run_test(size=(120, 40)) as pilot:
            banner = app.screen.query_one(GuardBanner)
            await wait_for(lambda: "AUTOMATIC ROLLBACK in" in str(banner.render()), 40)
            text = str(banner.render())
            assert f"held by {lease(uri)['holder']}" in text and " at " in text
            assert app.guard.host is not None and not app.guard.host.holding
            await pilot.press("a")
            aborted = holder.wait_for("aborted", timeout=10)
        assert aborted["message"].endswith(": key a on the dashboard")
        assert "@" in aborted["message"]  # who: the viewer's user@host
        assert pid_of(lease(uri)["holder"]) == holder.proc.pid
    finally:
        holder.stop()
