"""Themes in the running app: the choice, the fallback, mono's text-only statuses, compact."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.themes.conftest import T0, frozen_app
from tests.tui.helpers import FrozenClock
from warroom.core.config import default_config
from warroom.sources.registry import build_demo
from warroom.tui.app import WarroomApp
from warroom.tui.options import AppOptions
from warroom.widgets.status import SYMBOL, WORD, badge
from warroom.widgets.tile import MetricTile

TEXT = re.compile(r"<text [^>]*>([^<]*)</text>")


def screen_text(app: WarroomApp) -> str:
    """The characters on the rendered screen, from the SVG screenshot."""
    svg = app.export_screenshot()
    return html.unescape("".join(TEXT.findall(svg))).replace("\xa0", " ")


@pytest.fixture
def mono_app() -> tuple[WarroomApp, FrozenClock]:
    return frozen_app(options=AppOptions(theme="mono"))


@pytest.fixture
def empty_mono_app() -> WarroomApp:
    clock = FrozenClock(T0)
    config = default_config()
    sources = build_demo(config, clock=clock)
    return WarroomApp(config, sources, clock=clock, poll=False, options=AppOptions(theme="mono"))


def test_every_status_has_its_own_symbol_and_word() -> None:
    assert len(set(SYMBOL.values())) == len(SYMBOL) and len(set(WORD.values())) == len(WORD)


async def test_mono_statuses_are_readable_from_text_alone(
    mono_app: tuple[WarroomApp, FrozenClock], empty_mono_app: WarroomApp
) -> None:
    app, clock = mono_app
    seen: set[str] = set()
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.current_theme.name == "mono"
        assert any(type(f).__name__ == "NoColor" for f in app.get_line_filters())
        await pilot.press("2")  # engineering: OK, WARN and CRIT tiles mid-incident
        await pilot.pause()
        text = screen_text(app)
        statuses = {tile.status for tile in app.screen.query(MetricTile) if tile.display}
        seen |= {b for b in map(badge, statuses) if b in text}
        clock.now += 3600  # no poll for an hour: every tile is stale
        app.redraw()
        await pilot.pause()
        seen |= {b for b in (badge(s) for s in WORD) if b in screen_text(app)}
    async with empty_mono_app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        seen |= {b for b in (badge(s) for s in WORD) if b in screen_text(empty_mono_app)}
    assert seen == {badge(s) for s in WORD}  # ✓ OK ▲ WARN ✖ CRIT ◷ STALE · NO DATA


def _user_theme(tmp_path: Path, name: str, text: str) -> None:
    themes = tmp_path / "xdg_config_home" / "warroom" / "themes"
    themes.mkdir(parents=True, exist_ok=True)
    (themes / f"{name}.toml").write_text(text)


async def test_a_broken_user_theme_falls_back_with_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg_config_home"))
    _user_theme(tmp_path, "ops", 'primary = "#336699"\nwarning = "not-a-colour"\n')
    app, _ = frozen_app(seconds=0, options=AppOptions(theme="ops"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "war-room"
        notes = [n.message for n in app._notifications]
        assert any("warning = 'not-a-colour' is not a colour" in n for n in notes)
        assert any("theme 'ops' is not available" in n for n in notes)


async def test_a_user_theme_is_selectable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg_config_home"))
    _user_theme(tmp_path, "ops", 'primary = "#336699"\nsuccess = "#00AA00"\n')
    app, _ = frozen_app(seconds=0, options=AppOptions(theme="ops"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "ops"
        assert "ops" in app.available_themes  # so the palette's theme switcher lists it
        assert {"war-room", "mono", "ansi-16"} <= set(app.available_themes)


async def test_compact_is_one_line_per_metric_without_borders() -> None:
    app, _ = frozen_app(seconds=0, options=AppOptions(compact=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tiles = [t for t in app.screen.query(MetricTile) if t.region.height]
        assert len(tiles) >= 6  # the whole executive tab fits at 80x24
        assert all(t.region.height == 1 and t.styles.border_top[0] == "" for t in tiles)
        assert "Profile completion" in screen_text(app)
