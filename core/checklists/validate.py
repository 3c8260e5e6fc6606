"""Checks across checklists that one model cannot make alone: unique ids, `requires` that name
real items (and no cycle), and automatic rules that name real runbook steps, triggers and
sources. Each problem carries the key path it is about, so it is reported with its line."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from warroom.core.checklists.config import (
    Checklist,
    NoTriggerSince,
    RunbookStepDone,
    SourceHealthy,
)

Loc = tuple[str | int, ...]
Problem = tuple[Loc, str]


def reference_problems(
    checklists: Sequence[Checklist],
    *,
    steps: Iterable[str],
    triggers: Iterable[str],
    sources: Iterable[str],
) -> list[Problem]:
    """Every reference mistake, in file order. Returns an empty list when all is well."""
    problems = _duplicates(checklists)
    known_items = {item.id for c in checklists for item in c.items}
    step_ids, trigger_ids, source_names = set(steps), set(triggers), set(sources)
    for ci, checklist in enumerate(checklists):
        for ii, item in enumerate(checklist.items):
            here: Loc = ("checklists", ci, "items", ii)
            missing = [r for r in item.requires if r not in known_items]
            if missing:
                problems.append(((*here, "requires"), f"unknown items: {', '.join(missing)}"))
            if item.id in item.requires:
                problems.append(((*here, "requires"), "an item cannot require itself"))
            problem = _auto_problem(item.auto, step_ids, trigger_ids, source_names)
            if problem:
                problems.append(((*here, "auto"), problem))
    problems += _cycles(checklists)
    return problems


def _duplicates(checklists: Sequence[Checklist]) -> list[Problem]:
    problems: list[Problem] = []
    seen_lists: set[str] = set()
    seen_items: set[str] = set()
    for ci, checklist in enumerate(checklists):
        if checklist.id in seen_lists:
            problems.append((("checklists", ci, "id"), f"repeated checklist id {checklist.id!r}"))
        seen_lists.add(checklist.id)
        for ii, item in enumerate(checklist.items):
            if item.id in seen_items:
                loc: Loc = ("checklists", ci, "items", ii, "id")
                problems.append(
                    (loc, f"repeated item id {item.id!r} (ids are unique across lists)")
                )
            seen_items.add(item.id)
    return problems


def _auto_problem(
    auto: object, steps: set[str], triggers: set[str], sources: set[str]
) -> str | None:
    if isinstance(auto, RunbookStepDone) and auto.step not in steps:
        return f"unknown runbook step {auto.step!r}"
    if isinstance(auto, NoTriggerSince):
        unknown = [t for t in auto.triggers if t not in triggers]
        if unknown:
            return f"unknown triggers: {', '.join(unknown)}"
    if isinstance(auto, SourceHealthy):
        unknown = [s for s in auto.sources if s not in sources]
        if unknown:
            return f"unknown sources: {', '.join(unknown)} (known: {', '.join(sorted(sources))})"
    return None


def _cycles(checklists: Sequence[Checklist]) -> list[Problem]:
    """One problem per item that requires itself through others."""
    graph = {item.id: item.requires for c in checklists for item in c.items}
    problems: list[Problem] = []
    for ci, checklist in enumerate(checklists):
        for ii, item in enumerate(checklist.items):
            if item.id not in item.requires and _reaches(graph, item.id, item.id):
                loc: Loc = ("checklists", ci, "items", ii, "requires")
                problems.append((loc, f"{item.id!r} requires itself through other items"))
    return problems


def _reaches(graph: dict[str, list[str]], start: str, goal: str) -> bool:
    stack, seen = list(graph.get(start, [])), set()
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(graph.get(node, []))
    return False
