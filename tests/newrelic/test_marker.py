"""`newrelic_marker` runbook steps record a deployment marker through the fake NerdGraph, as
the app builds them (RunbookHolder); `--dry-run` records the step and sends nothing; a marker
whose fate is unknown is never sent twice."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.fakes.newrelic_server import ENTITY_GUID, NerdGraphState, env_for
from tests.newrelic.conftest import plan_with
from tests.runbook.conftest import records, runbook_config
from warroom.core.config import Config
from warroom.core.runbook import StepState
from warroom.core.runbook.factory import audit_path
from warroom.core.runbook.summary import describe
from warroom.core.runbook_config import NewRelicMarkerAction
from warroom.sources.newrelic import post_marker
from warroom.sources.registry import SourceSet
from warroom.tui.options import AppOptions
from warroom.tui.runbook_holder import RunbookHolder

MARKER = {"kind": "newrelic_marker", "version": "${ROLLBACK_VERSION}", "changelog": "flags off"}


@dataclass(eq=False)
class Host:
    config: Config
    sources: SourceSet = field(default_factory=SourceSet)
    options: AppOptions = field(default_factory=AppOptions)


def host(dry_run: bool = False, entity: str | None = ENTITY_GUID, **action: Any) -> Host:
    base = plan_with(entity_guid=entity, timeout=2.0)
    step = {"id": "mark", "action": {**MARKER, **action}}
    config = base.model_copy(update={"runbook": runbook_config(step)})
    return Host(config, options=AppOptions(dry_run=dry_run))


@pytest.fixture
def env(fake: tuple[NerdGraphState, str], monkeypatch: pytest.MonkeyPatch) -> NerdGraphState:
    state, url = fake
    extra = {"ROLLBACK_VERSION": "1.4.2", "USER": "oncall"}
    for name, value in {**env_for(url, state), **extra}.items():
        monkeypatch.setenv(name, value)
    return state


async def run(app: Host) -> tuple[StepState, str]:
    book = RunbookHolder(app).get()
    await book.start(["mark"])
    return book.status["mark"].state, book.status["mark"].detail


async def test_a_real_run_records_one_marker(env: NerdGraphState) -> None:
    app = host()
    assert await run(app) == (StepState.DONE, "marker dep-1")
    (stored,) = env.deployments
    assert stored["entityGuid"] == ENTITY_GUID and stored["version"] == "1.4.2"
    assert stored["user"] == "oncall" and stored["changelog"] == "flags off"
    assert stored["description"] == "warroom runbook step mark"
    assert stored["deploymentType"] == "BASIC" and isinstance(stored["timestamp"], int)
    assert len(env.log) == 1 and "mutation Marker" in env.log[0].body["query"]
    assert "1.4.2" not in env.log[0].body["query"], "values travel as variables"
    finished = records(audit_path(app.config.runbook))[-1]
    assert (finished["event"], finished["outcome"]) == ("finished", "done")


async def test_a_dry_run_records_the_step_and_sends_nothing(env: NerdGraphState) -> None:
    app = host(dry_run=True)
    state, detail = await run(app)
    assert state is StepState.DRY_RUN and detail == "dry run: recorded, nothing executed"
    assert env.log == [] and env.deployments == []
    (record,) = records(audit_path(app.config.runbook))
    assert record["event"] == "dry_run" and record["dry_run"] is True
    assert "record New Relic deployment marker: version '${ROLLBACK_VERSION}'" in record["action"]


async def test_without_credentials_the_step_says_not_configured() -> None:
    assert await run(host()) == (
        StepState.FAILED,
        "New Relic markers not configured: NEW_RELIC_API_KEY is not set",
    )


async def test_a_missing_variable_or_entity_fails_before_any_request(
    env: NerdGraphState, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert await run(host(entity=None)) == (
        StepState.FAILED,
        "no entity GUID: set entity_guid on the step or [sources.newrelic]",
    )
    monkeypatch.delenv("ROLLBACK_VERSION")
    missing = "environment variable ROLLBACK_VERSION is not set"
    assert await run(host()) == (StepState.FAILED, missing)
    assert env.log == []


async def test_an_unknown_entity_is_refused_once_with_its_message(env: NerdGraphState) -> None:
    state, detail = await run(host(entity_guid="NOPE"))
    assert state is StepState.FAILED
    assert detail == "New Relic marker: Entity NOPE not found"
    assert len(env.log) == 1


async def test_an_answer_lost_after_the_marker_was_stored_is_not_sent_again(
    env: NerdGraphState,
) -> None:
    env.fault, env.fault_after, env.fault_on = "500", True, "mutation"
    state, detail = await run(host())
    assert state is StepState.FAILED
    assert detail == (
        "New Relic marker: not confirmed (500 Internal Server Error); "
        "it may have been recorded: check New Relic first"
    )
    assert len(env.log) == 1 and len(env.deployments) == 1


async def test_a_429_is_retried_because_nothing_was_stored(env: NerdGraphState) -> None:
    env.fault, env.fault_times = "429", 1
    assert await run(host()) == (StepState.DONE, "marker dep-1")
    assert [r.status for r in env.log] == [429, 200] and len(env.deployments) == 1


async def test_post_marker_is_one_call_for_other_features(env: NerdGraphState) -> None:
    config = plan_with(entity_guid=ENTITY_GUID)
    deployment = await post_marker(
        config, os.environ, version="flag:profile-v2=off", description="flag change",
        deployment_type="OTHER", group_id="launch",
    )  # fmt: skip
    assert deployment == "dep-1"
    assert env.deployments[0]["deploymentType"] == "OTHER"
    assert env.deployments[0]["groupId"] == "launch"


def test_the_step_says_what_it_will_do() -> None:
    action = NewRelicMarkerAction(version="2.0.1", description="Rollback\nof profile")
    assert describe(action) == [
        "record New Relic deployment marker: version '2.0.1' on the [sources.newrelic] entity_guid",
        "  Rollback",
        "  of profile",
    ]
