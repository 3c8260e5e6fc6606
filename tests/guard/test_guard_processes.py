"""Two `warroom guard` processes on one real mongod: exactly one holds the lease and counts
down; kill -9 it and the other takes over within the TTL, trips on readings of its own and
acts, once. `warroom collect` runs the guard too, its records in the shared audit. `--once`
on a lease left stood down is refused until someone re-arms it."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest
from pymongo import MongoClient

from tests.guard.stores import CONFIG, lease, pid_of, start
from tests.guard.vendors import until
from tests.support.mongod import MongodProcess
from warroom.collector.lease import DEFAULT_TTL, LEASE_ID
from warroom.collector.store import database_of
from warroom.tui.cli import main

pytestmark = pytest.mark.mongo


def test_two_guards_exactly_one_acts_and_the_other_takes_over(
    mongod: MongodProcess, tmp_path: Path
) -> None:
    uri = mongod.uri.replace("/?", f"/two{time.monotonic_ns()}?")
    guards = [start(tmp_path, name, "guard", uri, countdown=8) for name in ("a", "b")]
    try:
        until(lambda: (lease(uri).get("state") or {}).get("phase") == "countdown", 40, "trip")
        holder = next(g for g in guards if g.proc.pid == pid_of(lease(uri)["holder"]))
        other = next(g for g in guards if g is not holder)
        assert "tripped" in holder.kinds() and "tripped" not in other.kinds()
        holder.kill9()
        died = time.monotonic()
        until(lambda: pid_of(lease(uri).get("holder", "x:0:x")) == other.proc.pid,
              DEFAULT_TTL + 4, "takeover")  # fmt: skip
        assert time.monotonic() - died < DEFAULT_TTL + 4
        took = other.wait_for("holding")
        tripped = other.wait_for("tripped")
        assert all(e["ts"] > took["at"] for e in tripped["evidence"])  # its own readings
        other.wait_for("finished", timeout=30)
        assert other.kinds().count("act") == 1 and "act" not in holder.kinds()
        assert other.stop() == 0
    finally:
        for guard in guards:
            if guard.proc.poll() is None:
                guard.kill9()


def test_collect_runs_the_guard_into_the_shared_audit(
    mongod: MongodProcess, tmp_path: Path
) -> None:
    uri = mongod.uri.replace("/?", f"/collect{time.monotonic_ns()}?")
    collector = start(tmp_path, "collector", "collect", uri, countdown=1)
    try:
        until(lambda: b"automatic rollback: group immediate: done" in collector.out.read_bytes(),
              40, "the collector's run")  # fmt: skip
        client: MongoClient[dict[str, Any]]
        with MongoClient(uri, serverSelectionTimeoutMS=2000) as client:
            records: list[dict[str, Any]] = list(
                client[database_of(uri)].audit.find({"actor": "autorollback"})
            )
        steps = [r["step"] for r in records if r["event"] == "started"]
        assert steps == ["revert_deployment", "disable_feature_flags", "switch_traffic"]
        assert all(len(r["evidence"]) == 3 for r in records if r["event"] == "started")
        # Published at its next tick, within a second: what viewers show.
        until(lambda: (lease(uri).get("state") or {}).get("phase") == "stood-down", 5, "state")
        assert collector.stop() == 0
    finally:
        if collector.proc.poll() is None:
            collector.kill9()


def test_abort_from_the_command_line_reaches_the_holder(
    mongod: MongodProcess, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    uri = mongod.uri.replace("/?", f"/ask{time.monotonic_ns()}?")
    assert main(["guard", "--store", uri, "--abort", "a load test"]) == 3
    assert "no process holds the lease" in capsys.readouterr().out
    guard = start(tmp_path, "holder", "guard", uri, countdown=60)
    try:
        until(lambda: (lease(uri).get("state") or {}).get("phase") == "countdown", 40, "trip")
        assert main(["guard", "--store", uri, "--abort", "a load test"]) == 0
        assert "abort passed to" in capsys.readouterr().out
        aborted = guard.wait_for("aborted", timeout=10)
        assert aborted["message"].endswith(": a load test")
        assert pid_of(lease(uri)["holder"]) == guard.proc.pid  # asking took nothing
    finally:
        guard.stop()


def test_once_on_a_lease_left_stood_down_is_refused_until_re_armed(
    mongod: MongodProcess, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    uri = mongod.uri.replace("/?", f"/left{time.monotonic_ns()}?")
    with MongoClient[dict[str, Any]](uri, serverSelectionTimeoutMS=2000) as client:
        left: dict[str, Any] = {  # a holder that ran the group, then left
            "_id": LEASE_ID, "holder": "old:1:abc", "expires": dt.datetime(2020, 1, 1),
            "state": {"phase": "stood-down", "outcome": "the immediate group ran"},
        }  # fmt: skip
        client[database_of(uri)].guard_lease.insert_one(left)
    config = tmp_path / "warroom.toml"
    config.write_text(CONFIG.format(countdown=1))
    argv = ["guard", "--demo", "--once", "--store", uri, "--config", str(config)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "stood down after the immediate group ran; re-arm it first" in err
