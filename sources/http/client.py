"""The one way warroom opens an HTTP client: explicit timeouts, no redirects, our user agent.

Redirects are never followed: a redirect would resend the credential headers to whatever host
the answer names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from warroom import __version__

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"warroom/{__version__}"


def new_client(
    base_url: str = "",
    *,
    timeout: float,
    headers: Mapping[str, str] | None = None,
    auth: httpx.Auth | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> httpx.AsyncClient:
    """An AsyncClient for one source (or one runbook request). The caller closes it.

    httpx is imported here, not at module level: it costs start-up time, and a dashboard with
    only the simulated launch or MongoDB never needs it.
    """
    import httpx

    return httpx.AsyncClient(
        base_url=base_url,
        headers={"User-Agent": USER_AGENT, **(headers or {})},
        auth=auth,
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
        transport=transport,
    )
