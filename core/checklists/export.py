"""The checklists as JSON and as plain text, for `warroom checklist` and the daily review."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from warroom.core.checklists.state import ItemView, PhaseView, Tick
from warroom.core.textsafe import inert


def _tick_json(tick: Tick | None) -> dict[str, Any] | None:
    if tick is None:
        return None
    return {
        "ticked": tick.ticked,
        "user": tick.user,
        "host": tick.host,
        "at": tick.at,
        "note": tick.note,
    }


def _item_json(view: ItemView) -> dict[str, Any]:
    return {
        "id": view.item.id,
        "text": view.item.text,
        "state": view.state.value,
        "auto": view.item.auto.kind if view.item.auto is not None else None,
        "evidence": view.evidence,
        "tick": _tick_json(view.tick),
    }


def phases_json(
    phases: Sequence[PhaseView], current: PhaseView | None, now: float
) -> dict[str, Any]:
    """The machine-readable state. Strings are the original data, not escaped."""
    return {
        "generated": now,
        "current": current.phase if current is not None else None,
        "phases": [
            {
                "phase": p.phase,
                "title": p.title,
                "done": p.done,
                "total": p.total,
                "complete": p.complete,
                "checklists": [
                    {"id": c.id, "title": c.title, "items": [_item_json(v) for v in items]}
                    for c, items in p.checklists()
                ],
            }
            for p in phases
        ],
    }


def phase_lines(phase: PhaseView, limit: int = 160) -> list[str]:
    """A phase as lines for a terminal or a chat: every text made inert."""
    lines = [
        f"{phase.title} {phase.done}/{phase.total}" + (" — complete" if phase.complete else "")
    ]
    for checklist, items in phase.checklists():
        lines.append(f"  {inert(checklist.title, 80)}")
        for view in items:
            evidence = f" — {inert(view.evidence, limit)}" if view.evidence else ""
            auto = " [auto]" if view.item.auto is not None else ""
            lines.append(f"    {view.symbol} {inert(view.item.text, 100)}{auto}{evidence}")
    return lines


def phases_text(phases: Sequence[PhaseView]) -> str:
    out: list[str] = []
    for phase in phases:
        if out:
            out.append("")
        out += phase_lines(phase)
    return "\n".join(out)
