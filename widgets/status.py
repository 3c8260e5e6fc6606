"""How each status looks: a symbol and a word, so status never depends on colour alone."""

from __future__ import annotations

from warroom.core.model import Priority, SourceState, Status

SYMBOL = {
    Status.OK: "✓",
    Status.WARN: "▲",
    Status.CRIT: "✖",
    Status.STALE: "◷",
    Status.NO_DATA: "·",
    Status.BLIND: "◌",
}
WORD = {
    Status.OK: "OK",
    Status.WARN: "WARN",
    Status.CRIT: "CRIT",
    Status.STALE: "STALE",
    Status.NO_DATA: "NO DATA",
    Status.BLIND: "BLIND",
}
CSS_CLASS = {
    Status.OK: "-ok",
    Status.WARN: "-warn",
    Status.CRIT: "-crit",
    Status.STALE: "-stale",
    Status.NO_DATA: "-nodata",
    Status.BLIND: "-blind",
}
PRIORITY_WORD = {Priority.HIGH: "HIGH", Priority.MEDIUM: "MEDIUM", Priority.LOW: "LOW"}
SOURCE_SYMBOL = {
    SourceState.OK: "●",
    SourceState.SLOWED: "◐",
    SourceState.STARTING: "○",
    SourceState.DOWN: "✖",
    SourceState.DISABLED: "–",
}


def badge(status: Status) -> str:
    """`✖ CRIT`: what a tile shows next to its label."""
    return f"{SYMBOL[status]} {WORD[status]}"
