"""Pipeline and URI validation at config load time, and `create` from config and env."""

from __future__ import annotations

from pathlib import Path

import pytest

from warroom.core.config import load_config
from warroom.core.errors import ConfigError, NotConfigured
from warroom.core.settings.mongo import write_stages
from warroom.sources.mongo.source import create

SECRET = "hunter2-Pw"


def _load(tmp_path: Path, text: str) -> None:
    path = tmp_path / "warroom.toml"
    path.write_text(text, encoding="utf-8")
    load_config(path)


@pytest.mark.parametrize(
    "pipeline",
    [
        '[{ "$match" = { a = 1 } }, { "$out" = "copy" }]',
        '[{ "$facet" = { x = [{ "$merge" = { into = "t" } }] } }]',
        '[{ "$lookup" = { from = "b", as = "c", pipeline = [{ "$out" = "z" }] } }]',
        '[{ "$unionWith" = { coll = "b", pipeline = [{ "$merge" = "z" }] } }]',
    ],
)
def test_write_stages_are_rejected_anywhere(tmp_path: Path, pipeline: str) -> None:
    text = f'[sources.mongo.pipelines.bad]\ncollection = "users"\npipeline = {pipeline}\n'
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, text)
    message = "\n".join(caught.value.problems)
    assert "warroom.toml:3:" in message
    assert "sources.mongo.pipelines.bad.pipeline" in message
    assert "write stage not allowed in a KPI pipeline" in message


def test_write_stage_paths_are_named() -> None:
    found = write_stages([{"$match": {}}, {"$facet": {"a": [{"$out": "x"}]}}])
    assert found == ["pipeline[1].$facet.a[0].$out"]


def test_read_only_pipeline_is_accepted(tmp_path: Path) -> None:
    text = (
        '[sources.mongo.pipelines.ok]\ncollection = "users"\npipeline = [{ "$count" = "value" }]\n'
    )
    _load(tmp_path, text)


def test_uri_with_password_in_config_is_rejected_without_echo(tmp_path: Path) -> None:
    text = f'[sources.mongo]\nuri = "mongodb://app:{SECRET}@db.example:27017/"\n'
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, text)
    assert "must not contain a password" in str(caught.value)
    assert SECRET not in str(caught.value) and SECRET not in repr(caught.value)


def test_create_needs_a_uri(tmp_path: Path) -> None:
    config = load_config(None)
    with pytest.raises(NotConfigured, match="MONGODB_URI"):
        create(config, {})
    with pytest.raises(NotConfigured, match="must start with"):
        create(config, {"MONGODB_URI": "http://nope"})


def test_env_uri_wins_and_repr_hides_it() -> None:
    config = load_config(None)
    source = create(config, {"MONGODB_URI": f"mongodb://u:{SECRET}@h1:27017,h2:27018/app?tls=true"})
    assert source.target == "h1:27017,h2:27018"
    assert SECRET not in repr(source) and SECRET not in str(vars(source).get("target"))
