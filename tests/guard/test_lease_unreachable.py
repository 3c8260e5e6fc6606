"""A process whose shared store cannot be reached never assumes it holds the lease: through
a sustained breach it evaluates nothing, trips nothing and runs nothing, and its banner says
why; it quits without waiting for the store, having no lease to give up."""

from __future__ import annotations

import socket
import time
from pathlib import Path

from tests.guard.rig import DemoRig, plan


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
