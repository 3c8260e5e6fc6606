"""Unleash's admin API as a `FlagProvider`, on the shared HTTP base.

Reads: `GET /api/admin/projects/{p}/features/{flag}` per flag, plus the flag's events
(`GET /api/admin/events/{flag}`) when its value changed since the last read, to learn when
and by whom. Writes: `POST .../environments/{env}/off` (one flag) or `.../bulk_features/
environments/{env}/off` (several), and a JSON patch of the flexibleRollout strategy's
`/parameters/rollout` (a string). Unleash has no optimistic concurrency: the caller reads
again and compares just before the change (core.rollout.change), and the patch names the
strategy id of that read.

The admin token goes in `Authorization` as it is (no scheme); OSS sends no rate-limit headers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from urllib.parse import quote

from warroom.core.errors import BadResponse
from warroom.core.rollout.model import FlagState
from warroom.core.rollout.provider import FlagNotFound
from warroom.sources.http import JsonApi, NotFound, Vendor
from warroom.sources.unleash.parse import (
    LastChange,
    environment_of,
    flag_state,
    last_change,
    message,
)


class UnleashProvider:
    name = "unleash"
    label = "Unleash"
    simulated = False
    read_steps = 2  # the flag, then its change events when its value moved

    def __init__(self, base_url: str, token: str, project: str, timeout: float) -> None:
        self.project = project
        self.api = JsonApi(
            base_url.rstrip("/") + "/api/admin",
            Vendor("Unleash", credential="admin token", detail=message),
            timeout=timeout,
            headers={"Authorization": token, "Accept": "application/json"},
        )
        self._changes: dict[tuple[str, str], tuple[FlagState, LastChange | None]] = {}
        """Per (flag, environment): the value last read, and its last change event."""

    def __repr__(self) -> str:
        return f"UnleashProvider(host={self.api.host!r}, project={self.project!r})"

    def _features(self, flag: str = "") -> str:
        path = f"/projects/{quote(self.project, safe='')}/features"
        return f"{path}/{quote(flag, safe='')}" if flag else path

    async def read(self, flags: Sequence[str], environment: str) -> tuple[FlagState, ...]:
        return tuple(await asyncio.gather(*(self._read_one(f, environment) for f in flags)))

    async def _read_one(self, flag: str, environment: str) -> FlagState:
        try:
            answer = await self.api.get(self._features(flag), what=flag)
        except NotFound:
            where = f"Unleash: no flag {flag!r} in project {self.project!r}"
            raise FlagNotFound(f"{where} (404 Not Found)", status=404) from None
        env = environment_of(answer.body, flag, environment)
        state = flag_state(flag, environment, env, None)
        change = await self._last_change(state)
        return flag_state(flag, environment, env, change)

    async def _last_change(self, state: FlagState) -> LastChange | None:
        """The flag's last change event, fetched again only when its value moved."""
        key = (state.key, state.environment)
        known = self._changes.get(key)
        if known is not None and known[0].same_value(state):
            return known[1]
        answer = await self.api.get(f"/events/{quote(state.key, safe='')}", what="events")
        change = last_change(answer.body, state.environment)
        self._changes[key] = (state, change)
        return change

    async def turn_off(self, flags: Sequence[str], environment: str, comment: str) -> None:
        env = quote(environment, safe="")
        try:
            if len(flags) == 1:
                path = f"{self._features(flags[0])}/environments/{env}/off"
                await self.api.request("POST", path, what=f"{flags[0]} off")
                return
            path = f"/projects/{quote(self.project, safe='')}/bulk_features/environments/{env}/off"
            await self.api.request("POST", path, what="bulk off", json={"features": list(flags)})
        except NotFound as exc:
            raise FlagNotFound(exc.reason, status=404) from None

    async def set_rollout(self, current: FlagState, pct: float, comment: str) -> None:
        if not float(pct).is_integer():
            raise BadResponse(f"Unleash {current.key}: rollouts are whole percentages, not {pct:g}")
        if not current.version:
            raise BadResponse(f"Unleash {current.key}: no flexibleRollout strategy to change")
        env = quote(current.environment, safe="")
        strategy = quote(current.version, safe="")
        path = f"{self._features(current.key)}/environments/{env}/strategies/{strategy}"
        patch = [{"op": "replace", "path": "/parameters/rollout", "value": f"{pct:.0f}"}]
        try:
            await self.api.request("PATCH", path, what=f"{current.key} rollout", json=patch)
        except NotFound as exc:
            raise FlagNotFound(exc.reason, status=404) from None

    def pacing(self) -> float:
        return 0.0

    def info(self) -> dict[str, str]:
        return {}

    async def close(self) -> None:
        await self.api.close()
