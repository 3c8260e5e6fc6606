"""The runbook's flag steps on a real Unleash, as the app builds them: the confirmation's
preview, the drift refusal at run time, and audit records with before and after."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.runbook.conftest import runbook_config
from tests.support.unleash import UnleashServer
from tests.unleash.conftest import unleash_config
from warroom.core.runbook import AuditLog, Runbook, StepState, build_executors
from warroom.sources.actions import action_executors
from warroom.sources.unleash.provider import UnleashProvider

STEPS = (
    {"id": "flags_off", "action": {"kind": "manual"}, "rollout_action": {"kind": "flag_off"}},
    {"id": "next_stage", "action": {"kind": "flag_rollout", "pct": "next"}},
)


def book(provider: UnleashProvider, flags: list[str], audit: Path) -> Runbook:
    config = unleash_config(flags)
    config = config.model_copy(update={"runbook": runbook_config(*STEPS)})
    extra = action_executors(config, {}, demo=False, flags=provider)
    executors = build_executors(config.runbook, extra=extra)
    return Runbook(config.runbook, AuditLog(audit), executors, env={}, flags=True)


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


async def test_preview_then_next_stage_with_before_and_after(
    provider: UnleashProvider, flags: list[str], server: UnleashServer, tmp_path: Path
) -> None:
    runbook = book(provider, flags, tmp_path / "audit.jsonl")
    assert runbook.step("flags_off").action.kind == "flag_off"  # a provider is configured
    shown = await runbook.preview(["next_stage"])
    assert shown["next_stage"].lines == (
        f"{flags[0]} in production (Unleash): on, 5%",
        "  → set to 15% (Closed beta)",
    )
    await runbook.start(["next_stage"], shown)
    assert runbook.status["next_stage"].state is StepState.DONE, runbook.status["next_stage"]
    assert server.rollout(flags[0]) == "15"
    started, finished = records(tmp_path / "audit.jsonl")
    assert started["shown"] == {"flags": {flags[0]: {"on": True, "pct": 5.0}, "target": 15.0}}
    assert finished["change"]["before"] == {flags[0]: {"on": True, "pct": 5.0}}
    assert finished["change"]["after"] == {flags[0]: {"on": True, "pct": 15.0}}
    assert server.admin_token not in (tmp_path / "audit.jsonl").read_text()


async def test_drift_after_the_confirmation_fails_the_step(
    provider: UnleashProvider, flags: list[str], server: UnleashServer, tmp_path: Path
) -> None:
    runbook = book(provider, flags, tmp_path / "audit.jsonl")
    shown = await runbook.preview(["next_stage"])
    server.set_rollout(flags[0], "50")
    await runbook.start(["next_stage"], shown)
    status = runbook.status["next_stage"]
    assert status.state is StepState.FAILED
    assert status.detail == (
        f"{flags[0]} changed since the confirmation (showed on, 5%, now on, 50%): nothing changed"
    )
    finished = records(tmp_path / "audit.jsonl")[-1]
    assert finished["outcome"] == "failed" and finished["change"]["outcome"] == "refused"
    assert server.rollout(flags[0]) == "50"


async def test_without_a_preview_a_rollout_refuses_and_off_still_works(
    provider: UnleashProvider, flags: list[str], server: UnleashServer, tmp_path: Path
) -> None:
    runbook = book(provider, flags, tmp_path / "audit.jsonl")
    await runbook.start(["next_stage"])
    assert runbook.status["next_stage"].detail == (
        "the flag could not be read when the change was confirmed: nothing changed"
    )
    await runbook.start(["flags_off"])
    assert runbook.status["flags_off"].state is StepState.DONE
    assert [server.flag_env(f)["enabled"] for f in flags] == [False, False]
    finished = records(tmp_path / "audit.jsonl")[-1]
    assert finished["change"]["changed"] == flags
