"""Builds the advance screen's setup from the app: its dashboard and clock, the history file,
and an Advancer on the app's flag provider, audit log and the configured change markers
(none in the demo). Composition only; the logic is core.rollout.advance."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from warroom.core.rollout.advance import Advancer
from warroom.core.rollout.change import Changer
from warroom.sources.markers import change_markers
from warroom.tui.screens.advance import AdvanceSetup

if TYPE_CHECKING:
    from warroom.tui.app import WarroomApp


def advance_setup(app: WarroomApp) -> AdvanceSetup:
    config = app.config
    history = config.history.file() if config.history.enabled else None
    read_only = app.options.read_only
    provider = app.sources.flags
    if provider is None:
        name = config.rollout.provider
        info = app.sources.info.get(name) if name else None
        reason = (info.disabled_reason if info else None) or "no [rollout] provider configured"
        return AdvanceSetup(app.dashboard, app.clock, history, "", None, reason, read_only)
    demo = app.sources.sim is not None
    changer = Changer(provider, change_markers(config, os.environ, demo=demo))
    advancer = Advancer(changer, app.runbook.get().audit, demo=demo, dry_run=app.options.dry_run)
    return AdvanceSetup(
        app.dashboard, app.clock, history, provider.name, advancer, read_only=read_only,
        running=app.runbook.running,
    )  # fmt: skip
