"""How the headless long-running commands (`collect`, `guard`) stop: SIGINT or SIGTERM sets
one event their loops watch, so every shutdown is the clean one (queued work written, the
store and the lease released), and Ctrl-C still exits 130."""

from __future__ import annotations

import asyncio
import signal
from dataclasses import dataclass, field

from warroom.tui.cli_common import INTERRUPTED


@dataclass
class Stopping:
    """Set by the first SIGINT or SIGTERM; `received` says which came."""

    event: asyncio.Event = field(default_factory=asyncio.Event)
    received: list[signal.Signals] = field(default_factory=list)

    @property
    def interrupted(self) -> bool:
        """Ctrl-C (SIGINT) came: the command exits 130."""
        return signal.SIGINT in self.received

    def exit_code(self, otherwise: int) -> int:
        """130 after Ctrl-C, else `otherwise`."""
        return INTERRUPTED if self.interrupted else otherwise


def stop_on_signals() -> Stopping:
    """Installs SIGINT and SIGTERM handlers on the running loop. Returns what they set."""
    stopping = Stopping()
    loop = asyncio.get_running_loop()

    def stop_on(sig: signal.Signals) -> None:
        stopping.received.append(sig)
        stopping.event.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop_on, sig)
    return stopping
