"""The guard's countdown rings the bell like a trigger does: once as it starts, not on each
redraw of it, and again for the next countdown."""

from __future__ import annotations

from warroom.core.config import default_config
from warroom.core.dashboard import Dashboard
from warroom.core.frame import FrameRequest
from warroom.tui.bell import BellPolicy

COUNTDOWN = ("autorollback:countdown",)


def test_a_countdown_rings_once_as_it_starts() -> None:
    frame = Dashboard(default_config(), {}, {}, lambda: 0.0).frame(FrameRequest(), 0.0)
    policy = BellPolicy()
    assert policy.started(frame) == []
    assert policy.started(frame, COUNTDOWN) == ["autorollback:countdown"]
    assert policy.started(frame, COUNTDOWN) == []  # the next second of the same countdown
    assert policy.started(frame) == []  # aborted, or it ran
    assert policy.started(frame, COUNTDOWN) == ["autorollback:countdown"]  # a new countdown
