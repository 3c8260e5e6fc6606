"""Which steps the guard runs, planned on the real runbook when the countdown ends: a step
someone already ran by hand is skipped, a step that waits for one the guard does not run
before it is skipped, `manual` steps are a person's."""

from __future__ import annotations

from pathlib import Path

from tests.guard.rig import DemoRig, plan
from warroom.core.guard import GuardConfig
from warroom.core.guard.steps import guard_plan


async def test_a_step_someone_already_ran_is_skipped(tmp_path: Path) -> None:
    rig = DemoRig(tmp_path, plan(tmp_path / "audit.jsonl"))
    await rig.runbook.start(["revert_deployment"])  # a person got there first
    planned = guard_plan(rig.runbook, rig.config.autorollback)
    assert planned.run == ("disable_feature_flags", "switch_traffic")
    assert planned.skipped == (("revert_deployment", "already done"),)
    assert planned.record()["skipped"] == ["Revert to previous deployment: already done"]


async def test_a_step_waiting_for_a_person_s_step_is_skipped(tmp_path: Path) -> None:
    config = plan(tmp_path / "audit.jsonl")
    acts = next(s for s in config.runbook.steps if s.id == "switch_traffic").demo_action
    steps = [  # restoring the backup is automated here, but it needs the migration first
        s.model_copy(update={"demo_action": acts}) if s.id == "restore_backup" else s
        for s in config.runbook.steps
    ]
    config = config.model_copy(
        update={"runbook": config.runbook.model_copy(update={"steps": steps})}
    )
    rig = DemoRig(tmp_path, config)
    planned = guard_plan(rig.runbook, GuardConfig(mode="act", group="database"))
    assert planned.run == ()
    assert planned.needs_person == ("migration_rollback", "verify_integrity")
    assert planned.skipped == (
        ("restore_backup", "waits for Run database migration rollback scripts"),
    )
