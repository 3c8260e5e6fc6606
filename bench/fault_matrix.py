"""Fault matrix figures: per vendor and fault, how the room saw it and how fast it recovered.

Runs the cells of tests/faults/ (real Poller and Dashboard against the vendors' fakes on
127.0.0.1, and a real Unleash behind a fault proxy, 0.3 s interval) and prints, per cell:
failed polls, requests the fake saw from the fault's start to the fresh value against what
one good poll costs, the retry start and the time to a fresh tile (or rollout header), both
from when the vendor answered again, and the cell's wall time. A negative retry start is a
retry before the fake allowed one again: New Relic's refusals never say when, so its adapter
waits a jittered guess (see tests/faults/vendor_newrelic.py).

    .venv/bin/python bench/fault_matrix.py [--vendor unleash] [--fault 429]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.faults.cell import CellRun, run_cells
from tests.faults.harness import INTERVAL, RESET
from tests.faults.table import CELLS
from warroom.core.poller import RETRY_SLACK

HEADER = (
    f"{'vendor':12} {'fault':10} {'failed':>6} {'requests':>9} {'retry s':>8} {'fresh s':>8} "
    f"{'wall s':>7}  reason"
)


def row(run: CellRun) -> str:
    if not run.recovered:
        return f"{run.vendor:12} {run.fault:10} did not recover"
    error = run.failed[0].outcome.error if run.failed else None
    reason = error.reason if error else "-"
    attempts = len(run.failed) + len(run.recovered)
    requests = f"{run.fault_requests}/{run.per_poll * attempts}"
    return (
        f"{run.vendor:12} {run.fault:10} {len(run.failed):6} {requests:>9} "
        f"{run.retry_start:8.2f} {run.recovery:8.2f} {run.wall:7.1f}  {reason[:60]}"
    )


async def main(vendor: str | None, fault: str | None) -> None:
    print(f"interval {INTERVAL}s, 429 reset {RESET}s, bound interval + {RETRY_SLACK:g}s")
    print(HEADER)
    t0 = time.monotonic()
    wanted = [(h, f) for h, f in CELLS if vendor in (None, h.vendor) and fault in (None, f)]
    for name, why in sorted({(h.vendor, h.missing()) for h, _ in wanted if h.missing()}):
        print(f"{name}: not run, {why}")
    wanted = [(h, f) for h, f in wanted if h.missing() is None]
    print(f"running {len(wanted)} cells, about a second each...", file=sys.stderr, flush=True)
    runs = await run_cells(wanted)
    wall = time.monotonic() - t0
    for harness, mode in wanted:
        print(row(runs[(harness.vendor, mode)]))
    print(f"matrix wall time {wall:.1f}s (cells of one fault side by side; a shared real")
    print("server, such as Unleash, is started once and counted in it)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vendor")
    parser.add_argument("--fault")
    args = parser.parse_args()
    asyncio.run(main(args.vendor, args.fault))
