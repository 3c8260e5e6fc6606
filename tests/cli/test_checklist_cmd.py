"""`warroom checklist` as a pipeline sees it: 0 when the phase is complete, 4 when not, 2 on a
usage or config error; text and JSON output."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_headless import warroom
from warroom.core.runbook.audit import AuditLog

PLAN = """
[history]
enabled = false

[runbook]
audit_path = "{audit}"

[[checklists]]
id = "gate"
title = "Gate"
phase = "pre"

[[checklists.items]]
id = "sources_up"
text = "Monitoring systems ready"
auto = {{ kind = "source_healthy" }}

[[checklists.items]]
id = "trained"
text = "Support team trained"

[[checklists]]
id = "later"
title = "Later"
phase = "post"

[[checklists.items]]
id = "watched"
text = "Monitor for 24 hours minimum"
auto = {{ kind = "monitored_for", hours = 24 }}
"""


def plan(tmp_path: Path) -> tuple[Path, Path]:
    audit = tmp_path / "audit.jsonl"
    path = tmp_path / "warroom.toml"
    path.write_text(PLAN.format(audit=audit), encoding="utf-8")
    return path, audit


def test_a_phase_gates_until_its_manual_items_are_ticked(tmp_path: Path) -> None:
    config, audit = plan(tmp_path)
    result = warroom("checklist", "--demo", "--config", str(config), "--phase", "pre")
    assert result.returncode == 4, result.stderr
    assert result.stdout.splitlines()[:4] == [
        "Pre-deployment 1/2",
        "  Gate",
        "    ✓ Monitoring systems ready [auto] — answering: sim",
        "    ○ Support team trained",
    ]
    log = AuditLog(audit, user="ana", host="ops")
    log.append("ticked", checklist="gate", item="trained", title="Support team trained", demo=True)
    result = warroom("checklist", "--demo", "--config", str(config), "--phase", "pre")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Pre-deployment 2/2 — complete")
    # A live run does not inherit a demo tick.
    live = warroom("checklist", "--config", str(config), "--phase", "pre")
    assert live.returncode == 4


def test_all_phases_json_and_unknown_without_history(tmp_path: Path) -> None:
    config, _ = plan(tmp_path)
    result = warroom("checklist", "--demo", "--config", str(config), "--format", "json")
    assert result.returncode == 4
    data = json.loads(result.stdout)
    assert [p["phase"] for p in data["phases"]] == ["pre", "post"]
    watched = data["phases"][1]["checklists"][0]["items"][0]
    assert (watched["state"], watched["auto"]) == ("unknown", "monitored_for")
    assert watched["evidence"] == "no history is kept in this run"
    assert data["current"] == "pre"


def test_usage_and_config_errors_exit_2(tmp_path: Path) -> None:
    config, _ = plan(tmp_path)
    wrong_phase = warroom("checklist", "--demo", "--config", str(config), "--phase", "soon")
    assert wrong_phase.returncode == 2 and "invalid choice" in wrong_phase.stderr
    empty = warroom("checklist", "--demo", "--config", str(config), "--phase", "day")
    assert (empty.returncode, empty.stderr.strip()) == (
        2,
        "warroom checklist: no checklist in phase 'day'",
    )
    broken = tmp_path / "broken.toml"
    broken.write_text('[[checklists]]\nid = "x"\ntitle = "X"\nphase = "pre"\n', encoding="utf-8")
    bad = warroom("checklist", "--config", str(broken))
    assert bad.returncode == 2
    assert bad.stderr.strip() == f"{broken}:1: checklists[0].items: required key is missing"
    assert "Traceback" not in bad.stderr
