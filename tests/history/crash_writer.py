"""Child process of the kill -9 test: records forever and says after each commit how many
polls are committed. Run as `python -m tests.history.crash_writer PATH`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from warroom.core.history.recorder import HistoryRecorder
from warroom.core.model import FetchResult, Reading
from warroom.core.poller import PollOutcome

PER_BATCH = 20


def main(path: str) -> None:
    tick = [0.0]
    rec = HistoryRecorder(Path(path), commit_seconds=1.0, monotonic=lambda: tick[0])
    assert rec.open()
    n = 0
    while True:
        n += 1
        readings = tuple(Reading(f"m{k}", time.time(), float(n)) for k in range(50))
        rec.observe(PollOutcome("sim", time.time(), 0.0, result=FetchResult(readings=readings)))
        if n % PER_BATCH == PER_BATCH - 1:
            tick[0] += 1.0  # the next poll closes the batch
        if n % PER_BATCH == 0:
            print(f"committed {n}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
