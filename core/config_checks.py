"""Checks that look across entries of a validated config: duplicate ids, rules naming unknown
metrics, runbook steps naming unknown groups or steps, `requires` cycles, a theme nobody has,
a `min_samples` the probe window can never hold, an automatic-rollback override for a trigger
the plan does not have.

Each problem carries the path of the offending entry, so the error names its line instead of
the whole file (`warroom.toml:57: triggers[2].metric: ...`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import TYPE_CHECKING

from warroom.core.checklists.validate import reference_problems

if TYPE_CHECKING:  # both import this module to run the checks
    from warroom.core.config import Config
    from warroom.core.plan import PlanEntry
    from warroom.core.runbook_config import RunbookConfig

Loc = tuple[str | int, ...]
Problem = tuple[Loc, str]
PROBE_QUERY = "connection_probe"  # the MongoDB adapter's own connection-failure probe
LOCATED = "located"
"""Validation context key: the caller reports cross-entry problems itself, with their lines.
Without it a model built in code still refuses them, in one unlocated message."""


def unlocated(problems: Sequence[Problem]) -> None:
    """Raises ValueError with every problem when there are any (for models built in code).

    Raises:
        ValueError: "key: problem; key: problem".
    """
    if problems:
        raise ValueError("; ".join(f"{_key(loc)}: {message}" for loc, message in problems))


def _key(loc: Loc) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")


def config_problems(
    config: Config, themes: Collection[str] | None = None, name: Callable[[Loc], str] | None = None
) -> list[Problem]:
    """Every cross-entry mistake, in file order of the checks. `themes`: the names a theme may
    have (None: not checked, the caller cannot know them). `name` spells a path inside a
    message ("first at metrics[1]") as the file that has it numbers it."""
    problems = metric_problems(config, name or _key)
    problems += rule_repeats(config, name)
    problems += runbook_problems(config.runbook, name or _key)
    problems += reference_problems(
        config.checklists,
        steps=[s.id for s in config.runbook.steps],
        triggers=[t.id for t in config.triggers],
        sources=type(config.sources).model_fields,
    )
    problems += guard_problems(config)
    if themes is not None and config.ui.theme not in themes:
        known = ", ".join(sorted(themes))
        problems.append((("ui", "theme"), f"unknown theme {config.ui.theme!r}; one of {known}"))
    return problems


def guard_problems(config: Config) -> list[Problem]:
    """`[autorollback.triggers.<id>]` naming a trigger the plan does not have: a typo there
    would leave the trigger on the default rule with no word said."""
    known = [t.id for t in config.triggers]
    return [
        (("autorollback", "triggers", name), f"unknown trigger {name!r}; one of {', '.join(known)}")
        for name in config.autorollback.triggers
        if name not in known
    ]


def duplicates(
    section: Loc,
    key: str,
    values: Sequence[str | None],
    what: str,
    name: Callable[[Loc], str] | None = None,
) -> list[Problem]:
    """A problem at each entry that repeats an earlier entry's value (None values are free)."""
    first: dict[str, int] = {}
    out: list[Problem] = []
    for index, value in enumerate(values):
        if value is None:
            continue
        if value in first:
            where = (name or _key)((*section, first[value]))
            out.append(((*section, index, key), f"{what} {value!r} is repeated (first at {where})"))
        else:
            first[value] = index
    return out


def metric_problems(config: Config, name: Callable[[Loc], str] | None = None) -> list[Problem]:
    ids = [m.id for m in config.metrics]
    problems = duplicates(("metrics",), "id", ids, "metric id", name)
    known = {m.id for m in config.metrics}
    refs: list[tuple[Loc, str]] = [
        (("alerts", i, "metric"), r.metric) for i, r in enumerate(config.alerts)
    ]
    refs += [(("triggers", i, "metric"), t.metric) for i, t in enumerate(config.triggers)]
    refs += [
        (("trends", i, "metrics", k), m)
        for i, t in enumerate(config.trends)
        for k, m in enumerate(t.metrics)
    ]
    refs += [
        (("criteria", i, "metric"), c.metric)
        for i, c in enumerate(config.criteria)
        if c.metric is not None
    ]
    problems += [(loc, f"unknown metric {metric!r}") for loc, metric in refs if metric not in known]
    problems += _probe_samples(config)
    return problems


def rule_repeats(config: Config, name: Callable[[Loc], str] | None = None) -> list[Problem]:
    """Repeated ids among alerts, trends, triggers and criteria: an id names one entry, which
    a user's file changes or removes."""
    problems: list[Problem] = []
    for section, what in (
        ("alerts", "alert"),
        ("trends", "trend"),
        ("triggers", "trigger"),
        ("criteria", "criterion"),
    ):
        entries: Sequence[PlanEntry] = getattr(config, section)
        problems += duplicates((section,), "id", [e.id for e in entries], f"{what} id", name)
    return problems


def _probe_samples(config: Config) -> list[Problem]:
    """A `min_samples` above what the probe window can hold would switch its trigger off for
    good, so it is refused. One probe runs per poll; the window holds fewest probes when every
    poll takes its whole timeout."""
    mongo = config.sources.mongo
    if not mongo.enabled:
        return []
    capacity = max(1, math.floor(mongo.probe_window / (mongo.interval + mongo.timeout)))
    return [
        (
            ("metrics", i, "min_samples"),
            f"{m.min_samples} probes never fit in the {mongo.probe_window:g} s probe window "
            f"(at most {capacity} when probes time out); lower it or widen "
            "sources.mongo.probe_window",
        )
        for i, m in enumerate(config.metrics)
        if m.source == "mongo" and m.query == PROBE_QUERY and m.min_samples > capacity
    ]


def runbook_problems(
    runbook: RunbookConfig, name: Callable[[Loc], str] | None = None
) -> list[Problem]:
    section: Loc = ("runbook", "steps")
    at_groups: Loc = ("runbook", "groups")
    steps = runbook.steps
    problems = duplicates(section, "id", [s.id for s in steps], "step id", name)
    problems += duplicates(at_groups, "id", [g.id for g in runbook.groups], "group id", name)
    problems += duplicates(section, "key", [s.key for s in steps], "step key", name)
    problems += duplicates(at_groups, "key", [g.key for g in runbook.groups], "key", name)
    groups = {g.id for g in runbook.groups}
    ids = {s.id for s in steps}
    for index, step in enumerate(steps):
        if step.group not in groups:
            problems.append(((*section, index, "group"), f"unknown group {step.group!r}"))
        missing = [r for r in step.requires if r not in ids]
        if missing:
            names = ", ".join(repr(m) for m in missing)
            problems.append(((*section, index, "requires"), f"unknown steps {names}"))
    problems += _cycles(section, [(s.id, s.requires) for s in steps])
    return problems


def _cycles(section: Loc, steps: Sequence[tuple[str, Iterable[str]]]) -> list[Problem]:
    """A problem at the first step of each `requires` cycle (a step requiring itself is one).
    Such steps could never run: each waits for the other to finish first."""
    graph = {step: list(requires) for step, requires in steps}
    index = {step: i for i, (step, _) in enumerate(steps)}
    reported: set[str] = set()
    out: list[Problem] = []
    for step, _ in steps:
        cycle = _cycle_from(step, graph)
        if cycle is None or reported & set(cycle):
            continue
        reported |= set(cycle)
        loc: Loc = (*section, index[step], "requires")
        if len(cycle) == 1:
            out.append((loc, f"step {step!r} requires itself"))
        else:
            path = " -> ".join([*cycle, cycle[0]])
            out.append((loc, f"requires form a cycle: {path}; none of them could ever run"))
    return out


def _cycle_from(start: str, graph: dict[str, list[str]]) -> list[str] | None:
    """The steps of a cycle that leads back to `start`, in order, or None. Iterative DFS."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, ()):
            if nxt == start:
                return path
            if nxt not in seen and nxt in graph:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None
