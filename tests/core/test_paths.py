"""The per-user folders: an XDG variable wins as it always did; without one, the defaults are
the same XDG locations as before platformdirs, so existing files are still found."""

from __future__ import annotations

from pathlib import Path

import pytest

from warroom.core.config import default_config, find_config_path
from warroom.core.paths import UserDir, user_dir
from warroom.core.runbook.audit import default_audit_path
from warroom.themes.names import user_theme_dir

# The defaults under $HOME that warroom used before it had one resolver.
LEGACY_DEFAULTS = {
    UserDir.CONFIG: ".config/warroom",
    UserDir.STATE: ".local/state/warroom",
    UserDir.DATA: ".local/share/warroom",
    UserDir.CACHE: ".cache/warroom",  # new with the plan cache; XDG's default
}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home directory of its own, with no XDG variable set."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    for kind in UserDir:
        monkeypatch.delenv(kind.value, raising=False)
    return home


@pytest.mark.parametrize("kind", list(UserDir))
def test_the_variable_wins(kind: UserDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(kind.value, str(tmp_path / "from-process"))
    assert user_dir(kind) == tmp_path / "from-process" / "warroom"
    given = {kind.value: str(tmp_path / "given")}
    assert user_dir(kind, given) == tmp_path / "given" / "warroom"


@pytest.mark.parametrize("kind", list(UserDir))
def test_without_the_variable_the_default_is_under_home(kind: UserDir, home: Path) -> None:
    assert user_dir(kind) == home / LEGACY_DEFAULTS[kind]
    assert not home.exists()  # resolving creates nothing


@pytest.mark.parametrize("kind", list(UserDir))
def test_an_empty_variable_means_the_default(
    kind: UserDir, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(kind.value, "")
    assert user_dir(kind) == home / LEGACY_DEFAULTS[kind]


def test_a_relative_variable_is_still_honoured(home: Path) -> None:
    # Before platformdirs any non-empty value was used; platformdirs alone would ignore it.
    assert user_dir(UserDir.STATE, {"XDG_STATE_HOME": "rel"}) == Path("rel/warroom")


def test_every_file_lives_in_its_folder(home: Path) -> None:
    assert default_audit_path() == home / ".local/state/warroom/audit.jsonl"
    assert default_config().history.file() == home / ".local/share/warroom/history.sqlite3"
    assert user_theme_dir() == home / ".config/warroom/themes"


def test_every_file_follows_its_variable(tmp_path: Path) -> None:
    env = {
        "XDG_CONFIG_HOME": str(tmp_path / "c"),
        "XDG_STATE_HOME": str(tmp_path / "s"),
        "XDG_DATA_HOME": str(tmp_path / "d"),
    }
    assert default_audit_path(env) == tmp_path / "s/warroom/audit.jsonl"
    assert default_config().history.file(env) == tmp_path / "d/warroom/history.sqlite3"
    assert user_theme_dir(env) == tmp_path / "c/warroom/themes"


def test_the_user_config_is_found_in_the_default_folder(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./warroom.toml here
    assert find_config_path(None) is None
    user = home / ".config/warroom/config.toml"
    user.parent.mkdir(parents=True)
    user.write_text("")
    assert find_config_path(None) == user
