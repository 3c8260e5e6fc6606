"""Ticks through the shared MongoDB store: two viewers see each other's ticks with who and
when, and two people ticking at once lose neither tick."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from pymongo import MongoClient

from warroom.collector.checklist_store import TICKS, MongoTicks
from warroom.collector.store import database_of
from warroom.core.checklists.ticks import TickError
from warroom.core.runbook.audit import AuditLog

pytestmark = pytest.mark.mongo


def viewer(uri: str, tmp_path: Path, user: str) -> MongoTicks:
    return MongoTicks(uri, AuditLog(tmp_path / f"{user}.jsonl", user=user, host=f"{user}-laptop"))


def test_a_tick_by_one_viewer_is_seen_by_the_other_with_who_and_note(
    store_uri: str, tmp_path: Path
) -> None:
    ana, bo = viewer(store_uri, tmp_path, "ana"), viewer(store_uri, tmp_path, "bo")
    ana.tick("pre_deployment", "support_team_trained", "Support team trained", True, "drill 09:00")
    seen = bo.load()["support_team_trained"]
    assert (seen.ticked, seen.user, seen.host, seen.note) == (
        True,
        "ana",
        "ana-laptop",
        "drill 09:00",
    )
    bo.tick("pre_deployment", "support_team_trained", "Support team trained", False, "")
    assert ana.load()["support_team_trained"].ticked is False
    assert ana.load()["support_team_trained"].user == "bo"
    # Each viewer's own audit log holds its own record, with who and when.
    ana_log = ana.audit.read().records
    assert [(r["event"], r["item"], r["user"]) for r in ana_log] == [
        ("ticked", "support_team_trained", "ana")
    ]
    assert [r["event"] for r in bo.audit.read().records] == ["unticked"]
    ana.close()
    bo.close()


def test_concurrent_ticks_lose_nothing(store_uri: str, tmp_path: Path) -> None:
    people = [viewer(store_uri, tmp_path, f"p{n}") for n in range(6)]
    start = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def work(ticks: MongoTicks, n: int) -> None:
        try:
            start.wait()
            for round_ in range(5):
                ticks.tick("day", "shared_item", "Shared", round_ % 2 == 0, f"p{n} r{round_}")
                ticks.tick("day", f"own_{n}_{round_}", "Own", True, "")
        except BaseException as exc:  # reported below, on the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t, n)) for n, t in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    client: MongoClient[dict[str, Any]]
    with MongoClient(store_uri) as client:
        found: list[dict[str, Any]] = list(client[database_of(store_uri)][TICKS].find())
    docs = {d["_id"]: d for d in found}
    shared = docs.pop("shared_item")
    assert shared["version"] == 30 and len(shared["history"]) == 30
    assert sorted(h["note"] for h in shared["history"]) == sorted(
        f"p{n} r{r}" for n in range(6) for r in range(5)
    )
    assert sorted(docs) == sorted(f"own_{n}_{r}" for n in range(6) for r in range(5))
    assert people[0].load().keys() == {*docs, "shared_item"}
    for ticks in people:
        ticks.close()


def test_an_unreachable_store_ticks_nothing_and_says_so(tmp_path: Path) -> None:
    dead = viewer("mongodb://127.0.0.1:1/warroom?serverSelectionTimeoutMS=300", tmp_path, "ana")
    with pytest.raises(
        TickError, match=r"shared store 127\.0\.0\.1:1: ticking failed .*nothing was ticked"
    ):
        dead.tick("pre", "x", "X", True, "")
    assert dead.audit.read().records == []  # no local record of a tick that did not happen
    with pytest.raises(TickError):
        dead.load()


def test_warroom_checklist_reads_ticks_from_the_store(store_uri: str, tmp_path: Path) -> None:
    from tests.cli.test_headless import warroom

    config = tmp_path / "warroom.toml"
    config.write_text(
        '[history]\nenabled = false\n\n[[checklists]]\nid = "gate"\ntitle = "Gate"\n'
        'phase = "pre"\n\n[[checklists.items]]\nid = "trained"\ntext = "Support team trained"\n',
        encoding="utf-8",
    )
    args = ("checklist", "--store", store_uri, "--config", str(config), "--phase", "pre")
    assert warroom(*args).returncode == 4
    ana = viewer(store_uri, tmp_path, "ana")
    ana.tick("gate", "trained", "Support team trained", True, "")
    result = warroom(*args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "✓ Support team trained — ticked by ana@ana-laptop" in result.stdout
    ana.close()
