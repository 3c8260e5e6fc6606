"""`warroom config schema`: a JSON Schema of the config file that the built-in plan (and its
APM variant) validates against, that accepts an entry which only changes a built-in one, and
that refuses what validation refuses by name (an unknown key, a wrong type)."""

from __future__ import annotations

import json
import tomllib
from typing import Any

import jsonschema
import pytest

from warroom.core.apm import APMS, plan_text
from warroom.core.config_schema import config_schema
from warroom.tui.cli import main

SCHEMA = config_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def errors(document: dict[str, Any]) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(document)]


def test_the_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("apm", APMS)
def test_the_built_in_plan_validates_against_the_schema(apm: str) -> None:
    assert errors(tomllib.loads(plan_text(apm))) == []


def test_an_entry_that_changes_a_built_in_one_needs_only_its_id() -> None:
    document = tomllib.loads(
        'replace = ["alerts"]\n\n[[metrics]]\nid = "error_rate"\nwarn = 0.3\n\n'
        '[[triggers]]\nid = "rollback_page_load"\nenabled = false\n'
    )
    assert errors(document) == []
    assert errors({"metrics": [{"warn": 0.3}]}) == ["'id' is a required property"]


def test_the_schema_refuses_unknown_keys_and_wrong_types() -> None:
    assert errors({"metrics": [{"id": "a", "wran": 1}]}) != []
    assert errors({"ui": {"max_fps": "fast"}}) != []
    assert errors({"replace": ["metrix"]}) != []
    assert errors({"metrics": [{"id": "a", "source": "datadgo"}]}) != []


def test_config_schema_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "schema"]) == 0
    assert json.loads(capsys.readouterr().out) == SCHEMA
