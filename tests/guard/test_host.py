"""The guard hosted on the real simulated launch, end to end: a sustained breach trips once
and runs the group through the runbook with its evidence audited; a dry run and read-only
act on nothing; an abort during the countdown is audited; manual steps are never run;
closing waits for a running group."""

from __future__ import annotations

from pathlib import Path

from tests.guard.rig import DemoRig, plan
from warroom.core.runbook import StepState
from warroom.tui.options import AppOptions, guard_settings

IMMEDIATE = ("revert_deployment", "disable_feature_flags", "switch_traffic")


async def until(rig: DemoRig, kind: str, seconds: int = 40) -> None:
    for _ in range(seconds):
        await rig.second()
        if kind in rig.kinds():
            return
    raise AssertionError(f"no {kind!r} decision in {seconds}s: {rig.kinds()}")


async def test_a_sustained_breach_trips_exactly_once_end_to_end(tmp_path: Path) -> None:
    rig = DemoRig(tmp_path, plan(tmp_path / "audit.jsonl", countdown=5))
    await until(rig, "tripped")
    tripped = next(d for d in rig.decisions if d.kind == "tripped")
    assert len(tripped.evidence) == 3 and all(e.value > e.threshold for e in tripped.evidence)
    assert rig.host.status().phase == "countdown"
    await rig.run_for(90)  # the countdown, the run, the recovery and a long quiet after it
    assert rig.kinds().count("tripped") == 1 and rig.kinds().count("act") == 1
    assert rig.kinds()[-1] == "finished" and rig.host.stood_down
    assert all(rig.runbook.status[s].state is StepState.DONE for s in IMMEDIATE)
    assert rig.flag_changes() == ["profile-enhancement feature flags disabled (simulated)"]
    started = [r for r in rig.audit() if r["event"] == "started"]
    assert [r["step"] for r in started] == list(IMMEDIATE)
    for record in started:
        assert record["actor"] == "autorollback" and record["trigger"] == tripped.trigger
        assert [e["value"] for e in record["evidence"]] == [e.value for e in tripped.evidence]
        assert all(e["op"] == ">" and e["time"].endswith("Z") for e in record["evidence"])
        assert record["rule"]["consecutive"] == 3 and record["rule"]["countdown"] == 5
    assert rig.dashboard.triggers() == []  # recovered


async def test_dry_run_records_the_decision_and_acts_on_nothing(tmp_path: Path) -> None:
    rig = DemoRig(tmp_path, plan(tmp_path / "audit.jsonl", countdown=2), dry_run=True)
    await until(rig, "finished")
    await rig.run_for(30)  # the incident goes on: nothing was reverted
    assert rig.kinds().count("act") == 1 and rig.dashboard.triggers() != []
    assert rig.flag_changes() == []
    events = [(r["event"], r.get("step") or r.get("decision")) for r in rig.audit()]
    assert ("started", "revert_deployment") not in events
    assert [step for event, step in events if event == "dry_run"] == list(IMMEDIATE)
    assert all(r["dry_run"] and r["actor"] == "autorollback" for r in rig.audit())
    assert "recorded (dry run)" in (rig.host.status().outcome or "")


async def test_read_only_only_advises(tmp_path: Path) -> None:
    config = plan(tmp_path / "audit.jsonl", countdown=2)
    settings = guard_settings(config, AppOptions(read_only=True))
    assert settings.mode == "advise"
    rig = DemoRig(tmp_path, config.model_copy(update={"autorollback": settings}))
    await until(rig, "advise")
    await rig.run_for(10)
    assert "act" not in rig.kinds() and rig.host.stood_down
    assert not [r for r in rig.audit() if r["event"] in ("started", "dry_run")]
    assert rig.flag_changes() == []


async def test_abort_during_the_countdown_is_audited(tmp_path: Path) -> None:
    rig = DemoRig(tmp_path, plan(tmp_path / "audit.jsonl", countdown=10))
    await until(rig, "tripped")
    said = await rig.host.abort("alice@bastion", "a load test, not an incident")
    assert said == "countdown aborted by alice@bastion: a load test, not an incident"
    await rig.second()
    assert rig.host.status().phase == "armed"
    aborted = [r for r in rig.audit() if r.get("decision") == "aborted"]
    assert len(aborted) == 1
    assert aborted[0]["who"] == "alice@bastion" and aborted[0]["why"].startswith("a load test")
    assert len(aborted[0]["evidence"]) == 3
    assert await rig.host.abort("bob", "") == "nothing to abort: no countdown is running"


async def test_manual_steps_are_listed_never_run(tmp_path: Path) -> None:
    config = plan(tmp_path / "audit.jsonl", countdown=1)
    steps = [
        s.model_copy(update={"demo_action": None}) if s.id == "revert_deployment" else s
        for s in config.runbook.steps
    ]  # in the demo too, reverting is now a person's job
    runbook = config.runbook.model_copy(update={"steps": steps})
    rig = DemoRig(tmp_path, config.model_copy(update={"runbook": runbook}))
    await until(rig, "tripped")
    assert rig.host.status().needs_person == ("Revert to previous deployment",)
    await until(rig, "finished")
    started = [r["step"] for r in rig.audit() if r["event"] == "started"]
    assert started == ["disable_feature_flags", "switch_traffic"]
    assert rig.runbook.status["revert_deployment"].state is StepState.PENDING
    tripped = next(r for r in rig.audit() if r.get("decision") == "tripped")
    assert tripped["needs_person"] == ["Revert to previous deployment"]
    outcome = rig.host.status().outcome or ""
    assert outcome.endswith("needs a person: Revert to previous deployment")


async def test_rearm_after_standing_down(tmp_path: Path) -> None:
    rig = DemoRig(tmp_path, plan(tmp_path / "audit.jsonl", countdown=1))
    await until(rig, "finished")
    assert await rig.host.rearm("alice") == "re-armed"
    assert rig.host.status().phase == "armed"
    assert any(r.get("decision") == "rearmed" and r["who"] == "alice" for r in rig.audit())


async def test_close_waits_for_the_running_group_then_closes_what_the_process_gave_it(
    tmp_path: Path,
) -> None:
    rig = DemoRig(tmp_path, plan(tmp_path / "audit.jsonl", countdown=1))
    closed: list[bool] = []
    rig.host.on_close.append(lambda: closed.append(rig.host.stood_down))
    for _ in range(40):
        rig.clock.now += 1.0
        await rig.poll()
        await rig.host.tick()  # no idle(): the group may still be running at close
        if "act" in rig.kinds():
            break
    assert "act" in rig.kinds()
    await rig.host.close()
    assert closed == [True]  # once, and after the group had finished
    await rig.host.close()
    assert closed == [True]
