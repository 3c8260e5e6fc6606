"""The runbook's `http` actions: one request on the shared HTTP base, `${NAME}` references
expanded only here.

Redirects are not followed (a redirect would resend the secret headers elsewhere); the
status must be one the step expects.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from warroom.core.runbook import Outcome, RunContext, StepState
from warroom.core.runbook.masking import MissingVariable, expand
from warroom.core.runbook_config import Action, HttpAction
from warroom.core.textsafe import inert
from warroom.sources.http.client import new_client
from warroom.sources.http.errors import transport_error

if TYPE_CHECKING:
    import httpx

DEFAULT_TIMEOUT = 30.0
BODY_PREVIEW = 300  # characters of an unexpected answer shown in the pane


class HttpExecutor:
    def __init__(self, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._transport = transport

    async def run(self, action: Action, ctx: RunContext) -> Outcome:
        if not isinstance(action, HttpAction):
            raise TypeError(f"HttpExecutor cannot run a {action.kind} action")
        try:
            url = expand(action.url, ctx.env)
            headers = {k: expand(v, ctx.env) for k, v in action.headers.items()}
            body = _expand_json(action.json_body, ctx.env)
        except MissingVariable as exc:
            return Outcome(StepState.FAILED, str(exc))
        timeout = ctx.timeout or DEFAULT_TIMEOUT
        # Imported here: loading httpx costs ~0.2 s, and most runs never send a runbook request.
        import httpx

        try:
            async with new_client(timeout=timeout, transport=self._transport) as client:
                response = await client.request(action.method, url, headers=headers, json=body)
        except httpx.HTTPError as exc:
            # The shared ladder never quotes the URL, which may carry a secret.
            failure = transport_error(exc, "request", timeout)
            return Outcome(StepState.FAILED, ctx.mask(failure.reason))
        except asyncio.CancelledError:
            # The request may have reached the service: running it again could repeat it.
            detail = f"cancelled while the {action.method} request was on its way: it may "
            return Outcome(StepState.CANCELLED, detail + "have been sent; check by hand")
        return self._judge(action, response, ctx)

    def _judge(self, action: HttpAction, response: httpx.Response, ctx: RunContext) -> Outcome:
        status = response.status_code
        ctx.output(f"HTTP {status} {response.reason_phrase}")
        if status in action.expect_status:
            return Outcome(StepState.DONE, f"HTTP {status}", http_status=status)
        preview = inert(ctx.mask(response.text), BODY_PREVIEW)
        if preview:
            ctx.output(preview)
        expected = ", ".join(str(s) for s in action.expect_status)
        return Outcome(StepState.FAILED, f"HTTP {status}, expected {expected}", http_status=status)


def _expand_json(value: Any, env: Mapping[str, str]) -> Any:
    """The JSON body with `${NAME}` expanded in every string.

    Raises:
        MissingVariable: a referenced variable is not set.
    """
    if isinstance(value, str):
        return expand(value, env)
    if isinstance(value, dict):
        return {k: _expand_json(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand_json(v, env) for v in value]
    return value
