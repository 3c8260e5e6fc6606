"""replSetGetStatus -> replication lag per member.

Lag of a member = the primary's last applied optime minus the member's, in seconds (what
`rs.printSecondaryReplicationInfo()` shows). The reading is the worst lag of any healthy
secondary; each member's lag goes to the status bar. A standalone server is a fact, not a fault.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from warroom.core.model import Reading
from warroom.core.textsafe import inert

REPL_LAG = "mongo_repl_lag"
MAX_MEMBERS_SHOWN = 5


def _optime(member: Mapping[str, Any]) -> datetime | None:
    value = member.get("optimeDate")
    return value if isinstance(value, datetime) else None


def replication(status: Mapping[str, Any], ts: float) -> tuple[list[Reading], dict[str, str]]:
    """Returns the lag reading and status-bar facts for one replSetGetStatus reply."""
    members: Sequence[Mapping[str, Any]] = [
        m for m in status.get("members", []) if isinstance(m, Mapping)
    ]
    primary = next((m for m in members if m.get("state") == 1), None)
    info = {"replication": inert(f"{status.get('set', '?')}, {len(members)} members", 60)}
    if primary is None or _optime(primary) is None:
        info["replication"] += ", no primary"
        return [], info
    head = _optime(primary)
    assert head is not None
    lags: list[float] = []
    for member in members:
        name = inert(str(member.get("name", "?")), 60)
        state = inert(str(member.get("stateStr", "?")), 30)
        optime = _optime(member)
        if member is primary:
            continue
        if not member.get("health") or optime is None:
            info[f"lag {name}"] = f"{state}, unreachable"
            continue
        lag = max(0.0, (head - optime).total_seconds())
        lags.append(lag)
        if len(info) <= MAX_MEMBERS_SHOWN:
            info[f"lag {name}"] = f"{lag:.0f}s ({state})"
    return [Reading(REPL_LAG, ts, max(lags, default=0.0))], info
