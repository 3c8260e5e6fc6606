"""The automatic rollback in the app (Pilot): the banner names the trigger, its readings and
the group and counts down; the bell rings once as it starts (`[ui] bell`); `a` aborts,
audited with who and why; after a run the banner says so and `A` re-arms. Off (the
default), nothing is shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.guard.app_rig import audit, banner, countdown_rings, left, ringing
from tests.guard.rig import plan
from tests.tui.helpers import demo_app, wait_for
from warroom.tui.options import AppOptions
from warroom.widgets.guard_banner import GuardBanner
from warroom.widgets.header import LaunchHeader


async def test_countdown_banner_bell_and_abort(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = plan(tmp_path / "audit.jsonl", countdown=60)
    config = config.model_copy(update={"ui": config.ui.model_copy(update={"bell": True})})
    app = demo_app(config, start_at=92.0)
    rings = ringing(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(lambda: "AUTOMATIC ROLLBACK in" in banner(app))
        text = banner(app)
        assert "press a to abort" in text and "Immediate rollback" in text
        assert " > 1 at " in text or " > 2,000 at " in text  # value, threshold and time
        # `[ui] bell = true`: one ring as the countdown starts, none for each second of it.
        await wait_for(lambda: countdown_rings(rings) == 1)
        await wait_for(lambda: 0 < left(app) < 57)  # three seconds of redraws later
        assert countdown_rings(rings) == 1
        header = app.screen.query_one(LaunchHeader)
        await wait_for(lambda: "AUTO-ROLLBACK IN" in header.text)
        await pilot.press("a")
        await wait_for(lambda: "automatic rollback ACT" in banner(app))
    aborted = [r for r in audit(tmp_path / "audit.jsonl") if r.get("decision") == "aborted"]
    assert len(aborted) == 1 and aborted[0]["why"] == "key a on the dashboard"
    assert "@" in aborted[0]["who"] and len(aborted[0]["evidence"]) == 3
    assert not [r for r in audit(tmp_path / "audit.jsonl") if r["event"] == "started"]


async def test_the_run_the_stand_down_and_the_rearm_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = plan(tmp_path / "audit.jsonl", countdown=1)
    app = demo_app(config, start_at=92.0)
    rings = ringing(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(lambda: "stood down — press A to re-arm" in banner(app))
        assert rings == []  # `[ui] bell` unset: only the wall view rings
        assert "✔ AUTOMATIC ROLLBACK RAN" in banner(app)
        assert "│ Immediate rollback: done: Revert to previous deployment" in banner(app)
        await pilot.press("A")
        await wait_for(lambda: "automatic rollback ACT" in banner(app))
    decisions = [r.get("decision") for r in audit(tmp_path / "audit.jsonl")]
    assert decisions.count("act") == 1 and decisions[-1] == "rearmed"


async def test_off_by_default_nothing_shows(tmp_path: Path) -> None:
    config = plan(tmp_path / "audit.jsonl", mode="off")
    app = demo_app(config, start_at=92.0, options=AppOptions())
    async with app.run_test(size=(120, 40)):
        await wait_for(lambda: bool(app.dashboard.triggers()))
        await app.workers.wait_for_complete()
        assert not app.screen.query_one(GuardBanner).display
        assert app.guard.host is None and app.guard.mark == ""
    assert audit(tmp_path / "audit.jsonl") == []
