"""Turns TOML and validation errors into `path:line: key: what was expected` lines.

tomllib reports no positions for valid documents, so `key_lines` re-reads the text and maps
each table header and key to the line it is on, counting `[[array]]` entries as indices.
"""

from __future__ import annotations

import re
import tomllib

from pydantic import ValidationError
from pydantic_core import ErrorDetails

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'.]+)\s*=")
_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def describe_syntax_error(label: str, text: str, exc: tomllib.TOMLDecodeError) -> str:
    message = str(exc)
    match = _POSITION.search(message)
    line = match.group(1) if match else str(max(1, len(text.splitlines())))
    reason = _POSITION.sub("", message).strip()
    return f"{label}:{line}: syntax: {reason}"


def key_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """Maps paths like ("metrics", 2, "warn") to 1-based line numbers. A nested array of
    tables (`[[checklists.items]]`) is indexed within its parent's current element, as TOML
    appends it there: ("checklists", 1, "items", 0)."""
    lines: dict[tuple[str | int, ...], int] = {}
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
            path = (*table, *(p.strip("\"'") for p in key.group(1).split(".")))
            lines.setdefault(path, number)
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


def _line_for(loc: tuple[str | int, ...], lines: dict[tuple[str | int, ...], int]) -> int | None:
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _expected(error: ErrorDetails) -> str:
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    message = str(error.get("msg", "invalid value"))
    return message.removeprefix("Value error, ")


def format_key(loc: tuple[str | int, ...]) -> str:
    """("metrics", 2, "warn") -> "metrics[2].warn"."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def describe_problems(
    label: str, text: str, problems: list[tuple[tuple[str | int, ...], str]]
) -> list[str]:
    """Checks made after validation (references between sections), located like the rest."""
    lines = key_lines(text)
    out = []
    for loc, message in problems:
        line = _line_for(loc, lines)
        out.append(f"{label}:{line if line else '?'}: {format_key(loc)}: {message}")
    return out


def describe_validation_errors(label: str, text: str, exc: ValidationError) -> list[str]:
    lines = key_lines(text)
    problems = []
    for error in exc.errors():
        # Discriminated unions add the tag (e.g. "manual") to the path; it is not a key.
        tag = (error.get("ctx") or {}).get("tag")
        loc = tuple(p for p in error["loc"] if p != tag)
        line = _line_for(loc, lines)
        key = format_key(loc)
        problems.append(f"{label}:{line if line else '?'}: {key}: {_expected(error)}")
    return problems
