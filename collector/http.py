"""HTTP endpoints of a long-running warroom process (`serve`, `collect`), on aiohttp.

- `GET /metrics`: OpenMetrics text of the war room (core/openmetrics.py);
- `GET /healthz`: 200 `ok` while the poller is alive and heard from, else 503;
- `GET /hub/polls`, `POST /hub/simulate/{op}` (serve only): the hub's feed for its sessions.

Bound to 127.0.0.1 unless told otherwise. With a token every request must present it, as
`Authorization: Bearer <token>`, as a `token` query parameter (a browser's first visit; it
then gets a cookie) or as that cookie. The hub's routes always need the per-process hub token.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from aiohttp import web
from aiohttp.typedefs import Middleware

from warroom.core.frame import FrameRequest
from warroom.core.openmetrics import CONTENT_TYPE, render
from warroom.core.plan import TABS

if TYPE_CHECKING:
    from warroom.collector.hub import Hub
    from warroom.core.dashboard import Dashboard

COOKIE = "warroom_token"
HEALTHY_WITHIN = 60.0  # seconds without a poll before /healthz says the poller is stuck
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
HUB_LIMIT = 500


def presented(request: web.Request) -> str:
    """The token a request carries, "" when none."""
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Bearer "):
        return auth[len("Bearer ") :].strip()
    return request.query.get("token") or request.cookies.get(COOKIE, "")


def token_guard(token: str | None) -> Middleware:
    """aiohttp middleware: 401 without the token (nothing when `token` is None)."""

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        if token is None or request.path.startswith("/hub/"):
            return await handler(request)
        if not hmac.compare_digest(presented(request), token):
            return web.Response(status=401, text="token required\n")
        response = await handler(request)
        if request.query.get("token"):  # the browser keeps it for the page's other requests
            response.set_cookie(COOKIE, token, httponly=True, samesite="Strict")
        return response

    return guard


def observability_routes(dashboard: Dashboard, heard: Callable[[], float]) -> list[web.RouteDef]:
    """`/metrics` and `/healthz` over `dashboard`; `heard()` is when the poller last reported."""

    async def metrics(request: web.Request) -> web.Response:
        frame = dashboard.frame(FrameRequest(tabs=TABS))
        body = render(frame, dashboard.config.triggers)
        return web.Response(body=body.encode(), headers={"Content-Type": CONTENT_TYPE})

    async def healthz(request: web.Request) -> web.Response:
        quiet = time.time() - heard()
        if quiet > HEALTHY_WITHIN:
            return web.Response(status=503, text=f"poller silent for {quiet:.0f}s\n")
        return web.Response(text="ok\n")

    return [web.get("/metrics", metrics), web.get("/healthz", healthz)]


def hub_routes(hub: Hub, hub_token: str) -> list[web.RouteDef]:
    """The feed the sessions of `warroom serve` follow; only they know `hub_token`."""

    def allowed(request: web.Request) -> bool:
        return hmac.compare_digest(presented(request), hub_token)

    async def polls(request: web.Request) -> web.Response:
        if not allowed(request):
            return web.Response(status=401, text="hub token required\n")
        after = request.query.get("after")
        limit = min(HUB_LIMIT, int(request.query.get("limit", HUB_LIMIT)))
        docs = hub.polls(request.query.get("source", ""), int(after) if after else None, limit)
        return web.json_response({"heard": hub.heard, "polls": docs})

    async def simulate(request: web.Request) -> web.Response:
        if not allowed(request):
            return web.Response(status=401, text="hub token required\n")
        try:
            done = hub.simulate(request.match_info["op"])
        except ValueError as exc:
            return web.json_response({"error": str(exc)}, status=400)
        return web.json_response({"done": done})

    return [web.get("/hub/polls", polls), web.post("/hub/simulate/{op}", simulate)]


async def start_observability(
    dashboard: Dashboard, heard: Callable[[], float], host: str, port: int, token: str | None
) -> web.AppRunner:
    """Serves `/metrics` and `/healthz` on host:port until the runner is cleaned up.

    Raises:
        OSError: the address is in use or cannot be bound.
    """
    app = web.Application(middlewares=[token_guard(token)])
    app.add_routes(observability_routes(dashboard, heard))
    runner = web.AppRunner(app, access_log=None)  # a query string may carry the token
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner
