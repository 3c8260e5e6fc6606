"""Values that every vendor's JSON spells the same way, parsed once for all adapters."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_time(text: object) -> float | None:
    """Epoch seconds of an ISO-8601 timestamp (`2026-12-01T08:00:00Z`, an offset, or none,
    read as UTC). Returns None for anything else: a vendor's missing or garbled time is
    absent data, not an error that should fail the whole answer."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()
