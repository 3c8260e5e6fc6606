"""What a process shows of the guard: its own when it holds the lease (or needs none), the
holder's as published in the lease otherwise. One shape for both, so a viewer's banner is the
holder's banner with "held by" on it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from warroom.core.guard.rule import Evidence


@dataclass(frozen=True, slots=True)
class GuardStatus:
    """The guard as the banner and the lease show it."""

    mode: str
    phase: str
    """armed, countdown, acting, stood-down; "waiting" while another process holds the lease
    and has published nothing yet."""
    group: str = ""
    """The group's title."""
    frozen: str | None = None
    trigger: str | None = None
    """The trigger that tripped (countdown, acting) or last ran the group."""
    message: str | None = None
    """That trigger's message from the plan ("Error rate above 1%")."""
    evidence: tuple[Evidence, ...] = ()
    deadline: float | None = None
    """When the countdown ends, epoch seconds."""
    runs: tuple[str, ...] = ()
    """The titles of the steps the guard will run (or ran)."""
    needs_person: tuple[str, ...] = ()
    outcome: str | None = None
    """How the last run ended (or what advise mode would have done)."""
    failed: bool = False
    """The last run did not go through (a step failed, or nothing could run)."""
    blind: tuple[tuple[str, str], ...] = ()
    """(trigger message, why) of the triggers whose last evaluation was inconclusive."""
    dry_run: bool = False
    holder: str | None = None
    """Who holds the lease (None without a shared store)."""
    holding: bool = True
    """This process is the one that evaluates and acts."""
    problem: str | None = None
    """Why this process cannot take part (store unreachable), None when it can."""

    def remaining(self, now: float) -> float | None:
        """Seconds left on the countdown, None when none runs."""
        if self.phase != "countdown" or self.deadline is None:
            return None
        return max(0.0, self.deadline - now)

    def as_json(self) -> dict[str, Any]:
        """For the lease document (what viewers read)."""
        return {
            "mode": self.mode, "phase": self.phase, "group": self.group,
            "frozen": self.frozen, "trigger": self.trigger, "message": self.message,
            "evidence": [e.as_json() for e in self.evidence], "deadline": self.deadline,
            "runs": list(self.runs), "needs_person": list(self.needs_person),
            "outcome": self.outcome, "failed": self.failed,
            "blind": [list(b) for b in self.blind],
            "dry_run": self.dry_run,
        }  # fmt: skip

    @classmethod
    def from_json(cls, doc: Mapping[str, Any], holder: str) -> GuardStatus:
        """A holder's published state as this process shows it (not holding)."""
        evidence = tuple(_evidence(e) for e in doc.get("evidence") or ())
        return cls(
            mode=str(doc.get("mode", "?")), phase=str(doc.get("phase", "waiting")),
            group=str(doc.get("group", "")), frozen=doc.get("frozen"),
            trigger=doc.get("trigger"), message=doc.get("message"), evidence=evidence,
            deadline=doc.get("deadline"), runs=tuple(doc.get("runs") or ()),
            needs_person=tuple(doc.get("needs_person") or ()), outcome=doc.get("outcome"),
            failed=bool(doc.get("failed")),
            blind=tuple((str(a), str(b)) for a, b in doc.get("blind") or ()),
            dry_run=bool(doc.get("dry_run")), holder=holder, holding=False,
        )  # fmt: skip

    def seen_by(self, holder: str | None, holding: bool, problem: str | None) -> GuardStatus:
        return replace(self, holder=holder, holding=holding, problem=problem)


def _evidence(doc: Mapping[str, Any]) -> Evidence:
    return Evidence(
        str(doc["trigger"]), str(doc["metric"]), float(doc["ts"]), float(doc["value"]),
        str(doc["op"]), float(doc["threshold"]),
    )  # fmt: skip
