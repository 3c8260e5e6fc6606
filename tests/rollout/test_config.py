"""`[rollout]`, `min_minutes` and the flag actions in config: defaults, the commented example
of the default plan, and every mistake as one located line."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pytest

from warroom.core.config import default_config, load_config
from warroom.core.errors import ConfigError
from warroom.core.rollout.config import RolloutConfig


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "warroom.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return caught.value.problems


def test_default_plan_has_no_provider_and_a_week_per_beta_stage() -> None:
    config = default_config()
    assert config.rollout.provider is None and config.rollout.interval == 15
    assert [s.min_minutes for s in config.stages] == [10080, 10080, 10080, None]


def test_the_commented_rollout_example_is_valid() -> None:
    text = resources.files("warroom.core").joinpath("default_plan.toml").read_text()
    start = text.index("#   [rollout]")
    block = text[start : text.index("\n\n", start)]
    example = tomllib.loads("\n".join(line[4:] for line in block.splitlines()))
    rollout = RolloutConfig.model_validate(example["rollout"])
    assert rollout.provider == "unleash" and rollout.stage_flag == "profile-enhancement"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[rollout]\nprovider = "unleash"\n', "needs the launch `flags`"),
        ('[rollout]\nprovider = "flagsmith"\nflags = ["a"]\n', "rollout.provider"),
        ('[rollout]\nprovider = "unleash"\nflags = ["a b"]\n', "letters, digits"),
        ('[rollout]\nflags = ["a", "a"]\n', "flags must be unique"),
        ("[rollout]\ninterval = 0\n", "rollout.interval"),
        ('[[stages]]\npct = 5\nlabel = "x"\nmin_minutes = -1\n', "min_minutes"),
    ],
)
def test_rollout_mistakes_are_located(tmp_path: Path, text: str, expected: str) -> None:
    found = problems(tmp_path, text)
    assert len(found) == 1 and expected in found[0], found
    assert found[0].startswith(str(tmp_path / "warroom.toml"))


def test_flag_rollout_pct_is_0_to_100_or_next_prev(tmp_path: Path) -> None:
    step = (
        '[[runbook.steps]]\nid = "s"\ntitle = "s"\ngroup = "immediate"\n'
        'action = {{ kind = "flag_rollout", pct = {pct} }}\n'
    )
    assert "less than or equal to 100" in " ".join(problems(tmp_path, step.format(pct=150)))
    assert "'next' or 'prev'" in " ".join(problems(tmp_path, step.format(pct='"up"')))
    path = tmp_path / "ok.toml"
    path.write_text(step.format(pct='"next"'))
    action = load_config(path).runbook.steps[0].action
    assert action.kind == "flag_rollout" and action.pct == "next"
