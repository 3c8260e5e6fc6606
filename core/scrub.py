"""Secrets never leave the process: one scrubber for every error text, log line, crash report,
runbook output and recorded value.

A `Scrubber` replaces

- each secret it was given, whole, and any run of at least `PARTIAL` characters that starts or
  ends one (a gateway that echoes a truncated header, a message cut at 20 characters); URIs
  are matched whole only, since they share their scheme and host with harmless text;
- what nobody registered but is a secret by its shape: `Bearer`/`Basic`/`Token` credentials,
  the password in a `scheme://user:password@host` URI, and the value of an echoed auth header
  (`Authorization: ...`, `"API-Key": "..."`, `DD-API-KEY=...`).

`SECRETS` is the process's own registry: adapters register every credential they read from the
environment, and every `SourceError` passes through it when it is made, so no adapter can
forget to scrub a reason.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

MASK = "***"
MIN_SECRET = 4  # shorter values would mask ordinary words ("on", "1") everywhere
PARTIAL = 10  # a run this long that starts or ends a secret is a leak of that secret
# Every secret longer than PARTIAL is matched in part: a 13-character password echoed as its
# last 12 (a runbook command printing a suffix) gave away all but one character of it.
_PARTIAL_FROM = PARTIAL + 1

# A credential after an auth scheme: 8+ token characters with at least one digit or symbol, so
# that prose such as "token rejected" is left alone.
_BEARER = re.compile(
    r"(?P<head>\b(?:Bearer|Basic|Token)\s+)(?=[^\s]*[0-9=_/+.:*-])[A-Za-z0-9._~+/=:*-]{8,}", re.I
)
_URI_PASSWORD = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^:/@\s]*:)[^@\s/]+(?P<at>@)", re.I)
_HEADER_NAMES = (
    r"authorization|proxy-authorization|api[-_]?key|x-api-key|dd-api-key|dd-application-key"
    r"|private-token|x-auth-token|access[-_]?token|auth[-_]?token|cookie|set-cookie"
)
_HEADER_ECHO = re.compile(
    rf"(?P<head>[\"']?\b(?:{_HEADER_NAMES})[\"']?\s*[:=]\s*[\"']?)"
    # Not a value that is already masked, nor a `${NAME}` reference (shown on purpose).
    r"(?!\*\*\*)(?!(?:(?:Bearer|Basic|Token)\s+)?\$\{)"
    r"(?P<value>(?:(?:Bearer|Basic|Token)\s+)?[^\s\"',;}\]]{4,})",
    re.I,
)
_SENSITIVE_KEY = re.compile(
    r"authorization|cookie|token|secret|password|passwd|api[-_]?key|app[-_]?key|dd-api|dd-app",
    re.I,
)
_SECRET_NAME = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|PASSWD|_URI$|_PASS$|_DSN$", re.I)


class Scrubber:
    """Replaces known secrets and secret-shaped text. Cheap to call on every reason."""

    def __init__(self, secrets: Iterable[str] = (), mask: str = MASK) -> None:
        self.mask = mask
        self._secrets: list[str] = []
        self.add(secrets)

    def add(self, secrets: Iterable[str]) -> None:
        """Registers more secrets (values shorter than MIN_SECRET are ignored)."""
        merged = {*self._secrets, *(s for s in secrets if s and len(s) >= MIN_SECRET)}
        # Longest first, so a secret that contains another is removed whole.
        self._secrets = sorted(merged, key=len, reverse=True)

    def extend(self, secrets: Iterable[str]) -> Scrubber:
        """A new scrubber with these secrets too; this one is left as it is."""
        return Scrubber([*self._secrets, *secrets], self.mask)

    @classmethod
    def for_names(cls, names: Iterable[str], env: Mapping[str, str]) -> Scrubber:
        """The values of the named environment variables (unset names are skipped)."""
        return cls(env[n] for n in names if n in env)

    @property
    def secrets(self) -> tuple[str, ...]:
        return tuple(self._secrets)

    def __len__(self) -> int:
        return len(self._secrets)

    def __repr__(self) -> str:
        return f"Scrubber({len(self._secrets)} secrets)"

    def __call__(self, text: str) -> str:
        """Returns `text` with every secret, and every secret-shaped value, masked."""
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, self.mask)
        # Shapes before fragments: a fragment mask could break a URI's shape and leave its
        # password readable.
        text = _URI_PASSWORD.sub(rf"\g<head>{self.mask}\g<at>", text)
        text = _HEADER_ECHO.sub(rf"\g<head>{self.mask}", text)
        text = _BEARER.sub(rf"\g<head>{self.mask}", text)
        for secret in self._secrets:
            if len(secret) >= _PARTIAL_FROM and "://" not in secret:
                text = self._partial(text, secret)
        return text

    def _partial(self, text: str, secret: str) -> str:
        """Masks runs of >= PARTIAL characters that start or end `secret`."""
        head, tail = secret[:PARTIAL], secret[-PARTIAL:]
        if head not in text and tail not in text:
            return text  # the common case: one substring test each, no scan
        spans: list[tuple[int, int]] = []
        for at in _find_all(text, head):
            spans.append((at, at + _common_prefix(text[at:], secret)))
        for at in _find_all(text, tail):
            end = at + PARTIAL
            spans.append((end - _common_prefix(text[:end][::-1], secret[::-1]), end))
        for start, end in sorted(spans, reverse=True):
            text = text[:start] + self.mask + text[end:]
        return text

    def walk(self, value: Any, key: str = "") -> Any:
        """A copy of a JSON-like value with every string scrubbed, and every string under a key
        named like a credential (`authorization`, `api_key`, `password`...) replaced whole."""
        if isinstance(value, str):
            return self.mask if _SENSITIVE_KEY.search(key) else self(value)
        if isinstance(value, dict):
            return {k: self.walk(v, str(k)) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.walk(v, key) for v in value]
        return value


def _find_all(text: str, part: str) -> list[int]:
    found, at = [], text.find(part)
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def looks_secret(name: str) -> bool:
    """True for an environment variable named like a key, token, password, DSN or URI."""
    return bool(_SECRET_NAME.search(name))


_TOKEN_PREFIX = re.compile(
    r"^(?:sntry[su]_|NRAK-|NRAL-|api-|xox[abp]-|gh[pousr]_|glpat-|AKIA|ASIA|sk-|pk_|rk_)"
)


def looks_like_secret_value(value: str) -> bool:
    """True for a value shaped like a credential whatever its variable is called: a known
    token prefix, or 16+ characters without spaces or slashes mixing letters and digits
    with enough randomness (3 bits a character). Paths, words, numbers and locales are not."""
    if _TOKEN_PREFIX.match(value):
        return True
    if len(value) < 16 or any(c.isspace() or c == "/" for c in value):
        return False
    if not (any(c.isdigit() for c in value) and any(c.isalpha() for c in value)):
        return False
    counts = {c: value.count(c) for c in set(value)}
    entropy = -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())
    return entropy >= 3.0


def secrets_in_env(env: Mapping[str, str], names: Iterable[str] = ()) -> list[str]:
    """Values of the given variables, plus those of every variable named like a key, token,
    password, DSN or URI (the caller may forget one; the name gives it away)."""
    wanted = set(names)
    return [v for k, v in env.items() if v and (k in wanted or looks_secret(k))]


SECRETS = Scrubber()
"""The process's registry: every credential an adapter reads is added here."""


def register(*secrets: str) -> None:
    """Adds credentials to the process registry (call where they are read from the env)."""
    SECRETS.add(secrets)


def scrub(text: str) -> str:
    """`text` through the process registry."""
    return SECRETS(text)
