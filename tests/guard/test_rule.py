"""The guard's decision rule, as properties over reading sequences (Hypothesis) and as the
cases the issue names: flapping never trips, a sustained breach trips once, no data never
trips, errors freeze, abort cancels."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from warroom.core.guard import Evaluation, Guard, GuardConfig, Observation, Phase
from warroom.core.plan import Trigger

TRIGGER = Trigger(id="err", metric="error_rate", op=">", threshold=1.0, message="error rate > 1%")


@dataclass
class Clock:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


def guard(clock: Clock, **config: object) -> Guard:
    settings_ = {"mode": "act", "countdown": 30.0, **config}
    return Guard(GuardConfig.model_validate(settings_), [TRIGGER], clock)


def obs(
    ts: float, value: float | None, *, fresh: bool = True, error: str | None = None
) -> Observation:
    return Observation("err", ts, value, fresh, error=error)


def feed(g: Guard, clock: Clock, values: list[float | None]) -> list[str]:
    kinds: list[str] = []
    for value in values:
        clock.now += 10
        kinds += [d.kind for d in g.observe([obs(clock.now, value)])]
    return kinds


@given(st.integers(min_value=2, max_value=60), st.floats(0.01, 0.99), st.floats(1.01, 50))
def test_a_flapping_input_never_trips(n: int, low: float, high: float) -> None:
    clock = Clock()
    g = guard(clock, consecutive=3)
    kinds = feed(g, clock, [high if i % 2 else low for i in range(n)])
    assert "tripped" not in kinds and g.phase is Phase.ARMED


@given(st.integers(min_value=3, max_value=80))
def test_a_sustained_breach_trips_exactly_once(n: int) -> None:
    clock = Clock()
    g = guard(clock, consecutive=3, countdown=0)
    kinds: list[str] = []
    for _ in range(n):
        clock.now += 10
        for d in g.observe([obs(clock.now, 2.5)]):
            kinds.append(d.kind)
            if d.kind == "act":
                kinds.append(g.finished("done").kind)
    assert kinds.count("tripped") == 1 and kinds.count("act") == 1
    assert g.phase is Phase.STOOD_DOWN  # and stays so: it never rolls back twice


@given(st.lists(st.sampled_from(["none", "stale"]), min_size=1, max_size=40))
def test_no_data_or_stale_data_never_trips(kinds_in: list[str]) -> None:
    clock = Clock()
    g = guard(clock, consecutive=1)
    for kind in kinds_in:
        clock.now += 10
        seen = obs(clock.now, None) if kind == "none" else obs(clock.now, 9.0, fresh=False)
        decisions = g.observe([seen])
        assert [d.evaluation for d in decisions if d.kind == "evaluated"] == [
            Evaluation.INCONCLUSIVE
        ]
        assert all(d.kind != "tripped" for d in decisions)


def test_the_same_reading_seen_twice_counts_once() -> None:
    clock = Clock()
    g = guard(clock, consecutive=2)
    clock.now += 1
    first = g.observe([obs(500.0, 3.0)])
    again = g.observe([obs(500.0, 3.0)])
    assert [d.kind for d in first] == ["evaluated"] and again == []
    assert g.phase is Phase.ARMED


def test_trip_at_trips_on_one_reading() -> None:
    clock = Clock()
    g = guard(clock, consecutive=3, triggers={"err": {"trip_at": 3}})
    assert "tripped" not in feed(g, clock, [2.9])
    assert "tripped" in feed(g, clock, [3.0])


def test_errors_freeze_and_call_off_a_countdown() -> None:
    clock = Clock()
    g = guard(clock, consecutive=2, error_limit=4, countdown=100)
    assert "tripped" in feed(g, clock, [2.0, 2.0])
    kinds: list[str] = []
    for _ in range(4):
        clock.now += 10
        kinds += [d.kind for d in g.observe([obs(clock.now, 2.0, error="429 rate limited")])]
    assert kinds[-2:] == ["frozen", "called-off"] and g.view().frozen
    clock.now += 60
    assert [d.kind for d in g.observe([])] == [] and g.phase is Phase.ARMED  # never acts
    thawed = feed(g, clock, [0.5])
    assert "thawed" in thawed and g.view().frozen is None


def test_abort_cancels_and_a_fresh_run_is_needed() -> None:
    clock = Clock()
    g = guard(clock, consecutive=2)
    feed(g, clock, [2.0, 2.0])
    assert g.view().phase is Phase.COUNTDOWN and g.view().deadline == clock.now + 30
    aborted = g.abort("alice", "false alarm: a load test")
    assert aborted is not None and "alice" in aborted.message
    assert g.view().phase is Phase.ARMED
    assert "tripped" not in feed(g, clock, [2.0])  # one fail after the abort is not enough
    assert "tripped" in feed(g, clock, [2.0])


def test_advise_mode_counts_down_and_never_acts() -> None:
    clock = Clock()
    g = guard(clock, consecutive=1, mode="advise", countdown=5)
    feed(g, clock, [4.0])
    clock.now += 6
    assert [d.kind for d in g.tick()] == ["advise"] and g.phase is Phase.STOOD_DOWN


@settings(max_examples=300)
@given(
    st.lists(
        st.one_of(st.none(), st.floats(0, 5), st.just("error"), st.just("stale")),
        max_size=60,
    ),
    st.integers(1, 5),
)
def test_a_trip_always_stands_on_an_unbroken_run_of_fresh_fails(
    events: list[float | str | None], consecutive: int
) -> None:
    clock = Clock()
    g = guard(clock, consecutive=consecutive, error_limit=100)
    run = 0
    for event in events:
        clock.now += 10
        if event == "error":
            seen = obs(clock.now, 2.0, error="timeout")
        elif event == "stale":
            seen = obs(clock.now, 2.0, fresh=False)
            run = 0
        elif event is None:
            seen = obs(clock.now, None)
            run = 0
        else:
            assert isinstance(event, float)
            seen = obs(clock.now, event)
            run = run + 1 if event > 1.0 else 0
        for d in g.observe([seen]):
            if d.kind == "tripped":
                assert run >= consecutive
                assert len(d.evidence) == consecutive
                assert all(e.value > 1.0 for e in d.evidence)
        if g.phase is Phase.COUNTDOWN:
            return  # the property is about the first trip
