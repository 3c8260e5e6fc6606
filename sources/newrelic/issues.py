"""New Relic alert issues (`aiIssues`) as monitors for the Engineering tab and banner alerts.

The issues ride in the same request as the NRQL: `ISSUES_ALIAS` is one more field of the
account. Its time window is two integers of our own, the only values written into the
document (no vendor or plan text is ever spliced). Titles and entity names are lists of
untrusted strings; they are made inert here, before anything shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from warroom.core.model import ExternalAlert, Monitor, Priority
from warroom.core.textsafe import inert

ISSUES_ALIAS = "issues"
OPEN_STATES = ("CREATED", "ACTIVATED")
NAME_LIMIT = 120
_PRIORITY = {
    "CRITICAL": Priority.HIGH,
    "HIGH": Priority.HIGH,
    "MEDIUM": Priority.MEDIUM,
    "LOW": Priority.LOW,
}
_ORDER = ("CRITICAL", "HIGH", "MEDIUM", "LOW")


@dataclass(frozen=True, slots=True)
class OpenIssue:
    key: str
    priority: str
    state: str
    title: str
    entities: tuple[str, ...]
    activated_at: float


def issues_field(now: float, window: float) -> str:
    """The `aiIssues` selection for open issues activated in the last `window` seconds."""
    end_ms = int(now * 1000)
    start_ms = end_ms - int(window * 1000)
    return (
        f"{ISSUES_ALIAS}: aiIssues {{ issues(filter: {{states: [{', '.join(OPEN_STATES)}]}}, "
        f"timeWindow: {{startTime: {start_ms}, endTime: {end_ms}}}) "
        "{ issues { issueId priority state title entityNames activatedAt } nextCursor } }"
    )


def parse_issues(field: Any) -> tuple[list[OpenIssue], bool]:
    """The open issues of the `aiIssues` field, worst first, and whether more pages exist.

    Raises:
        ValueError: the field does not have the documented shape.
    """
    page = field.get("issues") if isinstance(field, dict) else None
    items = page.get("issues") if isinstance(page, dict) else None
    if not isinstance(page, dict) or not isinstance(items, list):
        raise ValueError("alert issues: unexpected shape")
    found = [_issue(item) for item in items if isinstance(item, dict)]
    found = [i for i in found if i.state in OPEN_STATES]
    found.sort(key=lambda i: (_rank(i.priority), -i.activated_at, i.key))
    return found, bool(page.get("nextCursor"))


def to_monitors(issues: Sequence[OpenIssue]) -> tuple[Monitor, ...]:
    """Critical and high issues as `Alert`, medium and low as `Warn`."""
    return tuple(
        Monitor(
            key=i.key,
            name=i.title,
            state="Alert" if _PRIORITY.get(i.priority) is Priority.HIGH else "Warn",
            tags=i.entities,
        )
        for i in issues
    )


def to_alerts(issues: Sequence[OpenIssue]) -> tuple[ExternalAlert, ...]:
    """One banner alert per open issue, at the issue's priority (critical counts as high)."""
    out = []
    for i in issues:
        where = f" ({', '.join(i.entities[:3])})" if i.entities else ""
        out.append(
            ExternalAlert(
                key=f"issue:{i.key}",
                source="newrelic",
                priority=_PRIORITY.get(i.priority, Priority.MEDIUM),
                message=inert(f"New Relic issue {i.priority}: {i.title}{where}", NAME_LIMIT + 60),
            )
        )
    return tuple(out)


def _issue(item: dict[str, Any]) -> OpenIssue:
    titles = _strings(item.get("title"))
    activated = item.get("activatedAt")
    return OpenIssue(
        key=inert(str(item.get("issueId") or ""), 60),
        priority=str(item.get("priority") or "").upper(),
        state=str(item.get("state") or "").upper(),
        title=inert(" / ".join(titles) or "(untitled issue)", NAME_LIMIT),
        entities=tuple(inert(e, 60) for e in _strings(item.get("entityNames"))[:10]),
        activated_at=float(activated) / 1000 if isinstance(activated, int | float) else 0.0,
    )


def _strings(raw: Any) -> list[str]:
    """New Relic sends these as lists of strings; a lone string is accepted too."""
    if isinstance(raw, str):
        return [raw]
    return [str(v) for v in raw if v is not None] if isinstance(raw, list) else []


def _rank(priority: str) -> int:
    return _ORDER.index(priority) if priority in _ORDER else len(_ORDER)
