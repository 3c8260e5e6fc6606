"""Open alert issues (`aiIssues`) ride in the poll's one request: monitors on the Engineering
tab and alerts in the banner, as Datadog monitors do, with every title made inert."""

from __future__ import annotations

import time

from tests.fakes.newrelic_server import NerdGraphState, issue
from tests.hostile.corpus import CORPUS, UNSAFE
from tests.newrelic.conftest import MakeSource, newrelic_plan
from warroom.core.dashboard import Dashboard, SourceInfo
from warroom.core.model import Priority
from warroom.core.poller import PollOutcome

OPEN = [
    issue("a", "Checkout latency", "MEDIUM", activated_ago=60),
    issue("b", ["Error rate", "profile-api"], "CRITICAL", entities=("profile-api", "web")),
    issue("c", "Disk", "LOW"),
    issue("d", "Old and closed", "HIGH", state="CLOSED"),
    issue("e", "Older than the window", "HIGH", activated_ago=8 * 86400),
]


async def test_open_issues_are_monitors_worst_first_and_alerts_by_priority(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    state.issues = OPEN
    result = await make_source().fetch()
    assert len(state.log) == 1, "issues come in the same request as the NRQL"
    assert result.monitors is not None
    assert [(m.key, m.name, m.state) for m in result.monitors] == [
        ("b", "Error rate / profile-api", "Alert"),
        ("a", "Checkout latency", "Warn"),
        ("c", "Disk", "Warn"),
    ]
    assert [(a.key, a.priority, a.source) for a in result.alerts] == [
        ("issue:b", Priority.HIGH, "newrelic"),
        ("issue:a", Priority.MEDIUM, "newrelic"),
        ("issue:c", Priority.LOW, "newrelic"),
    ]
    assert result.alerts[0].message == (
        "New Relic issue CRITICAL: Error rate / profile-api (profile-api, web)"
    )
    assert result.info["issues"] == "3 open"


async def test_issues_reach_the_alert_banner(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    state.issues = OPEN[:2]
    config = newrelic_plan()
    dash = Dashboard(
        config, {"newrelic": SourceInfo(30)}, {m.id: m.source for m in config.metrics}, time.time
    )
    dash.ingest(PollOutcome("newrelic", time.time(), 0.1, result=await make_source().fetch()))
    banner = [a for a in dash.alerts() if a.rule.startswith("newrelic:")]
    assert [(a.rule, a.priority) for a in banner] == [
        ("newrelic:issue:b", Priority.HIGH),
        ("newrelic:issue:a", Priority.MEDIUM),
    ]
    assert {m.key for m in dash.monitors()} == {"a", "b"}


async def test_hostile_titles_are_inert_everywhere(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    state.issues = [
        issue(name, [text, text], "HIGH", entities=(text,)) for name, text in CORPUS.items()
    ]
    state.issues_page = len(state.issues)
    result = await make_source().fetch()
    assert result.monitors is not None and len(result.monitors) == len(CORPUS)
    shown = [m.name for m in result.monitors] + [t for m in result.monitors for t in m.tags]
    shown += [a.message for a in result.alerts]
    assert all(not ({ord(c) for c in text} & UNSAFE) for text in shown)
    assert max(len(m.name) for m in result.monitors) <= 120


async def test_a_failed_issues_field_keeps_the_last_states_and_says_why(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    state.issues = OPEN[:1]
    source = make_source()
    first = await source.fetch()
    state.issues = [{**OPEN[0], "priority": "SEVERE"}]  # not in the schema's enum: the field fails
    second = await source.fetch()
    assert second.monitors is None, "None: the Engineering tab keeps the last states"
    assert second.alerts == first.alerts and second.alerts
    assert second.info["issues"].startswith("not read: Enum 'AiIssuesPriority'")
    assert second.readings and second.problems == {}


async def test_more_pages_are_noted_not_fetched(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    state.issues = [issue(str(i), f"issue {i}", "MEDIUM") for i in range(30)]
    result = await make_source().fetch()
    assert result.monitors is not None and len(result.monitors) == 25
    assert result.info["issues"] == "25+ open" and len(state.log) == 1


async def test_issues_can_be_turned_off(state: NerdGraphState, make_source: MakeSource) -> None:
    state.issues = OPEN
    result = await make_source(issues=False).fetch()
    assert result.monitors is None and result.alerts == ()
    assert "aiIssues" not in state.log[0].body["query"]
