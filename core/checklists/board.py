"""The checklists at one moment: every item judged (automatic) or read from its ticks
(manual), grouped by phase. Also says whether an item may be ticked or un-ticked now."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from warroom.core.checklists import judges
from warroom.core.checklists.config import (
    AtlasBackupRecent,
    Checklist,
    ChecklistItem,
    FlagsAtStage,
    MetricsWithinTargets,
    MonitoredFor,
    NoTriggerSince,
    RunbookStepDone,
    SourceHealthy,
)
from warroom.core.checklists.record import Coverage
from warroom.core.checklists.state import ItemState, ItemView, Judgement, PhaseView, Tick
from warroom.core.config import Config
from warroom.core.dashboard import Dashboard
from warroom.core.plan import PHASES, Phase


@dataclass(frozen=True, slots=True)
class Gathered:
    """What was read from the record, the audit log and the tick store (slow, so read in the
    background); a str in place of data says why it could not be read."""

    coverage: Coverage | str = "not read yet"
    trigger_times: Mapping[str, float] | str = "not read yet"
    step_records: Sequence[Mapping[str, Any]] | str = "not read yet"
    ticks: Mapping[str, Tick] = field(default_factory=dict)
    ticks_problem: str = ""


class ChecklistBoard:
    """Construction does no I/O; `phases` judges on what it is given."""

    def __init__(self, config: Config, *, demo: bool = False) -> None:
        self.config = config
        self.demo = demo
        self._items = {i.id: (c, i) for c in config.checklists for i in c.items}

    def item(self, item_id: str) -> tuple[Checklist, ChecklistItem]:
        """Raises KeyError for an unknown id."""
        return self._items[item_id]

    def phases(
        self,
        dashboard: Dashboard,
        gathered: Gathered,
        now: float,
        rollout: judges.RolloutSource | None = None,
    ) -> list[PhaseView]:
        """Every phase that has checklists, in the plan's phase order."""
        source = rollout or dashboard
        views = {
            item_id: self._view(c, i, dashboard, gathered, now, source)
            for item_id, (c, i) in self._items.items()
        }
        views = {k: self._gate(v, views) for k, v in views.items()}
        out = []
        for phase in PHASES:
            items = tuple(v for v in views.values() if v.checklist.phase == phase)
            if items:
                out.append(PhaseView(phase, items))
        return out

    def phase(self, phases: Sequence[PhaseView], wanted: Phase) -> PhaseView | None:
        return next((p for p in phases if p.phase == wanted), None)

    def refusal(self, phases: Sequence[PhaseView], item_id: str, tick: bool) -> str | None:
        """Why the item cannot be ticked (or un-ticked) now, or None when it can."""
        item = self.item(item_id)[1]
        if not item.manual:
            return "judged from data: an automatic item cannot be ticked by hand"
        views = {v.item.id: v for p in phases for v in p.items}
        current = views[item_id]
        if tick and current.state is ItemState.DONE:
            return "already ticked"
        if not tick and current.state is not ItemState.DONE:
            return "not ticked"
        if tick:
            waiting = [r for r in item.requires if views[r].state is not ItemState.DONE]
            if waiting:
                titles = ", ".join(views[r].item.text for r in waiting)
                return f"needs {titles} done first"
        return None

    def _view(
        self,
        checklist: Checklist,
        item: ChecklistItem,
        dashboard: Dashboard,
        gathered: Gathered,
        now: float,
        rollout: judges.RolloutSource,
    ) -> ItemView:
        if item.auto is None:
            tick = gathered.ticks.get(item.id)
            if tick is None:
                return ItemView(checklist, item, ItemState.OPEN, gathered.ticks_problem)
            state = ItemState.DONE if tick.ticked else ItemState.OPEN
            return ItemView(checklist, item, state, tick.describe(), tick)
        found = self._judge(item.auto, dashboard, gathered, now, rollout)
        return ItemView(checklist, item, found.state, found.evidence)

    def _judge(
        self,
        auto: object,
        dashboard: Dashboard,
        gathered: Gathered,
        now: float,
        rollout: judges.RolloutSource,
    ) -> Judgement:
        if isinstance(auto, MetricsWithinTargets):
            return judges.metrics_within_targets(auto, dashboard, now)
        if isinstance(auto, SourceHealthy):
            return judges.source_healthy(auto, dashboard.health())
        if isinstance(auto, FlagsAtStage):
            return judges.flags_at_stage(auto, rollout, self.config.stages)
        if isinstance(auto, MonitoredFor):
            return judges.monitored_for(auto, gathered.coverage, now)
        if isinstance(auto, NoTriggerSince):
            firing = dashboard.triggers(now)
            return judges.no_trigger_since(
                auto, gathered.coverage, gathered.trigger_times, firing, now
            )
        if isinstance(auto, RunbookStepDone):
            return judges.runbook_step_done(auto, gathered.step_records, self.demo)
        assert isinstance(auto, AtlasBackupRecent)
        return judges.atlas_backup_recent(auto, dashboard, now)

    def _gate(self, view: ItemView, views: Mapping[str, ItemView]) -> ItemView:
        """An automatic item is done only once what it requires is done too."""
        if view.item.manual or view.state is not ItemState.DONE:
            return view
        waiting = [r for r in view.item.requires if views[r].state is not ItemState.DONE]
        if not waiting:
            return view
        titles = ", ".join(views[r].item.text for r in waiting)
        return ItemView(view.checklist, view.item, ItemState.OPEN, f"waiting for {titles}")
