"""`warroom guard` as a real process against local vendor servers on 127.0.0.1: the fake
Datadog serves the error rate the test sets, the fake LaunchDarkly holds the launch flag that
the runbook's "Disable feature flags" turns off (`rollout_action = flag_off`)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.datadog_server import API_KEY, APP_KEY, FakeDatadog
from tests.fakes.launchdarkly_data import make_flag
from tests.fakes.launchdarkly_server import LdState, launchdarkly_server

ROOT = Path(__file__).resolve().parents[2]
QUERY = "avg:app.error_rate{env:prod}"
FLAG = "profile-v2"
HEALTHY, BREACH = 0.05, 2.5

PLAN = """
replace = ["metrics", "alerts", "trends", "triggers", "criteria"]

[[metrics]]
id = "error_rate"
label = "Error rate"
tab = "engineering"
unit = "%"
warn = 0.5
crit = 1
source = "datadog"
query = "{query}"

[[triggers]]
id = "rollback_error_rate"
metric = "error_rate"
op = ">"
threshold = 1
message = "Error rate above 1%"

[sources.datadog]
interval = 0.5
timeout = 3
rollup = 1
lookback = 60
monitors = false

[history]
enabled = false

[runbook]
audit_path = "{audit}"

[[runbook.groups]]
id = "immediate"
title = "Immediate rollback"

[[runbook.steps]]
id = "revert_deployment"
title = "Revert to previous deployment"
group = "immediate"
action = {{ kind = "manual" }}

[[runbook.steps]]
id = "disable_feature_flags"
title = "Disable feature flags"
group = "immediate"
action = {{ kind = "manual" }}
rollout_action = {{ kind = "flag_off" }}

[rollout]
provider = "launchdarkly"
flags = ["{flag}"]
timeout = 2
interval = 5

[autorollback]
mode = "act"
countdown = {countdown}
"""


@dataclass
class Guard:
    """One `warroom guard` process; its stdout (the decisions) goes to a file."""

    proc: subprocess.Popen[bytes]
    out: Path
    started: float = field(default_factory=time.time)

    def decisions(self) -> list[dict[str, Any]]:
        lines = self.out.read_text().splitlines() if self.out.exists() else []
        return [json.loads(line) for line in lines if line.startswith("{")]

    def kinds(self) -> list[str]:
        return [d["kind"] for d in self.decisions() if d["kind"] != "evaluated"]

    def wait_for(self, kind: str, timeout: float = 30.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [d for d in self.decisions() if d["kind"] == kind]
            if found:
                return found[-1]
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        err = self.proc.stderr.read().decode() if self.proc.stderr and self.proc.poll() else ""
        raise AssertionError(f"no {kind!r} decision: {self.kinds()} {err[-600:]}")

    def kill9(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # fails the test, and leaves no process behind
            self.proc.kill()
            self.proc.wait(timeout=5)
            raise
        if self.proc.stderr is not None:
            self.proc.stderr.close()
        return code


@dataclass
class Rig:
    tmp: Path
    datadog: FakeDatadog
    ld: LdState
    env: dict[str, str]
    guards: list[Guard] = field(default_factory=list)

    def config(self, countdown: float) -> Path:
        path = self.tmp / f"warroom-{countdown:g}.toml"
        audit = self.tmp / "audit.jsonl"
        path.write_text(PLAN.format(query=QUERY, audit=audit, flag=FLAG, countdown=countdown))
        return path

    def error_rate(self, value: float) -> None:
        with self.datadog.lock:
            self.datadog.state.values[QUERY] = value

    def start(self, *args: str, countdown: float = 3.0) -> Guard:
        out = self.tmp / f"guard-{len(self.guards)}.jsonl"
        argv = [sys.executable, "-m", "warroom", "guard", "--config", str(self.config(countdown))]
        proc = subprocess.Popen(
            [*argv, *args], cwd=ROOT, env=self.env, stdout=out.open("wb"), stderr=subprocess.PIPE
        )
        guard = Guard(proc, out)
        self.guards.append(guard)
        return guard

    def audit(self) -> list[dict[str, Any]]:
        path = self.tmp / "audit.jsonl"
        return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []

    def patches(self) -> int:
        """Changes asked of the flag service: its change log."""
        return sum(1 for seen in self.ld.seen if seen.method == "PATCH")

    def flag(self) -> dict[str, Any]:
        return self.ld.flags[FLAG]


def until(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what}: not within {timeout:g}s")


@pytest.fixture
def vendors(tmp_path: Path) -> Iterator[Rig]:
    state = LdState()
    state.flags = {FLAG: make_flag(FLAG, {"production": (True, 50)})}
    with FakeDatadog() as dd, launchdarkly_server(state) as (ld_url, ld):
        dd.state.values[QUERY] = HEALTHY
        dd.set_limit("/api/v2/query/timeseries", limit=10**6, remaining=10**6, reset=3600)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DD_", "LD_"))}
        env.update({
            "DD_API_KEY": API_KEY, "DD_APP_KEY": APP_KEY, "DD_HOST": dd.url,
            "LD_ACCESS_TOKEN": ld.token, "LD_BASE_URI": ld_url,
            "XDG_STATE_HOME": str(tmp_path / "state"),
        })  # fmt: skip
        made = Rig(tmp_path, dd, ld, env)
        try:
            yield made
        finally:
            for guard in made.guards:
                if guard.proc.poll() is None:
                    guard.kill9()
                if guard.proc.stderr is not None:
                    guard.proc.stderr.close()
