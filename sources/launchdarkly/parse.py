"""LaunchDarkly flag JSON (REST API v2) → `FlagState`, and the rollout it would be set to.

The percentage is the default rule's (`fallthrough`) share of the "on" variation (the one whose
value is `true`, else the first): its rollout weight / 1000 (weights are thousandths of a
percent, 100000 = 100 %), or 100 / 0 when the default rule serves one variation. Targets and
rules can serve it to more contexts; the percentage means the default rule only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from warroom.core.errors import BadResponse
from warroom.core.rollout.model import FlagState
from warroom.core.rollout.provider import FlagNotFound

FULL = 100_000
KEPT = ("seed", "experimentAllocation")
"""Keys of a rollout that a change of its weights carries over as they were."""


@dataclass(frozen=True, slots=True)
class ParsedFlag:
    """What a rollout change needs besides the state: the variations and the rollout's keys."""

    state: FlagState
    version: int
    on_index: int
    variations: int
    bucket_by: str
    context_kind: str
    kept: Mapping[str, Any] | None = None
    """The read rollout's `seed` and `experimentAllocation`, when it had them: a patch that
    dropped the seed would bucket every context anew, and some who had the feature at 5 %
    would lose it at 15 %."""


def parse_flag(body: Any, flag: str, environment: str) -> ParsedFlag:
    """Raises FlagNotFound for an environment the flag lacks, BadResponse for a body that is
    not a flag."""
    if not isinstance(body, Mapping) or not isinstance(body.get("variations"), list):
        raise BadResponse(f"LaunchDarkly {flag}: answer is not a flag")
    envs = body.get("environments")
    env = envs.get(environment) if isinstance(envs, Mapping) else None
    if not isinstance(env, Mapping):
        raise FlagNotFound(f"LaunchDarkly {flag}: unknown environment {environment!r}")
    variations = body["variations"]
    on_index = next(
        (i for i, v in enumerate(variations) if isinstance(v, Mapping) and v.get("value") is True),
        0,
    )
    rule = env.get("fallthrough")
    fallthrough: Mapping[str, Any] = rule if isinstance(rule, Mapping) else {}
    rollout = fallthrough.get("rollout")
    modified = env.get("lastModified")
    state = FlagState(
        key=flag,
        environment=environment,
        on=env.get("on") is True,
        pct=_share(fallthrough, on_index),
        version=str(body.get("_version", "")),
        changed_at=modified / 1000.0 if isinstance(modified, int | float) else None,
    )
    rollout = rollout if isinstance(rollout, Mapping) else {}
    return ParsedFlag(
        state,
        int(body.get("_version") or 0),
        on_index,
        len(variations),
        str(rollout.get("bucketBy") or "key"),
        str(rollout.get("contextKind") or "user"),
        {k: rollout[k] for k in KEPT if rollout.get(k) is not None},
    )


def _share(fallthrough: Mapping[str, Any], on_index: int) -> float | None:
    rollout = fallthrough.get("rollout")
    if isinstance(rollout, Mapping):
        weights = rollout.get("variations")
        if not isinstance(weights, list):
            return None
        weight = sum(
            w.get("weight", 0)
            for w in weights
            if isinstance(w, Mapping) and w.get("variation") == on_index
        )
        return weight / 1000.0 if isinstance(weight, int | float) else None
    variation = fallthrough.get("variation")
    if isinstance(variation, int):
        return 100.0 if variation == on_index else 0.0
    return None


def rollout_patch(parsed: ParsedFlag, environment: str, pct: float) -> list[dict[str, Any]]:
    """A JSON patch that sets the default rule to `pct` % of the on variation, applied only if
    the flag's `_version` is still the one read (LaunchDarkly refuses it otherwise).

    Raises:
        BadResponse: the flag does not have exactly two variations.
    """
    key = parsed.state.key
    if parsed.variations != 2:
        raise BadResponse(
            f"LaunchDarkly {key}: {parsed.variations} variations; set its rollout by hand"
        )
    weight = round(pct * 1000)
    rollout = {
        "variations": [
            {"variation": parsed.on_index, "weight": weight},
            {"variation": 1 - parsed.on_index, "weight": FULL - weight},
        ],
        "bucketBy": parsed.bucket_by,
        "contextKind": parsed.context_kind,
        **(parsed.kept or {}),
    }
    return [
        {"op": "test", "path": "/_version", "value": parsed.version},
        {"op": "replace", "path": f"/environments/{_pointer(environment)}/fallthrough",
         "value": {"rollout": rollout}},
    ]  # fmt: skip


def _pointer(token: str) -> str:
    """One JSON-pointer path segment (RFC 6901 escapes)."""
    return token.replace("~", "~0").replace("/", "~1")


def message(body: Any) -> str:
    """LaunchDarkly errors: `{"code": "...", "message": "...", "id": "..."}`."""
    text = body.get("message") if isinstance(body, Mapping) else None
    return text if isinstance(text, str) else ""
