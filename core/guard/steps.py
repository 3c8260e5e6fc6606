"""Which steps of the group the guard runs, and which need a person.

A `manual` step is a person's: the guard never runs it. It lists it as "needs a person" and
runs the group's other steps in order without waiting for it. A step that is already done or
running (someone got there first) is skipped, and so is one that waits for a step the guard
does not run before it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from warroom.core.guard.config import GuardConfig
from warroom.core.runbook.runner import DONE_STATES, Runbook
from warroom.core.runbook.state import StepState
from warroom.core.runbook_config import RunbookConfig


@dataclass(frozen=True, slots=True)
class GuardPlan:
    """The guard's share of its group, in the group's order."""

    group: str
    title: str
    run: tuple[str, ...]
    """The step ids the guard runs."""
    needs_person: tuple[str, ...]
    """The `manual` steps, which a person does."""
    skipped: tuple[tuple[str, str], ...] = ()
    """(step id, why) of the steps neither run nor a person's: already done, running, or
    waiting for a step the guard does not run."""
    titles: Mapping[str, str] = field(default_factory=dict)
    """Step id → title, for people."""

    def titled(self, step_ids: Sequence[str]) -> tuple[str, ...]:
        return tuple(self.titles.get(s, s) for s in step_ids)

    def record(self) -> dict[str, Any]:
        """For the audit record: titles, not only ids."""
        return {
            "group": self.group,
            "runs": list(self.titled(self.run)),
            "needs_person": list(self.titled(self.needs_person)),
            "skipped": [f"{self.titles.get(s, s)}: {why}" for s, why in self.skipped] or None,
        }


def config_problems(guard: GuardConfig, runbook: RunbookConfig) -> list[str]:
    """Mistakes in `[autorollback]` against the runbook: an unknown group, or steps that are
    not in it. Returns one line per mistake (none: usable)."""
    groups = [g.id for g in runbook.groups]
    if guard.group not in groups:
        return [f"autorollback.group: unknown runbook group {guard.group!r}; one of {groups}"]
    members = [s.id for s in runbook.steps if s.group == guard.group]
    stray = [s for s in guard.steps if s not in members]
    if stray:
        return [f"autorollback.steps: not in group {guard.group!r}: {', '.join(stray)}"]
    return []


def guard_plan(runbook: Runbook, config: GuardConfig) -> GuardPlan:
    """The plan for `config.group` as the runbook stands now.

    Raises:
        ValueError: the group is not in the runbook (see `config_problems`).
    """
    group = next((g for g in runbook.groups if g.id == config.group), None)
    if group is None:
        raise ValueError(f"autorollback: unknown runbook group {config.group!r}")
    wanted = [s for s in group.steps if not config.steps or s in config.steps]
    run: list[str] = []
    person: list[str] = []
    skipped: list[tuple[str, str]] = []
    for step_id in wanted:
        why = _skip_reason(runbook, step_id, run)
        if runbook.step(step_id).action.kind == "manual":
            person.append(step_id)
        elif why:
            skipped.append((step_id, why))
        else:
            run.append(step_id)
    titles = {s: runbook.step(s).title for s in wanted}
    return GuardPlan(group.id, group.title, tuple(run), tuple(person), tuple(skipped), titles)


def _skip_reason(runbook: Runbook, step_id: str, before: Sequence[str]) -> str | None:
    state = runbook.status[step_id].state
    if state is StepState.RUNNING:
        return "already running"
    if state in DONE_STATES:
        return "already done"
    waiting = [
        r for r in runbook.step(step_id).requires
        if runbook.status[r].state not in DONE_STATES and r not in before
    ]  # fmt: skip
    if waiting:
        return f"waits for {', '.join(runbook.step(r).title for r in waiting)}"
    return None
