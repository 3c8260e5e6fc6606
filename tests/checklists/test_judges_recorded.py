"""The kinds judged from the record: monitored_for and no_trigger_since on a real recorded
history of the simulated launch, runbook_step_done on a real runbook's audit log."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.checklists.helpers import judge, plan_with
from tests.history.conftest import T0, record_launch
from warroom.core.checklists.gather import gather, needs_of
from warroom.core.checklists.local import local_readers
from warroom.core.checklists.state import ItemState
from warroom.core.config import Config
from warroom.core.dashboard import Dashboard
from warroom.core.runbook import AuditLog, build_runbook

HOUR = 3600.0
WATCH = plan_with(
    {"auto": {"kind": "monitored_for", "hours": 24, "max_gap_minutes": 10}},
    {"auto": {"kind": "no_trigger_since", "hours": 24}},
    {"auto": {"kind": "no_trigger_since", "hours": 25, "triggers": ["rollback_error_rate"]}},
)


def judged(
    config: Config, history: Path, dashboard: Dashboard, now: float, tmp: Path
) -> dict[str, tuple[ItemState, str]]:
    readers = local_readers(AuditLog(tmp / "audit.jsonl"), history, ["sim"], demo=True)
    gathered = gather(readers, needs_of(config.checklists), config.triggers, now)
    views = judge(config, dashboard, now, gathered, demo=True)
    return {k: (v.state, v.evidence) for k, v in views.items()}


def test_a_day_recorded_without_gaps_is_monitored(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    clock, dashboard = record_launch(path, 25 * 30 + 1, 120.0, config=WATCH, revert_after=200)
    views = judged(WATCH, path, dashboard, clock.now, tmp_path)
    assert views["item0"] == (ItemState.DONE, "24 h monitored, no gap over 10 min")
    # The incident's trigger held about 4 minutes in, more than 24 h ago: clear.
    assert views["item1"] == (ItemState.DONE, "no rollback trigger in the last 24 h")
    state, evidence = views["item2"]
    assert state is ItemState.OPEN and evidence.startswith("rollback_error_rate held at ")


def test_a_gap_restarts_the_count_and_hides_what_happened_before(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    record_launch(path, 10 * 30, 120.0, config=WATCH, revert_after=200)
    later = T0 + 10 * HOUR + 30 * 60  # the dashboard was off for half an hour
    clock, dashboard = record_launch(
        path, 14 * 30 + 1, 120.0, config=WATCH, start=later, revert_after=0
    )
    views = judged(WATCH, path, dashboard, clock.now, tmp_path)
    state, evidence = views["item0"]
    assert state is ItemState.OPEN
    assert evidence.startswith("14 h 0 min of 24 h monitored (no gap over 10 min, since ")
    state, evidence = views["item1"]
    assert state is ItemState.UNKNOWN and evidence.startswith("recorded only since ")


def test_a_trigger_firing_now_fails_and_a_stopped_dashboard_is_not_monitoring(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    clock, dashboard = record_launch(path, 200, 1.0, config=WATCH)  # the incident, no revert
    views = judged(WATCH, path, dashboard, clock.now, tmp_path)
    assert views["item1"][0] is ItemState.FAILED
    assert views["item1"][1].startswith("firing now: Error rate above 1%")
    hour_later = clock.now + HOUR
    views = judged(WATCH, path, dashboard, hour_later, tmp_path)
    assert views["item0"] == (ItemState.OPEN, "no successful poll for 1h: monitoring stopped?")


def test_no_history_is_unknown_never_done(tmp_path: Path) -> None:
    clock, dashboard = record_launch(
        tmp_path / "elsewhere.sqlite3", 2, 1.0, config=WATCH, revert_after=0
    )
    views = judged(WATCH, tmp_path / "missing.sqlite3", dashboard, clock.now, tmp_path)
    assert views["item0"][0] is ItemState.UNKNOWN
    assert views["item0"][1] == "no history recorded yet (is history off?)"
    assert views["item1"][0] is ItemState.UNKNOWN


async def test_runbook_step_done_follows_the_audit_log(tmp_path: Path) -> None:
    config = plan_with({"auto": {"kind": "runbook_step_done", "step": "revert_deployment"}})
    runbook_cfg = config.runbook.model_copy(update={"audit_path": str(tmp_path / "audit.jsonl")})
    book = build_runbook(runbook_cfg, env={})
    audit = book.audit
    dashboard = Dashboard(config, {}, {}, lambda: T0)

    def state() -> tuple[ItemState, str]:
        readers = local_readers(audit, None, [], demo=False)
        gathered = gather(readers, needs_of(config.checklists), config.triggers, T0)
        view = judge(config, dashboard, T0, gathered)["item0"]
        return view.state, view.evidence

    assert state() == (ItemState.OPEN, "runbook step revert_deployment not run yet")
    book.declined(["revert_deployment"])
    assert state()[0] is ItemState.OPEN  # a cancelled confirmation is not an attempt
    await book.start(["revert_deployment"])
    found, evidence = state()
    assert found is ItemState.DONE and evidence.startswith(f"runbook: done by {audit.user}@")
    audit.append("started", step="revert_deployment", run="x")  # a crash mid-run, later
    assert state()[0] is ItemState.UNKNOWN
    await asyncio.sleep(0)
