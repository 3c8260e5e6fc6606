"""warroom's own error reporting through sentry-sdk: off unless WARROOM_SENTRY_DSN is set.

Every event passes the shared scrubber (`core.scrub`) before it leaves the process: each
configured or registered secret, every URI password, every header value and every `Bearer`
token is replaced by `[Filtered]`, and frames carry no local variables (the SDK is told not to
collect them, and any that slip through are dropped). Auto-session tracking, tracing, trace
propagation to other hosts and PII are off.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from warroom.core.scrub import SECRETS, Scrubber, secrets_in_env

DSN_VAR = "WARROOM_SENTRY_DSN"
FILTERED = "[Filtered]"


class EventScrubber:
    """sentry-sdk's `before_send` / `before_breadcrumb`: the shared scrubber over the event,
    every header value replaced, and frames without local variables."""

    def __init__(self, secrets: Sequence[str]) -> None:
        self.scrubber = Scrubber([*secrets, *SECRETS.secrets], mask=FILTERED)

    def walk(self, value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: self._entry(str(k), v, key) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.walk(v, key) for v in value]
        return self.scrubber.walk(value, key)

    def _entry(self, name: str, value: Any, parent: str) -> Any:
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
    return [v for v in secrets_in_env({k: v for k, v in env.items() if k != DSN_VAR})]


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

    scrubber = EventScrubber([*secrets, *secrets_from_env(env)])
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
            # Never add sentry-trace/baggage headers to outgoing requests: they would carry
            # the DSN's public key to every vendor API and runbook endpoint.
            trace_propagation_targets=[],
            environment=env.get("WARROOM_ENVIRONMENT") or "production",
        )
    except BadDsn:
        return False
    return True
