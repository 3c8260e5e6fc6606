"""The mid-incident app on a frozen clock, shared by the theme tests."""

from __future__ import annotations

import pytest

from tests.tui.helpers import FrozenClock, prefill
from warroom.core.config import default_config
from warroom.sources.registry import build_demo
from warroom.tui.app import WarroomApp
from warroom.tui.options import AppOptions

T0 = 1_800_000_000.0
THEMES = ("war-room", "daylight", "high-contrast", "colour-blind", "ansi-16", "mono")


def frozen_app(
    seconds: int = 100, options: AppOptions | None = None
) -> tuple[WarroomApp, FrozenClock]:
    """The demo `seconds` into the launch (the incident starts at ~90), clock stopped."""
    clock = FrozenClock(T0)
    config = default_config()
    sources = build_demo(config, clock=clock)
    app = WarroomApp(config, sources, clock=clock, poll=False, options=options)
    prefill(app, sources, clock, range(int(T0), int(T0) + seconds))
    return app, clock


@pytest.fixture
def incident() -> WarroomApp:
    """The app 100 s into the demo (built outside the event loop: prefill polls with asyncio)."""
    return frozen_app()[0]
