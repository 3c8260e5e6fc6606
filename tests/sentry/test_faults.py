"""The fault matrix: every failure maps to one SourceError, and the adapter recovers."""

from __future__ import annotations

import pytest

from tests.fakes.sentry_server import FakeSentry
from tests.sentry.conftest import MakeSource
from warroom.core.errors import AuthError, BadResponse, SourceError, SourceTimeout, Unavailable

MATRIX = [
    ("401", AuthError, "token rejected (401 Unauthorized"),
    ("500", Unavailable, "500 Internal Server Error: Internal Error"),
    ("timeout", SourceTimeout, "no answer in"),
    ("malformed", BadResponse, "malformed JSON"),
    ("drop", Unavailable, "connection dropped"),
]


@pytest.mark.parametrize(("fault", "error", "reason"), MATRIX)
async def test_fault_maps_and_recovers(
    make_source: MakeSource,
    state: FakeSentry,
    fault: str,
    error: type[SourceError],
    reason: str,
) -> None:
    state.hang = 3.0
    source = make_source(timeout=1.25)
    assert (await source.fetch()).issues
    state.fault, state.fault_on = fault, "/events-stats/"
    with pytest.raises(SourceError) as caught:
        await source.fetch()
    assert type(caught.value) is error
    assert reason in caught.value.reason and caught.value.reason.startswith("events-stats")
    state.fault = None
    recovered = await source.fetch()
    assert recovered.issues is not None and len(recovered.issues) > 0


async def test_wrong_org_is_not_found(make_source: MakeSource, state: FakeSentry) -> None:
    source = make_source()
    state.org = "other-org"  # every path of the configured org is now unknown
    with pytest.raises(BadResponse, match=r"not found \(404 Not Found"):
        await source.fetch()


async def test_403_is_an_auth_error(make_source: MakeSource, state: FakeSentry) -> None:
    state.fault, state.fault_on = "403", "/sessions/"
    with pytest.raises(AuthError, match=r"sessions: token not allowed \(403 Forbidden: You do not"):
        await make_source().fetch()


async def test_connection_refused_is_unavailable(make_source: MakeSource) -> None:
    from warroom.core.config import default_config
    from warroom.sources.sentry.source import create

    source = create(
        default_config(),
        {"SENTRY_AUTH_TOKEN": "t", "SENTRY_ORG": "acme", "SENTRY_URL": "http://127.0.0.1:9"},
    )
    try:
        with pytest.raises(Unavailable, match="cannot connect"):
            await source.fetch()
    finally:
        await source.close()
