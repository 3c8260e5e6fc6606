"""`[[checklists]]` validation: every mistake is one `path:line: key: problem` line."""

from __future__ import annotations

from pathlib import Path

import pytest

from warroom.core.config import load_config
from warroom.core.config_errors import key_lines
from warroom.core.errors import ConfigError

GOOD = """
[[checklists]]
id = "pre"
title = "Pre"
phase = "pre"

[[checklists.items]]
id = "tests_pass"
text = "All tests passing"

[[checklists.items]]
id = "backup"
text = "Backup done"
requires = ["tests_pass"]
auto = { kind = "atlas_backup_recent", cluster = "Cluster0", hours = 24 }

[[checklists]]
id = "post"
title = "Post"
phase = "post"

[[checklists.items]]
id = "watched"
text = "Monitor for 24 hours"
auto = { kind = "monitored_for", hours = 24 }
"""


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "warroom.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return [p.replace(str(path), "F") for p in caught.value.problems]


def test_a_good_file_loads_and_replaces_the_default_lists(tmp_path: Path) -> None:
    path = tmp_path / "warroom.toml"
    path.write_text(GOOD, encoding="utf-8")
    config = load_config(path)
    assert [c.id for c in config.checklists] == ["pre", "post"]
    backup = config.checklists[0].items[1]
    assert backup.requires == ["tests_pass"] and backup.auto is not None
    assert backup.auto.kind == "atlas_backup_recent"


def test_nested_arrays_of_tables_are_indexed_within_their_parent() -> None:
    lines = key_lines(GOOD)
    assert lines[("checklists", 1, "items", 0, "text")] == 24
    assert lines[("checklists", 0, "items", 1, "requires")] == 14


def test_unknown_kind_missing_keys_and_bad_phase_are_located(tmp_path: Path) -> None:
    text = GOOD.replace('phase = "post"', 'phase = "later"').replace(
        ", hours = 24 }\n\n[[checklists]]", " }\n\n[[checklists]]"
    )
    text = text.replace('kind = "monitored_for"', 'kind = "monitored_four"')
    found = problems(tmp_path, text)
    assert any(p.startswith("F:15: checklists[0].items[1].auto") and "hours" in p for p in found)
    assert any(p.startswith("F:20: checklists[1].phase:") for p in found)
    assert any(p.startswith("F:25: checklists[1].items[0].auto") for p in found)


def test_references_are_checked_with_their_lines(tmp_path: Path) -> None:
    text = GOOD.replace('requires = ["tests_pass"]', 'requires = ["test_pass", "backup"]')
    text += """
[[checklists.items]]
id = "watched"
text = "Twice"
auto = { kind = "runbook_step_done", step = "no_such_step" }

[[checklists.items]]
id = "healthy"
text = "Sources"
auto = { kind = "source_healthy", sources = ["datadoge"] }
"""
    found = problems(tmp_path, text)
    assert "F:14: checklists[0].items[1].requires: unknown items: test_pass" in found
    assert "F:14: checklists[0].items[1].requires: an item cannot require itself" in found
    assert any(p.startswith("F:28: checklists[1].items[1].id: repeated item id") for p in found)
    assert "F:30: checklists[1].items[1].auto: unknown runbook step 'no_such_step'" in found
    assert any(
        p.startswith("F:35: checklists[1].items[2].auto: unknown sources: datadoge") for p in found
    )


def test_a_cycle_through_requires_is_refused(tmp_path: Path) -> None:
    text = GOOD.replace(
        'text = "All tests passing"', 'text = "All tests passing"\nrequires = ["backup"]'
    )
    found = problems(tmp_path, text)
    assert any("requires itself through other items" in p and p.startswith("F:10:") for p in found)


def test_launch_phase_pins_the_header_phase(tmp_path: Path) -> None:
    path = tmp_path / "warroom.toml"
    path.write_text('[launch]\nphase = "day"\n', encoding="utf-8")
    assert load_config(path).launch.phase == "day"
    path.write_text('[launch]\nphase = "tomorrow"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.problems[0].startswith(f"{path}:2: launch.phase:")
