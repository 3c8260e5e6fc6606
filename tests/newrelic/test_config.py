"""Credentials, account and endpoint come from New Relic's own variables; without them the
source is disabled with the reason, and the key never shows."""

from __future__ import annotations

import pytest

from tests.fakes.newrelic_server import ACCOUNT_ID, API_KEY
from tests.newrelic.conftest import newrelic_plan, plan_with
from warroom.core.errors import NotConfigured
from warroom.core.scrub import scrub
from warroom.sources.newrelic.credentials import resolve
from warroom.sources.newrelic.source import create
from warroom.sources.registry import build_live

ENV = {"NEW_RELIC_API_KEY": API_KEY, "NEW_RELIC_ACCOUNT_ID": str(ACCOUNT_ID)}


@pytest.mark.parametrize(
    ("env", "reason"),
    [
        ({}, "NEW_RELIC_API_KEY is not set"),
        ({"NEW_RELIC_API_KEY": API_KEY}, "NEW_RELIC_ACCOUNT_ID is not set"),
        ({**ENV, "NEW_RELIC_ACCOUNT_ID": "acme"}, "NEW_RELIC_ACCOUNT_ID must be a positive number"),
        ({**ENV, "NEW_RELIC_REGION": "MARS"}, "NEW_RELIC_REGION must be one of US, EU, JP, GOV"),
        (
            {**ENV, "NEW_RELIC_API_KEY": "NRAL-0123456789abcdef0123456789"},
            "NEW_RELIC_API_KEY is a license key; NerdGraph needs a user key (NRAK-...)",
        ),
        (
            {**ENV, "NEW_RELIC_NERDGRAPH_BASE_URL": "ftp://example.invalid/graphql"},
            "NEW_RELIC_NERDGRAPH_BASE_URL must be an http(s) URL such as "
            "https://api.newrelic.com/graphql",
        ),
        (
            {**ENV, "NEW_RELIC_NERDGRAPH_BASE_URL": "https://u:p@example.invalid/graphql"},
            "NEW_RELIC_NERDGRAPH_BASE_URL must not carry user info, a query or a fragment",
        ),
    ],
)
def test_unusable_environment_is_not_configured_with_the_reason(
    env: dict[str, str], reason: str
) -> None:
    with pytest.raises(NotConfigured) as caught:
        create(newrelic_plan(), env)
    assert str(caught.value) == reason


def test_without_credentials_the_source_is_listed_as_disabled_with_the_reason() -> None:
    sources = build_live(newrelic_plan(), {})
    assert "newrelic" not in {s.name for s in sources.sources}
    assert sources.info["newrelic"].disabled_reason == "NEW_RELIC_API_KEY is not set"


def test_with_credentials_the_registry_builds_the_adapter() -> None:
    sources = build_live(newrelic_plan(), ENV)
    (source,) = [s for s in sources.sources if s.name == "newrelic"]
    assert source.interval == 30 and source.timeout == 10
    assert sources.metric_sources["api_response"] == "newrelic"


@pytest.mark.parametrize(
    ("region", "url"),
    [
        (None, "https://api.newrelic.com/graphql"),
        ("eu", "https://api.eu.newrelic.com/graphql"),
        ("JP", "https://api.jp.newrelic.com/graphql"),
        ("fedramp", "https://gov-api.newrelic.com/graphql"),
    ],
)
def test_region_picks_the_endpoint(region: str | None, url: str) -> None:
    env = {**ENV, "NEW_RELIC_REGION": region} if region else ENV
    assert resolve(newrelic_plan().sources.newrelic, env).url == url


def test_environment_wins_over_config_and_the_base_url_over_the_region() -> None:
    settings = plan_with(region="EU", account_id=42, url="https://proxy.example/nr").sources
    creds = resolve(settings.newrelic, {"NEW_RELIC_API_KEY": API_KEY})
    assert (creds.url, creds.account_id) == ("https://proxy.example/nr", 42)
    env = {**ENV, "NEW_RELIC_REGION": "US", "NEW_RELIC_NERDGRAPH_BASE_URL": "http://127.0.0.1:9/"}
    creds = resolve(settings.newrelic, env)
    assert (creds.origin, creds.path, creds.account_id) == (
        "http://127.0.0.1:9",
        "/graphql",
        ACCOUNT_ID,
    )


def test_the_key_is_registered_and_never_in_a_repr() -> None:
    source = create(newrelic_plan(), ENV)
    assert API_KEY not in repr(source) and API_KEY not in repr(source.graph)
    assert API_KEY not in repr(resolve(newrelic_plan().sources.newrelic, ENV))
    assert scrub(f"echoed {API_KEY} and {API_KEY[:14]}") == "echoed *** and ***"


def test_unknown_settings_keys_are_rejected() -> None:
    with pytest.raises(ValueError, match="nrql_timout"):
        plan_with().sources.newrelic.model_validate({"nrql_timout": 5})
