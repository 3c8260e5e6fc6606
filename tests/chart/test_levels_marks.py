"""Level lines are labelled in full; timeline events become chart marks."""

from __future__ import annotations

from warroom.core.chart.levels import chart_levels
from warroom.core.chart.marks import marks_from_events, marks_from_triggers
from warroom.core.config import default_config
from warroom.core.history.events import ChangeTracker, Event
from warroom.core.model import Alert, Priority

PLAN = default_config()
METRICS = {m.id: m for m in PLAN.metrics}


def test_error_rate_levels_name_every_line() -> None:
    levels = chart_levels(METRICS["error_rate"], PLAN.triggers)
    assert [(lvl.value, lvl.kind, lvl.label) for lvl in levels] == [
        (0.1, "warn", "target 0.10% · warn 0.10%"),
        (0.5, "crit", "crit 0.50%"),
        (1.0, "rollback", "rollback > 1%"),
    ]


def test_a_metric_without_levels_has_no_lines() -> None:
    assert chart_levels(METRICS["mongo_connections"], PLAN.triggers) == []


def test_triggers_runbook_steps_and_flag_changes_become_marks() -> None:
    tracker = ChangeTracker()
    flags = tracker.flag("rollout_pct", 10.0, 15.0) + tracker.flag("rollout_pct", 40.0, 50.0)
    events = [
        Event(
            30.0,
            "trigger",
            "rollback_error_rate",
            {"state": "raised", "message": "Error rate above 1%"},
        ),
        Event(20.0, "alert", "high_error_rate", {"state": "raised"}),
        Event(
            50.0, "audit", "revert_deployment", {"event": "started", "step": "revert_deployment"}
        ),
        Event(
            55.0,
            "audit",
            "revert_deployment",
            {
                "event": "finished",
                "step": "revert_deployment",
                "user": "ana",
                "host": "b",
                "outcome": "done",
            },
        ),
        Event(56.0, "source", "sim", {"state": "down"}),
        *flags,
    ]
    marks = marks_from_events(events)
    assert [(m.ts, m.symbol) for m in marks] == [(30.0, "T"), (40.0, "F"), (55.0, "R")]
    assert marks[0].text == "trigger rollback_error_rate raised: Error rate above 1%"
    assert marks[1].text == "flag rollout_pct changed: 15% → 50%"
    assert marks[2].text == "runbook finished revert_deployment by ana@b (done)"


def test_the_first_rollout_value_is_no_change() -> None:
    tracker = ChangeTracker()
    assert tracker.flag("rollout_pct", 1.0, 5.0) == []
    assert tracker.flag("rollout_pct", 2.0, 5.0) == []
    assert len(tracker.flag("rollout_pct", 3.0, 15.0)) == 1


def test_without_history_the_firing_triggers_are_marked_where_they_began() -> None:
    firing = [
        Alert("rollback_page_load", Priority.HIGH, "page_load", "Page load above 5 s", since=90.0),
        Alert("unstamped", Priority.HIGH, "x", "no start known"),
    ]
    (mark,) = marks_from_triggers(firing)
    assert mark.ts == 90.0 and mark.kind == "trigger" and "Page load above 5 s" in mark.text


def test_mark_text_is_made_inert() -> None:
    (mark,) = marks_from_events(
        [Event(1.0, "trigger", "t", {"state": "raised", "message": "\x1b[2Jboom"})]
    )
    assert "\x1b" not in mark.text
