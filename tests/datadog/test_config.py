"""create(): keys, site and URL from the environment; bad input is reported, never guessed."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tests.datadog.conftest import plan
from warroom.core.config import default_config
from warroom.core.errors import NotConfigured
from warroom.core.settings.datadog import DatadogSettings
from warroom.sources.datadog.client import request_timeout, resolve
from warroom.sources.datadog.source import create


def test_missing_api_key_is_not_configured() -> None:
    with pytest.raises(NotConfigured, match="DD_API_KEY"):
        create(default_config(), {"DD_APP_KEY": "x"})


def test_missing_app_key_is_not_configured() -> None:
    with pytest.raises(NotConfigured, match="DD_APP_KEY"):
        create(default_config(), {"DD_API_KEY": "x"})


def test_legacy_datadog_names_are_accepted() -> None:
    creds = resolve(DatadogSettings(), {"DATADOG_API_KEY": "a", "DATADOG_APP_KEY": "b"})
    assert (creds.api_key, creds.app_key) == ("a", "b")


def test_site_from_env_builds_the_api_base() -> None:
    creds = resolve(
        DatadogSettings(), {"DD_API_KEY": "a", "DD_APP_KEY": "b", "DD_SITE": "datadoghq.eu"}
    )
    assert creds.endpoint == "https://api.datadoghq.eu"


def test_config_site_wins_over_env() -> None:
    env = {"DD_API_KEY": "a", "DD_APP_KEY": "b", "DD_SITE": "datadoghq.eu"}
    creds = resolve(DatadogSettings(site="us5.datadoghq.com"), env)
    assert creds.endpoint == "https://api.us5.datadoghq.com"


def test_unknown_env_site_is_not_configured() -> None:
    with pytest.raises(NotConfigured, match="DD_SITE"):
        resolve(
            DatadogSettings(), {"DD_API_KEY": "a", "DD_APP_KEY": "b", "DD_SITE": "evil.example"}
        )


def test_unknown_config_site_is_a_config_error() -> None:
    with pytest.raises(ValidationError, match="unknown Datadog site"):
        DatadogSettings(site="datadoghq.org")


def test_url_override_from_config_or_dd_host() -> None:
    env = {"DD_API_KEY": "a", "DD_APP_KEY": "b", "DD_HOST": "http://proxy:8080/"}
    assert resolve(DatadogSettings(), env).endpoint == "http://proxy:8080"
    assert resolve(DatadogSettings(url="http://gw"), env).endpoint == "http://gw"


def test_request_timeout_is_always_set_and_capped_by_the_poll_timeout() -> None:
    assert request_timeout(DatadogSettings()) == (3.05, 5.0)
    assert request_timeout(DatadogSettings(timeout=2, request_timeout=5)) == (2.0, 2.0)


def test_only_datadog_metrics_are_polled() -> None:
    source = create(plan(), {"DD_API_KEY": "a", "DD_APP_KEY": "b"})
    wanted = {m.id for m in default_config().metrics if m.source == "datadog"}
    assert {m.metric for m in source._metrics} == wanted
    assert wanted >= {"error_rate", "page_load", "api_response", "request_rate"}


def test_every_default_datadog_metric_has_an_explicit_query() -> None:
    missing = [m.id for m in default_config().metrics if m.source == "datadog" and not m.query]
    assert missing == []


def test_constructing_does_no_io_and_imports_no_sdk() -> None:
    source = create(plan(url="http://127.0.0.1:9"), {"DD_API_KEY": "a", "DD_APP_KEY": "b"})
    assert source._client is None
