"""The stage gate: the rollout moves to the next stage only when every check passes.

- the flags are readable, the stage flag is on and at one of the plan's stages, and a next
  stage exists;
- the stage's minimum dwell time (`min_minutes`) has passed;
- `check` is clean now and was clean for the whole stage (history: no metric warn or crit,
  no hole in the record);
- no rollback trigger fired in the stage.

Each check carries its evidence, shown on screen and recorded in the audit log either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from warroom.core.check import CheckCode
from warroom.core.format import format_age, format_clock
from warroom.core.plan import Stage
from warroom.core.rollout.evidence import StageRecord
from warroom.core.rollout.stages import next_stage
from warroom.core.rollout.view import RolloutView


@dataclass(frozen=True, slots=True)
class GateCheck:
    name: str
    passed: bool
    evidence: str


@dataclass(frozen=True, slots=True)
class Gate:
    checks: tuple[GateCheck, ...]
    stage: Stage | None
    """The stage the rollout is at (None when unknown or between stages)."""
    target: Stage | None
    """The stage it would move to."""

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks) and self.target is not None

    def reasons(self) -> list[str]:
        return [f"{c.name}: {c.evidence}" for c in self.checks if not c.passed]

    def lines(self) -> list[str]:
        """Every check with its evidence: `✓ dwell time: 7d in stage (minimum 7d)`."""
        return [f"{'✓' if c.passed else '✗'} {c.name}: {c.evidence}" for c in self.checks]

    def record(self) -> dict[str, Any]:
        """The audit record's `gate` field."""
        return {
            "passed": self.passed,
            "stage": self.stage.label if self.stage else None,
            "target": self.target.pct if self.target else None,
            "checks": [{"name": c.name, "passed": c.passed, "evidence": c.evidence}
                       for c in self.checks],
        }  # fmt: skip


def judge(
    view: RolloutView | None,
    stages: Sequence[Stage],
    check_now: CheckCode,
    record: StageRecord | None,
) -> Gate:
    """The gate at this moment. `record` is the history of the stage (None: not read, since
    an earlier check already failed)."""
    rollout = _rollout_checks(view, stages)
    if view is None or rollout[-1].passed is False:
        return Gate(tuple(rollout), None, None)
    assert view.position is not None and view.position.stage is not None and view.pct is not None
    stage = view.position.stage
    checks = [*rollout, _dwell(view, stage), _check_now(check_now)]
    if record is not None:
        checks += [_check_stage(record), _no_trigger(record, check_now)]
    return Gate(tuple(checks), stage, next_stage(stages, view.pct))


def unread(error: str | None) -> Gate:
    """The gate when the flags were never read: `error` is the flag source's reason."""
    why = error or "no read of the flag service yet"
    return Gate((GateCheck("flags read", False, why),), None, None)


def _rollout_checks(view: RolloutView | None, stages: Sequence[Stage]) -> list[GateCheck]:
    """Readable flags, flag on, at a stage, a next stage. Stops at the first that fails."""
    if view is None:
        return [GateCheck("flags read", False, "no read of the flag service yet")]
    if view.failed or view.stale:
        why = view.source.error or f"last read {format_age(view.age)} ago"
        return [GateCheck("flags read", False, why)]
    checks = [GateCheck("flags read", True, f"{view.source.name}, {format_age(view.age)} ago")]
    flag = view.state.stage_flag
    if flag is None or not flag.on:
        key = flag.key if flag else "stage flag"
        return [*checks, GateCheck("flag on", False, f"{key} is off: turn it on first")]
    checks.append(GateCheck("flag on", True, f"{flag.key} {flag.describe()}"))
    where = view.position
    if where is None or view.pct is None:
        return [*checks, GateCheck("at a stage", False, f"{flag.key} has no % rollout")]
    if where.stage is None:
        text = f"{view.pct:g}% is between stages: set it to a stage first"
        return [*checks, GateCheck("at a stage", False, text)]
    checks.append(GateCheck("at a stage", True, f"{where.stage.label} ({view.pct:g}%)"))
    target = next_stage(stages, view.pct)
    if target is None:
        return [*checks, GateCheck("next stage", False, f"{where.stage.label} is the last stage")]
    checks.append(GateCheck("next stage", True, f"{target.label} ({target.pct:g}%)"))
    return checks


def _dwell(view: RolloutView, stage: Stage) -> GateCheck:
    needed = (stage.min_minutes or 0.0) * 60.0
    spent = view.in_stage
    if spent is None:
        return GateCheck("dwell time", False, "unknown when the stage began")
    text = f"{format_age(spent)} in stage, minimum {format_age(needed)}"
    return GateCheck("dwell time", spent >= needed, text)


def _check_now(code: CheckCode) -> GateCheck:
    return GateCheck("check now", code is CheckCode.OK, f"{code.name.lower()} ({int(code)})")


def _check_stage(record: StageRecord) -> GateCheck:
    name = "check for the whole stage"
    if record.error:
        return GateCheck(name, False, f"no history of the stage: {record.error}")
    if record.hole is not None:
        gap = f"{format_clock(record.hole[0])}–{format_clock(record.hole[1])}"
        return GateCheck(name, False, f"not recorded {gap} (history covers too little)")
    if record.worst:
        bad = ", ".join(f"{m} {s.value}" for m, s in sorted(record.worst.items()))
        return GateCheck(name, False, f"during the stage: {bad}")
    if record.polls == 0:  # a young stage (see evidence.COVERAGE_SLACK)
        age = format_age(record.end - record.start)
        return GateCheck(name, True, f"the stage began {age} ago: judged on this poll only")
    since = format_clock(record.start)
    return GateCheck(name, True, f"{record.polls} recorded polls since {since}, all ok")


def _no_trigger(record: StageRecord, code: CheckCode) -> GateCheck:
    name = "no rollback trigger"
    if code is CheckCode.ROLLBACK:
        return GateCheck(name, False, "a rollback trigger is firing now")
    if record.triggers:
        ts, rule, _ = record.triggers[0]
        more = f" (+{len(record.triggers) - 1} more)" if len(record.triggers) > 1 else ""
        return GateCheck(name, False, f"{rule} fired at {format_clock(ts)}{more}")
    return GateCheck(name, True, "none fired in the stage")
