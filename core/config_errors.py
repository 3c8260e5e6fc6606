"""Turns TOML and validation errors into `path:line: key: what was expected` lines.

tomllib reports no positions for valid documents, so `key_lines` re-reads the text and maps
each table header and key to the line it is on, counting `[[array]]` entries as indices.
A user's file overlays the built-in plan, so a mistake in a section the file does not have is
located in the built-in plan's text (`Located` holds both) instead of being left without a line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from pydantic import ValidationError
from pydantic_core import ErrorDetails

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'.]+)\s*=")
_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_OPENERS = {"[": 1, "{": 1, "]": -1, "}": -1}
MAX_NESTING = 100
"""Deeper brackets than this are refused before parsing: tomllib and the validators recurse,
and 5,000 levels would end in a RecursionError instead of one located line."""

Loc = tuple[str | int, ...]
Lines = dict[Loc, int]


def describe_syntax_error(label: str, text: str, exc: tomllib.TOMLDecodeError) -> str:
    message = str(exc)
    match = _POSITION.search(message)
    line = match.group(1) if match else str(max(1, len(text.splitlines())))
    reason = _POSITION.sub("", message).strip()
    return f"{label}:{line}: syntax: {reason}"


def too_deep(text: str, limit: int = MAX_NESTING) -> int | None:
    """The 1-based line where brackets first nest deeper than `limit`, or None. Strings and
    comments are skipped roughly (one line at a time), which is enough to find runaway
    nesting; tomllib still judges the syntax."""
    depth = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        quote: str | None = None
        for char in raw:
            if quote is not None:
                quote = None if char == quote else quote
            elif char in "\"'":
                quote = char
            elif char == "#":
                break
            else:
                depth += _OPENERS.get(char, 0)
                if depth > limit:
                    return number
    return None


def key_lines(text: str) -> Lines:
    """Maps paths like ("metrics", 2, "warn") to 1-based line numbers. A nested array of
    tables (`[[checklists.items]]`) is indexed within its parent's current element, as TOML
    appends it there: ("checklists", 1, "items", 0); `[runbook.steps.action]` after the third
    `[[runbook.steps]]` is runbook.steps[2].action."""
    lines: Lines = {}
    counts: dict[tuple[str | int, ...], int] = {}
    table: tuple[str | int, ...] = ()
    for number, raw in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(raw)
        if header:
            names = tuple(part.strip().strip("\"'") for part in header.group(2).split("."))
            path = _within_arrays(names, counts)
            if header.group(1) == "[[":
                index = counts.get(path, 0)
                counts[path] = index + 1
                table = (*path, index)
            else:
                table = path
            lines.setdefault(table, number)
            continue
        key = _KEY.match(raw)
        if key:
            lines.setdefault((*table, *(p.strip("\"'") for p in key.group(1).split("."))), number)
    return lines


def _within_arrays(
    names: tuple[str, ...], counts: dict[tuple[str | int, ...], int]
) -> tuple[str | int, ...]:
    """The header's path with the current index after every array of tables it passes."""
    path: tuple[str | int, ...] = ()
    for name in names[:-1]:
        path = (*path, name)
        if path in counts:
            path = (*path, counts[path] - 1)
    return (*path, names[-1])


def _line_for(loc: tuple[str | int, ...], lines: Lines) -> int | None:
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


@dataclass(frozen=True)
class Located:
    """Texts a validated document came from, most specific first: (label, key lines).

    `origins` maps a list section merged entry by entry (core/config_overlay.py) to where
    each entry of the merged list is in each text, in the order of `texts` (None: not there),
    so that `metrics[70]` of the merged plan is named as `metrics[1]` at its line in the
    user's file."""

    sources: Sequence[tuple[str, str]]
    """(label, TOML text) of each text."""
    origins: Mapping[str, Sequence[Sequence[int | None]]] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        *sources: tuple[str, str],
        origins: Mapping[str, Sequence[Sequence[int | None]]] | None = None,
    ) -> Located:
        """From (label, TOML text) pairs, the user's file first."""
        return cls(sources, origins or {})

    @cached_property
    def texts(self) -> Sequence[tuple[str, Lines]]:
        """(label, key lines) of each text, mapped when the first problem is named: a plan
        without problems (every start) never needs them."""
        return [(label, key_lines(text)) for label, text in self.sources]

    def _own(self, loc: Loc, text: int) -> Loc | None:
        """`loc` as the path of the same entry in text number `text`; None if it is not there."""
        entries = self.origins.get(str(loc[0])) if len(loc) > 1 else None
        if entries is None or not isinstance(loc[1], int) or not 0 <= loc[1] < len(entries):
            return loc
        own = entries[loc[1]][text] if text < len(entries[loc[1]]) else None
        return None if own is None else (loc[0], own, *loc[2:])

    def _find(self, loc: Loc) -> tuple[str, int, Loc] | None:
        """(label, line, own path) in the first text that has the entry or a table around it."""
        for number, (label, lines) in enumerate(self.texts):
            own = self._own(loc, number)
            line = None if own is None else _line_for(own, lines)
            if own is not None and line is not None:
                return label, line, own
        return None

    def key(self, loc: Loc) -> str:
        """The key as the text that has it numbers it, e.g. `metrics[1].warn`."""
        found = self._find(loc)
        return format_key(found[2] if found else loc)

    def line(self, loc: Loc, key: str, problem: str) -> str:
        """`label:line: key: problem`, from the first text that has the entry (or a table
        around it); the first text's label with `?` when none has."""
        found = self._find(loc)
        if found is not None:
            return f"{found[0]}:{found[1]}: {key}: {problem}"
        return f"{self.texts[0][0]}:?: {key}: {problem}"

    def problems(self, located: Iterable[tuple[Loc, str]]) -> list[str]:
        """One line per (path into the merged document, problem)."""
        return [self.line(loc, self.key(loc), problem) for loc, problem in located]

    def own_problems(self, located: Iterable[tuple[Loc, str]]) -> list[str]:
        """One line per (path into the first text itself, problem)."""
        label, lines = self.texts[0]
        numbered = sorted(((_line_for(loc, lines), loc, p) for loc, p in located), key=_by_line)
        return [f"{label}:{n or '?'}: {format_key(loc)}: {p}" for n, loc, p in numbered]


def _by_line(item: tuple[int | None, Loc, str]) -> int:
    return item[0] or 0


def _expected(error: ErrorDetails) -> str:
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    given = error.get("input")
    # A wrong type is easier to fix when the value is shown ("got '30'": drop the quotes).
    if (kind.endswith("_type") or kind == "finite_number") and _scalar(given):
        message += f", got {_shown(given)}"
    return message


def _scalar(value: object) -> bool:
    return isinstance(value, (bool, int, float, str))


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"  # as TOML spells it
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def format_key(loc: tuple[str | int, ...]) -> str:
    """("metrics", 2, "warn") -> "metrics[2].warn"."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def describe_validation_errors(where: Located, exc: ValidationError, data: object) -> list[str]:
    """One located line per validation error of validating `data`."""
    located = []
    for error in exc.errors():
        # Discriminated unions add the tag (e.g. "manual") to the path; it is not a key.
        tag = (error.get("ctx") or {}).get("tag")
        loc = _keys_only(tuple(p for p in error["loc"] if p != tag), data)
        located.append((loc, _expected(error)))
    return where.problems(located)


def _keys_only(loc: tuple[str | int, ...], data: object) -> tuple[str | int, ...]:
    """`loc` without the parts that name a union member rather than a key: in
    runbook.steps[0].action.http.url, "http" is the action's `kind`, not a key of the action."""
    out: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1  # a missing key may well equal some value
        if not last and isinstance(node, dict) and part not in node and part in node.values():
            continue
        out.append(part)
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(out)
