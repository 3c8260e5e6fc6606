"""create(): environment, config and org-token claims; no I/O, NotConfigured when incomplete."""

from __future__ import annotations

import base64
import json

import pytest

from tests.sentry.conftest import config_with
from warroom.core.config import default_config
from warroom.core.errors import NotConfigured
from warroom.sources.sentry.source import create, plan_metrics, server_root
from warroom.sources.sentry.token import token_claims

SECRET = "c2VjcmV0X3BhcnRfb2ZfdGhlX3Rva2Vu"


def org_token(claims: dict[str, object], secret: str = SECRET) -> str:
    payload = base64.b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"sntrys_{payload}_{secret}"


def test_missing_token_is_not_configured() -> None:
    with pytest.raises(NotConfigured, match="SENTRY_AUTH_TOKEN"):
        create(default_config(), {"SENTRY_ORG": "acme"})


def test_missing_org_is_not_configured() -> None:
    with pytest.raises(NotConfigured, match="SENTRY_ORG"):
        create(default_config(), {"SENTRY_AUTH_TOKEN": "sntryu_" + "ab" * 32})


def test_org_token_supplies_org_and_region() -> None:
    token = org_token({"iat": 1, "url": "https://sentry.io", "region_url": "https://de.sentry.io",
                       "org": "acme-eu"})  # fmt: skip
    source = create(default_config(), {"SENTRY_AUTH_TOKEN": token})
    assert source.org == "acme-eu"
    assert source.http.base_url == "https://de.sentry.io/api/0"


def test_environment_beats_config_beats_token() -> None:
    token = org_token({"region_url": "https://de.sentry.io", "org": "from-token"})
    config = config_with(url="https://sentry.example.com/", org="from-config")
    source = create(config, {"SENTRY_AUTH_TOKEN": token})
    assert (source.org, source.http.base_url) == ("from-config", "https://sentry.example.com/api/0")
    env = {"SENTRY_AUTH_TOKEN": token, "SENTRY_ORG": "env", "SENTRY_URL": "http://127.0.0.1:8/"}
    source = create(config, env)
    assert (source.org, source.http.base_url) == ("env", "http://127.0.0.1:8/api/0")


@pytest.mark.parametrize(
    "token", ["sntryu_abc", "sntrys_%%%_x", "sntrys_bm90IGpzb24_x", "sntrys_WzFd_x", "plain"]
)
def test_unreadable_tokens_give_empty_claims(token: str) -> None:
    assert token_claims(token).org == ""


def test_server_root_normalises_and_rejects() -> None:
    assert server_root("https://sentry.io/api/0/") == "https://sentry.io"
    assert server_root("https://user:pw@sentry.example.com/sentry/") == (
        "https://sentry.example.com/sentry"
    )
    with pytest.raises(NotConfigured):
        server_root("sentry.io")


def test_metric_queries_are_sorted_by_kind() -> None:
    plan = plan_metrics(default_config().metrics)
    assert plan.errors == ["sentry_errors"]
    assert plan.counts == {"open_issues": ["open_issues"], "new_issues": ["new_issues"]}
    assert {(h.metric, h.kind, h.selector) for h in plan.health} >= {
        ("crash_free_sessions", "crash_free_sessions", "latest"),
        ("crash_free_users_current", "crash_free_users", "current"),
        ("release_adoption", "adoption", "latest"),
    }
    assert "uptime" in plan.unknown  # a Datadog metric when passed everything
