"""Vendor units into plan units, and shares of a whole kept inside 0–100."""

from __future__ import annotations

import pytest

from warroom.core.config import default_config
from warroom.core.dashboard import Dashboard, SourceInfo
from warroom.core.model import FetchResult, Reading
from warroom.core.poller import PollOutcome
from warroom.core.units import Unit, UnitMismatch, convert, parse


@pytest.mark.parametrize(
    ("value", "unit", "plan", "expected"),
    [
        (2.1e9, Unit("nanosecond"), "s", 2.1),
        (2.1, Unit("second"), "s", 2.1),
        (350.0, Unit("millisecond"), "s", 0.35),
        (0.25, Unit("second"), "ms", 250.0),
        (0.004, Unit("fraction"), "%", 0.4),
        (12.0, Unit("request", "second"), "/min", 720.0),
        (5.0, Unit("hit", "second"), "rpm", 300.0),
        (2048.0, Unit("byte", "second"), "kB/s", 2.048),
        (7.0, None, "s", 7.0),  # the vendor did not say: trusted to answer in the plan's unit
    ],
)
def test_converts(value: float, unit: Unit | None, plan: str, expected: float) -> None:
    assert convert(value, unit, plan) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("unit", "plan"),
    [(Unit("byte"), "s"), (Unit("percent"), "ms"), (Unit("second"), "ECE"), (Unit("hit"), "%")],
)
def test_units_that_do_not_convert_are_refused(unit: Unit, plan: str) -> None:
    with pytest.raises(UnitMismatch, match="the plan wants"):
        convert(1.0, unit, plan)


def test_plan_units_parse() -> None:
    assert parse("kB/s") == Unit("kB", "s")
    assert parse("rpm") == Unit(None, "min")
    assert parse("") == Unit(None, None)


def _ingest(dash: Dashboard, *readings: Reading, problems: dict[str, str] | None = None) -> None:
    result = FetchResult(readings=readings, problems=problems or {})
    dash.ingest(PollOutcome("datadog", 100.0, 0.1, result=result, next_in=30.0))


def test_a_share_is_clamped_or_flagged_never_drawn_past_100() -> None:
    config = default_config()
    dash = Dashboard(config, {"datadog": SourceInfo(30.0)}, {}, lambda: 101.0)
    _ingest(dash, Reading("uptime", 100.0, 100.4), Reading("dau_change", 100.0, 140.0))
    assert dash.view("uptime").value == 100.0 and dash.view("uptime").problem is None
    assert dash.view("dau_change").value == 140.0  # a change, not a share: not clamped
    _ingest(dash, Reading("uptime", 100.5, 137.0))
    view = dash.view("uptime")
    assert view.value == 100.0  # the last good value stays, with its age
    assert view.problem is not None and "137" in view.problem
    _ingest(dash, Reading("uptime", 101.0, 99.95))
    assert dash.view("uptime").value == 99.95 and dash.view("uptime").problem is None


def test_source_problems_reach_the_view_and_clear() -> None:
    dash = Dashboard(default_config(), {"datadog": SourceInfo(30.0)}, {}, lambda: 101.0)
    _ingest(dash, problems={"page_load": "reported in byte, the plan wants s"})
    assert dash.view("page_load").problem == "reported in byte, the plan wants s"
    _ingest(dash, Reading("page_load", 100.0, 1.8))
    assert dash.view("page_load").problem is None
