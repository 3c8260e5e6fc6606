"""No key ever reaches a reason, an exception, a repr, the status bar info or a log line."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from tests.datadog.conftest import plan
from tests.datadog.test_faults import CASES
from tests.fakes.datadog_server import API_KEY, APP_KEY, FakeDatadog
from warroom.core.errors import AuthError, SourceError
from warroom.sources.datadog.client import resolve
from warroom.sources.datadog.events import DatadogEventPoster
from warroom.sources.datadog.source import DatadogSource

KEYS = (API_KEY, APP_KEY)


def assert_clean(*texts: object) -> None:
    for text in texts:
        for key in KEYS:
            assert key not in str(text)
            assert key[-12:] not in str(text)  # not even a tail of it


async def test_no_key_in_any_fault_reason_or_log(
    fake: FakeDatadog,
    make_source: Callable[..., DatadogSource],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # urllib3 and the client log requests at DEBUG
    source = make_source()
    result = await source.fetch()
    seen: list[object] = [repr(source), dict(result.info), result]
    for mode, _kind, _fragment in CASES:
        fake.set_fault(mode)
        with pytest.raises(SourceError) as caught:
            await source.fetch()
        err = caught.value
        seen += [err.reason, str(err), repr(err), repr(err.__cause__), str(err.__cause__)]
    fake.set_fault(None)
    assert_clean(*seen, caplog.text)


async def test_a_gateway_echoing_the_key_is_scrubbed(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    source = make_source()
    fake.state.echo_keys = True
    fake.state.api_key = "rotated"
    with pytest.raises(AuthError) as caught:
        await source.start()
    assert "Invalid API key ***" in caught.value.reason
    assert_clean(caught.value.reason, str(caught.value))


def test_reprs_hide_keys(env: dict[str, str]) -> None:
    settings = plan().sources.datadog
    creds = resolve(settings, env)
    poster = DatadogEventPoster(settings, creds)
    assert_clean(repr(creds), str(creds), repr(poster), repr(settings))
    assert "***" in repr(creds)
