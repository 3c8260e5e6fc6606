"""The token appears nowhere: reasons, info, repr, logs, readings or records."""

from __future__ import annotations

import logging

import pytest

from tests.fakes.sentry_server import FakeSentry
from tests.sentry.conftest import MakeSource
from warroom.core.errors import SourceError


@pytest.mark.parametrize("fault", [None, "401", "403", "429", "500", "malformed", "drop"])
async def test_token_never_leaks(
    make_source: MakeSource,
    state: FakeSentry,
    caplog: pytest.LogCaptureFixture,
    fault: str | None,
) -> None:
    caplog.set_level(logging.DEBUG)
    source = make_source()
    state.fault = fault
    seen: list[str] = [repr(source), repr(source.http), str(vars(source.http.limits))]
    try:
        result = await source.fetch()
        seen += [repr(result), str(dict(result.info))]
    except SourceError as exc:
        seen += [exc.reason, str(exc), repr(exc), repr(exc.__cause__), repr(exc.__context__)]
    seen += [caplog.text, *(r.getMessage() for r in caplog.records)]
    everything = "\n".join(seen)
    assert state.token not in everything
    assert state.token[:12] not in everything
    assert all(r.authorized for r in state.log)  # it was sent, as a Bearer header only
    assert all(state.token not in str(r.query) for r in state.log)
