"""Flags as LaunchDarkly's REST API v2 returns them, and the changes its PATCH applies.

Semantic patches (`turnFlagOff`, `turnFlagOn`, `updateFallthroughVariationOrRollout` with
weights keyed by variation `_id`) and JSON patches (`test` / `replace` on a few paths) both
work on a copy, so a failing instruction changes nothing (all or nothing), and `_version`
grows only when the flag really changed.
"""

from __future__ import annotations

import copy
import uuid
from typing import Any

FULL = 100_000


class PatchError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def make_flag(key: str, environments: dict[str, tuple[bool, float]]) -> dict[str, Any]:
    """A boolean flag; each environment (on, rollout % of `true` in the default rule)."""
    variations = [
        {"_id": str(uuid.uuid4()), "value": True, "name": "On"},
        {"_id": str(uuid.uuid4()), "value": False, "name": "Off"},
    ]
    envs = {}
    for name, (on, pct) in environments.items():
        weight = round(pct * 1000)
        envs[name] = {
            "on": on, "archived": False, "salt": "s", "sel": "x",
            "lastModified": 1733080000000, "version": 1,
            "targets": [], "contextTargets": [], "rules": [], "prerequisites": [],
            "offVariation": 1,
            "fallthrough": {"rollout": {"variations": [
                {"variation": 0, "weight": weight}, {"variation": 1, "weight": FULL - weight},
            ], "bucketBy": "key", "contextKind": "user"}},
            "_site": {"href": f"/default/{name}/features/{key}", "type": "text/html"},
            "_environmentName": name.title(), "trackEvents": False,
        }  # fmt: skip
    return {
        "key": key, "name": key.replace("-", " ").title(), "kind": "boolean", "_version": 1,
        "creationDate": 1700000000000, "variations": variations, "temporary": True,
        "tags": ["launch"], "archived": False, "deprecated": False,
        "defaults": {"onVariation": 0, "offVariation": 1},
        "_links": {"self": {"href": f"/api/v2/flags/default/{key}", "type": "application/json"}},
        "environments": envs,
    }  # fmt: skip


def filtered(flag: dict[str, Any], envs: list[str]) -> dict[str, Any]:
    """The flag with only the asked environments (all when none asked)."""
    out = copy.deepcopy(flag)
    if envs:
        out["environments"] = {k: v for k, v in out["environments"].items() if k in envs}
    return out


def semantic(flag: dict[str, Any], body: Any) -> dict[str, Any]:
    """The flag after a semantic patch. Raises PatchError (nothing applied)."""
    if not isinstance(body, dict) or not isinstance(body.get("instructions"), list):
        raise PatchError(400, "invalid_request", "semantic patch needs instructions")
    env_key = body.get("environmentKey")
    new = copy.deepcopy(flag)
    env = new["environments"].get(env_key)
    if env is None:
        raise PatchError(404, "not_found", f"Unknown environment key {env_key}")
    for instruction in body["instructions"]:
        kind = instruction.get("kind") if isinstance(instruction, dict) else None
        if kind in ("turnFlagOff", "turnFlagOn"):
            env["on"] = kind == "turnFlagOn"
        elif kind == "updateFallthroughVariationOrRollout":
            env["fallthrough"] = _fallthrough(new, instruction)
        else:
            raise PatchError(400, "invalid_request", f"unknown instruction kind {kind!r}")
    return new


def _fallthrough(flag: dict[str, Any], instruction: dict[str, Any]) -> dict[str, Any]:
    ids = {v["_id"]: i for i, v in enumerate(flag["variations"])}
    weights = instruction.get("rolloutWeights")
    if not isinstance(weights, dict) or set(weights) - set(ids):
        raise PatchError(400, "invalid_request", "rolloutWeights must name variation ids")
    if sum(weights.values()) != FULL:
        raise PatchError(400, "invalid_request", "rollout weights must sum to 100000")
    variations = [{"variation": ids[k], "weight": w} for k, w in weights.items()]
    kind = instruction.get("rolloutContextKind", "user")
    return {"rollout": {"variations": variations, "bucketBy": "key", "contextKind": kind}}


def json_patch(flag: dict[str, Any], ops: Any) -> dict[str, Any]:
    """The flag after a JSON patch (`test`, `replace`). Raises PatchError (nothing applied):
    a failed `test` answers 409, as a conflicting concurrent change."""
    if not isinstance(ops, list):
        raise PatchError(400, "invalid_request", "a JSON patch is a list of operations")
    new = copy.deepcopy(flag)
    for op in ops:
        pointer = str(op.get("path")).split("/")[1:]
        parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer]
        parent = new
        for part in parts[:-1]:
            if not isinstance(parent, dict) or part not in parent:
                raise PatchError(400, "invalid_request", f"no such path {op.get('path')}")
            parent = parent[part]
        last = parts[-1] if parts else ""
        if op.get("op") == "test":
            if parent.get(last) != op.get("value"):
                raise PatchError(409, "conflict", "test operation failed: the flag has changed")
        elif op.get("op") == "replace" and last in parent:
            parent[last] = op.get("value")
        else:
            raise PatchError(400, "invalid_request", f"unsupported operation {op.get('op')}")
    _check_weights(new)
    return new


def _check_weights(flag: dict[str, Any]) -> None:
    for env in flag["environments"].values():
        rollout = env.get("fallthrough", {}).get("rollout")
        if rollout and sum(v["weight"] for v in rollout["variations"]) != FULL:
            raise PatchError(400, "invalid_request", "rollout weights must sum to 100000")


def bump(old: dict[str, Any], new: dict[str, Any], now_ms: int) -> dict[str, Any]:
    """`new` with `_version` (and the changed environments' version) raised, when it differs."""
    if new == old:
        return old
    new["_version"] = old["_version"] + 1
    for name, env in new["environments"].items():
        if env != old["environments"].get(name):
            env["version"] = env.get("version", 0) + 1
            env["lastModified"] = now_ms
    return new
