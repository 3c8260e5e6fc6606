"""A share-based rollback trigger needs a minimum sample: one failed MongoDB probe out of the
first four (25 %) must not fire "DB connection failures > 5 %"."""

from __future__ import annotations

from pathlib import Path

import pytest

from warroom.core.config import default_config, load_config
from warroom.core.dashboard import Dashboard, SourceInfo
from warroom.core.errors import ConfigError
from warroom.core.history.codec import decode_result, encode_result
from warroom.core.model import FetchResult, Reading
from warroom.core.poller import PollOutcome
from warroom.core.rules import fired_triggers, undersampled
from warroom.core.store import MetricStore
from warroom.sources.mongo.probe import ProbeWindow

PLAN = default_config()
METRIC = "db_conn_failures"


def test_the_default_is_ten_samples() -> None:
    assert PLAN.metric(METRIC).min_samples == 10


@pytest.mark.parametrize(("samples", "fires"), [(4, False), (9, False), (10, True), (None, True)])
def test_a_share_on_too_few_samples_cannot_fire(samples: int | None, fires: bool) -> None:
    latest = {METRIC: 25.0}
    too_few = undersampled(PLAN.metrics, {METRIC: samples})
    fired = [a.metric for a in fired_triggers(PLAN.triggers, latest, too_few)]
    assert (METRIC in fired) is fires


def test_the_probe_reading_carries_its_probe_count() -> None:
    window = ProbeWindow(300, clock=lambda: 1000.0)
    for ok in (True, False, True, True):
        window.record(ok)
    reading = window.reading(5.0)
    assert (reading.value, reading.samples) == (25.0, 4)


def test_the_store_keeps_the_count_of_the_newest_value() -> None:
    store = MetricStore()
    store.add(METRIC, 1.0, 25.0, 4)
    store.add(METRIC, 2.0, None)  # a gap does not replace what the last value rests on
    assert store.samples() == {METRIC: 4}
    store.add(METRIC, 3.0, 10.0, 12)
    assert store.samples() == {METRIC: 12}


def test_history_keeps_the_sample_count_and_reads_old_rows() -> None:
    result = FetchResult(readings=(Reading(METRIC, 1.0, 25.0, 4), Reading("x", 1.0, 2.0)))
    assert decode_result(encode_result(result)).readings == result.readings


@pytest.mark.parametrize("value", [0, 10_001])
def test_min_samples_is_bounded(tmp_path: Path, value: int) -> None:
    path = tmp_path / "warroom.toml"
    path.write_text(_plan_with(f"min_samples = {value}"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "metrics[0].min_samples: Input should be" in caught.value.problems[0]


def test_a_min_samples_the_probe_window_never_holds_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "warroom.toml"
    path.write_text(_plan_with("min_samples = 16"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.problems == [
        f"{path}:10: metrics[0].min_samples: 16 probes never fit in the 300 s probe window "
        "(at most 15 when probes time out); lower it or widen sources.mongo.probe_window"
    ]


def _plan_with(line: str) -> str:
    return (
        'replace = [\n    "alerts", "trends",\n    "criteria", "triggers",\n]\n\n'
        f'[[metrics]]\nid = "{METRIC}"\nlabel = "DB"\ntab = "engineering"\n{line}\n'
        'source = "mongo"\nquery = "connection_probe"\n'
    )


def test_the_dashboard_holds_the_trigger_until_enough_probes() -> None:
    dashboard = Dashboard(PLAN, {"mongo": SourceInfo(15.0)}, {METRIC: "mongo"}, lambda: 100.0)
    first = FetchResult(readings=(Reading(METRIC, 100.0, 25.0, samples=4),))
    dashboard.ingest(PollOutcome("mongo", 100.0, 0.1, result=first, next_in=15.0))
    assert [t.metric for t in dashboard.triggers(100.0)] == []
    # Held, but not "fine": the trigger cannot see enough yet, so it is blind.
    statuses = {METRIC: dashboard.status(METRIC, 100.0)}
    (blind,) = [b for b in dashboard.blind(statuses) if b.trigger.metric == METRIC]
    assert blind.why == "too few samples yet"
    enough = FetchResult(readings=(Reading(METRIC, 101.0, 25.0, samples=12),))
    dashboard.ingest(PollOutcome("mongo", 101.0, 0.1, result=enough, next_in=15.0))
    assert [t.metric for t in dashboard.triggers(101.0)] == [METRIC]
