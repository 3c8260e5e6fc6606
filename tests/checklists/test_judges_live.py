"""The kinds judged from the live dashboard, on the simulated launch: metrics within targets,
source health, flags at a stage, the Atlas backup reading; missing data is never done."""

from __future__ import annotations

import pytest

from tests.checklists.helpers import judge, plan_with
from tests.history.conftest import T0, Clock, demo_set, poll_sim
from warroom.core.checklists.judges import BACKUP_SOURCE, backup_metric
from warroom.core.checklists.state import ItemState
from warroom.core.config import Config
from warroom.core.dashboard import Dashboard, SourceInfo
from warroom.core.errors import Unavailable
from warroom.core.model import FetchResult, Reading
from warroom.core.poller import PollOutcome


def launch_at(config: Config, seconds: int) -> tuple[Dashboard, Clock]:
    """A dashboard fed one poll a second of the simulated launch up to `seconds` in."""
    clock = Clock(T0)
    sources = demo_set(clock, config)
    dashboard = Dashboard(config, sources.info, sources.metric_sources, clock)
    for t in range(seconds + 1):
        clock.now = T0 + t
        dashboard.ingest(poll_sim(sources, clock))
    return dashboard, clock


def test_metrics_within_targets_follows_check_through_the_launch() -> None:
    config = plan_with(
        {"auto": {"kind": "metrics_within_targets"}},
        {"auto": {"kind": "metrics_within_targets", "tabs": ["engineering"]}},
    )
    early, clock = launch_at(config, 20)
    views = judge(config, early, clock.now)
    # KPIs start below their targets: warn, which is "not yet", not a failure.
    assert views["item0"].state is ItemState.OPEN
    assert views["item0"].evidence.startswith("check: warn — ")
    assert views["item1"].state is ItemState.DONE  # engineering is healthy before the incident
    assert "on engineering within targets" in views["item1"].evidence
    incident, clock = launch_at(config, 110)
    views = judge(config, incident, clock.now)
    assert views["item1"].state is ItemState.FAILED
    assert views["item1"].evidence.startswith("check: rollback trigger fired — ")


def test_metrics_within_targets_without_data_is_unknown() -> None:
    config = plan_with({"auto": {"kind": "metrics_within_targets"}})
    empty = Dashboard(config, {"sim": SourceInfo(1.0)}, {}, lambda: T0)
    assert judge(config, empty, T0)["item0"].state is ItemState.UNKNOWN


def test_flags_at_stage_reads_the_rollout_percentage() -> None:
    config = plan_with(
        {"auto": {"kind": "flags_at_stage", "pct": 5}},
        {"auto": {"kind": "flags_at_stage", "pct": 50}},
        {"auto": {"kind": "flags_at_stage", "pct": 100}},
    )
    dashboard, clock = launch_at(config, 65)
    views = judge(config, dashboard, clock.now)
    assert views["item0"].state is ItemState.DONE
    assert views["item1"].state is ItemState.DONE
    assert views["item1"].evidence == "rollout at 50% (Open beta); needs ≥ 50%"
    assert views["item2"].state is ItemState.OPEN
    empty = Dashboard(config, {}, {}, lambda: T0)
    assert judge(config, empty, T0)["item0"].state is ItemState.UNKNOWN


def test_flags_at_stage_takes_any_rollout_source() -> None:
    class Flags:
        def rollout_pct(self) -> float | None:
            return 100.0

    config = plan_with({"auto": {"kind": "flags_at_stage", "pct": 100}})
    empty = Dashboard(config, {}, {}, lambda: T0)
    view = judge(config, empty, T0, rollout=Flags())["item0"]
    assert (view.state, view.evidence) == (
        ItemState.DONE,
        "rollout at 100% (Full release); needs ≥ 100%",
    )


def outcome(
    source: str, *, error: str | None = None, readings: tuple[Reading, ...] = ()
) -> PollOutcome:
    if error is not None:
        return PollOutcome(source, T0, 0.01, error=Unavailable(error), next_in=1)
    return PollOutcome(source, T0, 0.01, result=FetchResult(readings=readings), next_in=1)


def test_source_healthy_states() -> None:
    config = plan_with(
        {"auto": {"kind": "source_healthy"}},
        {"auto": {"kind": "source_healthy", "sources": ["datadog"]}},
        {"auto": {"kind": "source_healthy", "sources": ["mongo"]}},
    )
    infos = {
        "datadog": SourceInfo(1.0),
        "sentry": SourceInfo(1.0),
        "mongo": SourceInfo(1.0, disabled_reason="no MONGODB_URI"),
    }
    dashboard = Dashboard(config, infos, {}, lambda: T0)
    views = judge(config, dashboard, T0)
    assert views["item0"].state is ItemState.UNKNOWN  # nothing answered yet
    assert views["item2"].evidence == "mongo not configured: no MONGODB_URI"
    dashboard.ingest(outcome("datadog"))
    dashboard.ingest(outcome("sentry", error="cannot reach sentry.io"))
    views = judge(config, dashboard, T0)
    assert (views["item0"].state, views["item0"].evidence) == (
        ItemState.FAILED,
        "sentry down: cannot reach sentry.io",
    )
    assert views["item1"].state is ItemState.DONE
    dashboard.ingest(outcome("sentry"))
    assert judge(config, dashboard, T0)["item0"].evidence == "answering: datadog, sentry"


@pytest.mark.parametrize(("age_hours", "state"), [(3.0, ItemState.DONE), (30.0, ItemState.OPEN)])
def test_atlas_backup_recent_from_the_backup_reading(age_hours: float, state: ItemState) -> None:
    config = plan_with(
        {"auto": {"kind": "atlas_backup_recent", "cluster": "Cluster0", "hours": 24}}
    )
    dashboard = Dashboard(config, {BACKUP_SOURCE: SourceInfo(300.0)}, {}, lambda: T0)
    assert judge(config, dashboard, T0)["item0"].state is ItemState.UNKNOWN  # no poll yet
    snapshot = T0 - age_hours * 3600
    dashboard.ingest(
        outcome(BACKUP_SOURCE, readings=(Reading(backup_metric("Cluster0"), T0, snapshot),))
    )
    view = judge(config, dashboard, T0)["item0"]
    assert view.state is state
    assert view.evidence.startswith("Cluster0: newest snapshot ")


def test_atlas_backup_without_snapshot_or_source() -> None:
    config = plan_with(
        {"auto": {"kind": "atlas_backup_recent", "cluster": "Cluster0", "hours": 24}}
    )
    nowhere = Dashboard(config, {}, {}, lambda: T0)
    view = judge(config, nowhere, T0)["item0"]
    assert (view.state, view.evidence) == (
        ItemState.UNKNOWN,
        "no Atlas backup source: Atlas is not configured",
    )
    dashboard = Dashboard(config, {BACKUP_SOURCE: SourceInfo(300.0)}, {}, lambda: T0)
    dashboard.ingest(outcome(BACKUP_SOURCE, error="Atlas server error 503"))
    assert judge(config, dashboard, T0)["item0"].state is ItemState.UNKNOWN
    dashboard.ingest(
        outcome(BACKUP_SOURCE, readings=(Reading(backup_metric("Cluster0"), T0, None),))
    )
    assert judge(config, dashboard, T0)["item0"].evidence == "Cluster0: no completed snapshot"
