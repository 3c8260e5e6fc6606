"""`warroom guard` and `warroom collect` on the simulated launch and a shared store: start
one, read the lease document as the processes see it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from pymongo import MongoClient

from tests.guard.vendors import ROOT, Guard
from warroom.collector.lease import LEASE_ID
from warroom.collector.store import database_of

CONFIG = """
[autorollback]
mode = "act"
countdown = {countdown}

[history]
enabled = false
"""


def lease(uri: str) -> dict[str, Any]:
    client: MongoClient[dict[str, Any]]
    with MongoClient(uri, serverSelectionTimeoutMS=2000) as client:
        return client[database_of(uri)].guard_lease.find_one({"_id": LEASE_ID}) or {}


def start(tmp: Path, name: str, command: str, uri: str, countdown: float) -> Guard:
    config = tmp / "warroom.toml"
    config.write_text(CONFIG.format(countdown=countdown))
    env = {**os.environ, "XDG_STATE_HOME": str(tmp / name)}
    argv = [sys.executable, "-m", "warroom", command, "--demo", "--start-at", "88"]
    argv += ["--store", uri, "--config", str(config)]
    if command == "collect":
        argv += ["--listen", "off", "--heartbeat", "0.3"]
    out = tmp / f"{name}.out"
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out.open("wb"), stderr=subprocess.PIPE)
    return Guard(proc, out)


def pid_of(holder: str) -> int:
    return int(holder.split(":")[-2])
