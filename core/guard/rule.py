"""The guard's decision rule, as pure functions and small records.

Each fresh reading of a trigger's input is evaluated as one of

- FAIL: past the threshold;
- PASS;
- INCONCLUSIVE: no fresh data, stale data or too few samples. Never a pass, never a fail:
  missing data is not "fine", and it is not a breach either;
- ERROR: the provider answered with an error or a timeout.

Only fresh readings count, and the same reading (same timestamp) seen twice counts once.
`consecutive` FAILs in a row trip the trigger, or one reading at `trip_at` times the
threshold. A PASS or an INCONCLUSIVE ends the run: acting needs an unbroken run of fresh
failing readings, so a flapping or a patchy input never trips. The anchors: Argo Rollouts'
failureLimit / consecutiveErrorLimit / inconclusive, Flagger's threshold of failed checks.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field

from warroom.core.format import iso_time
from warroom.core.plan import Trigger
from warroom.core.rules import compare


class Evaluation(enum.Enum):
    FAIL = "fail"
    PASS = "pass"  # noqa: S105 - an evaluation, not a password
    INCONCLUSIVE = "inconclusive"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Observation:
    """What the guard sees of one trigger's input at one moment."""

    trigger: str
    ts: float | None
    """When the newest value was true (None: never reported)."""
    value: float | None
    fresh: bool
    """False when the value is stale (or there is none)."""
    samples: int | None = None
    """How many samples the value stands on, when the source says (a share of probes)."""
    error: str | None = None
    """The provider's error on its last poll, None when it answered."""
    note: str | None = None
    """Why the value is not fresh ("no data", "stale", the source's problem), for people."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One trigger with the guard's settings for it."""

    trigger: Trigger
    consecutive: int
    trip_at: float | None = None
    min_samples: int | None = None

    def evaluate(self, obs: Observation) -> Evaluation:
        """The evaluation of one observation (see the module docstring)."""
        if obs.error:
            return Evaluation.ERROR
        if not obs.fresh or obs.value is None or obs.ts is None:
            return Evaluation.INCONCLUSIVE
        if self.min_samples and obs.samples is not None and obs.samples < self.min_samples:
            return Evaluation.INCONCLUSIVE
        t = self.trigger
        return Evaluation.FAIL if compare(t.op, obs.value, t.threshold) else Evaluation.PASS

    def blind_why(self, obs: Observation) -> str | None:
        """Why `obs` is INCONCLUSIVE, for the banner ("no data", "stale", "3 of 20 samples");
        None when it is not."""
        if obs.error or self.evaluate(obs) is not Evaluation.INCONCLUSIVE:
            return None
        if obs.fresh and obs.value is not None and obs.samples is not None:
            return f"{obs.samples} of {self.min_samples} samples"
        return obs.note or "no fresh data"

    def beyond_trip_at(self, value: float) -> bool:
        """True when one reading is so far past the threshold that it trips alone: `trip_at`
        times it for `>`/`>=`, the threshold divided by `trip_at` for `<`/`<=`."""
        if self.trip_at is None:
            return False
        t = self.trigger
        above = t.op in (">", ">=")
        limit = t.threshold * self.trip_at if above else t.threshold / self.trip_at
        # A reading exactly at the limit trips, though the product or quotient may be a
        # rounding away from it (1.1 * 3 is 3.3000000000000003, 0.6 / 3 is 0.19999999999999998).
        if math.isclose(value, limit, rel_tol=1e-9):
            return True
        return value >= limit if above else value <= limit


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reading that counted toward a decision."""

    trigger: str
    metric: str
    ts: float
    value: float
    op: str
    threshold: float

    def as_json(self) -> dict[str, object]:
        return {
            "trigger": self.trigger,
            "metric": self.metric,
            "ts": self.ts,
            "time": iso_time(self.ts),
            "value": self.value,
            "op": self.op,
            "threshold": self.threshold,
        }


@dataclass(slots=True)
class Track:
    """A trigger's run of evaluations: the failing readings in a row, and the last one seen."""

    rule: Rule
    last_ts: float | None = None
    fails: list[Evidence] = field(default_factory=list)
    errors: int = 0
    """Errors in a row of this trigger's provider."""
    last_error: str | None = None
    """What the provider said the last time it failed."""

    def see(self, obs: Observation) -> Evaluation | None:
        """Counts one observation. Returns its evaluation, or None when it brings nothing new
        (the same reading again: it must not count twice)."""
        evaluation = self.rule.evaluate(obs)
        if evaluation is Evaluation.ERROR:
            self.errors += 1
            self.last_error = obs.error
            return evaluation
        self.errors = 0
        if evaluation is Evaluation.INCONCLUSIVE:
            # Not a fail, and not a pass either; but a gap in the data is a gap in the
            # evidence: acting needs an unbroken run of fresh failing readings.
            self.fails.clear()
            return evaluation
        if obs.ts == self.last_ts:
            return None
        self.last_ts = obs.ts
        if evaluation is Evaluation.PASS:
            self.fails.clear()
            return evaluation
        assert obs.value is not None and obs.ts is not None
        t = self.rule.trigger
        self.fails.append(Evidence(t.id, t.metric, obs.ts, obs.value, t.op, t.threshold))
        del self.fails[: -self.rule.consecutive]
        return evaluation

    @property
    def tripped(self) -> bool:
        """True after `consecutive` fails in a row, or one at `trip_at`."""
        if len(self.fails) >= self.rule.consecutive:
            return True
        return bool(self.fails) and self.rule.beyond_trip_at(self.fails[-1].value)

    def reset(self) -> None:
        self.fails.clear()
