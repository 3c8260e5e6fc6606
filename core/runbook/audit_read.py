"""Reading the audit log back: tolerant of a corrupt or truncated line, filters, text form."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warroom.core.durations import parse_duration

parse_since = parse_duration
"""`--since AGE` as a timedelta (core/durations.py has the grammar and the bounds)."""


@dataclass(frozen=True)
class ReadResult:
    records: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """One line per skipped line: `path:line: why`."""


def read_log(path: Path) -> ReadResult:
    """Parses the JSONL file. A missing file is an empty log.

    Returns:
        The records in file order, and a problem line for each line that was skipped.
    Raises:
        OSError: the file exists but cannot be read.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return ReadResult()
    records: list[dict[str, Any]] = []
    problems: list[str] = []
    lines = raw.split(b"\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        last = number == len(lines)  # no newline after it: the write was cut short
        try:
            record = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            why = "truncated last line" if last else "corrupt line"
            problems.append(f"{path}:{number}: {why} skipped")
            continue
        if not isinstance(record, dict) or "event" not in record:
            problems.append(f"{path}:{number}: not an audit record, skipped")
            continue
        records.append(record)
    return ReadResult(records, problems)


def unfinished_steps(records: Iterable[Mapping[str, Any]], demo: bool) -> dict[str, str]:
    """Steps whose latest record is "started": the app stopped before the action ended.

    Only records of the same kind of session count (a demo never inherits a live outcome).

    Returns:
        step id -> timestamp of the orphaned "started" record.
    """
    latest = _latest_attempts(records, demo)
    return {
        step: str(r.get("ts", "?")) for step, r in latest.items() if r.get("event") == "started"
    }


def done_earlier(records: Iterable[Mapping[str, Any]], demo: bool) -> dict[str, str]:
    """Steps whose latest record says they finished done: in an earlier session, since these
    are read as a session starts. Running such a step again may undo what it did (a second
    `rollout undo` goes back one revision more), so the operator is told first.

    Returns:
        step id -> `<timestamp> by <user>@<host>` of that "finished" record.
    """
    latest = _latest_attempts(records, demo)
    return {
        step: f"{r.get('ts', '?')} by {r.get('user', '?')}@{r.get('host', '?')}"
        for step, r in latest.items()
        if r.get("event") == "finished" and r.get("outcome") == "done"
    }


def _latest_attempts(
    records: Iterable[Mapping[str, Any]], demo: bool
) -> dict[str, Mapping[str, Any]]:
    """Each step's latest "started" or "finished" record, of this kind of session only."""
    latest: dict[str, Mapping[str, Any]] = {}
    for record in records:
        if bool(record.get("demo")) != demo or "step" not in record:
            continue
        if record.get("event") in ("started", "finished"):
            latest[str(record["step"])] = record
    return latest


UNKNOWN_OUTCOME = "unknown outcome"  # as StepState.UNKNOWN says it on the runbook screen


def mark_unknown_outcomes(records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The records, with every "started" that no "finished" of the same step (and the same
    kind of session, demo or live) follows given `outcome = "unknown outcome"`: the session
    ended mid-action, or is still running it. A finish closes the latest open start.

    Returns:
        Copies of the records, in order; the input is not changed.
    """
    out = [dict(r) for r in records]
    open_starts: dict[tuple[str, bool], list[int]] = {}
    for index, record in enumerate(out):
        if "step" not in record:
            continue
        key = (str(record["step"]), bool(record.get("demo")))
        if record.get("event") == "started":
            open_starts.setdefault(key, []).append(index)
        elif record.get("event") == "finished" and open_starts.get(key):
            open_starts[key].pop()
    for indices in open_starts.values():
        for index in indices:
            out[index]["outcome"] = UNKNOWN_OUTCOME
    return out


def since(
    records: Sequence[Mapping[str, Any]], window: dt.timedelta, now: dt.datetime
) -> list[Mapping[str, Any]]:
    """Records no older than `window` before `now`; records without a readable time are kept."""
    cutoff = now - window
    out = []
    for record in records:
        try:
            when = dt.datetime.fromisoformat(str(record.get("ts")))
        except ValueError:
            out.append(record)
            continue
        if when >= cutoff:
            out.append(record)
    return out


def text_line(record: Mapping[str, Any]) -> str:
    """One record as a line for people: time, who, what step, what happened."""
    parts = [
        str(record.get("ts", "?")),
        f"{record.get('user', '?')}@{record.get('host', '?')}",
        str(record.get("event", "?")).upper(),
        str(record.get("step") or record.get("item") or record.get("decision") or "-"),
    ]
    if record.get("actor"):  # the automatic rollback, not a person at the keyboard
        parts.append(f"[{record['actor']}]")
    if record.get("demo"):
        parts.append("[demo]")
    if record.get("dry_run"):
        parts.append("[dry-run]")
    if record.get("event") == "started" and record.get("outcome") == UNKNOWN_OUTCOME:
        parts.append("UNKNOWN OUTCOME (never finished: the app stopped, or it still runs)")
    else:
        parts += [
            f"{k}={record[k]}" for k in ("outcome", "exit_code", "http_status") if k in record
        ]
    if "duration" in record:
        parts.append(f"{float(record['duration']):.1f}s")
    detail = record.get("detail") or record.get("action") or record.get("note")
    if detail:
        parts.append(f"— {detail}")
    return " ".join(parts)
