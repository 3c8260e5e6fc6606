"""Monitor states for the Engineering tab, filtered by tags, every page of them; Alert/Warn
feed the alert banner."""

from __future__ import annotations

from collections.abc import Callable

from tests.fakes.datadog_routes import monitor
from tests.fakes.datadog_server import FakeDatadog
from warroom.core.model import Priority
from warroom.sources.datadog.monitors import normalise_state
from warroom.sources.datadog.source import DatadogSource

MON = "/api/v1/monitor"


def test_states_fold_into_four() -> None:
    got = [
        normalise_state(s)
        for s in ("Alert", "Warn", "No Data", "OK", "Ignored", "Skipped", "Unknown")
    ]
    assert got == ["Alert", "Warn", "No Data", "OK", "OK", "No Data", "No Data"]


async def test_monitors_worst_first_and_alerts_by_priority(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    result = await make_source().fetch()
    assert result.monitors is not None
    assert [(m.name, m.state) for m in result.monitors] == [
        ("Checkout errors", "Alert"),
        ("API latency", "Warn"),
        ("Batch jobs", "No Data"),
        ("Render time", "OK"),
    ]
    assert [(a.key, a.priority) for a in result.alerts] == [
        ("monitor:1", Priority.HIGH),
        ("monitor:2", Priority.MEDIUM),
    ]
    assert all(a.source == "datadog" for a in result.alerts)


async def test_monitor_tags_filter_on_the_server_and_locally(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    result = await make_source(monitor_tags=["launch", "team:web"]).fetch()
    assert fake.requests(MON)[-1].query["monitor_tags"] == ["launch,team:web"]
    assert result.monitors is not None
    assert {m.key for m in result.monitors} == {"1", "2", "3"}


async def test_untrusted_monitor_names_are_made_inert(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    fake.state.monitors = [monitor(9, "evil\x1b]0;title\x07name", "Alert", [])]
    result = await make_source().fetch()
    assert result.monitors is not None
    assert "\x1b" not in result.monitors[0].name and "\x1b" not in result.alerts[0].message


async def test_monitor_interval_spares_requests_and_keeps_the_banner(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    source = make_source(monitor_interval=3600)
    await source.start()
    fake.clear_log()
    first = await source.fetch()
    second = await source.fetch()
    assert fake.count(MON) == 1
    assert second.monitors == first.monitors and second.alerts == first.alerts


async def test_monitors_can_be_turned_off(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    result = await make_source(monitors=False).fetch()
    assert result.monitors is None and result.alerts == ()
    assert fake.count(MON) == 0


async def test_every_page_of_monitors_is_read(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    # 150 monitors: the launch's new one, in alert, is on the second page (id order).
    fake.state.monitors = [monitor(i, f"old {i}", "OK", []) for i in range(1, 150)]
    fake.state.monitors.append(monitor(150, "Profile v2 errors", "Alert", []))
    result = await make_source().fetch()
    assert result.monitors is not None and len(result.monitors) == 150
    assert [a.key for a in result.alerts] == ["monitor:150"]
    listed = [r.query["page"] for r in fake.requests(MON) if r.query["page_size"] == ["100"]]
    assert listed == [["0"], ["1"]]  # (the other request is the app key's check, page_size 1)
    assert "monitors" not in result.info  # all of them: no cap was reached
