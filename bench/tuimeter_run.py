"""Runs ../shared/tools/tuimeter.py on one command and keeps the medians that issue 19 needs.

tuimeter repeats the run itself (`--runs`) and reports min/median/max per figure; only the
medians are kept. Every figure of warroom is later divided by the bare Textual app's figure
from the same bench run, because absolute times drift with the machine and its load.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT.parent / "shared" / "tools"
TUIMETER = TOOLS / "tuimeter.py"
BARE_APP = TOOLS / "bare_textual_app.py"
BYTECODE_ENV = ("-PYTHONDONTWRITEBYTECODE",)
"""Both apps run with bytecode, as an installed package has it (pip compiles at install).
Without it, a shell with PYTHONDONTWRITEBYTECODE=1 makes warroom compile ~200 modules at every
start while bare Textual's site-packages come precompiled: that measured the shell, not us."""


def warm_bytecode() -> None:
    """Compiles warroom (into its __pycache__ folders, which git ignores) before anything is
    measured."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # By the paths imports use (warroom/<layer> are symlinks, which compileall does not follow).
    files = [
        os.path.join(folder, name)
        for folder, _, names in os.walk(ROOT / "warroom", followlinks=True)
        for name in names
        if name.endswith(".py")
    ]
    argv = [sys.executable, "-m", "compileall", "-q", *files]
    subprocess.run(argv, env=env, capture_output=True, check=False)


@dataclass(frozen=True)
class Figures:
    """Medians over the runs of one command at one size."""

    ready_s: float
    bytes_per_s: float
    cpu_pct: float
    rss_mib: float
    """Peak RSS of the process tree (tuimeter's sampled sum)."""


@dataclass(frozen=True)
class Run:
    """What to measure: the command, its ready marker, keys typed before the window."""

    argv: list[str]
    ready: str
    keys: str = ""
    settle: float = 2.0
    env: tuple[str, ...] = ()
    """KEY=VALUE pairs for the program (tuimeter's --env)."""


def meter(run: Run, size: str, runs: int, window: float) -> Figures:
    """Measures `run` at `size` (COLSxROWS) `runs` times. Returns the medians.

    Raises:
        RuntimeError: tuimeter failed or no run reached the ready marker.
    """
    cmd = [sys.executable, str(TUIMETER), "--quiet", "--size", size, "--runs", str(runs)]
    cmd += ["--window", f"{window:g}", "--settle", f"{run.settle:g}", "--ready", run.ready]
    cmd += ["--quit-key", "q", "--cwd", str(ROOT)]
    if run.keys:
        cmd += ["--keys", run.keys, "--keys-when", "before"]
    for pair in (*BYTECODE_ENV, *run.env):
        cmd.append(f"--env={pair}")  # "=": an unset (-KEY) is not an option
    done = subprocess.run([*cmd, "--", *run.argv], capture_output=True, text=True, check=False)
    try:
        report = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise RuntimeError(f"tuimeter gave no report: {done.stderr.strip()[-300:]}") from None
    if not report.get("ok_runs"):
        raise RuntimeError(f"no run of {run.argv[-3:]} reached {run.ready!r}")
    # Without a window (start-up alone) tuimeter reports no steady figures.
    median = {name: figure["median"] for name, figure in report["summary"].items()}
    return Figures(
        median["ready_s"],
        median.get("bytes_per_s", 0.0),
        median.get("cpu_pct", 0.0),
        median.get("rss_peak_mib", 0.0),
    )
