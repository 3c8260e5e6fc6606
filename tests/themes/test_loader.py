"""Theme files: the built-ins load, and a broken file gives one clear line and falls back."""

from __future__ import annotations

from pathlib import Path

import pytest

from warroom.themes.loader import ThemeFileError, load_theme_file, load_themes
from warroom.themes.names import DEFAULT_THEME
from warroom.tui.theme_choice import wanted_theme

BUILTIN = {"war-room", "daylight", "high-contrast", "colour-blind", "ansi-16", "mono"}
GOOD = 'primary = "#336699"\nsuccess = "#00AA00"\n[variables]\n"foreground-darken-2" = "#999999"\n'


def test_builtin_themes_load_without_problems() -> None:
    book = load_themes(None)
    assert set(book.themes) == BUILTIN
    assert book.problems == ()
    assert book.monochrome == {"mono"}
    assert book.themes["ansi-16"].ansi and book.themes["mono"].ansi
    assert not book.themes["daylight"].dark


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('primary = "#336699"\nwarning = "orangeish"\n', "warning = 'orangeish' is not a colour"),
        ('primary = "#336699"\nsucess = "#00FF00"\n', "unknown key 'sucess'"),
        ('primary = "#336699"\n[variables]\n"error-muted" = "#12"\n', "variables.error-muted"),
        ('primary = "#336699"\ndark = "yes"\n', "dark has the wrong type (str)"),
        ('warning = "#FFAA00"\n', "'primary' is required"),
        ('primary = "#336699\n', "not valid TOML"),
        ('name = "Bad Name"\nprimary = "#336699"\n', "name 'Bad Name'"),
    ],
)
def test_a_broken_file_gives_one_clear_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(text)
    with pytest.raises(ThemeFileError) as caught:
        load_theme_file(path)
    message = str(caught.value)
    assert expected in message
    assert str(path) in message and "\n" not in message


def test_user_themes_load_and_broken_ones_fall_back(tmp_path: Path) -> None:
    (tmp_path / "ops.toml").write_text(GOOD)
    (tmp_path / "broken.toml").write_text('primary = "#336699"\nerror = "nope"\n')
    (tmp_path / "mono.toml").write_text(GOOD)  # may not replace a built-in
    book = load_themes(tmp_path)
    assert "ops" in book.themes and "broken" not in book.themes
    assert book.themes["ops"].variables["foreground-darken-2"] == "#999999"
    assert len(book.problems) == 2
    assert all(p.endswith(f"using {DEFAULT_THEME} instead") for p in book.problems)
    assert book.choose("ops") == ("ops", None)
    name, problem = book.choose("broken")
    assert name == DEFAULT_THEME
    assert problem is not None and "'broken' is not available" in problem


def test_theme_precedence_flag_then_no_color_then_config() -> None:
    assert wanted_theme("daylight", {"NO_COLOR": "1"}) == "daylight"
    assert wanted_theme(None, {"NO_COLOR": ""}) == "mono"  # any value counts, even empty
    assert wanted_theme(None, {}) is None
