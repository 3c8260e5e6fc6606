"""Config values that used to validate and then silently disable protection are refused, each
as one `path:line: key: problem` line."""

from __future__ import annotations

from pathlib import Path

import pytest

from warroom.core.config import load_config
from warroom.core.errors import ConfigError

METRIC = '[[metrics]]\nid = "a"\nlabel = "A"\ntab = "engineering"\n'
TRIGGER = '[[triggers]]\nid = "t"\nmetric = "a"\nop = ">"\nmessage = "m"\nthreshold = {}\n'


def problems(tmp_path: Path, text: str, themes: set[str] | None = None) -> list[str]:
    path = tmp_path / "warroom.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path, themes=themes)
    prefix = f"{path}:"
    assert all(p.startswith(prefix) for p in caught.value.problems), caught.value.problems
    return [p.removeprefix(prefix) for p in caught.value.problems]


@pytest.mark.parametrize("number", ["nan", "+nan", "inf", "-inf", "1e400", "-1e400"])
def test_a_trigger_threshold_must_be_finite(tmp_path: Path, number: str) -> None:
    (line,) = problems(tmp_path, METRIC + TRIGGER.format(number))
    assert line.startswith("10: triggers[0].threshold: Input should be a finite number")


def test_no_number_anywhere_may_be_nan(tmp_path: Path) -> None:
    text = "[sources.datadog]\nbudget_reserve = nan\n\n[[stages]]\npct = inf\nlabel = 'x'\n"
    found = problems(tmp_path, text)
    assert [p.split(":")[0] for p in found] == ["5", "2"]
    assert all("finite number" in p for p in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[sources.sim]\nenabled = "yes"\n',
            "2: sources.sim.enabled: Input should be a valid boolean, got 'yes'",
        ),
        (
            '[sources.mongo]\ninterval = "30"\n',
            "2: sources.mongo.interval: Input should be a valid number, got '30'",
        ),
        (
            "[[stages]]\npct = true\nlabel = 's'\n",
            "2: stages[0].pct: Input should be a valid number, got true",
        ),
        (
            "[sources.sentry]\nmax_pages = 2.0\n",
            "2: sources.sentry.max_pages: Input should be a valid integer, got 2.0",
        ),
    ],
)
def test_types_are_strict(tmp_path: Path, text: str, expected: str) -> None:
    assert problems(tmp_path, text) == [expected]


@pytest.mark.parametrize(
    "key",
    [
        "sources.sim.interval",
        "sources.datadog.timeout",
        "sources.mongo.probe_window",
        "sources.datadog.request_timeout",
    ],
)
def test_intervals_and_timeouts_have_a_floor(tmp_path: Path, key: str) -> None:
    section, name = key.rsplit(".", 1)
    (line,) = problems(tmp_path, f"[{section}]\n{name} = 1e-300\n")
    assert line == f"2: {key}: Input should be greater than or equal to 0.1"


def test_a_step_timeout_and_a_metric_stale_after_have_a_floor(tmp_path: Path) -> None:
    (line,) = problems(tmp_path, METRIC + "stale_after = 0.001\n")
    assert line == "5: metrics[0].stale_after: Input should be greater than or equal to 0.1"


def test_simulated_speed_is_bounded(tmp_path: Path) -> None:
    (line,) = problems(tmp_path, "[sources.sim]\nspeed = 1e308\n")
    assert line == "2: sources.sim.speed: Input should be less than or equal to 1000"


def test_unknown_source_name(tmp_path: Path) -> None:
    (line,) = problems(tmp_path, METRIC + 'source = "datadgo"\n')
    assert line.startswith("5: metrics[0].source: unknown source 'datadgo'; one of sim, datadog")


def test_unknown_theme_name(tmp_path: Path) -> None:
    found = problems(tmp_path, '[ui]\ntheme = "war-rom"\n', themes={"war-room", "mono"})
    assert found == ["2: ui.theme: unknown theme 'war-rom'; one of mono, war-room"]


def test_theme_name_must_look_like_one_even_unchecked(tmp_path: Path) -> None:
    (line,) = problems(tmp_path, '[ui]\ntheme = "../../etc"\n')
    assert line.startswith("2: ui.theme: String should match pattern")


def test_a_known_theme_passes(tmp_path: Path) -> None:
    path = tmp_path / "warroom.toml"
    path.write_text('[ui]\ntheme = "mono"\n', encoding="utf-8")
    assert load_config(path, themes={"mono", "war-room"}).ui.theme == "mono"


@pytest.mark.parametrize("depth", [101, 5000])
def test_deep_nesting_is_one_line_not_a_recursion_error(tmp_path: Path, depth: int) -> None:
    text = "[ui]\nmax_fps = 2\n" + "x = " + "[" * depth + "]" * depth + "\n"
    assert problems(tmp_path, text) == ["3: syntax: nested more than 100 levels deep"]


def test_deep_inline_tables_in_a_pipeline_are_refused_too(tmp_path: Path) -> None:
    nested = "{a = " * 3000 + "1" + "}" * 3000
    text = f'[sources.mongo.pipelines.p]\ncollection = "c"\npipeline = [{nested}]\n'
    assert problems(tmp_path, text) == ["3: syntax: nested more than 100 levels deep"]


def test_labels_and_messages_from_config_are_inert(tmp_path: Path) -> None:
    path = tmp_path / "warroom.toml"
    hostile = "Error\\u001b[2J rate\\u202e"
    path.write_text(
        'replace = ["alerts", "trends", "criteria", "triggers"]\n'
        + f'[launch]\nname = "{hostile}"\n\n'
        + METRIC.replace('"A"', f'"{hostile}"')
        + TRIGGER.format(1).replace('"m"', f'"{hostile}"'),
        encoding="utf-8",
    )
    config = load_config(path)
    expected = "Error\\x1b[2J rate<U+202E>"
    assert config.metric("a").label == expected
    assert config.triggers[0].message == expected
    assert config.launch.name == expected
