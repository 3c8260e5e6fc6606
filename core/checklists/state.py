"""What the checklists show: each item's state and evidence, each phase's progress."""

from __future__ import annotations

import enum
import time
from collections.abc import Sequence
from dataclasses import dataclass

from warroom.core.checklists.config import PHASE_SHORT, PHASE_TITLES, Checklist, ChecklistItem
from warroom.core.plan import Phase


class ItemState(enum.Enum):
    DONE = "done"
    OPEN = "open"
    UNKNOWN = "unknown"
    """An automatic item whose data is missing: never shown as done."""
    FAILED = "failed"
    """An automatic item whose data says no (a metric in crit, a source down)."""


SYMBOL = {ItemState.DONE: "✓", ItemState.OPEN: "○", ItemState.UNKNOWN: "?", ItemState.FAILED: "✖"}


@dataclass(frozen=True, slots=True)
class Judgement:
    """An automatic rule's answer and the evidence behind it (one line for people)."""

    state: ItemState
    evidence: str


@dataclass(frozen=True, slots=True)
class Tick:
    """The latest tick or un-tick of a manual item, from its audit record."""

    item: str
    ticked: bool
    user: str
    host: str
    at: float
    note: str = ""

    def describe(self) -> str:
        """`ticked by ana@laptop 14:03:12 UTC — note`, time in UTC so every room agrees."""
        when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(self.at))
        verb = "ticked" if self.ticked else "un-ticked"
        note = f" — {self.note}" if self.note else ""
        return f"{verb} by {self.user}@{self.host} {when}{note}"


@dataclass(frozen=True, slots=True)
class ItemView:
    checklist: Checklist
    item: ChecklistItem
    state: ItemState
    evidence: str
    tick: Tick | None = None

    @property
    def symbol(self) -> str:
        return SYMBOL[self.state]


@dataclass(frozen=True, slots=True)
class PhaseView:
    phase: Phase
    items: tuple[ItemView, ...]

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if i.state is ItemState.DONE)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def complete(self) -> bool:
        return self.done == self.total

    @property
    def title(self) -> str:
        return PHASE_TITLES[self.phase]

    @property
    def progress(self) -> str:
        """`Day 7/8`, as the header shows it."""
        return f"{PHASE_SHORT[self.phase]} {self.done}/{self.total}"

    def checklists(self) -> list[tuple[Checklist, list[ItemView]]]:
        """The phase's items grouped by checklist, in plan order."""
        groups: dict[str, tuple[Checklist, list[ItemView]]] = {}
        for view in self.items:
            groups.setdefault(view.checklist.id, (view.checklist, []))[1].append(view)
        return list(groups.values())


def current_phase(phases: Sequence[PhaseView], pinned: Phase | None = None) -> PhaseView | None:
    """The pinned phase, else the first that is not complete, else the last. None without any."""
    if pinned is not None:
        found = next((p for p in phases if p.phase == pinned), None)
        if found is not None:
            return found
    return next((p for p in phases if not p.complete), phases[-1] if phases else None)
