"""currentOp -> the slow-operations table.

The description shows the command name, collection, plan and the *names* of the filter's
fields, never their values: a filter may hold an email address or a token.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warroom.core.model import SlowOp
from warroom.core.textsafe import inert

_FILTER_KEYS = ("filter", "query", "q", "pipeline")
# Drivers' topology monitors hold `hello` open for up to 10 s on purpose: waiting, not slow.
_WAITING_BY_DESIGN = frozenset({"hello", "isMaster", "ismaster"})


def current_op_command(min_seconds: float) -> dict[str, Any]:
    """The currentOp command for active operations running at least `min_seconds`."""
    # microsecs_running rather than secs_running: the latter is whole seconds only.
    micros = int(min_seconds * 1_000_000)
    return {"currentOp": 1, "active": True, "microsecs_running": {"$gte": micros}}


def _shape(command: Mapping[str, Any]) -> str:
    """The command name and the field names of its filter, e.g. `find {$where}`."""
    if not command:
        return ""
    name = next(iter(command))
    fields: list[str] = []
    for key in _FILTER_KEYS:
        value = command.get(key)
        if isinstance(value, Mapping):
            fields += [str(k) for k in value]
        elif isinstance(value, list):
            fields += [str(next(iter(s))) for s in value if isinstance(s, Mapping) and s]
    return f"{name} {{{', '.join(fields[:6])}}}" if fields else str(name)


def slow_ops(reply: Mapping[str, Any]) -> tuple[SlowOp, ...]:
    """Returns one SlowOp per operation in a currentOp reply, slowest first."""
    out: list[SlowOp] = []
    for op in reply.get("inprog", []):
        if not isinstance(op, Mapping):
            continue
        micros = op.get("microsecs_running")
        seconds = (
            micros / 1e6 if isinstance(micros, int | float) else float(op.get("secs_running", 0))
        )
        raw = op.get("command")
        command: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
        if op.get("op") == "none" or next(iter(command), "") in _WAITING_BY_DESIGN:
            continue
        parts = [_shape(command), str(op.get("planSummary", "")), str(op.get("appName", ""))]
        out.append(
            SlowOp(
                key=str(op.get("opid", len(out))),
                op=inert(str(op.get("op", "?")), 20),
                namespace=inert(str(op.get("ns", "")), 120),
                seconds=round(seconds, 1),
                description=inert(" · ".join(p for p in parts if p), 200),
            )
        )
    return tuple(sorted(out, key=lambda o: -o.seconds))
