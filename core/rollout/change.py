"""Changing the launch flags safely: every change reads first, writes, then reads back.

- Turning off: reads every flag (an unknown flag or environment refuses before anything is
  sent), turns off those that are on (one bulk request where the service has one), reads back.
- Setting a rollout: refuses a value outside 0-100 (Unleash itself accepts "150"), reads the
  flag again and refuses when it differs from what the operator was shown (drift), then
  changes it based on that fresh read (LaunchDarkly's optimistic concurrency refuses a change
  to a flag that moved in between), and reads back.

When the write fails, the read-back says what actually happened, so a half-done change is
recorded as one (`PARTIAL`), and a change whose result nobody can see as `UNKNOWN`. Every
change that altered something gets its deployment markers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from warroom.core.errors import SourceError
from warroom.core.rollout.change_record import ChangeOutcome, FlagChange
from warroom.core.rollout.markers import ChangeMarker, post_markers
from warroom.core.rollout.model import FlagState
from warroom.core.rollout.provider import FlagConflict, FlagProvider
from warroom.core.rollout.stages import check_range

_Wanted = Callable[[FlagState], bool]
"""True when a flag read back is as the change asked."""


@dataclass(frozen=True, slots=True)
class RolloutRequest:
    """One rollout change as the operator confirmed it."""

    flag: str
    environment: str
    target: float
    shown: FlagState | None
    """The flag as the confirmation showed it; None when it could not be read then."""
    comment: str
    action: str = "flag_rollout"


class Changer:
    """Changes flags through one provider and posts the markers. Constructing does no I/O."""

    def __init__(self, provider: FlagProvider, markers: Sequence[ChangeMarker] = ()) -> None:
        self.provider = provider
        self.markers = list(markers)

    async def turn_off(self, flags: Sequence[str], environment: str, comment: str) -> FlagChange:
        """Turns the flags off. Never raises: every failure is a FlagChange that says so."""
        keys = tuple(flags)
        base = FlagChange(self.provider.name, environment, "flag_off", keys,
                          ChangeOutcome.REFUSED, "", comment=comment)  # fmt: skip
        try:
            before = await self.provider.read(keys, environment)
        except SourceError as exc:
            return replace(base, detail=f"{exc.reason}: nothing changed")
        base = replace(base, before=before)
        on = [s.key for s in before if s.on]
        if not on:
            return replace(base, outcome=ChangeOutcome.DONE, after=before,
                           detail=f"already off: {', '.join(keys)}")  # fmt: skip
        try:
            await self.provider.turn_off(on, environment, comment)
        except SourceError as exc:
            return await self._settle(base, exc.reason, lambda s: not s.on)
        return await self._settle(base, "", lambda s: not s.on)

    async def set_rollout(self, request: RolloutRequest) -> FlagChange:
        """Sets the rollout. Never raises: every failure is a FlagChange that says so."""
        base = FlagChange(self.provider.name, request.environment, request.action,
                          (request.flag,), ChangeOutcome.REFUSED, "", target=request.target,
                          comment=request.comment)  # fmt: skip
        try:
            check_range(request.target)
        except ValueError as exc:
            return replace(base, detail=f"{exc}: nothing changed")
        try:
            (current,) = await self.provider.read([request.flag], request.environment)
        except SourceError as exc:
            return replace(base, detail=f"{exc.reason}: nothing changed")
        base = replace(base, before=(current,))
        problem = _unchangeable(current, request.shown)
        if problem:
            return replace(base, detail=f"{problem}: nothing changed")
        if current.pct is not None and abs(current.pct - request.target) < 1e-6:
            return replace(base, outcome=ChangeOutcome.DONE, after=(current,),
                           detail=f"{current.key} already at {request.target:g}%")  # fmt: skip
        try:
            await self.provider.set_rollout(current, request.target, request.comment)
        except FlagConflict as exc:
            return replace(base, detail=f"{exc.reason}: changed meanwhile, nothing changed")
        except SourceError as exc:
            return await self._settle(base, exc.reason, lambda s: s.pct == request.target)
        return await self._settle(base, "", lambda s: s.pct == request.target)

    async def _settle(self, change: FlagChange, error: str, wanted: _Wanted) -> FlagChange:
        """Reads the flags back to learn what the write did, then posts the markers."""
        try:
            after = await self.provider.read(change.flags, change.environment)
        except SourceError as exc:
            settled = _unread(change, error, exc.reason)
        else:
            settled = _judged(change, after, error, wanted)
        if settled.changed or (settled.outcome is ChangeOutcome.UNKNOWN and not error):
            settled = replace(settled, markers=await post_markers(self.markers, settled))
        return settled


def _unchangeable(current: FlagState, shown: FlagState | None) -> str:
    """Why this flag's rollout must not be changed now ("" when it may)."""
    if shown is None:
        return f"{current.key} could not be read when the change was confirmed"
    if not current.same_value(shown):
        return (
            f"{current.key} changed since the confirmation (showed {shown.describe()}, "
            f"now {current.describe()})"
        )
    if current.pct is None:
        return f"{current.key} has no percentage rollout to change"
    if current.strategies > 1:
        return f"{current.key} has {current.strategies} rollout strategies: change it by hand"
    return ""


def _judged(
    change: FlagChange, after: tuple[FlagState, ...], error: str, wanted: _Wanted
) -> FlagChange:
    before = {s.key: s for s in change.before}
    changed = tuple(s.key for s in after if s.key in before and not before[s.key].same_value(s))
    missing = [s.key for s in after if not wanted(s)]
    if not missing:
        outcome, note = ChangeOutcome.DONE, ""
    elif changed:
        outcome, note = ChangeOutcome.PARTIAL, f"not done: {', '.join(missing)}"
    else:
        outcome, note = ChangeOutcome.FAILED, "nothing changed"
    done = _done_text(change, after, changed) if changed or not missing else ""
    detail = "; ".join(p for p in (error, done, note) if p)
    return replace(change, outcome=outcome, after=after, changed=changed, detail=detail)


def _unread(change: FlagChange, error: str, read_error: str) -> FlagChange:
    flags = ", ".join(change.flags)
    if error:
        detail = f"{error}; could not read back ({read_error}): check {flags} by hand"
        return replace(change, outcome=ChangeOutcome.UNKNOWN, detail=detail)
    # The service accepted the change; only the confirmation read failed.
    detail = f"{_asked(change)} (accepted, not verified: {read_error})"
    return replace(change, outcome=ChangeOutcome.UNKNOWN, detail=detail)


def _asked(change: FlagChange) -> str:
    if change.action == "flag_off":
        return f"turned off {', '.join(change.flags)} in {change.environment}"
    return f"set {change.flags[0]} to {change.target:g}% in {change.environment}"


def _done_text(change: FlagChange, after: tuple[FlagState, ...], changed: tuple[str, ...]) -> str:
    if change.action == "flag_off":
        return f"turned off {', '.join(changed)} in {change.environment}"
    was = _pct(change.before[0].pct if change.before else None)
    now = _pct(after[0].pct if after else None)
    return f"{change.flags[0]} {was} → {now} in {change.environment}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"
