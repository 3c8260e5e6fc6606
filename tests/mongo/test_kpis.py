"""The default plan's KPI pipelines against the seeded demo data, value for value."""

from __future__ import annotations

import pytest

from tests.mongo.conftest import DATABASE, SEED, SEED_USERS, Seeded
from tests.mongo.helpers import source
from tests.mongo.kpi_expected import expected
from warroom.core.config import default_config
from warroom.dataset.data import build

pytestmark = pytest.mark.mongo


async def test_every_kpi_matches_the_python_computation(replica_set: Seeded) -> None:
    config = default_config()
    want = expected(build(SEED_USERS, SEED, replica_set.now), replica_set.now)
    mongo = source(replica_set.uri, config, database=DATABASE)
    try:
        result = await mongo.fetch()
    finally:
        await mongo.close()
    got = {r.metric: r.value for r in result.readings}
    kpi_metrics = {m.id: m.query for m in config.metrics if m.query in want}
    assert len(kpi_metrics) == len(config.sources.mongo.pipelines) == len(want)
    for metric, name in kpi_metrics.items():
        assert got[metric] == pytest.approx(want[str(name)], rel=1e-9), name
    assert "kpi errors" not in result.info


async def test_seed_counts_match_the_dataset(replica_set: Seeded) -> None:
    data = build(SEED_USERS, SEED, replica_set.now)
    assert replica_set.counts == {name: len(docs) for name, docs in data.items()}
    assert replica_set.counts["users"] == SEED_USERS


async def test_a_failing_pipeline_is_a_gap_with_a_reason(replica_set: Seeded) -> None:
    config = default_config()
    bad = {"collection": "users", "pipeline": [{"$project": {"value": {"$divide": [1, 0]}}}]}
    pipelines = {"profile_completion": config.sources.mongo.pipelines["profile_completion"]}
    settings = config.sources.mongo.model_validate(
        {**config.sources.mongo.model_dump(), "pipelines": {**pipelines, "feature_adoption": bad}}
    )
    mongo = source(replica_set.uri, config, pipelines=settings.pipelines)
    try:
        result = await mongo.fetch()
    finally:
        await mongo.close()
    got = {r.metric: r.value for r in result.readings}
    assert got["feature_adoption"] is None
    assert got["profile_completion"] is not None
    assert result.info["kpi errors"].startswith("1: feature_adoption: server error")
    assert result.info["unknown pipelines"].startswith("36: auction_participation, ")


async def test_empty_result_reports_the_configured_default(standalone: object) -> None:
    from tests.support.mongod import MongodProcess

    assert isinstance(standalone, MongodProcess)
    mongo = source(standalone.uri, default_config(), database="empty_db")
    try:
        result = await mongo.fetch()
    finally:
        await mongo.close()
    got = {r.metric: r.value for r in result.readings}
    assert got["ticket_volume"] == 0  # `empty = 0` in the plan: no tickets is zero tickets
    assert got["profile_completion"] is None  # no profiles: a gap, not 0 %
