"""The worked timeline of docs/autorollback.md, step by step, and the per-trigger settings:
a trigger's own `consecutive`, `trip_at` on a `<` trigger (the threshold divided), and a
reading exactly at `trip_at` times the threshold trips, float rounding aside."""

from __future__ import annotations

import calendar
from dataclasses import dataclass

from warroom.core.guard import Evaluation, Guard, GuardConfig, Observation, Phase
from warroom.core.plan import Trigger

ERROR_RATE = Trigger(
    id="err", metric="error_rate", op=">", threshold=1.0, message="Error rate above 1%"
)
APDEX = Trigger(id="apdex", metric="apdex", op="<", threshold=0.6, message="Apdex below 0.6")
NOON = float(calendar.timegm((2026, 12, 2, 12, 0, 0)))


@dataclass
class Clock:
    now: float = NOON

    def __call__(self) -> float:
        return self.now


def at(clock: Clock, seconds: float) -> float:
    clock.now = NOON + seconds
    return clock.now


def test_the_worked_timeline() -> None:
    clock = Clock()
    g = Guard(GuardConfig(mode="act", consecutive=3, countdown=30), [ERROR_RATE], clock)
    steps: list[tuple[float, float | None, str | None, list[str], Evaluation | None]] = [
        (0, 0.4, None, ["evaluated"], Evaluation.PASS),
        (30, 1.3, None, ["evaluated"], Evaluation.FAIL),
        (60, 0.9, None, ["evaluated"], Evaluation.PASS),  # a flap: the run starts over
        (90, 1.4, None, ["evaluated"], Evaluation.FAIL),
        (120, None, "HTTP 500", ["evaluated"], Evaluation.ERROR),  # does not end the run
        (150, 1.6, None, ["evaluated"], Evaluation.FAIL),
    ]
    for seconds, value, error, kinds, evaluation in steps:
        ts = at(clock, seconds) if value is not None else None
        decisions = g.observe([Observation("err", ts, value, value is not None, error=error)])
        assert [d.kind for d in decisions] == kinds, seconds
        assert decisions[0].evaluation is evaluation, seconds
    at(clock, 180)  # the 12:02:30 point seen again: counted once
    assert g.observe([Observation("err", NOON + 150, 1.6, True)]) == []
    tripped = g.observe([Observation("err", at(clock, 210), 1.9, True)])
    assert [d.kind for d in tripped] == ["evaluated", "tripped"]
    assert [e.value for e in tripped[1].evidence] == [1.4, 1.6, 1.9]
    assert g.view().deadline == NOON + 240
    at(clock, 239)
    assert g.tick() == [] and g.phase is Phase.COUNTDOWN
    at(clock, 240)
    assert [d.kind for d in g.tick()] == ["act"] and g.view().phase is Phase.ACTING
    assert g.finished("done").kind == "finished" and g.view().phase is Phase.STOOD_DOWN
    for seconds in range(270, 600, 30):  # the breach goes on: it stands down, never twice
        decisions = g.observe([Observation("err", at(clock, seconds), 2.5, True)])
        assert "tripped" not in [d.kind for d in decisions]


def test_a_trigger_s_own_consecutive() -> None:
    clock = Clock()
    config = GuardConfig.model_validate(
        {"mode": "act", "consecutive": 5, "triggers": {"err": {"consecutive": 2}}}
    )
    g = Guard(config, [ERROR_RATE, APDEX], clock)
    first = g.observe([Observation("err", at(clock, 10), 1.5, True)])
    assert "tripped" not in [d.kind for d in first]
    second = g.observe([Observation("err", at(clock, 20), 1.5, True)])
    assert [d.kind for d in second][-1] == "tripped"
    assert g.parameters("err")["trigger"] == {
        "id": "err", "metric": "error_rate", "op": ">", "threshold": 1.0,
        "consecutive": 2, "trip_at": None, "min_samples": None,
    }  # fmt: skip
    assert g.rule("apdex") is not None and g.rule("apdex").consecutive == 5  # type: ignore[union-attr]


def test_trip_at_on_a_below_trigger_divides_the_threshold() -> None:
    clock = Clock()
    config = GuardConfig.model_validate(
        {"mode": "act", "consecutive": 3, "triggers": {"apdex": {"trip_at": 3}}}
    )
    g = Guard(config, [APDEX], clock)
    near = g.observe([Observation("apdex", at(clock, 10), 0.25, True)])  # below 0.6, above 0.2
    assert [d.kind for d in near] == ["evaluated"] and near[0].evaluation is Evaluation.FAIL
    far = g.observe([Observation("apdex", at(clock, 20), 0.2, True)])  # 0.6 / 3, exactly
    assert [d.kind for d in far] == ["evaluated", "tripped"]


def test_trip_at_trips_on_a_reading_exactly_at_the_multiple() -> None:
    clock = Clock()
    trigger = Trigger(id="api", metric="api_response", op=">", threshold=1.1, message="API slow")
    config = GuardConfig.model_validate({"mode": "act", "triggers": {"api": {"trip_at": 3}}})
    g = Guard(config, [trigger], clock)
    below = g.observe([Observation("api", at(clock, 10), 3.29, True)])
    assert [d.kind for d in below] == ["evaluated"]
    # 1.1 * 3 is 3.3000000000000003 in floats: the reading at 3.3 is at the multiple.
    exactly = g.observe([Observation("api", at(clock, 20), 3.3, True)])
    assert [d.kind for d in exactly] == ["evaluated", "tripped"]
