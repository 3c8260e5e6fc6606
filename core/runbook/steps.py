"""The configured steps as the runbook uses them: demo actions resolved, keys assigned."""

from __future__ import annotations

import string
from dataclasses import dataclass

from warroom.core.runbook.summary import describe
from warroom.core.runbook_config import Action, RunbookConfig, RunbookGroup

STEP_KEYS = "1234567890"


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    group: str
    key: str | None
    action: Action
    timeout: float | None
    requires: tuple[str, ...]

    def lines(self) -> list[str]:
        """What the step will do, secrets masked (see core.runbook.summary)."""
        return describe(self.action, self.timeout)


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    key: str | None
    target_seconds: float | None
    steps: tuple[str, ...]


def build_steps(config: RunbookConfig, demo: bool, flags: bool = False) -> list[Step]:
    """Steps in config order. In the demo a step's `demo_action` replaces its action; when a
    flag provider is at hand (`flags`: `[rollout]`'s, or the demo's simulated flags) its
    `rollout_action` replaces both, so the demo's flag steps go through the flag interface."""
    free = [k for k in STEP_KEYS if k not in {s.key for s in config.steps if s.key}]
    out = []
    for step in config.steps:
        key = step.key or (free.pop(0) if free else None)
        action = step.action
        if demo and step.demo_action is not None:
            action = step.demo_action
        if flags and step.rollout_action is not None:
            action = step.rollout_action
        out.append(
            Step(step.id, step.title, step.group, key, action, step.timeout, tuple(step.requires))
        )
    return out


def build_groups(config: RunbookConfig, steps: list[Step]) -> list[Group]:
    """Groups in config order, each keyed by an upper-case letter (its initial when free)."""
    taken = {g.key for g in config.groups if g.key}
    out = []
    for group in config.groups:
        key = group.key or _free_letter(group, taken)
        if key:
            taken.add(key)
        target = group.target_minutes * 60 if group.target_minutes else None
        members = tuple(s.id for s in steps if s.group == group.id)
        out.append(Group(group.id, group.title, key, target, members))
    return out


def _free_letter(group: RunbookGroup, taken: set[str]) -> str | None:
    initial = group.id[0].upper()
    choices = [initial, *string.ascii_uppercase]
    return next((c for c in choices if c not in taken), None)
