"""Unleash admin JSON → `FlagState`.

The percentage is the first enabled `flexibleRollout` strategy's `parameters.rollout` (a
string, e.g. "15"); it stays stored while the environment is disabled. More than one such
strategy is counted, since they OR together and no single number is the exposure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from warroom.core.errors import BadResponse
from warroom.core.rollout.model import FlagState
from warroom.core.rollout.provider import FlagNotFound
from warroom.sources.wire import parse_time

ROLLOUT = "flexibleRollout"
CHANGES = (
    "feature-strategy-update",
    "feature-strategy-add",
    "feature-strategy-remove",
    "feature-environment-enabled",
    "feature-environment-disabled",
)
"""Event types that change what an environment serves (the stage's dwell time starts there)."""


@dataclass(frozen=True, slots=True)
class LastChange:
    at: float
    by: str


def environment_of(body: Any, flag: str, environment: str) -> Mapping[str, Any]:
    """The flag's entry for `environment` in `GET .../features/{flag}`.

    Raises:
        FlagNotFound: the flag has no such environment.
        BadResponse: the answer is not a feature.
    """
    envs = body.get("environments") if isinstance(body, Mapping) else None
    if not isinstance(envs, list):
        raise BadResponse(f"Unleash {flag}: answer without an environments list")
    for env in envs:
        if isinstance(env, Mapping) and env.get("name") == environment:
            return env
    known = ", ".join(str(e.get("name")) for e in envs if isinstance(e, Mapping))
    raise FlagNotFound(f"Unleash {flag}: unknown environment {environment!r} (has: {known})")


def flag_state(
    flag: str, environment: str, env: Mapping[str, Any], change: LastChange | None
) -> FlagState:
    """Raises BadResponse for a rollout that is not a number."""
    listed = env.get("strategies")
    strategies: list[Any] = listed if isinstance(listed, list) else []
    rollouts = [
        s
        for s in strategies
        if isinstance(s, Mapping) and s.get("name") == ROLLOUT and not s.get("disabled")
    ]
    pct = None
    version = ""
    if rollouts:
        pct = _rollout(rollouts[0], flag)
        version = str(rollouts[0].get("id", ""))
    return FlagState(
        key=flag,
        environment=environment,
        on=env.get("enabled") is True,
        pct=pct,
        strategies=max(1, len(rollouts)),
        version=version,
        changed_at=change.at if change else None,
        changed_by=change.by if change else "",
    )


def _rollout(strategy: Mapping[str, Any], flag: str) -> float:
    params = strategy.get("parameters")
    raw = params.get("rollout") if isinstance(params, Mapping) else None
    try:
        return float(str(raw))
    except ValueError:
        raise BadResponse(f"Unleash {flag}: rollout {str(raw)[:20]!r} is not a number") from None


def last_change(body: Any, environment: str) -> LastChange | None:
    """The newest event of `GET /api/admin/events/{flag}` that changed what `environment`
    serves (the list is newest first), None when there is none."""
    events = body.get("events") if isinstance(body, Mapping) else None
    if not isinstance(events, Sequence):
        raise BadResponse("Unleash events: answer without an events list")
    for event in events:
        if not isinstance(event, Mapping) or event.get("environment") != environment:
            continue
        if event.get("type") in CHANGES:
            at = parse_time(event.get("createdAt"))
            if at is not None:
                return LastChange(at, str(event.get("createdBy") or ""))
    return None


def message(body: Any) -> str:
    """Unleash errors: `{"name": "NotFoundError", "message": "...", "details": [...]}`."""
    text = body.get("message") if isinstance(body, Mapping) else None
    return text if isinstance(text, str) else ""
