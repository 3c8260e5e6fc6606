"""warroom's own error reporting through sentry-sdk: off unless WARROOM_SENTRY_DSN is set.

Every event passes `Scrubber` before it leaves the process: each configured secret, every
URI password, every header value and every `Bearer` token is replaced by `[Filtered]`, and
frames carry no local variables (the SDK is told not to collect them, and any that slip
through are dropped). Auto-session tracking, tracing and PII are off.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Mapping, Sequence
from typing import Any

DSN_VAR = "WARROOM_SENTRY_DSN"
FILTERED = "[Filtered]"
# Environment variables whose values are secret even if the caller forgot to pass them.
_SECRET_NAME = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|PASSWD|_URI$|_PASS$", re.IGNORECASE)
_URI_PASSWORD = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^:/@\s]*:)[^@\s/]+(?P<at>@)", re.I)
_BEARER = re.compile(r"(?P<head>\b(?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=-]{8,}", re.I)
_SENSITIVE_KEY = re.compile(
    r"authorization|cookie|token|secret|password|passwd|api[-_]?key|app[-_]?key|dd-api|dd-app",
    re.I,
)
_MIN_SECRET = 4  # shorter "secrets" would shred ordinary words
_SOURCE_REPORT_GAP = 600.0


class Scrubber:
    """Removes secrets from a sentry-sdk event (a JSON-like dict) in place."""

    def __init__(self, secrets: Sequence[str]) -> None:
        unique = {s for s in secrets if s and len(s) >= _MIN_SECRET}
        self._secrets = sorted(unique, key=len, reverse=True)  # longest first: no partial leaks

    def text(self, value: str) -> str:
        for secret in self._secrets:
            value = value.replace(secret, FILTERED)
        value = _URI_PASSWORD.sub(rf"\g<head>{FILTERED}\g<at>", value)
        return _BEARER.sub(rf"\g<head>{FILTERED}", value)

    def walk(self, value: Any, key: str = "") -> Any:
        """Returns `value` with every string scrubbed; values under sensitive keys replaced."""
        if isinstance(value, str):
            return FILTERED if _SENSITIVE_KEY.search(key) else self.text(value)
        if isinstance(value, dict):
            return {k: self._entry(k, v, key) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.walk(v, key) for v in value]
        return value

    def _entry(self, key: Any, value: Any, parent: str) -> Any:
        name = str(key)
        if name == "vars":
            return {}  # local variables of a frame: never sent
        if parent == "headers" and isinstance(value, str):
            return FILTERED
        return self.walk(value, name)

    def event(self, event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
        """`before_send`: the scrubbed event."""
        scrubbed: dict[str, Any] = self.walk(event)
        return scrubbed

    def breadcrumb(self, crumb: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
        """`before_breadcrumb`: the scrubbed breadcrumb."""
        scrubbed: dict[str, Any] = self.walk(crumb)
        return scrubbed


def secrets_from_env(env: Mapping[str, str]) -> list[str]:
    """Values of variables named like keys, tokens, passwords or URIs (not the DSN itself)."""
    return [v for k, v in env.items() if _SECRET_NAME.search(k) and k != DSN_VAR and v]


def init_error_reporting(env: Mapping[str, str], secrets: Sequence[str]) -> bool:
    """Starts sentry-sdk when WARROOM_SENTRY_DSN is set.

    Returns:
        True when reporting is on, False when the variable is unset (the default).
    Raises:
        Nothing for a bad DSN: sentry-sdk's own BadDsn is turned into a False return.
    """
    dsn = env.get(DSN_VAR, "").strip()
    if not dsn:
        return False
    import sentry_sdk  # imported only when wanted: it costs startup time
    from sentry_sdk.utils import BadDsn

    scrubber = Scrubber([*secrets, *secrets_from_env(env)])
    try:
        sentry_sdk.init(
            dsn=dsn,
            before_send=scrubber.event,  # type: ignore[arg-type]
            before_breadcrumb=scrubber.breadcrumb,
            include_local_variables=False,
            send_default_pii=False,
            max_request_body_size="never",
            auto_session_tracking=False,
            traces_sample_rate=None,
            environment=env.get("WARROOM_ENVIRONMENT") or "production",
        )
    except BadDsn:
        return False
    return True


_last_source_report: dict[tuple[str, str], float] = {}


def report_source_error(source: str, kind: str, reason: str) -> None:
    """Reports a source failure (at most once per source and kind every 10 minutes).

    Does nothing when reporting is off. `reason` is a SourceError reason, already secret-free.
    """
    sentry_sdk = sys.modules.get("sentry_sdk")  # never imported: reporting is off
    if sentry_sdk is None or not sentry_sdk.get_client().is_active():
        return
    now = time.monotonic()
    last = _last_source_report.get((source, kind))
    if last is not None and now - last < _SOURCE_REPORT_GAP:
        return
    _last_source_report[(source, kind)] = now
    with sentry_sdk.new_scope() as scope:
        scope.set_tag("source", source)
        scope.set_tag("error_kind", kind)
        sentry_sdk.capture_message(f"{source}: {kind}: {reason}", level="warning")
