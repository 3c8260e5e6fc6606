"""A viewer app on the shared store while a `warroom guard` process holds the lease: its
banner shows who holds it, the countdown and the readings; `a` reaches the holder through
the store, which aborts and audits who asked. An app that holds the lease itself gives it up
as it quits."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

from tests.guard.rig import plan
from tests.guard.stores import lease, pid_of, start
from tests.guard.vendors import until
from tests.support.mongod import MongodProcess
from tests.tui.helpers import demo_app, wait_for
from warroom.collector.lease import GuardLease
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
        # Bounded as a whole, so that a wait that never ends fails here, at that wait.
        async with asyncio.timeout(90), app.run_test(size=(120, 40)) as pilot:
            banner = app.screen.query_one(GuardBanner)
            await wait_for(lambda: "AUTOMATIC ROLLBACK in" in str(banner.render()), 40)
            text = str(banner.render())
            assert f"held by {lease(uri)['holder']}" in text and " at " in text
            assert app.guard.host is not None and not app.guard.host.holding
            await pilot.press("a")
            # Waited for in a thread: the key's request to the store may still be on its
            # way, and it needs the app's loop to get there.
            aborted = await asyncio.to_thread(holder.wait_for, "aborted", 10)
        assert aborted["message"].endswith(": key a on the dashboard")
        assert "@" in aborted["message"]  # who: the viewer's user@host
        assert pid_of(lease(uri)["holder"]) == holder.proc.pid
    finally:
        holder.stop()


async def test_an_app_that_holds_the_lease_gives_it_up_as_it_quits(
    mongod: MongodProcess, tmp_path: Path
) -> None:
    uri = mongod.uri.replace("/?", f"/quits{time.monotonic_ns()}?")
    app = demo_app(plan(tmp_path / "app.jsonl", countdown=60), options=AppOptions(store=uri))
    async with app.run_test(size=(120, 40)):
        host = app.guard.host
        assert host is not None
        await wait_for(lambda: host.holding, 20)
        holder = lease(uri)["holder"]
    # Released, not left to expire: another process takes it at once, within its 10 s TTL.
    other = GuardLease(uri)
    try:
        assert await other.hold()
    finally:
        await other.close()
    assert pid_of(holder) == os.getpid() and lease(uri)["holder"] == other.holder
