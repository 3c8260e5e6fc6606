"""Checklist benchmark: what the app's checklist watch costs. Prints the time to judge every
phase on the live dashboard (done once a second and at start-up, on the app's loop) and to
read a recorded day's coverage and trigger moments from the history file (once per half
minute, in a thread).

    .venv/bin/python bench/checklist_bench.py

The day is the simulated launch recorded on a fake clock at one poll every 30 s (2,880 polls,
one source at the default Datadog interval): no real waiting.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.history.conftest import record_launch  # noqa: E402
from warroom.core.checklists.board import ChecklistBoard, Gathered  # noqa: E402
from warroom.core.checklists.gather import gather, needs_of  # noqa: E402
from warroom.core.checklists.local import local_readers  # noqa: E402
from warroom.core.config import default_config  # noqa: E402
from warroom.core.runbook.audit import AuditLog  # noqa: E402

PLAN = default_config()
ROUNDS = 50


def timed(action: Callable[[int], object], rounds: int = ROUNDS) -> tuple[float, float]:
    """(median, worst) milliseconds of `rounds` calls, each given its round number."""
    samples = []
    for n in range(rounds):
        t0 = time.perf_counter()
        action(n)
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "history.sqlite3"
        t0 = time.perf_counter()
        clock, dashboard = record_launch(path, 2880, 30.0, revert_after=7200)
        print(f"recorded a day: {time.perf_counter() - t0:.1f} s (setup, not measured below)")
        board = ChecklistBoard(PLAN, demo=True)
        # A new clock second each round, as in the app: the dashboard's frame cache misses.
        median, worst = timed(lambda n: board.phases(dashboard, Gathered(), clock.now + n))
        print(f"judge every phase ({sum(len(c.items) for c in PLAN.checklists)} items): "
              f"median {median:.2f} ms, worst {worst:.2f} ms")  # fmt: skip
        readers = local_readers(AuditLog(Path(tmp) / "audit.jsonl"), path, ["sim"], demo=True)
        needs = needs_of(PLAN.checklists)
        median, worst = timed(lambda n: gather(readers, needs, PLAN.triggers, clock.now), 10)
        print(f"read a day's coverage and triggers: median {median:.1f} ms, worst {worst:.1f} ms")
        median, worst = timed(
            lambda n: gather(readers, needs, PLAN.triggers, clock.now, ticks_only=True)
        )
        print(f"read the ticks (every second): median {median:.3f} ms, worst {worst:.3f} ms")


if __name__ == "__main__":
    main()
