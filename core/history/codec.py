"""Poll outcomes to compact bytes and back, so a replay re-ingests exactly what was seen.

A poll is stored as one zlib-compressed JSON document: a source's readings compress well
together (same metric names every poll), which keeps a day of the default plan small.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping
from typing import Any

from warroom.core import errors
from warroom.core.model import ExternalAlert, FetchResult, Issue, Monitor, Priority, Reading, SlowOp
from warroom.core.poller import PollOutcome

_ERRORS: dict[str, type[errors.SourceError]] = {
    cls.__name__: cls
    for cls in (
        errors.SourceError,
        errors.AuthError,
        errors.SourceTimeout,
        errors.Unavailable,
        errors.BadResponse,
    )
}


def encode_result(result: FetchResult) -> bytes:
    """Returns the compressed document of one successful poll."""
    doc: dict[str, Any] = {"r": [_reading(r) for r in result.readings]}
    if result.issues is not None:
        doc["i"] = [_issue(i) for i in result.issues]
    if result.monitors is not None:
        doc["m"] = [[m.key, m.name, m.state, list(m.tags)] for m in result.monitors]
    if result.slow_ops is not None:
        doc["s"] = [[o.key, o.op, o.namespace, o.seconds, o.description] for o in result.slow_ops]
    if result.alerts:
        doc["a"] = [[a.key, a.source, a.priority.value, a.message] for a in result.alerts]
    if result.info:
        doc["n"] = dict(result.info)
    if result.problems:
        doc["p"] = dict(result.problems)
    return zlib.compress(json.dumps(doc, separators=(",", ":")).encode("utf-8"), 6)


def decode_result(blob: bytes) -> FetchResult:
    """Inverse of `encode_result`.

    Raises:
        ValueError: the blob is not a document this module wrote.
    """
    try:
        doc = json.loads(zlib.decompress(blob).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"unreadable poll record: {exc}") from None
    return result_from_doc(doc)


def result_from_doc(doc: Mapping[str, Any]) -> FetchResult:
    """Builds a FetchResult from the plain document (also used by the MongoDB store)."""
    try:
        return FetchResult(
            readings=tuple(_from_reading(*r) for r in doc.get("r", ())),
            issues=None if "i" not in doc else tuple(Issue(**i) for i in _issues(doc["i"])),
            monitors=None
            if "m" not in doc
            else tuple(Monitor(k, n, s, tuple(t)) for k, n, s, t in doc["m"]),
            slow_ops=None
            if "s" not in doc
            else tuple(SlowOp(k, o, ns, float(sec), d) for k, o, ns, sec, d in doc["s"]),
            alerts=tuple(
                ExternalAlert(k, s, Priority(p), msg) for k, s, p, msg in doc.get("a", ())
            ),
            info={str(k): str(v) for k, v in doc.get("n", {}).items()},
            problems={str(k): str(v) for k, v in doc.get("p", {}).items()},
        )
    except (TypeError, ValueError, KeyError) as exc:
        raise ValueError(f"malformed poll record: {exc}") from None


def result_doc(result: FetchResult) -> dict[str, Any]:
    """The plain document of `encode_result`, uncompressed (for stores that compress)."""
    doc: dict[str, Any] = json.loads(zlib.decompress(encode_result(result)))
    return doc


def outcome_doc(outcome: PollOutcome) -> dict[str, Any]:
    """One poll outcome as a plain JSON-able document (the shared store's `polls` documents
    and the serve hub's feed): source, timing, then `result` or `error`."""
    doc: dict[str, Any] = {
        "source": outcome.source,
        "started": outcome.started,
        "latency": outcome.latency,
        "next_in": outcome.next_in,
    }
    if outcome.error is not None:
        kind, reason, retry = error_fields(outcome.error)
        doc["error"] = {"kind": kind, "reason": reason, "retry_after": retry}
    else:
        assert outcome.result is not None
        doc["result"] = result_doc(outcome.result)
    return doc


def error_fields(error: errors.SourceError) -> tuple[str, str, float]:
    """(class name, reason, retry_after) of a poll failure."""
    retry = error.retry_after if isinstance(error, errors.RateLimited) else 0.0
    return type(error).__name__, error.reason, retry


def error_from(kind: str, reason: str, retry_after: float = 0.0) -> errors.SourceError:
    """Rebuilds a recorded failure; unknown classes come back as Unavailable."""
    if kind == "RateLimited":
        return errors.RateLimited(reason, retry_after)
    return _ERRORS.get(kind, errors.Unavailable)(reason)


def _reading(reading: Reading) -> list[Any]:
    # The sample count is stored only when known, so older files and readers stay as they were.
    row: list[Any] = [reading.metric, reading.ts, reading.value]
    return row if reading.samples is None else [*row, reading.samples]


def _from_reading(metric: Any, ts: Any, value: Any, samples: Any = None) -> Reading:
    return Reading(str(metric), float(ts), _num(value), None if samples is None else int(samples))


def _issue(issue: Issue) -> dict[str, Any]:
    return {
        "key": issue.key,
        "title": issue.title,
        "level": issue.level,
        "count": issue.count,
        "users": issue.users,
        "first_seen": issue.first_seen,
        "last_seen": issue.last_seen,
        "culprit": issue.culprit,
        "trend": list(issue.trend),
        "permalink": issue.permalink,
        "release": issue.release,
        "is_new": issue.is_new,
    }


def _issues(items: Any) -> list[dict[str, Any]]:
    out = []
    for item in items:
        fields = dict(item)
        fields["trend"] = tuple(fields.get("trend", ()))
        out.append(fields)
    return out


def _num(value: Any) -> float | None:
    return None if value is None else float(value)
