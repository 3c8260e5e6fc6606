"""Two war-room viewers on one shared store: a tick in one app shows in the other within one
poll of the store; the record for the automatic items is the collector's, read from the store."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from tests.checklists.test_pilot import state_of
from tests.tui.helpers import wait_for
from warroom.collector.audit_sink import MongoAuditSink
from warroom.collector.checklist_store import MongoRecord, MongoSteps, MongoTicks
from warroom.collector.store import MongoStore
from warroom.core.config import default_config
from warroom.core.model import FetchResult, Reading
from warroom.core.poller import PollOutcome
from warroom.core.runbook.audit import AuditLog
from warroom.sources.registry import SourceSet
from warroom.tui.app import WarroomApp
from warroom.tui.checklist_watch import TICKS_EVERY
from warroom.tui.options import AppOptions
from warroom.widgets.checklist_table import ChecklistTable
from warroom.widgets.header import LaunchHeader

pytestmark = pytest.mark.mongo


async def test_a_tick_in_one_viewer_shows_in_the_other_within_one_poll(
    store_uri: str, tmp_path: Path
) -> None:
    config = default_config()
    app = WarroomApp(config, SourceSet(), poll=False, options=AppOptions(store=store_uri))
    other = MongoTicks(store_uri, AuditLog(tmp_path / "bo.jsonl", user="bo", host="bo-laptop"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await wait_for(lambda: state_of(app, "load_memory_cpu") == "○ open")
        table = app.screen.query_one(ChecklistTable)
        # In a thread: a new client's first write must not stall the app's loop, and the
        # time it takes is not the viewer's.
        args = ("load_testing", "load_memory_cpu", "Check memory usage", True, "grafana ok")
        await asyncio.to_thread(other.tick, *args)
        ticked_at = time.monotonic()
        await wait_for(lambda: state_of(app, "load_memory_cpu") == "✓ done", 10)
        # A poll of the store brought it, not a restart; the slack is for a loaded machine
        # (each poll is a store query in a thread), the latency is not what is tested here.
        assert time.monotonic() - ticked_at <= TICKS_EVERY * 8
        cell = table.row_cells("item:load_memory_cpu")[2]
        assert "ticked by bo@bo-laptop" in str(getattr(cell, "plain", cell))
        await pilot.press("escape")
        await wait_for(lambda: "│ Test 1/17 │" in app.screen.query_one(LaunchHeader).text)
    other.close()


async def test_the_record_is_read_from_the_collectors_store(store_uri: str, tmp_path: Path) -> None:
    store = MongoStore(store_uri)
    await store.prepare()
    start = time.time() - 3600
    outcomes = []
    for n in range(61):  # a poll a minute for an hour, with a 20-minute hole in the middle
        if 20 <= n < 40:
            continue
        at = start + n * 60
        value = 1.7 if n == 10 else 0.05  # error rate past the 1% trigger once
        result = FetchResult(readings=(Reading("error_rate", at, value),))
        outcomes.append(PollOutcome("datadog", at, 0.01, result=result, next_in=60))
    await store.write(outcomes, None)
    await store.close()
    record = MongoRecord(store_uri)
    coverage = record.coverage(start, start + 3600, 300, ["datadog"])
    assert (coverage.first, coverage.last) == (start, start + 3600)
    assert coverage.gaps == ((start + 40 * 60, 21 * 60.0),)
    assert coverage.continuous_since(600, start + 3600) == start + 40 * 60
    times = record.trigger_times(start, start + 3600, default_config().triggers)
    assert times == {"rollback_error_rate": pytest.approx(start + 600, abs=0.01)}
    record.close()
    sink = MongoAuditSink(store_uri)
    log = AuditLog(tmp_path / "a.jsonl", user="ana", host="h")
    log.add_sink(sink)
    log.append("finished", step="revert_deployment", outcome="done")
    sink.close()  # the copy is written in the sink's thread; closing waits for it
    steps = MongoSteps(store_uri)
    assert [(r["step"], r["outcome"]) for r in steps.step_records()] == [
        ("revert_deployment", "done")
    ]
    steps.close()
    sink.close()
