"""Runbook audit records from any viewer reach the shared store; a viewer with no collector
says so instead of showing nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pymongo import MongoClient

from tests.support.mongod import MongodProcess
from warroom.collector.store import MongoAuditSink, MongoStore, database_of
from warroom.collector.viewer import build_viewer
from warroom.core.config import default_config
from warroom.core.errors import Unavailable
from warroom.core.runbook.audit import AuditLog


def test_audit_records_from_two_viewers_land_in_the_shared_store(
    mongod: MongodProcess, tmp_path: Path
) -> None:
    uri = mongod.uri.replace("/?", "/audit_test?")
    for user in ("ana", "bo"):
        log = AuditLog(tmp_path / f"{user}.jsonl", user=user, host=f"{user}-laptop")
        sink = MongoAuditSink(uri)
        log.add_sink(sink)
        log.append("finished", step="disable_feature_flags", outcome="ok")
        sink.close()
    client: MongoClient[dict[str, Any]]
    with MongoClient(uri) as client:
        records: list[dict[str, Any]] = list(
            client[database_of(uri)].audit.find({}, {"_id": 0}).sort("user")
        )
    assert [(r["user"], r["step"], r["event"]) for r in records] == [
        ("ana", "disable_feature_flags", "finished"),
        ("bo", "disable_feature_flags", "finished"),
    ]


async def test_a_viewer_without_a_collector_says_so(mongod: MongodProcess) -> None:
    uri = mongod.uri.replace("/?", "/nobody_here?")
    sources, store = build_viewer(default_config(), uri)
    assert {s.name for s in sources.sources} >= {"datadog", "sentry"}  # laid out from the plan
    with pytest.raises(Unavailable, match="collector not started"):
        await sources.sources[0].fetch()
    await store.close()


def test_store_uri_password_never_shows() -> None:
    uri = "mongodb://ops:s3cret-pass@127.0.0.1:1/warroom"
    assert "s3cret" not in repr(MongoAuditSink(uri))
    assert "s3cret" not in repr(MongoStore(uri)) and "127.0.0.1:1" in repr(MongoStore(uri))
