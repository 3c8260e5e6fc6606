"""How the app was asked to run, as one frozen value passed from the CLI to the app."""

from __future__ import annotations

from dataclasses import dataclass, field


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
