"""The stage gate's checks, each failing on its own, with the evidence it shows."""

from __future__ import annotations

from tests.rollout.helpers import NOW, WEEK, stages, view
from warroom.core.check import CheckCode
from warroom.core.model import SourceState, Status
from warroom.core.rollout.evidence import StageRecord
from warroom.core.rollout.gate import judge

CLEAN = StageRecord(NOW - WEEK - 60, NOW, polls=40_000)


def failed(gate_lines: list[str]) -> list[str]:
    return [line for line in gate_lines if line.startswith("✗")]


def test_every_check_passes_after_a_clean_week() -> None:
    gate = judge(view(15), stages(10080), CheckCode.OK, CLEAN)
    assert gate.passed and gate.target is not None and gate.target.label == "Open beta"
    assert gate.lines() == [
        "✓ flags read: unleash, 5s ago",
        "✓ flag on: profile-v2 on, 15%",
        "✓ at a stage: Closed beta (15%)",
        "✓ next stage: Open beta (50%)",
        "✓ dwell time: 7d in stage, minimum 7d",
        "✓ check now: ok (0)",
        "✓ check for the whole stage: 40000 recorded polls since 07:59:00, all ok",
        "✓ no rollback trigger: none fired in the stage",
    ]
    assert gate.record()["passed"] is True and gate.record()["target"] == 50


def test_dwell_time_not_reached() -> None:
    gate = judge(view(15, since=NOW - 3600), stages(10080), CheckCode.OK, CLEAN)
    assert not gate.passed
    assert failed(gate.lines()) == ["✗ dwell time: 1h in stage, minimum 7d"]


def test_check_now_and_during_the_stage() -> None:
    bad = StageRecord(CLEAN.start, NOW, 10, {"error_rate": Status.CRIT, "page_load": Status.WARN})
    gate = judge(view(15), stages(0), CheckCode.WARN, bad)
    assert gate.reasons() == [
        "check now: warn (4)",
        "check for the whole stage: during the stage: error_rate crit, page_load warn",
    ]


def test_a_trigger_in_the_stage_or_now() -> None:
    fired = StageRecord(CLEAN.start, NOW, 10, triggers=((NOW - 600, "rollback_error_rate", "x"),))
    gate = judge(view(15), stages(0), CheckCode.OK, fired)
    assert gate.reasons() == ["no rollback trigger: rollback_error_rate fired at 07:50:00"]
    now = judge(view(15), stages(0), CheckCode.ROLLBACK, CLEAN)
    assert "no rollback trigger: a rollback trigger is firing now" in now.reasons()


def test_unwatched_stretch_or_no_history_fails_the_stage_check() -> None:
    hole = StageRecord(CLEAN.start, NOW, 10, hole=(NOW - 7200, NOW - 3600))
    assert judge(view(15), stages(0), CheckCode.OK, hole).reasons() == [
        "check for the whole stage: not recorded 06:00:00–07:00:00 (history covers too little)"
    ]
    none = StageRecord(CLEAN.start, NOW, error="no history recorded yet at /x")
    assert judge(view(15), stages(0), CheckCode.OK, none).reasons() == [
        "check for the whole stage: no history of the stage: no history recorded yet at /x"
    ]


def test_the_rollout_itself_stops_the_gate_early() -> None:
    cases = {
        "off": (view(15, on=False), "flag on: profile-v2 is off: turn it on first"),
        "between": (view(30), "at a stage: 30% is between stages: set it to a stage first"),
        "last": (view(100), "next stage: Full release is the last stage"),
        "down": (view(15, state=SourceState.DOWN, error="Unleash: cannot connect"),
                 "flags read: Unleash: cannot connect"),
        "unread": (None, "flags read: no read of the flag service yet"),
    }  # fmt: skip
    for name, (rollout, reason) in cases.items():
        gate = judge(rollout, stages(0), CheckCode.OK, CLEAN)
        assert not gate.passed and gate.reasons() == [reason], name
