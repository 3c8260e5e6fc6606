"""`warroom snapshot`, `check` and `config` as a pipeline sees them: output and exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path


def warroom(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "warroom", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env=None,
    )


def test_snapshot_json_has_the_documented_shape() -> None:
    result = warroom("snapshot", "--demo", "--start-at", "100", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    error_rate = data["metrics"]["error_rate"]
    assert set(error_rate) >= {"value", "unit", "status", "updated", "source"}
    assert error_rate["unit"] == "%" and error_rate["source"] == "sim"
    assert error_rate["status"] == "crit"
    assert data["sources"]["sim"] == {**data["sources"]["sim"], "state": "ok", "error": None}
    assert {t["metric"] for t in data["triggers"]} >= {"error_rate", "api_response"}
    assert any(a["priority"] == "high" for a in data["alerts"])


def test_snapshot_text_says_simulated_source_and_trigger() -> None:
    result = warroom("snapshot", "--demo", "--start-at", "100")
    assert result.returncode == 0
    assert "ROLLBACK TRIGGER: Error rate above 1%" in result.stdout
    assert "source sim: ok" in result.stdout


def test_check_exit_codes() -> None:
    assert warroom("check", "--demo", "--tab", "engineering").returncode == 0
    assert warroom("check", "--demo", "--start-at", "88", "--tab", "engineering").returncode == 5
    rollback = warroom("check", "--demo", "--start-at", "100")
    lines = rollback.stdout.splitlines()
    assert rollback.returncode == 6 and lines[0] == "rollback (6)"
    # Then the triggers that decided it, each with value, threshold and source.
    assert any(
        line.split()[:1] == ["trigger"] and "[> " in line and "(sim" in line for line in lines[1:]
    )


def test_check_without_any_data_is_unknown_not_ok() -> None:
    result = warroom("check")  # no credentials in the environment: every source disabled
    assert result.returncode == 3 and result.stdout.splitlines()[0] == "unknown (3)"
    assert "blind" in result.stdout and "no data" in result.stdout  # it names what it cannot see


def test_check_warns_before_crit() -> None:
    result = warroom("check", "--demo", "--start-at", "78", "--tab", "engineering")
    assert result.returncode == 4, result.stdout


def test_bad_config_is_one_line_per_mistake_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[ui]\ncolour = 1\n")
    for args in (("config", "validate", str(bad)), ("snapshot", "--demo", "--config", str(bad))):
        result = warroom(*args)
        assert result.returncode == 2
        assert result.stderr == f"{bad}:2: ui.colour: unknown key\n"
        assert "Traceback" not in result.stderr


def test_missing_config_file_exit_2(tmp_path: Path) -> None:
    result = warroom("check", "--demo", "--config", str(tmp_path / "none.toml"))
    assert (result.returncode, result.stderr.strip()) == (
        2,
        f"{tmp_path / 'none.toml'}: file not found",
    )


def test_config_init_writes_a_valid_plan_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "plan" / "warroom.toml"
    assert warroom("config", "init", str(target)).returncode == 0
    assert "kind" in target.read_text()
    validated = warroom("config", "validate", str(target))
    assert validated.returncode == 0
    assert re.search(r": ok \(\d+ metrics, 4 triggers", validated.stdout)
    again = warroom("config", "init", str(target))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_local_warroom_toml_is_picked_up(tmp_path: Path) -> None:
    (tmp_path / "warroom.toml").write_text('[launch]\nname = "Local launch"\n')
    result = subprocess.run(
        [sys.executable, "-m", "warroom", "snapshot", "--demo"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Local launch")


def test_usage_error_exit_2() -> None:
    result = warroom("snapshot", "--format", "yaml")
    assert result.returncode == 2
