"""Mistakes across entries (duplicate ids, unknown names, requires cycles) and in runbook
actions name the line of the offending entry, never `FILE:?:`."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from warroom.core.config import Config, default_config, load_config
from warroom.core.errors import ConfigError
from warroom.core.runbook_config import RunbookConfig

ONLY_RULES = 'replace = [\n    "alerts", "trends",\n    "criteria", "triggers",\n]\n\n'
GROUP = '[[runbook.groups]]\nid = "g"\ntitle = "G"\n\n'


def step(step_id: str, extra: str = "") -> str:
    return f'[[runbook.steps]]\nid = "{step_id}"\ntitle = "T"\ngroup = "g"\n{extra}\n'


def metric(metric_id: str, extra: str = "") -> str:
    return f'[[metrics]]\nid = "{metric_id}"\nlabel = "L"\ntab = "engineering"\n{extra}\n'


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "warroom.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return [p.replace(str(path), "FILE") for p in caught.value.problems]


def test_a_duplicate_metric_id_names_the_line_of_the_repeat(tmp_path: Path) -> None:
    text = ONLY_RULES + metric("a") + metric("b") + metric("a")
    assert problems(tmp_path, text) == [
        "FILE:17: metrics[2].id: metric id 'a' is repeated (first at metrics[0])"
    ]


def test_a_trigger_on_an_unknown_metric_names_its_line(tmp_path: Path) -> None:
    trigger = '[[triggers]]\nid = "t"\nop = ">"\nthreshold = 1\nmessage = "m"\nmetric = "zz"\n'
    text = 'replace = [\n    "alerts", "trends", "criteria",\n]\n' + metric("a") + trigger
    assert problems(tmp_path, text) == ["FILE:14: triggers[0].metric: unknown metric 'zz'"]


def test_a_metric_removed_while_built_in_rules_use_it_is_one_line_at_the_removal(
    tmp_path: Path,
) -> None:
    found = problems(tmp_path, '[[metrics]]\nid = "page_load"\nenabled = false\n')
    assert found == [
        "FILE:3: metrics[0].enabled: metric 'page_load' is still used by alerts.medium_page_load, "
        "criteria.page_load_time, trends.low_degradation_trend, triggers.rollback_page_load: "
        "disable those too (enabled = false), or keep the metric"
    ]


def test_a_step_requiring_itself(tmp_path: Path) -> None:
    text = GROUP + step("a", 'requires = ["a"]')
    assert problems(tmp_path, text) == [
        "FILE:9: runbook.steps[0].requires: step 'a' requires itself"
    ]


def test_a_requires_cycle(tmp_path: Path) -> None:
    text = GROUP + step("a", 'requires = ["c"]') + step("b", 'requires = ["a"]')
    text += step("c", 'requires = ["b"]') + step("d", 'requires = ["a"]')
    (line,) = problems(tmp_path, text)
    assert line.startswith(
        "FILE:9: runbook.steps[0].requires: requires form a cycle: a -> c -> b -> a"
    )


def test_an_unknown_group_and_step_name_their_lines(tmp_path: Path) -> None:
    text = (
        GROUP + step("a").replace('group = "g"', 'group = "nope"') + step("b", 'requires = ["x"]')
    )
    assert problems(tmp_path, text) == [
        "FILE:8: runbook.steps[0].group: unknown group 'nope'",
        "FILE:14: runbook.steps[1].requires: unknown steps 'x'",
    ]


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "gopher://example.com/", "not a url", "https://", "ftp://x/"]
)
def test_an_http_action_needs_an_http_url(tmp_path: Path, url: str) -> None:
    text = GROUP + step("a") + f'[runbook.steps.action]\nkind = "http"\nurl = "{url}"\n'
    assert problems(tmp_path, text) == [
        "FILE:12: runbook.steps[0].action.url: must be an http:// or https:// URL with a host"
    ]


def test_urls_with_references_pass(tmp_path: Path) -> None:
    path = tmp_path / "warroom.toml"
    actions = [
        'url = "https://api.statuspage.io/v1/pages/${PAGE}/incidents"',
        'url = "${SLACK_WEBHOOK_URL}"',  # checked after expansion, when it runs
    ]
    body = "".join(
        step(f"s{i}") + f'[runbook.steps.action]\nkind = "http"\n{a}\n\n'
        for i, a in enumerate(actions)
    )
    path.write_text(GROUP + body, encoding="utf-8")
    assert len(load_config(path).runbook.steps) == 2


def test_empty_argv_elements_are_refused(tmp_path: Path) -> None:
    text = GROUP + step("a", 'action = { kind = "command", argv = ["kubectl", "", "undo"] }')
    assert problems(tmp_path, text) == [
        "FILE:9: runbook.steps[0].action.argv[1]: String should have at least 1 character"
    ]


@pytest.mark.parametrize("status", [0, 99, 600, 99999])
def test_expect_status_is_an_http_status(tmp_path: Path, status: int) -> None:
    action = (
        f'action = {{ kind = "http", url = "https://x.test/", expect_status = [200, {status}] }}'
    )
    (line,) = problems(tmp_path, GROUP + step("a", action))
    assert line.startswith("FILE:9: runbook.steps[0].action.expect_status[1]: Input should be")


def test_json_body_numbers_must_be_finite(tmp_path: Path) -> None:
    action = 'action = { kind = "http", url = "https://x.test/", json = { a = [1, { b = nan }] } }'
    (line,) = problems(tmp_path, GROUP + step("a", action))
    assert line.startswith("FILE:9: runbook.steps[0].action.json: numbers must be finite")


def test_models_built_in_code_still_refuse_cross_entry_mistakes() -> None:
    with pytest.raises(ValidationError, match="requires itself"):
        RunbookConfig.model_validate(
            {"groups": [{"id": "g", "title": "G"}], "steps": [step_dict("a", ["a"])]}
        )
    plan = default_config().model_dump()
    plan["metrics"].append(plan["metrics"][0])
    with pytest.raises(ValidationError, match="metric id 'profile_completion' is repeated"):
        Config.model_validate(plan)


def step_dict(step_id: str, requires: list[str]) -> dict[str, object]:
    return {"id": step_id, "title": "T", "group": "g", "requires": requires}
