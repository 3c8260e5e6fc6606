"""Fixtures for the Pilot tests. The app is built in a plain (sync) fixture: filling it with
the simulation's history runs its own event loop, which an async test already has."""

from __future__ import annotations

import pytest

from tests.tui.test_snapshots import incident_app
from warroom.tui.app import WarroomApp


@pytest.fixture
def incident() -> WarroomApp:
    """The demo 100 s in, mid-incident, on a frozen clock, not polling."""
    return incident_app()
