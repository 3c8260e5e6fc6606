"""Pieces both report formats share: time and number formatting, verdict marks, labels."""

from __future__ import annotations

import time

from warroom.core.format import format_value
from warroom.core.rules import Verdict

VERDICT_MARK = {Verdict.MET: "✔ met", Verdict.NOT_MET: "✖ not met", Verdict.UNKNOWN: "? unknown"}
TAB_TITLE = {
    "executive": "Executive",
    "engineering": "Engineering",
    "product": "Product",
    "support": "Support",
}
TIMELINE_LIMIT = 300
SIMULATED_NOTICE = "SIMULATED DATA — the simulated launch of `warroom demo`, not a real one"


def when(ts: float, with_date: bool = False) -> str:
    """Local time of day (the report header states the zone), with the date when asked."""
    fmt = "%Y-%m-%d %H:%M:%S" if with_date else "%H:%M:%S"
    return time.strftime(fmt, time.localtime(ts))


def zone() -> str:
    return time.strftime("%Z (UTC%z)")


def value(number: float | None, unit: str) -> str:
    return format_value(number, unit)
