"""Every fault of the fake becomes the right SourceError with a readable one-line reason,
and the next poll after the fault clears succeeds."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.fakes.datadog_server import FakeDatadog
from warroom.core.errors import (
    AuthError,
    BadResponse,
    RateLimited,
    SourceError,
    SourceTimeout,
    Unavailable,
)
from warroom.sources.datadog.source import DatadogSource

CASES = [
    ("403", AuthError, "keys not allowed (403 Forbidden"),
    ("429", RateLimited, "rate limited (timeseries_query), waiting"),
    ("500", Unavailable, "500 Internal Server Error"),
    ("502", Unavailable, "502 Bad Gateway"),
    ("slow", SourceTimeout, "no answer in time"),
    ("drop", Unavailable, "connection dropped"),
    ("truncated", BadResponse, "unreadable answer"),
    ("bad_enum", BadResponse, "did not match the API schema"),
]


@pytest.mark.parametrize(("mode", "kind", "fragment"), CASES, ids=[c[0] for c in CASES])
async def test_fault_is_translated_and_the_next_poll_recovers(
    fake: FakeDatadog,
    make_source: Callable[..., DatadogSource],
    mode: str,
    kind: type[SourceError],
    fragment: str,
) -> None:
    source = make_source()
    await source.start()
    fake.state.fault_reset = 2
    fake.state.slow_seconds = 1.0
    fake.set_fault(mode)
    with pytest.raises(kind) as caught:
        await source.fetch()
    reason = caught.value.reason
    assert fragment in reason
    assert "\n" not in reason and len(reason) <= 120
    assert "<html" not in reason  # a gateway's HTML page is never shown
    if mode == "429":
        assert isinstance(caught.value, RateLimited) and caught.value.retry_after == 2
        assert reason.endswith("waiting 2s")
    fake.set_fault(None)
    result = await source.fetch()
    assert len({r.metric for r in result.readings}) == 7


async def test_monitor_faults_fail_the_poll_too(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    source = make_source()
    fake.set_fault("bad_enum", path="/api/v1/monitor")
    with pytest.raises(BadResponse, match="monitors"):
        await source.fetch()


async def test_one_poll_makes_one_attempt_per_request(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    """Neither the client nor urllib3 retries on its own: the poller owns the pacing."""
    source = make_source()
    await source.start()
    for mode in ("500", "drop", "slow", "429"):
        fake.clear_log()
        fake.set_fault(mode)
        with pytest.raises(SourceError):
            await source.fetch()
        assert fake.count("/api/v2/query/timeseries") == 1, mode
    fake.set_fault(None)


async def test_connection_refused_is_unavailable(make_source: Callable[..., DatadogSource]) -> None:
    source = make_source(url="http://127.0.0.1:9")
    with pytest.raises(Unavailable, match="cannot connect"):
        await source.start()
