"""When the terminal bell rings: once as a rollback trigger starts firing, once per new
high-priority alert, once as the automatic rollback starts counting down, never on a redraw
that only repeats what already rang.

A room that is looking elsewhere turns round at a bell; a bell on every redraw would be
muted within a minute, so each trigger or alert rings once per time it starts.
"""

from __future__ import annotations

from collections.abc import Iterable

from warroom.core.frame import DashboardFrame
from warroom.core.model import Priority


def wanted(setting: bool | None, wall_shown: bool) -> bool:
    """Whether to ring at all: `[ui] bell` true or false decides; unset, only the wall view
    (the screen meant for a room) rings."""
    return wall_shown if setting is None else setting


class BellPolicy:
    """Remembers what is active, and says when something new started."""

    def __init__(self) -> None:
        self._active: set[str] = set()

    def started(self, frame: DashboardFrame, also: Iterable[str] = ()) -> list[str]:
        """The triggers and high-priority alerts active in `frame`, and the keys in `also`
        (what the app shows beside the frame: the guard's countdown), that were not active
        in the last frame seen (on the first frame: all of them, a room must hear an
        incident it starts watching in the middle of).

        Returns:
            Their keys (`trigger:RULE`, `alert:RULE`, and those of `also`); empty when
            nothing new started.
        """
        active = {*_keys(frame), *also}
        new = sorted(active - self._active)
        self._active = active
        return new


def _keys(frame: DashboardFrame) -> Iterable[str]:
    for trigger in frame.triggers:
        yield f"trigger:{trigger.rule}"
    for alert in frame.alerts:
        if alert.priority is Priority.HIGH:
            yield f"alert:{alert.rule}"
