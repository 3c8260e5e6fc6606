"""The guard's state machine: armed → countdown → acting → stood down, once per war room.

The host (the TUI, `warroom guard`, `warroom collect`) feeds it observations after every
poll and `tick()`s it every second; it answers with decisions, one JSON-able record each, and
says when to run the group. The guard never runs anything itself, so the runbook's own
runner, confirmation rules and audit log do the work, as in a manual run.

- ARMED: evaluating. A trigger that trips starts the countdown (unless frozen).
- COUNTDOWN: `countdown` seconds to abort (`abort`); then "act" (mode act) or "advise".
- ACTING: the host runs the group; `finished` records the outcome.
- STOOD_DOWN: done for this incident. Nothing trips again until an operator `rearm`s it.

Frozen is not a phase but a condition: `error_limit` provider errors in a row on any input.
A frozen guard never starts or finishes a countdown (a countdown running is called off); it
thaws by itself when the provider answers again.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from warroom.core.guard.config import GuardConfig
from warroom.core.guard.rule import Evaluation, Evidence, Observation, Rule, Track
from warroom.core.plan import Trigger


class Phase(enum.Enum):
    ARMED = "armed"
    COUNTDOWN = "countdown"
    ACTING = "acting"
    STOOD_DOWN = "stood-down"


@dataclass(frozen=True, slots=True)
class Decision:
    """One thing the guard decided, for the log, the audit record and the screen."""

    kind: str
    """evaluated, tripped, frozen, thawed, called-off, aborted, act, advise, finished, rearmed"""
    at: float
    message: str
    trigger: str | None = None
    evaluation: Evaluation | None = None
    evidence: tuple[Evidence, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "at": self.at,
            "message": self.message,
            "trigger": self.trigger,
            "evaluation": self.evaluation.value if self.evaluation else None,
            "evidence": [e.as_json() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class GuardView:
    """What the banner shows."""

    mode: str
    phase: Phase
    frozen: str | None
    """Why the guard is frozen, None when it is not."""
    tripped_by: str | None = None
    evidence: tuple[Evidence, ...] = ()
    deadline: float | None = None
    """When the countdown ends (epoch seconds)."""
    group: str = ""


@dataclass(slots=True)
class _Countdown:
    trigger: str
    evidence: tuple[Evidence, ...]
    deadline: float


@dataclass
class Guard:
    config: GuardConfig
    triggers: Sequence[Trigger]
    clock: Callable[[], float] = time.time
    phase: Phase = Phase.ARMED
    samples_needed: Mapping[str, int] = field(default_factory=dict)
    """Metric id → its `min_samples`: a trigger's default when `[autorollback]` sets none."""
    _tracks: dict[str, Track] = field(default_factory=dict)
    _countdown: _Countdown | None = None
    _frozen: str | None = None

    def __post_init__(self) -> None:
        for t in self.triggers:
            override = self.config.triggers.get(t.id)
            rule = Rule(
                t,
                consecutive=(override and override.consecutive) or self.config.consecutive,
                trip_at=override.trip_at if override else None,
                min_samples=(override and override.min_samples)
                or self.samples_needed.get(t.metric),
            )
            self._tracks[t.id] = Track(rule)

    # ------------------------------------------------------------------ inputs

    def observe(self, observations: Iterable[Observation]) -> list[Decision]:
        """Evaluates the observations; may trip, freeze or thaw. Returns the decisions."""
        now = self.clock()
        out: list[Decision] = []
        for obs in observations:
            track = self._tracks.get(obs.trigger)
            if track is None:
                continue
            evaluation = track.see(obs)
            if evaluation is not None:
                out.append(self._evaluated(now, track, obs, evaluation))
        out += self._freeze_or_thaw(now)
        if self.phase is Phase.ARMED and self._frozen is None:
            out += self._maybe_trip(now)
        return out + self.tick()

    def tick(self) -> list[Decision]:
        """Ends the countdown when its time has come. Returns the decisions (act / advise)."""
        countdown = self._countdown
        now = self.clock()
        if self.phase is not Phase.COUNTDOWN or countdown is None or now < countdown.deadline:
            return []
        self._countdown = None
        act = self.config.mode == "act"
        self.phase = Phase.ACTING if act else Phase.STOOD_DOWN
        kind = "act" if act else "advise"
        verb = "running" if act else "would run (advise mode)"
        message = f"{countdown.trigger}: countdown over, {verb} group {self.config.group}"
        return [Decision(kind, now, message, countdown.trigger, evidence=countdown.evidence)]

    def abort(self, who: str, why: str = "") -> Decision | None:
        """Calls off a countdown. Returns the decision, None when there was none to abort."""
        if self.phase is not Phase.COUNTDOWN or self._countdown is None:
            return None
        countdown, self._countdown = self._countdown, None
        self.phase = Phase.ARMED
        for track in self._tracks.values():
            track.reset()  # it must see a fresh run of fails before it counts down again
        reason = f": {why}" if why else ""
        message = f"countdown aborted by {who}{reason}"
        return Decision(
            "aborted", self.clock(), message, countdown.trigger, evidence=countdown.evidence
        )

    def finished(self, outcome: str) -> Decision:
        """The group ran (or failed): the guard stands down for this incident."""
        self.phase = Phase.STOOD_DOWN
        return Decision("finished", self.clock(), f"group {self.config.group}: {outcome}")

    def rearm(self, who: str) -> Decision:
        """An operator re-arms a guard that stood down (or was never tripped)."""
        self.phase = Phase.ARMED
        self._countdown = None
        for track in self._tracks.values():
            track.reset()
        return Decision("rearmed", self.clock(), f"re-armed by {who}")

    # ------------------------------------------------------------------ outputs

    def rule(self, trigger_id: str) -> Rule | None:
        """The rule in force for one trigger, None for a trigger the plan does not have."""
        track = self._tracks.get(trigger_id)
        return track.rule if track is not None else None

    def parameters(self, trigger_id: str | None = None) -> dict[str, object]:
        """The rule's parameters in force, for the audit record: the guard's settings and,
        for a trigger, its own run length, `trip_at` and `min_samples`."""
        c = self.config
        out: dict[str, object] = {
            "mode": c.mode, "group": c.group, "steps": list(c.steps),
            "consecutive": c.consecutive, "countdown": c.countdown, "error_limit": c.error_limit,
        }  # fmt: skip
        rule = self.rule(trigger_id) if trigger_id else None
        if rule is not None:
            out["trigger"] = {
                "id": rule.trigger.id, "metric": rule.trigger.metric, "op": rule.trigger.op,
                "threshold": rule.trigger.threshold, "consecutive": rule.consecutive,
                "trip_at": rule.trip_at, "min_samples": rule.min_samples,
            }  # fmt: skip
        return out

    def view(self) -> GuardView:
        c = self._countdown
        return GuardView(
            mode=self.config.mode,
            phase=self.phase,
            frozen=self._frozen,
            tripped_by=c.trigger if c else None,
            evidence=c.evidence if c else (),
            deadline=c.deadline if c else None,
            group=self.config.group,
        )

    # ------------------------------------------------------------------ internals

    def _evaluated(
        self, now: float, track: Track, obs: Observation, evaluation: Evaluation
    ) -> Decision:
        t = track.rule.trigger
        fresh = obs.fresh and obs.value is not None
        shown = f"{obs.value:g}" if fresh else (obs.note or "no fresh value")
        if evaluation is Evaluation.ERROR:
            shown = f"provider error ({obs.error})"
        message = f"{t.id}: {shown} {t.op} {t.threshold:g}? {evaluation.value}"
        return Decision("evaluated", now, message, t.id, evaluation)

    def _freeze_or_thaw(self, now: float) -> list[Decision]:
        limit = self.config.error_limit
        failing = sorted(t for t, track in self._tracks.items() if track.errors >= limit)
        if failing and self._frozen is None:
            said = next((self._tracks[t].last_error for t in failing), None)
            self._frozen = f"{limit} provider errors in a row ({said}) on {', '.join(failing)}"
            for track in self._tracks.values():
                track.reset()  # the run is gone: after the thaw it needs a fresh one
            out = [Decision("frozen", now, f"frozen, never acting: {self._frozen}")]
            if self._countdown is not None:
                self._countdown = None
                self.phase = Phase.ARMED
                out.append(Decision("called-off", now, "countdown called off: the guard is frozen"))
            return out
        if not failing and self._frozen is not None:
            self._frozen = None
            return [Decision("thawed", now, "providers answer again; evaluating")]
        return []

    def _maybe_trip(self, now: float) -> list[Decision]:
        for trigger_id, track in self._tracks.items():
            if track.tripped:
                evidence = tuple(track.fails)
                deadline = now + self.config.countdown
                self._countdown = _Countdown(trigger_id, evidence, deadline)
                self.phase = Phase.COUNTDOWN
                message = (
                    f"{trigger_id} tripped; group {self.config.group} runs in "
                    f"{self.config.countdown:g}s unless aborted"
                )
                return [Decision("tripped", now, message, trigger_id, evidence=evidence)]
        return []
