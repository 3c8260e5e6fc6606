"""`warroom guard` on the command line: decisions as JSON lines, `--once` and its exit codes,
`--dry-run` and `--read-only` acting on nothing, and the usage errors (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from warroom.tui.cli import build_parser, main
from warroom.tui.commands import app_options

CONFIG = """
[autorollback]
mode = "{mode}"
countdown = 1
{extra}

[runbook]
audit_path = "{audit}"

[history]
enabled = false
"""


def config(tmp_path: Path, mode: str = "act", extra: str = "") -> str:
    path = tmp_path / "warroom.toml"
    path.write_text(CONFIG.format(mode=mode, extra=extra, audit=tmp_path / "audit.jsonl"))
    return str(path)


def audit(tmp_path: Path) -> list[dict[str, Any]]:
    path = tmp_path / "audit.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


DEMO = ["--demo", "--start-at", "92", "--once"]


def test_dry_run_once_records_the_decision_and_acts_on_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["guard", "--config", config(tmp_path), "--dry-run", *DEMO]) == 6
    out, err = capsys.readouterr()
    decisions = [json.loads(line) for line in out.splitlines()]
    kinds = [d["kind"] for d in decisions if d["kind"] != "evaluated"]
    assert kinds == ["tripped", "act", "finished"]
    assert all(d["time"].endswith("Z") for d in decisions)
    keys = {"time", "kind", "at", "message", "trigger", "evaluation", "evidence"}
    assert all(set(d) == keys for d in decisions)
    assert "(dry run: acts on nothing)" in err and "runs Revert to previous deployment" in err
    events = [r["event"] for r in audit(tmp_path)]
    assert "started" not in events and events.count("dry_run") == 3
    assert all(r["dry_run"] for r in audit(tmp_path))


def test_read_only_once_only_advises(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guard", "--config", config(tmp_path), "--read-only", *DEMO]) == 6
    kinds = [json.loads(line)["kind"] for line in capsys.readouterr().out.splitlines()]
    assert "advise" in kinds and "act" not in kinds
    assert [r["decision"] for r in audit(tmp_path)] == ["tripped", "advise"]


def test_a_step_that_fails_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config(tmp_path, extra='steps = ["switch_traffic"]')
    with open(path, "a") as file:  # the plan's only step now: a command that fails
        file.write(
            '\n[[runbook.steps]]\nid = "switch_traffic"\ntitle = "Switch traffic"\n'
            'group = "immediate"\naction = { kind = "command", argv = ["false"] }\n'
        )
    assert main(["guard", "--config", path, *DEMO]) == 3
    decisions = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    finished = [d for d in decisions if d["kind"] == "finished"]
    assert len(finished) == 1, decisions
    assert "Switch traffic: failed" in finished[0]["message"], finished


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--autorollback", "off"], "[autorollback] mode is off"),
        (["--abort", "why"], "--abort reaches the lease holder through --store URI"),
    ],
)
def test_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    assert main(["guard", "--config", config(tmp_path), *argv]) == 2
    assert says in capsys.readouterr().err


def test_an_unknown_group_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config(tmp_path, extra='group = "nope"')
    assert main(["guard", "--config", path, "--demo"]) == 2
    assert "autorollback.group: unknown runbook group 'nope'" in capsys.readouterr().err


def test_autorollback_on_the_command_line_but_never_in_a_serve_session() -> None:
    parser = build_parser()
    wall = parser.parse_args(["wall", "--demo", "--autorollback", "act"])
    assert app_options(wall, demo=True, wall=True).autorollback == "act"
    assert app_options(parser.parse_args(["demo"]), demo=True, wall=False).autorollback is None
    session = parser.parse_args(["run", "--no-history", "--via-hub", "--autorollback", "act"])
    assert app_options(session, demo=False, wall=False).autorollback == "off"


def test_warroom_audit_shows_the_guard_s_decisions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config(tmp_path)
    assert main(["guard", "--config", path, "--dry-run", *DEMO]) == 6
    capsys.readouterr()
    assert main(["audit", "--config", path]) == 0
    lines = capsys.readouterr().out.splitlines()
    decisions = [
        line.split(" DECISION ")[1].split(" ")[0] for line in lines if " DECISION " in line
    ]
    assert decisions == ["tripped", "act", "finished"]
    assert all("[autorollback] [demo] [dry-run]" in line for line in lines)
