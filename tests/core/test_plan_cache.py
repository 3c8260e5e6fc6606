"""The cache of validated plans: a hit gives the same plan, anything doubtful is rebuilt."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from warroom.core.config import (
    BUILT_IN_LABEL,
    Config,
    default_config,
    default_plan_text,
    load_config,
)
from warroom.core.errors import ConfigError
from warroom.core.plan_cache import cache_file, cached


def _built_in_file() -> Path:
    return cache_file((BUILT_IN_LABEL, default_plan_text()))


def test_the_second_load_comes_from_the_cache_and_is_the_same_plan() -> None:
    first = default_config()
    assert _built_in_file().is_file()
    calls: list[int] = []

    def build() -> Config:
        calls.append(1)
        return first

    again = cached((BUILT_IN_LABEL, default_plan_text()), Config, build)
    assert calls == [] and again == first and again is not first


def test_a_damaged_file_is_rebuilt(tmp_path: Path) -> None:
    default_config()
    _built_in_file().write_bytes(b"not a pickle")
    assert default_config().metrics  # built again, not an error
    assert pickle.loads(_built_in_file().read_bytes()) == default_config()  # noqa: S301 - ours


def test_a_file_others_may_write_is_never_loaded() -> None:
    path = cache_file(("x",))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps("planted"))
    os.chmod(path, 0o666)  # noqa: S103 - the point: a file anyone could have planted
    assert cached(("x",), str, lambda: "built") == "built"


def test_a_changed_file_is_a_new_key_and_errors_are_not_cached(tmp_path: Path) -> None:
    config = tmp_path / "warroom.toml"
    config.write_text('[ui]\ntheme = "mono"\n')
    assert load_config(config).ui.theme == "mono"
    config.write_text("[ui]\ntheme = 5\n")
    with pytest.raises(ConfigError):
        load_config(config)
    with pytest.raises(ConfigError):  # the failure was not cached as anything
        load_config(config)
    config.write_text('[ui]\ntheme = "daylight"\n')
    assert load_config(config).ui.theme == "daylight"


def test_the_theme_check_runs_on_a_cached_plan(tmp_path: Path) -> None:
    config = tmp_path / "warroom.toml"
    config.write_text('[ui]\ntheme = "mine"\n')
    assert load_config(config, themes={"mine"}).ui.theme == "mine"
    with pytest.raises(ConfigError, match="theme"):
        load_config(config, themes={"war-room"})


def test_a_value_pickle_cannot_take_is_returned_and_leaves_no_file(tmp_path: Path) -> None:
    class Plan:
        def __init__(self) -> None:
            self.rule = lambda x: x  # a lambda does not pickle

    texts = ("unpicklable", "v1")
    plan = cached(texts, Plan, Plan)
    assert isinstance(plan, Plan)
    folder = cache_file(texts).parent
    assert not list(folder.glob(".plan-*"))  # the temporary file is gone
    assert not cache_file(texts).exists()
