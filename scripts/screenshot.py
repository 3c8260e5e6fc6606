"""Writes docs/screenshot.svg: the demo mid-incident on the Engineering tab, frozen clock.

Run with `make screenshot` after a visual change.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warroom.core.config import default_config  # noqa: E402
from warroom.core.poller import PollOutcome  # noqa: E402
from warroom.sources.registry import build_demo  # noqa: E402
from warroom.tui.app import WarroomApp  # noqa: E402

T0 = 1_800_000_000.0


class Frozen:
    now = T0

    def __call__(self) -> float:
        return self.now


async def main() -> None:
    clock = Frozen()
    config = default_config()
    sources = build_demo(config, clock=clock)
    app = WarroomApp(config, sources, clock=clock, poll=False)
    assert sources.sim is not None
    for t in range(100):
        clock.now = T0 + t
        result = await sources.sim.fetch()
        app.dashboard.ingest(PollOutcome("sim", clock.now, 0.002, result=result, next_in=1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause(0.5)
        app.save_screenshot("screenshot.svg", path=str(ROOT / "docs"))
    print("wrote docs/screenshot.svg")


if __name__ == "__main__":
    asyncio.run(main())
