"""Release health (fractions vs percent) and the error series (events-stats, /events/ fallback)."""

from __future__ import annotations

import time

import pytest

from tests.fakes.sentry_server import FakeSentry
from tests.sentry.conftest import MakeSource


async def test_crash_free_fractions_become_percent(
    make_source: MakeSource, state: FakeSentry
) -> None:
    values = {r.metric: r.value for r in (await make_source().fetch()).readings}
    assert values["crash_free_sessions"] == pytest.approx(98.5)  # latest: web@2.0.0, 0.985
    assert values["crash_free_users"] == pytest.approx(99.1)
    assert values["crash_free_sessions_current"] == pytest.approx(99.87)  # most sessions
    assert values["crash_free_users_current"] == pytest.approx(99.91)
    assert values["release_adoption"] == pytest.approx(12.5)  # healthData is already percent
    sessions = state.requests_to("/sessions/")[0]
    assert sessions.query["field"] == [
        "crash_free_rate(session)",
        "crash_free_rate(user)",
        "sum(session)",
    ]
    assert sessions.query["interval"] == ["1h"] and sessions.query["groupBy"] == ["release"]
    assert state.requests_to("/releases/web%402.0.0/") or state.requests_to("/releases/web@2.0.0/")


async def test_configured_current_release_and_null_rates(
    make_source: MakeSource, state: FakeSentry
) -> None:
    result = await make_source(current_release="web@1.8.0").fetch()
    values = {r.metric: r.value for r in result.readings}
    assert values["crash_free_sessions_current"] is None  # no sessions: a gap, not 0 %


async def test_health_is_not_polled_faster_than_its_interval(
    make_source: MakeSource, state: FakeSentry
) -> None:
    source = make_source(health_interval=600)
    first = await source.fetch()
    second = await source.fetch()
    assert len(state.requests_to("/sessions/")) == 1
    assert "crash_free_sessions" in {r.metric for r in first.readings}
    assert "crash_free_sessions" not in {r.metric for r in second.readings}
    assert len(state.requests_to("/events-stats/")) == 2  # the error series is polled each time


async def test_error_series_has_only_complete_minutes(
    make_source: MakeSource, state: FakeSentry
) -> None:
    readings = [r for r in (await make_source().fetch()).readings if r.metric == "sentry_errors"]
    now = time.time()
    assert len(readings) == 59  # 60 buckets, the current partial minute left out
    # Each count is stamped at the end of its minute: none in the future, the newest less
    # than a minute old (stamped at its start, it would already look 1-2 minutes old).
    assert all(r.ts <= now for r in readings) and now - max(r.ts for r in readings) < 60
    assert all(r.value == ((int(r.ts) - 60) // 60) % 13 for r in readings)
    query = state.requests_to("/events-stats/")[0].query
    assert query["dataset"] == ["errors"] and query["yAxis"] == ["count()"]
    assert query["interval"] == ["1m"]


async def test_falls_back_to_events_table_when_stats_is_gone(
    make_source: MakeSource, state: FakeSentry
) -> None:
    state.events_stats_gone = True
    source = make_source()
    first = await source.fetch()
    second = await source.fetch()
    errors = [r.value for r in (*first.readings, *second.readings) if r.metric == "sentry_errors"]
    assert errors == [42 / 5, 42 / 5]  # 42 errors in 5 minutes, per minute
    assert len(state.requests_to("/events-stats/")) == 1  # not retried once known missing
    assert second.info["errors via"] == "events"
