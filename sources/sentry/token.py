"""Reads the org slug and region URL that an `sntrys_` organization token carries.

Format (sentry-cli `org_auth_token.rs`): `sntrys_<base64(JSON)>_<secret>`, the JSON holding
`iat`, `url`, `region_url` and `org`. Only the public middle part is decoded; the secret is
never looked at, stored or returned.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

ORG_TOKEN_PREFIX = "sntrys_"  # noqa: S105 - a public prefix, not a secret


@dataclass(frozen=True, slots=True)
class TokenClaims:
    """What an org token says about where it belongs. Empty strings when absent."""

    org: str = ""
    url: str = ""
    region_url: str = ""


def token_claims(token: str) -> TokenClaims:
    """Returns the claims of an `sntrys_` token, or empty claims for any other or broken token.

    Never raises: a token we cannot read is still a token; the server will judge it.
    """
    if not token.startswith(ORG_TOKEN_PREFIX):
        return TokenClaims()
    parts = token[len(ORG_TOKEN_PREFIX) :].split("_", 1)
    if len(parts) != 2:
        return TokenClaims()
    payload = parts[0]
    try:
        raw = base64.b64decode(payload + "=" * (-len(payload) % 4), validate=False)
        data = json.loads(raw)
    except (binascii.Error, ValueError):
        return TokenClaims()
    if not isinstance(data, dict):
        return TokenClaims()
    return TokenClaims(
        org=_text(data.get("org")),
        url=_text(data.get("url")),
        region_url=_text(data.get("region_url")),
    )


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
