"""How the app was asked to run, as one frozen value passed from the CLI to the app."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from warroom.core.config import Config
    from warroom.core.guard import GuardConfig


@dataclass(frozen=True, slots=True)
class AppOptions:
    read_only: bool = False
    """No runbook step can run; the runbook says why."""
    dry_run: bool = False
    """Runbook steps are confirmed and audited, but their actions are not carried out."""
    theme: str | None = None
    compact: bool = False
    wall: bool = False
    """Start on the wall view (`warroom wall`) rather than the dashboard tabs."""
    store: str | None = field(default=None, repr=False)
    """The shared store's URI (`--store`), where checklist ticks go; never shown (it may hold
    a password)."""
    autorollback: str | None = None
    """`--autorollback MODE`: overrides `[autorollback] mode` for this run."""


def guard_settings(config: Config, options: AppOptions) -> GuardConfig:
    """`[autorollback]` as this run uses it: `--autorollback` overrides the mode, and under
    `--read-only` the guard only advises (it never acts)."""
    settings = config.autorollback
    mode = options.autorollback or settings.mode
    if options.read_only and mode == "act":
        mode = "advise"
    return settings.model_copy(update={"mode": mode})
