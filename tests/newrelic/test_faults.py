"""Every failure of a whole request becomes the right SourceError with a clear, inert reason;
the next poll after it recovers. Faults inside an HTTP 200 count as much as HTTP statuses."""

from __future__ import annotations

import pytest

from tests.fakes.newrelic_server import NerdGraphState
from tests.newrelic.conftest import MakeSource, plan_with
from warroom.core.errors import (
    AuthError,
    BadResponse,
    RateLimited,
    SourceError,
    SourceTimeout,
    Unavailable,
)

CASES = [
    ("401", AuthError, "New Relic query: API key rejected (401 Unauthorized: Bad API Key or no"),
    ("429", RateLimited, "New Relic query: rate limited (429), waiting"),
    ("500", Unavailable, "New Relic query: 500 Internal Server Error"),
    ("502", Unavailable, "New Relic query: 502 Bad Gateway"),
    ("malformed", BadResponse, "New Relic query: malformed JSON"),
    ("drop", Unavailable, "New Relic query: connection dropped"),
    ("timeout", SourceTimeout, "New Relic query: no answer in 1.6s"),
]  # fmt: skip


@pytest.mark.parametrize(("fault", "kind", "reason"), CASES, ids=[c[0] for c in CASES])
async def test_fault_raises_its_error_and_the_next_poll_recovers(
    state: NerdGraphState,
    make_source: MakeSource,
    fault: str,
    kind: type[SourceError],
    reason: str,
) -> None:
    source = make_source(timeout=2.0)
    state.fault, state.fault_times = fault, 1
    with pytest.raises(SourceError) as caught:
        await source.fetch()
    assert type(caught.value) is kind
    assert caught.value.reason.startswith(reason), caught.value.reason
    assert "<html" not in caught.value.reason
    recovered = await source.fetch()
    assert recovered.readings and recovered.problems == {}


async def test_a_rejected_key_is_an_auth_error(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    source = make_source()
    state.api_key = "NRAK-SOMEONEELSE0000000000000000"
    with pytest.raises(
        AuthError, match=r"\(401 Unauthorized: Bad API Key or no API Key provided\)"
    ):
        await source.fetch()


async def test_an_account_the_key_cannot_see_is_an_auth_error(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    source = make_source()  # asks for account 1234567
    state.account_id = 7654321
    with pytest.raises(AuthError) as caught:
        await source.fetch()
    assert caught.value.reason == "New Relic query: Not authorized to access account 1234567"


async def test_too_many_requests_inside_a_200_is_rate_limited_and_keeps_what_answered(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    source = make_source()
    state.query_budget = 5  # the account's budget runs out halfway through the request
    with pytest.raises(RateLimited) as caught:
        await source.fetch()
    assert state.log[-1].status == 200 and caught.value.status == 200
    assert caught.value.reason.startswith(
        "New Relic query: rate limited (TOO_MANY_REQUESTS), waiting"
    )
    assert 7.5 <= caught.value.retry_after <= 10.0
    assert {r.metric for r in caught.value.readings} == {
        "uptime", "error_rate", "page_load", "largest_contentful_paint", "api_response"
    }  # fmt: skip
    state.query_budget = 3000
    recovered = await source.fetch()
    assert recovered.problems == {}
    assert source.limits.info()["throttled"] == "0×429, 1×TOO_MANY_REQUESTS"


async def test_refusals_in_a_row_wait_longer(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    source = make_source()
    state.fault = "429"
    waits = []
    for _ in range(4):
        with pytest.raises(RateLimited) as caught:
            await source.fetch()
        waits.append(caught.value.retry_after)
    assert 7.5 <= waits[0] <= 10 and 15 <= waits[1] <= 20 and 30 <= waits[2] <= 40
    assert 45 <= waits[3] <= 60, "capped at the budget's one-minute window"
    state.fault = None
    await source.fetch()
    state.fault, state.fault_times = "429", 1
    with pytest.raises(RateLimited) as caught:
        await source.fetch()
    assert caught.value.retry_after <= 10, "a success starts the doubling again"


async def test_the_repeat_limit_answers_429(state: NerdGraphState, make_source: MakeSource) -> None:
    source = make_source()
    state.repeat_limit = 1
    await source.fetch()
    with pytest.raises(RateLimited, match=r"rate limited \(429: Repeated query limit exceeded\)"):
        await source.fetch()


async def test_a_graphql_validation_error_is_a_bad_response(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    source = make_source()
    original = source.graph.execute

    async def wrong_field(document: str, variables: object, what: str) -> object:
        return await original(document.replace("{ results }", "{ rows }", 1), variables, what)  # type: ignore[arg-type]

    source.graph.execute = wrong_field  # type: ignore[assignment, method-assign]
    with pytest.raises(BadResponse) as caught:
        await source.fetch()
    assert caught.value.reason == (
        "New Relic query: Cannot query field 'rows' on type 'NrdbResultContainer'."
    )


async def test_hostile_error_messages_are_made_inert(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    state.nrql_faults = {"PageView ": "X\x1b]0;pwned\x07"}
    result = await make_source(plan_with()).fetch()
    assert "\x1b" not in result.problems["page_load"] and "\\x1b" in result.problems["page_load"]
