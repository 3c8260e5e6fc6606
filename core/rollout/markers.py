"""Deployment markers: every flag change is announced to the observability tools, so their
dashboards show when the rollout moved.

A `ChangeMarker` posts one marker for a `FlagChange`. Datadog's (an event) lives in
`sources/datadog/marker.py`; `sources/markers.py` builds the list of the configured ones, and
is where another tool's marker (New Relic change tracking) is added. A marker that fails never
undoes or hides the change: its failure is reported next to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from warroom.core.errors import SourceError
from warroom.core.rollout.change_record import FlagChange


class ChangeMarker(Protocol):
    name: str
    """Names the tool in output and audit lines, e.g. "datadog"."""

    async def mark(self, change: FlagChange) -> str:
        """Posts one marker for the change.

        Returns:
            The marker's id, or a short description of where it went.
        Raises:
            SourceError: the marker could not be posted (reason safe to show).
        """
        ...


async def post_markers(markers: Sequence[ChangeMarker], change: FlagChange) -> tuple[str, ...]:
    """Posts the change to every marker, one after the other.

    Returns:
        One line per marker: `datadog: event 123` or `datadog: not posted: <reason>`.
    """
    lines = []
    for marker in markers:
        try:
            posted = await marker.mark(change)
        except SourceError as exc:
            lines.append(f"{marker.name}: not posted: {exc.reason}")
        else:
            lines.append(f"{marker.name}: {posted}")
    return tuple(lines)
