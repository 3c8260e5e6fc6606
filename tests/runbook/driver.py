"""A headless runbook process for the durability test: runs one step of the config given on
the command line and prints its output, until it is killed."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from warroom.core.config import load_config
from warroom.core.runbook import build_runbook


async def main(config_path: str, step_id: str) -> None:
    config = load_config(Path(config_path))
    book = build_runbook(config.runbook)
    book.printed.append(lambda _step, line: print(line, flush=True))
    await book.start([step_id])


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
