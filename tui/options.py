"""How the app was asked to run, as one frozen value passed from the CLI to the app."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AppOptions:
    read_only: bool = False
    """No runbook step can run; the runbook says why."""
    dry_run: bool = False
    """Runbook steps are confirmed and audited, but their actions are not carried out."""
    theme: str | None = None
    compact: bool = False
    autorollback: str | None = None
    """`--autorollback MODE`: overrides `[autorollback] mode` for this run."""
