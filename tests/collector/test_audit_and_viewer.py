"""Runbook audit records from any viewer reach the shared store, and a store that never
answers holds up neither the runbook nor quitting; a viewer with no collector says so
instead of showing nothing, and judges the collector's heartbeat on the store's clock."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from pymongo import MongoClient

from tests.support.mongod import MongodProcess
from tests.support.silent import silent_port
from warroom.collector.audit_sink import CLOSE_WITHIN, MongoAuditSink
from warroom.collector.store import MongoStore, database_of, heartbeat_doc
from warroom.collector.viewer import STALE_AFTER, HeartbeatWatch, build_viewer
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


def test_a_store_that_never_answers_holds_neither_the_writer_nor_the_close(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "ana.jsonl"
    with silent_port() as port:
        log = AuditLog(path, user="ana", host="ana-laptop")
        sink = MongoAuditSink(f"mongodb://127.0.0.1:{port}/audit_test?directConnection=true")
        log.add_sink(sink)
        began = time.monotonic()
        for step in ("a", "b", "c"):
            log.append("finished", step=step, outcome="ok")
        # Copied in the sink's own thread: each copy waits out a 2 s server selection there.
        assert time.monotonic() - began < 1.0
        began = time.monotonic()
        sink.close()
        assert time.monotonic() - began < CLOSE_WITHIN + 1.5
    assert [json.loads(line)["step"] for line in path.read_text().splitlines()] == ["a", "b", "c"]
    assert "audit copies" in caplog.text and "not written" in caplog.text


@pytest.mark.parametrize("skew", [-40.0, 40.0])
async def test_the_heartbeat_s_age_is_judged_on_the_store_s_clock(
    mongod: MongodProcess, skew: float
) -> None:
    # The collector's clock and the viewer's differ by 40 s; the heartbeat is fresh.
    uri = mongod.uri.replace("/?", f"/skew{time.monotonic_ns()}?")
    store = MongoStore(uri)
    try:
        await store.write([], heartbeat_doc({}, {}, time.time() + skew, time.time() + skew))
        watch = HeartbeatWatch(store, stale_after=STALE_AFTER)
        host, age = await watch.check()
        assert host.startswith("collector ") and 0.0 <= age < 5.0
    finally:
        await store.close()
