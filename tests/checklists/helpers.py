"""Small plans with one automatic item each, and judging them on a dashboard."""

from __future__ import annotations

from typing import Any

from warroom.core.checklists.board import ChecklistBoard, Gathered
from warroom.core.checklists.config import Checklist
from warroom.core.checklists.state import ItemView
from warroom.core.config import Config, default_config
from warroom.core.dashboard import Dashboard


def plan_with(*items: dict[str, Any], phase: str = "post", base: Config | None = None) -> Config:
    """The default plan with one checklist holding `items` (id defaults to item0, item1...)."""
    base = base or default_config()
    shaped = [{"id": f"item{n}", "text": f"Item {n}", **item} for n, item in enumerate(items)]
    checklist = Checklist.model_validate(
        {"id": "only", "title": "Only", "phase": phase, "items": shaped}
    )
    return base.model_copy(update={"checklists": [checklist]})


def judge(
    config: Config, dashboard: Dashboard, now: float, gathered: Gathered | None = None, **kw: Any
) -> dict[str, ItemView]:
    """Every item's view, by id."""
    board = ChecklistBoard(config, demo=kw.pop("demo", False))
    phases = board.phases(dashboard, gathered or Gathered(), now, **kw)
    return {v.item.id: v for p in phases for v in p.items}
