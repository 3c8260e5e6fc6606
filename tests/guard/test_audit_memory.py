"""Without a shared store the audit log is the guard's memory: after an automatic run that
nobody re-armed, a process that starts stands down. A demo's or a dry run's records never
count (they changed nothing real), and a re-arm clears the run."""

from __future__ import annotations

from typing import Any

from warroom.core.guard.act import previous_run


def decision(kind: str, **extra: Any) -> dict[str, Any]:
    return {"event": "decision", "decision": kind, "ts": f"T-{kind}", "detail": kind, **extra}


def test_a_run_nobody_re_armed_is_remembered() -> None:
    ran = [decision("tripped"), decision("act"), decision("finished")]
    assert previous_run(ran) == "the last run, T-finished: finished"
    assert previous_run([*ran, decision("rearmed")]) is None
    assert previous_run([*ran, decision("rearmed"), decision("act")]) == "the last run, T-act: act"
    assert previous_run([decision("tripped"), decision("aborted")]) is None


def test_demo_and_dry_run_records_never_count() -> None:
    assert previous_run([decision("act", demo=True), decision("finished", demo=True)]) is None
    assert previous_run([decision("act", dry_run=True), decision("finished", dry_run=True)]) is None
    steps = [{"event": "started", "step": "revert_deployment", "actor": "autorollback"}]
    assert previous_run(steps) is None  # only the guard's decisions say a run happened
