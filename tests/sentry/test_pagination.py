"""Link-header pagination: stops at the configured cap and where Sentry says results="false"."""

from __future__ import annotations

from tests.fakes import sentry_data
from tests.fakes.sentry_server import FakeSentry
from tests.sentry.conftest import MakeSource


def list_pages(state: FakeSentry) -> list[str]:
    """Cursors of the main (non-"new") issue-list requests, in order."""
    return [
        r.query.get("cursor", ["<first>"])[0]
        for r in state.requests_to("/issues/")
        if r.path.endswith("/issues/") and "firstSeen" not in r.query.get("query", [""])[0]
    ]


async def test_stops_at_the_page_cap(make_source: MakeSource, state: FakeSentry) -> None:
    result = await make_source(max_pages=2).fetch()
    assert list_pages(state) == ["<first>", "0:100:0"]
    assert result.issues is not None and len(result.issues) >= 200


async def test_stops_when_next_has_no_results(make_source: MakeSource, state: FakeSentry) -> None:
    result = await make_source(max_pages=10).fetch()
    assert list_pages(state) == ["<first>", "0:100:0", "0:200:0"]  # 3 pages, then results="false"
    assert result.issues is not None and len(result.issues) == 250


async def test_single_page_when_everything_fits(make_source: MakeSource, state: FakeSentry) -> None:
    state.issues[:] = sentry_data.make_issues(40)
    result = await make_source(max_pages=5).fetch()
    assert list_pages(state) == ["<first>"]
    assert result.issues is not None and len(result.issues) == 40


async def test_pages_keep_the_original_query(make_source: MakeSource, state: FakeSentry) -> None:
    await make_source(max_pages=3, environment="production", projects=["web", "api"]).fetch()
    pages = [r for r in state.requests_to("/issues/") if "cursor" in r.query]
    assert pages
    for page in pages:
        assert page.query["environment"] == ["production"]
        assert page.query["project"] == ["web", "api"]
        assert page.query["query"] == ["is:unresolved"]
