"""A `warroom serve` session's side of the hub: its sources follow the serve process's one
poller (collector/hub.py) instead of polling the vendors.

The serve process hands its sessions the hub's address, a per-process token and the source
layout through the environment (never argv, where `ps` shows it to every local user).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any

from warroom.collector.feed import Doc
from warroom.collector.viewer import FIRST_READ, TAIL_INTERVAL, viewer_sources
from warroom.core.config import Config
from warroom.core.errors import Unavailable
from warroom.core.scrub import register
from warroom.sources.http import JsonApi, Vendor
from warroom.sources.registry import SourceSet

URL_VAR = "WARROOM_HUB_URL"
TOKEN_VAR = "WARROOM_HUB_TOKEN"  # noqa: S105 - the name of a variable, not its value
LAYOUT_VAR = "WARROOM_HUB_LAYOUT"
STALE_AFTER = 15.0


class HubFeed:
    """The hub's numbered polls, fetched per source; `check` says how long it has been quiet."""

    def __init__(self, url: str, token: str, stale_after: float = STALE_AFTER) -> None:
        self._url = url.rstrip("/")
        self._token = token
        self._stale_after = stale_after
        self._api = JsonApi(
            self._url,
            Vendor("serve hub", credential="hub token"),
            timeout=5.0,
            headers={"Authorization": f"Bearer {token}"},
        )
        self._heard: float | None = None

    async def check(self) -> tuple[str, float]:
        if self._heard is None:
            await self.latest("", 1)  # a first contact: is the hub there at all?
        assert self._heard is not None
        age = max(0.0, time.time() - self._heard)
        if age > self._stale_after:
            raise Unavailable(f"serve hub stale: no poll for {age:.0f}s")
        return "serve hub", age

    async def latest(self, source: str, limit: int = FIRST_READ) -> list[Doc]:
        return await self._polls({"source": source, "limit": str(limit)})

    async def after(self, source: str, last: Any) -> list[Doc]:
        return await self._polls({"source": source, "after": str(int(last))})

    async def _polls(self, params: Mapping[str, str]) -> list[Doc]:
        answer = await self._api.get("/hub/polls", what="polls", params=params)
        body = answer.body if isinstance(answer.body, dict) else {}
        self._heard = float(body.get("heard") or 0.0)
        polls = body.get("polls")
        return [p for p in polls if isinstance(p, dict)] if isinstance(polls, list) else []

    async def close(self) -> None:
        await self._api.close()

    def simulate(self, operation: str) -> str:
        """Runs a runbook operation on the hub's simulated launch (sync: the runbook's
        simulated executor calls it directly; it is one request to 127.0.0.1).

        Raises:
            ValueError: the hub refused it or could not be reached.
        """
        request = urllib.request.Request(  # noqa: S310 - the hub URL is always http://127.0.0.1
            f"{self._url}/hub/simulate/{operation}",
            method="POST",
            headers={"Authorization": f"Bearer {self._token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                return str(json.loads(response.read())["done"])
        except urllib.error.HTTPError as exc:
            raise ValueError(_hub_error(exc)) from None
        except (OSError, ValueError, KeyError) as exc:
            raise ValueError(f"serve hub not reachable ({type(exc).__name__})") from None


def _hub_error(exc: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(exc.read())["error"])
    except (ValueError, KeyError, OSError):
        return f"serve hub answered {exc.code}"


def hub_env(url: str, token: str, layout: Mapping[str, Any]) -> dict[str, str]:
    """The variables a session needs to follow the hub."""
    return {URL_VAR: url, TOKEN_VAR: token, LAYOUT_VAR: json.dumps(layout)}


def build_hub_viewer(config: Config, env: Mapping[str, str]) -> SourceSet:
    """The session's sources, following the hub named in `env` (see `hub_env`).

    Raises:
        KeyError: `env` names no hub.
    """
    token = env[TOKEN_VAR]
    register(token)
    feed = HubFeed(env[URL_VAR], token)
    layout = json.loads(env.get(LAYOUT_VAR) or "{}")
    out = viewer_sources(config, layout, feed, TAIL_INTERVAL)
    if any(info.simulated for info in out.info.values()):
        out.simulate = feed.simulate
    return out
