"""Where NerdGraph is and who asks: the variables New Relic's own CLI and Terraform read.

- `NEW_RELIC_API_KEY`: a user key (`NRAK-...`), sent as the `API-Key` header; required.
- `NEW_RELIC_ACCOUNT_ID`: the numeric account NRQL runs in; required (or `account_id`).
- `NEW_RELIC_NERDGRAPH_BASE_URL`: the full NerdGraph URL, replacing the region's (a proxy,
  a test fake); else `NEW_RELIC_REGION` (`US` default, `EU`, `JP`, `GOV`), else the config.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from warroom.core.errors import NotConfigured
from warroom.core.scrub import register
from warroom.core.settings.newrelic import NewRelicSettings

KEY_ENV = "NEW_RELIC_API_KEY"
ACCOUNT_ENV = "NEW_RELIC_ACCOUNT_ID"
REGION_ENV = "NEW_RELIC_REGION"
URL_ENV = "NEW_RELIC_NERDGRAPH_BASE_URL"
REGIONS = {
    "US": "https://api.newrelic.com/graphql",
    "EU": "https://api.eu.newrelic.com/graphql",
    "JP": "https://api.jp.newrelic.com/graphql",
    "GOV": "https://gov-api.newrelic.com/graphql",
}
_REGION_ALIASES = {"FEDRAMP": "GOV"}
# Ingest and legacy keys look alike but NerdGraph refuses them: say so before the first 401.
_NOT_USER_KEYS = {"NRAL": "a license key", "NRII": "an ingest key", "NRAA": "an admin key"}


@dataclass(frozen=True, slots=True)
class Credentials:
    """The key lives here and in the client's headers only; `repr` never shows it."""

    api_key: str = field(repr=False)
    account_id: int
    origin: str
    """`scheme://host[:port]` of NerdGraph."""
    path: str
    """The endpoint's path on that origin, `/graphql` for every region."""

    @property
    def url(self) -> str:
        return f"{self.origin}{self.path}"


def resolve(settings: NewRelicSettings, env: Mapping[str, str]) -> Credentials:
    """Reads the key, account and endpoint; registers the key with the scrubber.

    Raises:
        NotConfigured: no key, a key that is not a user key, no or a bad account id, an
            unknown region or an unusable URL.
    """
    key = env.get(KEY_ENV, "").strip()
    if not key:
        raise NotConfigured(f"{KEY_ENV} is not set")
    register(key)
    kind = _NOT_USER_KEYS.get(key[:4].upper())
    if kind:
        raise NotConfigured(f"{KEY_ENV} is {kind}; NerdGraph needs a user key (NRAK-...)")
    origin, path = split_url(
        env.get(URL_ENV, "").strip() or settings.url or _region_url(settings, env)
    )
    return Credentials(key, _account(settings, env), origin, path)


def _account(settings: NewRelicSettings, env: Mapping[str, str]) -> int:
    raw = env.get(ACCOUNT_ENV, "").strip()
    if not raw:
        if settings.account_id is None:
            raise NotConfigured(f"{ACCOUNT_ENV} is not set")
        return settings.account_id
    if not raw.isdigit() or int(raw) <= 0:
        raise NotConfigured(f"{ACCOUNT_ENV} must be a positive number")
    return int(raw)


def _region_url(settings: NewRelicSettings, env: Mapping[str, str]) -> str:
    raw = env.get(REGION_ENV, "").strip().upper() or settings.region or "US"
    region = _REGION_ALIASES.get(raw, raw)
    if region not in REGIONS:
        raise NotConfigured(f"{REGION_ENV} must be one of {', '.join(REGIONS)}")
    return REGIONS[region]


def split_url(url: str) -> tuple[str, str]:
    """(`scheme://host[:port]`, path) of a NerdGraph URL; the path defaults to `/graphql`.

    Raises:
        NotConfigured: not an http(s) URL with a host, or one carrying user info or a query.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise NotConfigured(f"{URL_ENV} must be an http(s) URL such as {REGIONS['US']}")
    if "@" in parts.netloc or parts.query or parts.fragment:
        raise NotConfigured(f"{URL_ENV} must not carry user info, a query or a fragment")
    return f"{parts.scheme}://{parts.netloc}", parts.path.rstrip("/") or "/graphql"
