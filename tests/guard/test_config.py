"""`[autorollback]` in the config: the issue's defaults, every key read from a file, and
mistakes named by file and line (an unknown key, a bad mode, an override for a trigger the
plan does not have)."""

from __future__ import annotations

from pathlib import Path

import pytest

from warroom.core.config import default_config, load_config
from warroom.core.errors import ConfigError

FULL = """\
[autorollback]
mode = "act"
group = "immediate"
steps = ["revert_deployment", "disable_feature_flags"]
consecutive = 4
countdown = 45
error_limit = 6

[autorollback.triggers.rollback_error_rate]
consecutive = 2
trip_at = 3
min_samples = 20
"""


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "warroom.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return [p.replace(str(path), "FILE") for p in caught.value.problems]


def test_off_by_default_with_the_issue_s_defaults() -> None:
    guard = default_config().autorollback
    assert (guard.mode, guard.group, guard.steps) == ("off", "immediate", [])
    assert (guard.consecutive, guard.countdown, guard.error_limit) == (3, 30.0, 4)
    assert guard.triggers == {}


def test_every_key_is_read(tmp_path: Path) -> None:
    path = tmp_path / "warroom.toml"
    path.write_text(FULL, encoding="utf-8")
    guard = load_config(path).autorollback
    assert (guard.mode, guard.steps) == ("act", ["revert_deployment", "disable_feature_flags"])
    assert (guard.consecutive, guard.countdown, guard.error_limit) == (4, 45.0, 6)
    override = guard.triggers["rollback_error_rate"]
    assert (override.consecutive, override.trip_at, override.min_samples) == (2, 3.0, 20)


def test_mistakes_name_their_line(tmp_path: Path) -> None:
    text = '[autorollback]\nmode = "sometimes"\ncountdwn = 3\n'
    assert problems(tmp_path, text) == [
        "FILE:2: autorollback.mode: Input should be 'off', 'advise' or 'act'",
        "FILE:3: autorollback.countdwn: unknown key",
    ]


def test_an_override_for_an_unknown_trigger_is_refused(tmp_path: Path) -> None:
    text = "[autorollback.triggers.rollback_eror_rate]\nconsecutive = 2\n"
    [problem] = problems(tmp_path, text)
    assert problem.startswith(
        "FILE:1: autorollback.triggers.rollback_eror_rate: unknown trigger 'rollback_eror_rate'"
    )
    assert "rollback_error_rate" in problem.split(";")[1]  # says what it could have been
