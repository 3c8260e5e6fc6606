"""How a user's config file lays over the built-in plan.

- Plain sections (`[[stages]]`, `[[checklists]]`, ...) replace the built-in section.
- `[sources.*]`, `[runbook]`, `[ui]`, `[launch]` and `[history]` merge key by key.
- The plan's lists of entries with an `id` (`KEYED`: metrics, alerts, trends, triggers,
  criteria) merge entry by entry: an entry whose `id` is built in changes only the keys it
  gives, any other entry is added after the built-in ones, and an entry with
  `enabled = false` takes its id out of the plan. `replace = ["alerts", ...]` at the top of the
  file makes the file's list of that section the whole list instead.

A changed `source` takes none of the built-in entry's source-specific keys (`query`,
`query_unit`): a Datadog query is no use to MongoDB. Removing a metric that rules still name
is one mistake, reported at the line that removed it, instead of one per rule at lines of the
built-in plan the user never wrote.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

Keyed = Literal["metrics", "alerts", "trends", "triggers", "criteria"]
KEYED: tuple[str, ...] = get_args(Keyed)
MERGED_SECTIONS = ("sources", "runbook", "ui", "launch", "history")
SOURCE_SPECIFIC = ("query", "query_unit")
REPLACE = "replace"
Loc = tuple[str | int, ...]
_SHOWN = 6  # rules named in one message; the rest are counted
Origin = tuple[int | None, int | None]
"""Where a merged entry came from: (its index in the user's list, in the built-in list)."""


@dataclass(frozen=True)
class Overlaid:
    """The merged document, and what the error lines need to point into the user's file."""

    data: dict[str, Any]
    origins: dict[str, list[Origin]] = field(default_factory=dict)
    """Per KEYED section, per entry of the merged list."""
    problems: list[tuple[Loc, str]] = field(default_factory=list)
    """Mistakes of the overlay itself, at paths into the user's own file."""
    superseded: frozenset[Loc] = frozenset()
    """Paths (in the merged document) of references that `problems` already explain."""


_WHAT = {
    "metrics": "metric",
    "alerts": "alert",
    "trends": "trend",
    "triggers": "trigger",
    "criteria": "criterion",
}
_EMPTY = (
    "an empty list changes nothing here: entries merge with the built-in ones by id; to drop "
    'them all, add "{section}" to the top-level replace = [...], or give enabled = false '
    "to each one to drop"
)


def overlay(base: Mapping[str, Any], user: Mapping[str, Any]) -> Overlaid:
    """`user` laid over `base` (see the module docstring). Never raises: what does not fit is
    passed on as it is, for validation to report."""
    data = dict(base)
    for key, value in user.items():
        if key in KEYED:
            continue
        old = data.get(key)
        merged = key in MERGED_SECTIONS and isinstance(value, Mapping) and isinstance(old, dict)
        data[key] = _merged_section(key, old, value) if merged else value  # type: ignore[arg-type]
    replaced = _replaced(user.get(REPLACE))
    origins: dict[str, list[Origin]] = {}
    problems: list[tuple[Loc, str]] = []
    removed: dict[str, Loc] = {}
    for section in KEYED:
        mine = user.get(section, [] if section in replaced else None)
        if not isinstance(mine, list):
            if mine is not None:
                data[section] = mine  # not a list: validation names it at the user's line
            continue
        if not mine and section not in replaced:
            problems.append(((section,), _EMPTY.format(section=section)))
        merge = _merged_list([] if section in replaced else _list(base.get(section)), mine)
        data[section], origins[section] = merge.entries, merge.origins
        problems += _repeat_problems(section, merge)
        if section == "metrics":
            removed = _removed_metrics(base, user, merge)
    used = _uses_of(data, removed)
    problems += _removal_problems(removed, used)
    return Overlaid(data, origins, problems, frozenset(loc for loc, _, _ in used))


def _replaced(value: object) -> set[str]:
    """The sections `replace` names (anything else in it is for validation to refuse)."""
    return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()


def _repeat_problems(section: str, merge: _Merge) -> list[tuple[Loc, str]]:
    return [
        (
            (section, index, "id"),
            f"{_WHAT[section]} id {key!r} is repeated (first at {section}[{first}])",
        )
        for index, key, first in merge.repeats
    ]


def _merged_section(key: str, base: dict[str, Any], user: Mapping[str, Any]) -> dict[str, Any]:
    section = dict(base)
    for sub, value in user.items():
        old = section.get(sub)
        if key == "sources" and isinstance(old, dict) and isinstance(value, Mapping):
            section[sub] = {**old, **value}
        else:
            section[sub] = value
    return section


@dataclass
class _Merge:
    """One KEYED section being merged."""

    entries: list[Any]
    origins: list[Origin]
    removed: dict[str, int] = field(default_factory=dict)
    """{id: user index} of the entries `enabled = false` took out (only the user's can)."""
    repeats: list[tuple[int, str, int]] = field(default_factory=list)
    """(user index, id, user index of its first entry) of each id the file gives again."""

    def add(self, entry: Any, origin: Origin) -> None:
        """Appends an entry, or records its removal when it says `enabled = false`."""
        if _disabled(entry):
            if origin[0] is not None:
                self.removed[str(_id(entry))] = origin[0]
            return
        self.entries.append(entry)
        self.origins.append(origin)

    def add_all(self, waiting: list[tuple[int, Any]]) -> None:
        """Appends new entries of the user's file; empties `waiting`."""
        for index, entry in waiting:
            self.add(entry, (index, None))
        waiting.clear()


def _merged_list(base: list[Any], user: list[Any]) -> _Merge:
    """The user's entries merged into the built-in ones, in the user's order: a built-in entry
    the file leaves alone keeps its place, and a new entry goes before the next built-in one
    the file changes (a whole plan written by `config init` keeps its order), else last."""
    merge = _Merge([], [])
    planned = _planned(base, user, merge)
    changed = {at for _, _, at in planned if at is not None}
    untouched = iter([(at, entry) for at, entry in enumerate(base) if at not in changed])
    pending = next(untouched, None)
    waiting: list[tuple[int, Any]] = []
    for index, entry, at in planned:
        if at is None:
            waiting.append((index, entry))
            continue
        while pending is not None and pending[0] < at:
            merge.add(pending[1], (None, pending[0]))
            pending = next(untouched, None)
        merge.add_all(waiting)
        merge.add(_merged_entry(base[at], entry), (index, at))
    while pending is not None:
        merge.add(pending[1], (None, pending[0]))
        pending = next(untouched, None)
    merge.add_all(waiting)
    return merge


def _planned(base: list[Any], user: list[Any], merge: _Merge) -> list[tuple[int, Any, int | None]]:
    """(user index, entry, index of the built-in entry it changes or None) for each entry of
    the user's list; an id the file gives twice goes to `merge.repeats` instead."""
    slot = {key: index for index, entry in enumerate(base) if (key := _id(entry)) is not None}
    mine: dict[str, int] = {}
    planned: list[tuple[int, Any, int | None]] = []
    for index, entry in enumerate(user):
        key = _id(entry)
        if key is not None and key in mine:  # said once, here: validation would say "label
            merge.repeats.append((index, key, mine[key]))  # is missing" of a repeated change
            continue
        if key is not None:
            mine[key] = index
        planned.append((index, entry, slot.get(key) if key is not None else None))
    return planned


def _id(entry: object) -> str | None:
    value = entry.get("id") if isinstance(entry, dict) else None
    return value if isinstance(value, str) else None


def _disabled(entry: object) -> bool:
    return isinstance(entry, dict) and entry.get("enabled") is False


def _merged_entry(base: Any, user: Any) -> Any:
    if not (isinstance(base, dict) and isinstance(user, dict)):
        return user
    inherited = dict(base)
    if "source" in user and user["source"] != base.get("source"):
        for key in SOURCE_SPECIFIC:
            inherited.pop(key, None)
    return {**inherited, **user}


Use = tuple[Loc, str, str]
"""A rule naming a removed metric: (its path, `section.id` of the rule, the metric)."""


def _uses_of(data: Mapping[str, Any], metrics: Mapping[str, Loc]) -> list[Use]:
    """Every reference in `data`'s rules to one of `metrics`."""
    uses: list[Use] = []
    for section in ("alerts", "triggers", "criteria"):
        for index, rule in enumerate(_list(data.get(section))):
            metric = rule.get("metric") if isinstance(rule, dict) else None
            if isinstance(metric, str) and metric in metrics:
                uses.append(((section, index, "metric"), f"{section}.{_id(rule)}", metric))
    for index, trend in enumerate(_list(data.get("trends"))):
        named = trend.get("metrics") if isinstance(trend, dict) else None
        for k, metric in enumerate(_list(named)):
            if isinstance(metric, str) and metric in metrics:
                uses.append((("trends", index, "metrics", k), f"trends.{_id(trend)}", metric))
    return uses


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _removed_metrics(
    base: Mapping[str, Any], user: Mapping[str, Any], merge: _Merge
) -> dict[str, Loc]:
    """{metric id: path in the user's file of what removed it}: its `enabled = false`, or the
    "metrics" in `replace` for a built-in metric the file does not give."""
    out: dict[str, Loc] = {m: ("metrics", i, "enabled") for m, i in merge.removed.items()}
    named = user.get(REPLACE)
    if isinstance(named, list) and "metrics" in named:
        kept = {_id(entry) for entry in merge.entries}
        at: Loc = (REPLACE, named.index("metrics"))
        for entry in _list(base.get("metrics")):
            metric = _id(entry)
            if metric is not None and metric not in kept and metric not in out:
                out[metric] = at
    return out


def _removal_problems(removed: Mapping[str, Loc], uses: list[Use]) -> list[tuple[Loc, str]]:
    """One problem per line that removed metrics some rule still names."""
    problems: list[tuple[Loc, str]] = []
    for at in dict.fromkeys(removed.values()):
        metrics = [m for m, loc in removed.items() if loc == at]
        rules = sorted({rule for _, rule, named in uses if named in metrics})
        if not rules:
            continue
        shown = ", ".join(rules[:_SHOWN]) + (
            f" and {len(rules) - _SHOWN} more" if len(rules) > _SHOWN else ""
        )
        if at[0] == REPLACE:
            problems.append(
                (
                    at,
                    f"the built-in metrics this drops are still used by {shown}: "
                    "replace those sections too, or give the metrics they use",
                )
            )
        else:
            problems.append(
                (
                    at,
                    f"metric {metrics[0]!r} is still used by {shown}: "
                    "disable those too (enabled = false), or keep the metric",
                )
            )
    return problems
