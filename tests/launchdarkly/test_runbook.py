"""The runbook's flag steps on the fake LaunchDarkly: a rollout step with its preview; a step
cancelled while the request is in flight, and a change that could not be read back, neither
of which may read as "nothing happened"."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from tests.fakes.launchdarkly_server import LdState
from tests.launchdarkly.conftest import ld_config
from tests.runbook.conftest import runbook_config
from warroom.core.runbook import AuditLog, Runbook, StepState, build_executors
from warroom.sources.actions import action_executors
from warroom.sources.launchdarkly.provider import LaunchDarklyProvider

STEPS = (
    {"id": "off", "action": {"kind": "flag_off", "flags": ["profile-v2"]}},
    {"id": "back", "action": {"kind": "flag_rollout", "pct": "prev"}},
)


def book(provider: LaunchDarklyProvider, audit: Path) -> Runbook:
    config = ld_config().model_copy(update={"runbook": runbook_config(*STEPS)})
    extra = action_executors(config, {}, demo=False, flags=provider)
    return Runbook(config.runbook, AuditLog(audit), build_executors(config.runbook, extra=extra))


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


async def test_prev_stage_through_the_runbook(
    ld: LaunchDarklyProvider, fake_ld: tuple[str, LdState], tmp_path: Path
) -> None:
    runbook = book(ld, tmp_path / "audit.jsonl")
    shown = await runbook.preview(["back"])
    assert shown["back"].lines[-1] == "  → set to 5% (Internal beta)"
    await runbook.start(["back"], shown)
    assert runbook.status["back"].state is StepState.DONE, runbook.status["back"].detail
    env = fake_ld[1].flags["profile-v2"]["environments"]["production"]
    assert env["fallthrough"]["rollout"]["variations"][0]["weight"] == 5000
    finished = records(tmp_path / "audit.jsonl")[-1]
    assert finished["change"]["target"] == 5.0 and finished["change"]["provider"] == "launchdarkly"
    assert fake_ld[1].token not in (tmp_path / "audit.jsonl").read_text()


async def test_cancel_mid_request_says_the_state_is_unknown(
    ld: LaunchDarklyProvider, fake_ld: tuple[str, LdState], tmp_path: Path
) -> None:
    runbook = book(ld, tmp_path / "audit.jsonl")
    fake_ld[1].delay = 1.0
    task = runbook.start(["off"])
    # Cancelled once the PATCH is on its way (the fake logs a request as it arrives, and
    # holds each answer 1 s), not after a fixed sleep that a slow read would outlast.
    for _ in range(100):
        if any(seen.method == "PATCH" for seen in fake_ld[1].seen):
            break
        await asyncio.sleep(0.05)
    assert any(seen.method == "PATCH" for seen in fake_ld[1].seen), "no PATCH within 5 s"
    assert runbook.cancel("off")
    await task
    status = runbook.status["off"]
    assert status.state is StepState.CANCELLED
    assert status.detail == "cancelled while changing profile-v2: check them by hand"
    finished = records(tmp_path / "audit.jsonl")[-1]
    assert finished["outcome"] == "cancelled" and finished["change"] == {"outcome": "unknown"}


async def test_a_change_that_could_not_be_read_back_is_an_unknown_outcome(
    ld: LaunchDarklyProvider, fake_ld: tuple[str, LdState], tmp_path: Path
) -> None:
    runbook = book(ld, tmp_path / "audit.jsonl")
    fake_ld[1].fault, fake_ld[1].fault_on, fake_ld[1].fault_skip = "drop", None, 1
    await runbook.start(["off"])
    status = runbook.status["off"]
    assert status.state is StepState.UNKNOWN  # not FAILED: it may have been applied
    assert status.detail.endswith("check profile-v2 by hand")
    finished = records(tmp_path / "audit.jsonl")[-1]
    assert finished["outcome"] == "unknown outcome" and finished["change"]["outcome"] == "unknown"
    assert runbook.blocked("off") is None  # it can be run again, once checked
