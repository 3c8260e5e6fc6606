"""LaunchDarkly's REST API v2 as a `FlagProvider`, on the shared HTTP base.

Reads: `GET /api/v2/flags/{project}/{flag}?env={env}` per flag. Turning off: one semantic
patch (`turnFlagOff`) per flag, as LaunchDarkly has no bulk flag endpoint. A rollout: a JSON
patch of the default rule guarded by a `test` of the flag's `_version` as read, so a flag that
changed in between is refused (409) instead of overwritten.

Every request sends `LD-API-Version: 20240415`; the rate-limit headers pace the polls, and a
write refused with 429 is retried once after the window resets when that is soon.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote

from warroom.core.errors import RateLimited, SourceError
from warroom.core.rollout.model import FlagState
from warroom.core.rollout.provider import FlagConflict, FlagNotFound
from warroom.sources.http import JsonApi, NotFound, Vendor
from warroom.sources.launchdarkly.limits import LaunchDarklyLimits
from warroom.sources.launchdarkly.parse import ParsedFlag, message, parse_flag, rollout_patch

API_VERSION = "20240415"
SEMANTIC = "application/json; domain-model=launchdarkly.semanticpatch"
MAX_WRITE_WAIT = 10.0
"""Seconds a refused write may wait for the window to reset before it is retried once."""


class LaunchDarklyProvider:
    name = "launchdarkly"
    label = "LaunchDarkly"
    simulated = False
    read_steps = 1  # every flag at once, one request each

    def __init__(
        self,
        base_url: str,
        token: str,
        project: str,
        timeout: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.project = project
        self.limits = LaunchDarklyLimits(clock)
        self.api = JsonApi(
            base_url.rstrip("/") + "/api/v2",
            Vendor("LaunchDarkly", credential="access token", detail=message),
            timeout=timeout,
            headers={"Authorization": token, "LD-API-Version": API_VERSION},
            policy=self.limits,
        )
        self._read: dict[tuple[str, str], ParsedFlag] = {}
        """The last read of each (flag, environment): a rollout change is built from it."""

    def __repr__(self) -> str:
        return f"LaunchDarklyProvider(host={self.api.host!r}, project={self.project!r})"

    def _path(self, flag: str) -> str:
        return f"/flags/{quote(self.project, safe='')}/{quote(flag, safe='')}"

    async def read(self, flags: Sequence[str], environment: str) -> tuple[FlagState, ...]:
        return tuple(await asyncio.gather(*(self._read_one(f, environment) for f in flags)))

    async def _read_one(self, flag: str, environment: str) -> FlagState:
        try:
            answer = await self.api.get(self._path(flag), what=flag, params={"env": environment})
        except NotFound as exc:
            raise FlagNotFound(exc.reason, status=404) from None
        parsed = parse_flag(answer.body, flag, environment)
        self._read[(flag, environment)] = parsed
        return parsed.state

    async def turn_off(self, flags: Sequence[str], environment: str, comment: str) -> None:
        for flag in flags:
            body = {
                "environmentKey": environment,
                "comment": comment,
                "instructions": [{"kind": "turnFlagOff"}],
            }
            await self._write(flag, f"{flag} off", body, SEMANTIC)

    async def set_rollout(self, current: FlagState, pct: float, comment: str) -> None:
        parsed = self._read.get((current.key, current.environment))
        if parsed is None or parsed.state.version != current.version:
            raise FlagConflict(f"LaunchDarkly {current.key}: not the flag as last read")
        body = {"comment": comment, "patch": rollout_patch(parsed, current.environment, pct)}
        await self._write(current.key, f"{current.key} rollout", body, "application/json")

    async def _write(self, flag: str, what: str, body: Any, content_type: str) -> None:
        """One PATCH; a 429 whose window resets within MAX_WRITE_WAIT is retried once (a
        refused request changed nothing, so the retry cannot apply it twice).

        Raises:
            FlagConflict: 409, the flag changed meanwhile.
            FlagNotFound: 404.
            SourceError: any other failure.
        """
        for attempt in (1, 2):
            try:
                await self.api.request(
                    "PATCH",
                    self._path(flag),
                    what=what,
                    json=body,
                    headers={"Content-Type": content_type},
                )
                return
            except RateLimited as exc:
                if attempt == 2 or exc.retry_after > MAX_WRITE_WAIT:
                    raise
                await asyncio.sleep(exc.retry_after)
            except NotFound as exc:
                raise FlagNotFound(exc.reason, status=404) from None
            except SourceError as exc:
                if exc.status == 409:
                    raise FlagConflict(exc.reason, status=409) from None
                raise

    def pacing(self) -> float:
        return self.limits.pacing()

    def info(self) -> dict[str, str]:
        return self.limits.info()

    async def close(self) -> None:
        await self.api.close()
