"""Issues from the org issue list: parsing quirks, new-in-the-last-hour, releases, counts."""

from __future__ import annotations

import time

from tests.fakes.sentry_data import LATEST, make_issue
from tests.fakes.sentry_server import FakeSentry
from tests.sentry.conftest import MakeSource


async def test_issues_carry_counts_levels_times_and_trend(
    make_source: MakeSource, state: FakeSentry
) -> None:
    source = make_source(max_pages=3)
    result = await source.fetch()
    assert result.issues is not None
    by_key = {i.key: i for i in result.issues}
    assert len(by_key) == 250
    issue = by_key["1002"]
    raw = state.issues[2]
    assert issue.count == int(raw["count"]) and isinstance(issue.count, int)
    assert issue.users == raw["userCount"]
    assert issue.level == "fatal"
    assert issue.title == raw["title"] and issue.culprit == raw["culprit"]
    assert issue.permalink == "https://acme.sentry.io/issues/1002/"
    assert abs(issue.last_seen - (time.time() - 30)) < 5
    assert issue.trend == tuple(p[1] for p in raw["stats"]["24h"]) and len(issue.trend) == 24
    assert not issue.is_new
    assert by_key["1010"].is_new


async def test_new_issues_beyond_the_page_cap_are_still_listed(
    make_source: MakeSource, state: FakeSentry
) -> None:
    state.issues.append(make_issue(400, time.time(), title="Brand new crash", new=True))
    result = await make_source(max_pages=1).fetch()
    assert result.issues is not None
    keys = {i.key for i in result.issues}
    assert "1400" in keys  # not on the first page by frequency, but new in the last hour
    new_calls = [
        r for r in state.requests_to("/issues/") if "firstSeen" in r.query.get("query", [""])[0]
    ]
    assert new_calls and new_calls[0].query["sort"] == ["new"]


async def test_counts_use_x_hits_and_new_issue_window(
    make_source: MakeSource, state: FakeSentry
) -> None:
    result = await make_source(max_pages=1).fetch()
    values = {r.metric: r.value for r in result.readings}
    assert values["open_issues"] == 250.0  # X-Hits, not the 100 rows read
    assert values["new_issues"] == 25.0  # every 10th issue was first seen 10 minutes ago
    assert result.info["issues"] == "100 of 250"


async def test_release_learned_from_details_new_issues_first(
    make_source: MakeSource, state: FakeSentry
) -> None:
    # A budget that leaves room for every lookup: this is about which issues come first.
    source = make_source(max_pages=1, release_lookups=3, request_budget=100_000)
    first = await source.fetch()
    assert first.issues is not None
    released = {i.key: i.release for i in first.issues if i.release}
    assert released == {"1000": LATEST, "1010": LATEST, "1020": LATEST}
    details = [r for r in state.log if r.path.rstrip("/").split("/")[-1].isdigit()]
    assert len(details) == 3
    second = await source.fetch()
    assert second.issues is not None
    assert sum(1 for i in second.issues if i.release) == 6  # cached ones kept, 3 more learned


async def test_rows_keep_their_key_across_polls(make_source: MakeSource, state: FakeSentry) -> None:
    source = make_source(max_pages=1)
    first = await source.fetch()
    state.issues[0] = {**state.issues[0], "count": "9999999"}
    second = await source.fetch()
    assert first.issues is not None and second.issues is not None
    before = {i.key: i for i in first.issues}
    after = {i.key: i for i in second.issues}
    assert before.keys() == after.keys()
    assert after["1000"].count == 9999999 and before["1000"].count != 9999999


async def test_release_lookups_stay_inside_the_hourly_budget(
    make_source: MakeSource, state: FakeSentry
) -> None:
    # At a 60 s interval a 300/h budget is 5 requests a poll: the lookups get what the poll
    # itself leaves, so the first minutes are no busier than any later hour.
    source = make_source(max_pages=1, release_lookups=5, request_budget=300, interval=60.0)
    for _ in range(10):
        before = len(state.log)
        await source.fetch()
        assert len(state.log) - before <= 5 + 1  # one poll's share, plus one carried over
    assert len(state.log) <= 300 * 600 / 3600 + 5
    details = [r for r in state.log if r.path.rstrip("/").split("/")[-1].isdigit()]
    assert details  # releases are still learned, a few at a time
