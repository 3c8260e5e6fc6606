"""A process whose shared store cannot be reached never assumes it holds the lease: through
a sustained breach it evaluates nothing, trips nothing and runs nothing, and its banner says
why; it quits without waiting for the store, having no lease to give up. A holder whose
store stops answering quits within the bound."""

from __future__ import annotations

import signal
import socket
import time
from pathlib import Path

import pytest

from tests.guard.rig import DemoRig, plan
from tests.support.mongod import running_mongod
from warroom.core.guard.host import LEAVE_WITHIN


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then let go)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


async def test_an_unreachable_store_means_never_acting(tmp_path: Path) -> None:
    store = f"mongodb://127.0.0.1:{closed_port()}/guard"
    config = plan(tmp_path / "audit.jsonl", consecutive=1, countdown=0)
    rig = DemoRig(tmp_path, config, store=store)
    try:
        await rig.run_for(8)  # the simulated incident is on from BREACH_AT
        assert rig.dashboard.triggers(), "the breach is there to act on"
        status = rig.host.status()
        assert not rig.host.holding and not status.holding
        assert status.problem is not None and status.problem.startswith("shared store: ")
        assert rig.kinds() == [] and rig.audit() == [] and rig.flag_changes() == []
        began = time.monotonic()
        await rig.host.close()
        # Giving up a lease it never held would wait out server selection (2 s) first.
        assert time.monotonic() - began < 1.5
    finally:
        await rig.host.close()


@pytest.mark.mongo
async def test_a_holder_whose_store_stops_answering_quits_within_the_bound(
    tmp_path: Path,
) -> None:
    with running_mongod(replica_set=False) as server:
        rig = DemoRig(tmp_path, plan(tmp_path / "audit.jsonl"), store=server.uri)
        await rig.second()
        assert rig.host.holding and server.proc is not None
        server.proc.send_signal(signal.SIGSTOP)  # connected, and then no answer at all
        try:
            began = time.monotonic()
            await rig.host.close()
            took = time.monotonic() - began
        finally:
            server.proc.send_signal(signal.SIGCONT)
    # Unbounded, the last publish and the release each wait out the 5 s socket timeout.
    assert took < LEAVE_WITHIN + 1.5
