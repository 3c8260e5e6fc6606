"""How `warroom guard` stops: SIGTERM exits 0, Ctrl-C (SIGINT) exits 130, both after a clean
shutdown, never with a traceback; a countdown stopped that way ran nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.guard.vendors import ROOT, Guard

CONFIG = '[autorollback]\nmode = "act"\ncountdown = 600\n\n[history]\nenabled = false\n'


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 0), (signal.SIGINT, 130)])
def test_a_signal_stops_it_cleanly(tmp_path: Path, sig: signal.Signals, code: int) -> None:
    config = tmp_path / "warroom.toml"
    config.write_text(CONFIG)
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    argv = [sys.executable, "-m", "warroom", "guard", "--demo", "--start-at", "88"]
    out = tmp_path / "guard.out"
    proc = subprocess.Popen(
        [*argv, "--config", str(config)],
        cwd=ROOT, env=env, stdout=out.open("wb"), stderr=subprocess.PIPE,
    )  # fmt: skip
    guard = Guard(proc, out)
    try:
        guard.wait_for("tripped", timeout=60)  # in its countdown, ten minutes from acting
        proc.send_signal(sig)
        assert proc.wait(timeout=30) == code
        assert proc.stderr is not None and b"Traceback" not in proc.stderr.read()
        assert "act" not in guard.kinds()
        log = tmp_path / "state" / "warroom" / "audit.jsonl"
        records = [json.loads(line) for line in log.read_text().splitlines()]
        assert [r.get("decision") for r in records] == ["tripped"]  # and no step started
    finally:
        if proc.poll() is None:
            guard.kill9()
        if proc.stderr is not None:
            proc.stderr.close()
