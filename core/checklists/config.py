"""The plan's checklists as typed models: `[[checklists]]` with `[[checklists.items]]`.

An item without `auto` is ticked by people (typed confirmation, audited). An item with `auto`
is judged from data by the rule of its `kind`; people cannot tick it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from warroom.core.plan import IDENT, PHASES, Phase, Tab
from warroom.core.settings.common import StrictModel

PHASE_TITLES: dict[Phase, str] = {
    "testing": "Testing",
    "pre": "Pre-deployment",
    "day": "Deployment day",
    "post": "Post-deployment",
}
PHASE_SHORT: dict[Phase, str] = {"testing": "Test", "pre": "Pre", "day": "Day", "post": "Post"}
"""Header labels: short, so an 80-column header keeps its SIMULATED mark."""
DEFAULT_MAX_GAP_MINUTES = 10.0
"""warroom's own choice (the plan gives none): several sources poll every 15-60 s, so ten
minutes without any successful poll means nobody was watching."""


class MetricsWithinTargets(StrictModel):
    """Every judged metric ok, by the rules `warroom check` applies (of `tabs`, or all)."""

    kind: Literal["metrics_within_targets"] = "metrics_within_targets"
    tabs: list[Tab] = Field(default_factory=list, description="empty: every tab")


class MonitoredFor(StrictModel):
    """The history holds `hours` of successful polls up to now, with no gap over the limit."""

    kind: Literal["monitored_for"] = "monitored_for"
    hours: float = Field(gt=0, le=24 * 14)
    max_gap_minutes: float = Field(default=DEFAULT_MAX_GAP_MINUTES, gt=0)


class NoTriggerSince(StrictModel):
    """No rollback trigger (of `triggers`, or any) held in the last `hours`, on a record
    without gaps over the limit."""

    kind: Literal["no_trigger_since"] = "no_trigger_since"
    hours: float = Field(gt=0, le=24 * 14)
    triggers: list[str] = Field(default_factory=list, description="trigger ids; empty: all")
    max_gap_minutes: float = Field(default=DEFAULT_MAX_GAP_MINUTES, gt=0)


class FlagsAtStage(StrictModel):
    """The feature flags expose the new version to at least `pct` percent of users."""

    kind: Literal["flags_at_stage"] = "flags_at_stage"
    pct: float = Field(gt=0, le=100)


class RunbookStepDone(StrictModel):
    """The runbook step's last attempt in the audit log finished done."""

    kind: Literal["runbook_step_done"] = "runbook_step_done"
    step: str


class SourceHealthy(StrictModel):
    """The named sources (or every configured one) answered their last poll."""

    kind: Literal["source_healthy"] = "source_healthy"
    sources: list[str] = Field(default_factory=list, description="empty: every configured one")


class AtlasBackupRecent(StrictModel):
    """The newest completed Atlas cloud-backup snapshot of `cluster` is younger than `hours`."""

    kind: Literal["atlas_backup_recent"] = "atlas_backup_recent"
    cluster: str = Field(pattern=r"^[a-zA-Z0-9][a-zA-Z0-9-]*$")
    hours: float = Field(gt=0)
    sharded: bool = Field(default=False, description="a sharded cluster's snapshots")


AutoRule = Annotated[
    MetricsWithinTargets
    | MonitoredFor
    | NoTriggerSince
    | FlagsAtStage
    | RunbookStepDone
    | SourceHealthy
    | AtlasBackupRecent,
    Field(discriminator="kind"),
]


class ChecklistItem(StrictModel):
    id: str = Field(pattern=IDENT)
    text: str = Field(min_length=1)
    requires: list[str] = Field(
        default_factory=list, description="item ids that must be done before this one"
    )
    auto: AutoRule | None = None

    @property
    def manual(self) -> bool:
        return self.auto is None


class Checklist(StrictModel):
    id: str = Field(pattern=IDENT)
    title: str = Field(min_length=1)
    phase: Phase
    items: list[ChecklistItem] = Field(min_length=1)


__all__ = [
    "PHASES",
    "PHASE_SHORT",
    "PHASE_TITLES",
    "AtlasBackupRecent",
    "AutoRule",
    "Checklist",
    "ChecklistItem",
    "FlagsAtStage",
    "MetricsWithinTargets",
    "MonitoredFor",
    "NoTriggerSince",
    "Phase",
    "RunbookStepDone",
    "SourceHealthy",
]
