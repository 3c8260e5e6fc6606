"""What the app's guard tests read of a running app: its guard banner, its audit log, what
its bells rang for, the countdown's seconds left."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from warroom.tui.app import WarroomApp
from warroom.widgets.guard_banner import GuardBanner


def banner(app: WarroomApp) -> str:
    return str(app.screen.query_one(GuardBanner).render())


def audit(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def ringing(app: WarroomApp, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """What each bell the app rings was for (the bell policy's new keys), in order."""
    rings: list[list[str]] = []
    policy = app._bell_policy
    started = policy.started

    def spy(*args: Any) -> list[str]:
        keys = started(*args)
        spied.append(keys)
        return keys

    spied: list[list[str]] = []
    monkeypatch.setattr(policy, "started", spy)
    monkeypatch.setattr(app, "bell", lambda: rings.append(spied[-1]))
    return rings


def left(app: WarroomApp) -> float:
    """Seconds left in the countdown (0: none runs)."""
    status = app.guard.host.status() if app.guard.host is not None else None
    remaining = status.remaining(app.clock()) if status is not None else None
    return remaining or 0.0


def countdown_rings(rings: list[list[str]]) -> int:
    return sum("autorollback:countdown" in keys for keys in rings)
