"""One frozen frame per moment: computed once, only the requested tabs, None versus ()."""

from __future__ import annotations

import dataclasses

import pytest

from tests.core.test_dashboard import PLAN, Clock, ok
from warroom.core.dashboard import Dashboard, SourceInfo
from warroom.core.frame import FrameRequest, MetricView, Records
from warroom.core.model import FetchResult, Issue, Monitor, Reading
from warroom.core.plan import TABS
from warroom.core.poller import PollOutcome

ENGINEERING = FrameRequest(tabs=("engineering",))


class CountingDashboard(Dashboard):
    """The real dashboard, counting the metric views it computes."""

    def __init__(self, clock: Clock) -> None:
        super().__init__(PLAN, {"dd": SourceInfo(10.0)}, {m.id: "dd" for m in PLAN.metrics}, clock)
        self.viewed: list[str] = []

    def view(self, metric_id: str, now: float | None = None) -> MetricView:
        self.viewed.append(metric_id)
        return super().view(metric_id, now)


def ids_on(*tabs: str) -> set[str]:
    return {m.id for m in PLAN.metrics if m.tab in tabs or set(tabs) & set(m.also_on)}


def issue(key: str, count: int) -> Issue:
    return Issue(key, f"title {key}", "error", count, 1, 900.0, 990.0)


def test_asking_twice_in_one_moment_computes_once() -> None:
    clock = Clock()
    dash = CountingDashboard(clock)
    dash.ingest(ok(1000.0, error_rate=0.5))
    first = dash.frame(ENGINEERING, 1000.2)
    assert dash.frame(ENGINEERING, 1000.9) is first  # the same clock second
    assert len(dash.viewed) == len(ids_on("engineering"))
    assert dash.frame(ENGINEERING, 1001.0) is not first  # the clock ticked a second
    again = dash.frame(ENGINEERING, 1001.5)
    dash.ingest(ok(1001.5, error_rate=2.0))  # a poll arrived: a new generation
    fresh = dash.frame(ENGINEERING, 1001.5)
    assert fresh is not again and fresh.generation == again.generation + 1
    assert fresh.metrics["error_rate"].value == 2.0 and fresh.rollback


def test_each_request_has_its_own_frame_in_the_same_moment() -> None:
    dash = CountingDashboard(Clock())
    engineering = dash.frame(ENGINEERING)
    support = dash.frame(FrameRequest(tabs=("support",)))
    assert dash.frame(ENGINEERING) is engineering and dash.frame(support.request) is support


def test_only_the_requested_tabs_get_tiles() -> None:
    dash = CountingDashboard(Clock())
    dash.ingest(ok(1000.0, error_rate=0.2, page_load=2.5))
    frame = dash.frame(ENGINEERING)
    assert list(frame.tiles) == ["engineering"]
    assert [v.metric.id for v in frame.tiles["engineering"]] == [
        m.id for m in PLAN.metrics_on("engineering")
    ]
    assert set(frame.metrics) == ids_on("engineering")
    assert set(dash.viewed) == ids_on("engineering")  # no other tab's tile was computed


def test_a_metric_on_two_requested_tabs_is_viewed_once() -> None:
    shared = next(m for m in PLAN.metrics if m.also_on)
    tabs = (shared.tab, shared.also_on[0])
    dash = CountingDashboard(Clock())
    frame = dash.frame(FrameRequest(tabs=tabs))
    assert dash.viewed.count(shared.id) == 1
    first, second = (next(v for v in frame.tiles[t] if v.metric.id == shared.id) for t in tabs)
    assert first is second


def test_every_tab_gives_every_metric_in_plan_order() -> None:
    frame = CountingDashboard(Clock()).frame(FrameRequest(tabs=TABS))
    assert list(frame.metrics) == [m.id for m in PLAN.metrics]


def test_no_tabs_no_tiles_but_header_and_banners() -> None:
    dash = CountingDashboard(Clock())
    dash.ingest(ok(1000.0, error_rate=2.0, rollout_pct=50.0))
    frame = dash.frame(FrameRequest())
    assert dash.viewed == [] and dict(frame.tiles) == {} and dict(frame.metrics) == {}
    assert frame.rollout_pct == 50.0 and frame.launch == PLAN.launch.name
    assert [t.metric for t in frame.triggers] == [t.metric for t in dash.triggers()]
    assert frame.rollback and frame.overall is dash.overall()
    assert [h.name for h in frame.sources] == ["dd"]


def test_detail_brings_the_metric_and_its_whole_series() -> None:
    dash = CountingDashboard(Clock())
    for ts in (990.0, 995.0, 1000.0):
        dash.ingest(ok(ts, error_rate=ts / 1000))
    frame = dash.frame(FrameRequest(detail="error_rate"))
    assert dash.viewed == ["error_rate"] and dict(frame.tiles) == {}
    assert frame.detail_series == ((990.0, 0.99), (995.0, 0.995), (1000.0, 1.0))
    assert frame.metrics["error_rate"].value == 1.0
    with pytest.raises(KeyError):
        dash.frame(FrameRequest(detail="no_such_metric"))


def test_a_kind_no_source_reports_is_none_an_empty_report_is_empty() -> None:
    dash = CountingDashboard(Clock())
    assert dash.frame(FrameRequest()).records == Records(None, None, None)
    result = FetchResult(readings=(Reading("error_rate", 1000.0, 0.1),), issues=(), monitors=None)
    dash.ingest(PollOutcome("dd", 1000.0, 0.01, result=result, next_in=10))
    records = dash.frame(FrameRequest()).records
    assert records.issues == () and records.reported("issues")
    assert records.monitors is None and not records.reported("monitors")
    assert records.slow_ops is None and not records.reported("slow_ops")


def test_records_come_sorted_and_merged_across_sources() -> None:
    dash = Dashboard(PLAN, {"a": SourceInfo(10.0), "b": SourceInfo(10.0)}, {}, Clock())
    a = FetchResult(issues=(issue("small", 2),), monitors=(Monitor("m1", "disk", "OK"),))
    b = FetchResult(issues=(issue("big", 40),))
    dash.ingest(PollOutcome("a", 1000.0, 0.01, result=a, next_in=10))
    dash.ingest(PollOutcome("b", 1000.0, 0.01, result=b, next_in=10))
    records = dash.frame(FrameRequest()).records
    assert [i.key for i in records.issues or ()] == ["big", "small"]
    assert [m.key for m in records.monitors or ()] == ["m1"]


def test_a_frame_cannot_be_changed_by_its_readers() -> None:
    frame = CountingDashboard(Clock()).frame(ENGINEERING)
    with pytest.raises(dataclasses.FrozenInstanceError):
        frame.overall = frame.overall  # type: ignore[misc]
    with pytest.raises(TypeError):
        frame.metrics["x"] = frame.tiles["engineering"][0]  # type: ignore[index]
    with pytest.raises(TypeError):
        frame.tiles["support"] = ()  # type: ignore[index]
