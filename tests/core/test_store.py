"""Ring buffers keep memory flat and history in order."""

from __future__ import annotations

from warroom.core.store import MetricStore


def test_capacity_bounds_memory() -> None:
    store = MetricStore(capacity=100)
    for t in range(10_000):
        store.add("m", float(t), float(t))
    assert len(store.series("m")) == 100
    assert store.series("m")[0] == (9900.0, 9900.0)
    assert store.last_value("m") == (9999.0, 9999.0)


def test_gap_is_latest_but_keeps_last_value() -> None:
    store = MetricStore()
    store.add("m", 1.0, 5.0)
    store.add("m", 2.0, None)
    assert store.latest("m") == (2.0, None)
    assert store.last_value("m") == (1.0, 5.0)


def test_late_points_are_ignored_and_same_ts_replaces() -> None:
    store = MetricStore()
    store.add("m", 2.0, 1.0)
    store.add("m", 1.0, 9.0)
    store.add("m", 2.0, 3.0)
    assert store.series("m") == [(2.0, 3.0)]
    assert store.values("m", last=5) == [3.0]
