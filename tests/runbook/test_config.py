"""The runbook part of the plan: the seed's steps, demo actions, keys, and the commented
examples in the default plan, which must be valid when uncommented."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest
from pydantic import ValidationError

from warroom.core.config import default_config
from warroom.core.runbook.steps import build_groups, build_steps
from warroom.core.runbook.summary import describe
from warroom.core.runbook_config import RunbookConfig


def test_default_steps_are_manual_outside_the_demo_and_simulated_in_it() -> None:
    runbook = default_config().runbook
    live = build_steps(runbook, demo=False)
    with_flags = build_steps(runbook, demo=False, flags=True)
    demo = build_steps(runbook, demo=True)
    demo_flags = build_steps(runbook, demo=True, flags=True)
    assert {s.action.kind for s in live} == {"manual"}
    # "Disable feature flags" acts through the flag provider: [rollout]'s, or the demo's;
    # a demo whose simulation runs elsewhere (a serve session) keeps the simulated action.
    assert [s.action.kind for s in with_flags[:3]] == ["manual", "flag_off", "manual"]
    assert [s.action.kind for s in demo[:3]] == ["simulated"] * 3
    assert [s.action.kind for s in demo_flags[:3]] == ["simulated", "flag_off", "simulated"]
    assert [s.key for s in live] == list("123456789")
    groups = build_groups(runbook, live)
    assert [(g.key, g.target_seconds) for g in groups] == [("I", 300), ("D", None), ("C", None)]


def commented_examples() -> dict[str, object]:
    text = resources.files("warroom.core").joinpath("default_plan.toml").read_text()
    start = text.index("#   [[runbook.steps]]")
    block = text[start : text.index("\n[runbook]\n")]
    lines = [line[4:] for line in block.splitlines() if line.startswith("#   ")]
    return tomllib.loads("\n".join(lines))


def test_commented_examples_are_valid_steps() -> None:
    steps = commented_examples()["runbook"]["steps"]  # type: ignore[index]
    groups = [g.model_dump() for g in default_config().runbook.groups]
    config = RunbookConfig.model_validate({"groups": groups, "steps": steps})
    text = "\n".join(line for s in config.steps for line in describe(s.action, s.timeout))
    for expected in ('"kubectl", "rollout", "undo"', '"helm", "rollback"',
                     "Bearer ${FLAGS_API_TOKEN}", "statuspage", "${SLACK_WEBHOOK_URL}",
                     "post Datadog event"):  # fmt: skip
        assert expected in text


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ({"key": "q"}, "taken by the app"),
        ({"requires": ["nope"]}, "unknown steps 'nope'"),
        ({"action": {"kind": "command", "argv": []}}, "at least 1 item"),
        ({"action": {"kind": "command", "argv": "kubectl rollout undo"}}, "valid list"),
    ],
)
def test_bad_steps_are_rejected(step: dict[str, object], message: str) -> None:
    groups = [{"id": "g", "title": "G"}]
    with pytest.raises(ValidationError, match=message):
        RunbookConfig.model_validate(
            {"groups": groups, "steps": [{"id": "s", "title": "S", "group": "g", **step}]}
        )
