"""The fault matrix: every HTTP vendor × every shared fault, through the real Poller and
Dashboard. In each cell the app stays up, the tile keeps its last value with a growing age,
the status bar gives the reason and when it retries, no credential echoed by the fake (nor a
traceback) reaches what the room sees, the fake sees no request storm, and the first poll
after the vendor answers again brings the fresh value within the recovery bound.
"""

from __future__ import annotations

import asyncio
import math

import pytest

from tests.faults.cell import CellRun, Seen, run_cells
from tests.faults.harness import INTERVAL, Harness
from tests.faults.table import CELLS, HARNESSES
from tests.secrets.rig import all_leaks
from warroom.core.dashboard import ROLLOUT_METRIC
from warroom.core.errors import RateLimited
from warroom.core.model import SourceState
from warroom.core.poller import RETRY_SLACK

SCHEDULING = 0.5
"""Seconds a poll may start late on a loaded machine (event loop and fake threads share it)."""
EARLY = 0.05  # a timer firing this much early is clock noise, not a storm
RETRY_BOUND = INTERVAL + min(RETRY_SLACK, INTERVAL)
"""When the poller promises to retry after failures: the interval plus its jitter
(core/poller.py `backoff_delay`: at most RETRY_SLACK, and at most one more interval)."""


def assert_kept_and_explained(run: CellRun, harness: Harness) -> None:
    reason = harness.reason(run.fault)
    for seen in run.failed:
        health = seen.health
        assert seen.outcome.error is not None, "a poll during the fault succeeded"
        assert health.state is SourceState.DOWN
        assert health.error is not None and reason in health.error, health.error
        assert "<" not in health.error  # no gateway HTML
        assert reason in seen.bar and "retrying in" in seen.bar, seen.bar
        assert health.info == {}, "the last good poll's facts are stale beside an error"
        assert seen.view.value is not None and run.good is not None
        assert math.isclose(seen.view.value, run.good), "the tile lost its last good value"
        assert seen.view.age is not None and seen.view.age > 0
        if harness.metric == ROLLOUT_METRIC:
            assert f"{seen.health.name} FAILED, last read" in seen.view.header, seen.view.header
    ages = [s.view.age or 0.0 for s in [run.warm[-1], *run.failed]]
    assert ages == sorted(ages) and ages[-1] > ages[0], "the age does not grow"


def assert_nothing_leaked(run: CellRun) -> None:
    """What the room saw, all through the cell: no credential (the fakes echo them in every
    error body), nor a 10-character end of one, and no traceback."""
    assert run.secrets, "the rig names no credential to look for"
    seen = [*run.warm, *run.failed, *run.recovered]
    texts = [(w, t) for s in seen for w, t in (("health", s.health.error or ""), ("bar", s.bar))]
    texts += [("header", s.view.header) for s in seen]
    assert all_leaks(texts, run.secrets) == []
    assert not [t for _, t in texts if "Traceback" in t]


def assert_no_storm(run: CellRun) -> None:
    attempts = [*run.failed, *run.recovered]
    for before, after in zip([run.warm[-1], *attempts], attempts, strict=False):
        error = before.outcome.error
        wait = max(INTERVAL, error.retry_after if isinstance(error, RateLimited) else 0.0)
        gap = after.outcome.started - (before.outcome.started + before.outcome.latency)
        assert gap >= wait - EARLY, f"polled again after {gap:.2f}s, not {wait:.2f}s"
    assert run.fault_requests <= run.per_poll * len(attempts), "retries inside a poll"


def assert_recovered(run: CellRun) -> None:
    assert len(run.recovered) == 1, "the first poll after the fault must bring fresh values"
    assert run.is_fresh(run.recovered[0].view.value)
    assert run.recovered[0].health.state in (SourceState.OK, SourceState.SLOWED)
    assert run.recovered[0].health.error is None
    assert run.retry_start <= RETRY_BOUND + SCHEDULING, f"retried {run.retry_start:.2f}s late"
    assert run.recovery <= INTERVAL + RETRY_SLACK, f"fresh after {run.recovery:.2f}s"


Runs = dict[tuple[str, str], CellRun]


def cell_id(cell: tuple[Harness, str]) -> str:
    return f"{cell[0].vendor}-{cell[1]}"


def cell_param(cell: tuple[Harness, str]) -> object:
    marks = [getattr(pytest.mark, cell[0].mark)] if cell[0].mark else []
    return pytest.param(*cell, id=cell_id(cell), marks=marks)


@pytest.fixture(scope="module")
def matrix(request: pytest.FixtureRequest) -> Runs:
    """Every selected cell that can run here, run once (side by side per fault, see
    `run_cells`)."""
    chosen = {
        item.callspec.id
        for item in request.session.items
        if isinstance(item, pytest.Function) and item.originalname == "test_cell"
    }
    cells = [c for c in CELLS if cell_id(c) in chosen and c[0].missing() is None]
    return asyncio.run(run_cells(cells))


# The first cell's set-up runs every cell (`matrix`): about a minute, more on a loaded machine,
# and more again the first time a real server has to be installed.
MATRIX_TIMEOUT = 300 + sum(h.setup_seconds() for h in HARNESSES)


@pytest.mark.timeout(MATRIX_TIMEOUT)
@pytest.mark.parametrize(("harness", "fault"), [cell_param(c) for c in CELLS])
def test_cell(matrix: Runs, harness: Harness, fault: str) -> None:
    missing = harness.missing()
    if missing is not None:
        pytest.skip(f"{harness.vendor}: {missing}")
    run = matrix[(harness.vendor, fault)]
    assert run.crash is None, repr(run.crash)
    assert run.alive, "a poller task ended"
    assert all(s.outcome.error is None for s in run.warm), [_why(s) for s in run.warm]
    assert len(run.failed) == harness.failures(fault), [_why(s) for s in run.failed]
    assert run.recovered, "no poll after the fault cleared"
    assert_kept_and_explained(run, harness)
    assert_nothing_leaked(run)
    assert_no_storm(run)
    assert_recovered(run)


def _why(seen: Seen) -> str:
    return seen.outcome.error.reason if seen.outcome.error else "ok"
