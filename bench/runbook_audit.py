"""How long one fsync'd audit record takes (it is written before every runbook action), and
how long reading back a large log takes (done once when the runbook opens).

Run: .venv/bin/python bench/runbook_audit.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from warroom.core.runbook import AuditLog

APPENDS = 200
LOG_RECORDS = 20_000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        log = AuditLog(Path(tmp) / "audit.jsonl")
        times = []
        for n in range(APPENDS):
            began = time.perf_counter()
            log.append("started", step=f"s{n}", action='run argv: ["kubectl", "rollout"]')
            times.append(time.perf_counter() - began)
        print(
            f"append+fsync: median {statistics.median(times) * 1e3:.2f} ms, "
            f"max {max(times) * 1e3:.2f} ms over {APPENDS}"
        )
        with log.path.open("a") as f:
            for n in range(LOG_RECORDS - APPENDS):
                f.write(f'{{"event": "finished", "step": "s{n}"}}\n')
        began = time.perf_counter()
        result = log.read()
        took = time.perf_counter() - began
        print(f"read {len(result.records)} records: {took * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
