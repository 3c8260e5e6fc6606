"""New Relic answers in the attribute's unit (seconds for APM and Browser, milliseconds for
Synthetics); warroom shows the plan's unit, and a unit that cannot convert is a problem."""

from __future__ import annotations

import pytest

from tests.fakes.newrelic_server import NerdGraphState
from tests.newrelic.conftest import MakeSource, plan_with
from tests.newrelic.test_batch import latest, with_query
from warroom.core.units import Unit
from warroom.sources.newrelic.units import UNKNOWN, ValueUnit, value_unit

CASES = [
    ("SELECT percentage(count(*), WHERE error IS true) FROM Transaction", ValueUnit(Unit("%"))),
    ("SELECT count(*) AS 'value' FROM Transaction", ValueUnit(Unit())),
    ("SELECT uniqueCount(session) FROM PageView", ValueUnit(Unit())),
    ("SELECT rate(count(*), 1 minute) FROM Transaction", ValueUnit(Unit(None, "min"))),
    ("SELECT rate(count(*), 5 minutes) FROM Transaction", ValueUnit(Unit(None, "min"), 0.2)),
    ("SELECT rate(count(*), 1 second) FROM Transaction", ValueUnit(Unit(None, "s"))),
    ("SELECT average(duration) FROM Transaction SINCE 1 hour ago", ValueUnit(Unit("s"))),
    ("select percentile(duration, 95) from Transaction", ValueUnit(Unit("s"))),
    ("SELECT max(duration) AS 'value' FROM SyntheticCheck", ValueUnit(Unit("ms"))),
    ("SELECT average(duration.ms) FROM Span", ValueUnit(Unit("ms"))),
    ("SELECT filter(average(duration), WHERE name = 'x') FROM Transaction", ValueUnit(Unit("s"))),
    ("SELECT average(duration) * 1000 AS 'value' FROM Transaction", UNKNOWN),
    ("SELECT average(renderTime) FROM PageAction", UNKNOWN),
    ("SELECT latest(version) FROM Deployment", UNKNOWN),
    ("not nrql at all", UNKNOWN),
]


@pytest.mark.parametrize(("nrql", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_the_unit_is_read_from_the_function_and_the_attribute(
    nrql: str, expected: ValueUnit
) -> None:
    assert value_unit(nrql) == expected


def test_the_teams_own_attributes_add_to_the_table() -> None:
    extra = {"PageAction.renderTime": "ms"}
    assert value_unit("SELECT average(renderTime) FROM PageAction", extra) == ValueUnit(Unit("ms"))


async def test_seconds_become_the_plans_milliseconds_and_milliseconds_its_seconds(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    config = with_query(
        "page_load", "SELECT average(duration) AS 'value' FROM SyntheticCheck SINCE 5 minutes ago"
    )
    state.profile.duration_s = 0.4
    values = latest((await make_source(config).fetch()).readings)
    assert values["api_response"] == pytest.approx(400.0)  # Transaction.duration: s -> ms
    assert values["page_load"] == pytest.approx(0.85)  # SyntheticCheck.duration: 850 ms -> s


async def test_rates_convert_between_per_second_and_per_minute(make_source: MakeSource) -> None:
    config = with_query(
        "request_rate", "SELECT rate(count(*), 1 second) FROM Transaction SINCE 5 minutes ago"
    )
    values = latest((await make_source(config).fetch()).readings)
    assert values["request_rate"] == pytest.approx(200.0)  # 3.33/s in rpm


async def test_a_unit_that_cannot_convert_is_a_problem_and_is_never_queried(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    config = with_query(
        "error_rate", "SELECT average(duration) FROM Transaction SINCE 5 minutes ago"
    )
    result = await make_source(config).fetch()
    assert result.problems == {"error_rate": "New Relic value reported in s, the plan wants %"}
    assert "error_rate" not in latest(result.readings)
    sent = set(state.log[0].variables.values())
    assert "SELECT average(duration) FROM Transaction SINCE 5 minutes ago" not in sent


async def test_attribute_units_from_config_convert_custom_attributes(
    make_source: MakeSource,
) -> None:
    config = with_query(
        "component_render",
        "SELECT average(renderTime) AS 'value' FROM PageAction SINCE 5 minutes ago",
        plan_with(attribute_units={"PageAction.renderTime": "s"}),
    )
    values = latest((await make_source(config).fetch()).readings)
    assert values["component_render"] == pytest.approx(40_000.0)  # told it is seconds: 40 s in ms
