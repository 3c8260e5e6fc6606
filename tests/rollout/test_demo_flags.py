"""The demo's flags go through the flag-provider interface: the scripted stages reach the
frame as a real service's would, the runbook's flag_off turns the simulated flag off, and the
gate judges the demo like a live launch."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.history.conftest import Clock, run_sync
from warroom.core.config import default_config
from warroom.core.dashboard import Dashboard
from warroom.core.frame import FrameRequest
from warroom.core.poller import PollOutcome
from warroom.core.rollout.advance import assess
from warroom.core.rollout.change import Changer, RolloutRequest
from warroom.core.rollout.view import RolloutView, describe
from warroom.core.runbook import AuditLog, Runbook, StepState, build_executors
from warroom.sources.actions import action_executors, steers_flags
from warroom.sources.registry import SourceSet, build_demo

PLAN = default_config()
T0 = 1_700_000_000.0


def demo() -> tuple[SourceSet, Dashboard, Clock]:
    clock = Clock(T0)
    sources = build_demo(PLAN, clock)
    return sources, Dashboard(PLAN, sources.info, sources.metric_sources, clock), clock


def poll(sources: SourceSet, board: Dashboard, clock: Clock, at: float) -> None:
    assert sources.sim is not None
    clock.now = T0 + at
    result = run_sync(sources.sim.fetch())
    board.ingest(PollOutcome("sim", clock.now, 0.0, result=result, next_in=1))


def test_scripted_stages_arrive_as_flag_reads() -> None:
    sources, board, clock = demo()
    seen = []
    for at in (0, 29, 30, 59, 60):
        poll(sources, board, clock, at)
        rollout = board.frame(FrameRequest()).rollout
        assert rollout is not None and rollout.state.simulated
        seen.append((rollout.pct, rollout.in_stage))
    assert seen == [(5, 0), (5, 29), (15, 0), (15, 29), (50, 0)]
    assert describe(rollout_of(board, clock.now))[:2] == ["Rollout 50%", "Open beta (3/4)"]


def test_operator_rollout_holds_against_the_script() -> None:
    sources, board, clock = demo()
    assert sources.flags is not None
    poll(sources, board, clock, 10)
    (shown,) = asyncio.run(sources.flags.read(["profile-enhancement"], "production"))
    change = asyncio.run(
        Changer(sources.flags).set_rollout(
            RolloutRequest("profile-enhancement", "production", 15, shown, "demo")
        )
    )
    assert change.ok, change.detail
    poll(sources, board, clock, 70)  # past the script's 50 % stage
    assert board.rollout_pct() == 15 and rollout_of(board, clock.now).in_stage == 60


async def test_runbook_disable_feature_flags_turns_the_simulated_flag_off(tmp_path: Path) -> None:
    sources, board, clock = demo()
    extra = action_executors(PLAN, {}, demo=True, flags=sources.flags)
    executors = build_executors(PLAN.runbook, extra=extra)
    steers = steers_flags(PLAN, True, sources.flags)  # as the app decides it
    book = Runbook(PLAN.runbook, AuditLog(tmp_path / "audit.jsonl"), executors, demo=True,
                   env={}, flags=steers)  # fmt: skip
    assert book.step("disable_feature_flags").action.kind == "flag_off"
    poll(sources, board, clock, 130)
    assert board.triggers(), "the demo is mid-incident"
    shown = await book.preview(["disable_feature_flags"])
    assert shown["disable_feature_flags"].lines == (
        "profile-enhancement in production (simulated launch): on, 50%",
    )
    await book.start(["disable_feature_flags"], shown)
    assert book.status["disable_feature_flags"].state is StepState.DONE
    assert book.status["disable_feature_flags"].detail == (
        "turned off profile-enhancement in production"
    )
    poll(sources, board, clock, 160)
    rollout = rollout_of(board, clock.now)
    assert (rollout.flag_on, rollout.pct, board.rollout_pct()) == (False, 50, 0)
    assert board.triggers() == []


async def test_the_demo_gate_refuses_on_the_plans_dwell_time() -> None:
    sources, board, clock = demo()
    poll(sources, board, clock, 40)
    view, gate = await assess(board, None, clock.now, "sim")
    assert view is not None and not gate.passed
    assert "dwell time: 10s in stage, minimum 7d" in gate.reasons()


def rollout_of(board: Dashboard, now: float) -> RolloutView:
    rollout = board.rollout(now)
    assert rollout is not None, "no rollout in the frame"
    return rollout
