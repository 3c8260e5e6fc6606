"""Unleash's row of the fault matrix: the rollout header, read from a REAL Unleash 6.10.1.

A real server has no fault switch, so each cell puts a fault proxy (tests/support/
fault_proxy.py) between the adapter and the one Unleash all cells share (started once per
run: it takes seconds). The proxy's answers are Unleash's where Unleash has them (its own
401, forwarded with a token it does not know; its `{"name", "message"}` error bodies) and a
gateway's where it has none: Unleash's admin API has no rate limit, so the 429 is that of a
rate-limiting gateway in front of it, with `Retry-After`.
"""

from __future__ import annotations

import secrets
import uuid
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from types import TracebackType
from typing import Any

from tests.fakes.faults import Asked, Reply, json_reply
from tests.faults.harness import INTERVAL, Harness, Rig
from tests.support.fault_proxy import FaultProxy, Forward
from tests.support.unleash import INSTALL_TIMEOUT, UnleashServer, installed, missing
from tests.unleash.conftest import env_for, unleash_config
from warroom.core.dashboard import ROLLOUT_METRIC
from warroom.sources import unleash

REQUEST_TIMEOUT = 2.0  # more than the fakes': a real server, with PostgreSQL behind it
FEATURES = "/api/admin/projects/default/features"
UNKNOWN_TOKEN = "*:*.not-a-token-unleash-knows"  # a wrong token on purpose


@dataclass(frozen=True)
class UnleashAnswers:
    """Unleash's part of the shared faults, as the proxy in front of it gives them."""

    forward: Forward
    credential_headers: tuple[str, ...] = ("authorization",)

    def error_body(self, status: int, echo: str) -> Any:
        return {"id": str(uuid.uuid4()), "name": "InternalError", "message": f"boom{echo}"}

    def rate_limited(self, asked: Asked, reset: float, echo: str) -> Reply:
        body = {"message": f"API rate limit exceeded{echo}"}
        return json_reply(429, body, {"Retry-After": f"{reset:.0f}"})

    def auth_failed(self, asked: Asked, echo: str) -> Reply:
        headers = {**asked.headers, "authorization": UNKNOWN_TOKEN}
        return self.forward(Asked(asked.method, asked.path, headers), b"")


class SharedUnleash:
    """The one real Unleash of a matrix run (a context manager: started on entry)."""

    def __init__(self) -> None:
        self._server: UnleashServer | None = None

    @property
    def server(self) -> UnleashServer:
        if self._server is None:
            raise RuntimeError("the Unleash cells run inside `run_cells`, which starts it")
        return self._server

    def __enter__(self) -> SharedUnleash:
        server = UnleashServer.start()
        try:
            # A fresh Unleash answers its first feature and event reads slowly (its query
            # plans, its connection pool): paid here, not by the first cell's good polls.
            server.create_flag("warm-up", 15)
            server.admin("GET", f"{FEATURES}/warm-up")
            server.admin("GET", "/api/admin/events/warm-up")
        except BaseException:
            server.stop()
            raise
        self._server = server
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.stop()


SHARED = SharedUnleash()


@cache
def unavailable() -> str | None:
    """Why no real Unleash can run here: the reasons `tests/unleash` skips for (node, npm or
    PostgreSQL absent). A missing npm install is not one: starting the server installs it."""
    return missing()


def install_seconds() -> float:
    """What the first start may add: the npm install, when it is not in the cache yet."""
    return INSTALL_TIMEOUT if unavailable() is None and not installed() else 0.0


def open_unleash(stack: ExitStack) -> Rig:
    server = SHARED.server
    flag = f"profile-v2-{secrets.token_hex(3)}"  # a flag of its own: cells run side by side
    server.create_flag(flag, 15)
    proxy = stack.enter_context(FaultProxy(server.url, UnleashAnswers))
    config = unleash_config([flag], interval=INTERVAL, timeout=REQUEST_TIMEOUT)
    env = {**env_for(server), "UNLEASH_URL": proxy.url}

    def change() -> float:
        server.set_rollout(flag, "50")  # as another operator would, not through the proxy
        return 50.0

    source = unleash.create(config, env)
    requests = proxy.state.log
    credentials = (server.admin_token,)
    return Rig(
        source, config, proxy.state, lambda: len(requests), change, REQUEST_TIMEOUT, credentials
    )


HARNESS = Harness(
    "unleash",
    ROLLOUT_METRIC,
    open_unleash,
    shared=SHARED,
    missing=unavailable,
    setup_seconds=install_seconds,
    mark="unleash",
)
