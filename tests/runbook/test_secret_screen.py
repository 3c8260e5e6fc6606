"""A secret header value never reaches the screen: not in the list, not in the confirmation,
not after the request failed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.runbook.conftest import SECRET, FakeTarget
from warroom.core.config import load_config
from warroom.core.runbook import StepState
from warroom.sources.registry import SourceSet
from warroom.tui.app import WarroomApp
from warroom.tui.options import AppOptions
from warroom.tui.screens.confirm import ConfirmScreen

CONFIG = """
[runbook]
[[runbook.steps]]
id = "flags_off"
title = "Disable feature flags"
group = "immediate"
key = "f"

[runbook.steps.action]
kind = "http"
method = "PATCH"
url = "{url}/flags"
headers = {{ Authorization = "Bearer ${{FLAG_TOKEN}}" }}
json = {{ enabled = false }}
"""


async def test_secret_header_is_never_drawn(
    tmp_path: Path, target: FakeTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLAG_TOKEN", SECRET)
    target.status = 500
    target.body = f"upstream said: token {SECRET} rejected".encode()
    path = tmp_path / "warroom.toml"
    path.write_text(CONFIG.format(url=target.url))
    app = WarroomApp(load_config(path), SourceSet(), poll=False, options=AppOptions())
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("r", "f")
        assert isinstance(app.screen, ConfirmScreen)
        confirm = app.export_screenshot().replace("&#160;", " ")
        assert "FLAG_TOKEN" in confirm and SECRET not in confirm
        await pilot.press("y", "e", "s", "enter")
        book = app.runbook.get()
        while book.busy:
            await pilot.pause(0.05)
        await pilot.pause()
        assert book.status["flags_off"].state is StepState.FAILED
        after = app.export_screenshot().replace("&#160;", " ")
        assert "HTTP 500" in after and "***" in after
        assert SECRET not in after
    assert target.received[0].headers["Authorization"] == f"Bearer {SECRET}"
