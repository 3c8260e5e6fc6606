"""`warroom checklist [--phase P] [--format text|json]`: the plan's checklists, headless.

Polls every source once (as `check` does), reads the ticks and the record, prints the state.
Exit 0 when the phase (without --phase: every phase) is complete, 4 when not, 2 on a usage or
config error, so a pipeline can gate on "pre-deployment complete".
"""

from __future__ import annotations

import argparse
import sys
import time

from warroom.core.plan import PHASES
from warroom.tui.cli_common import SOURCE_OPTIONS, add_command, load_config_for

COMPLETE = 0
NOT_COMPLETE = 4


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        sub,
        "checklist",
        "the plan's checklists; exit 0 when the phase is complete, 4 when not",
        SOURCE_OPTIONS,
    )
    parser.add_argument(
        "--phase",
        choices=PHASES,
        help="only this phase (testing, pre, day, post; default: every phase)",
    )
    parser.add_argument("--format", choices=("text", "json"), help="text or JSON (default: text)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Prints the checklists. Returns 0 complete, 4 not complete, 2 on bad input."""
    from warroom.core.checklists.board import ChecklistBoard
    from warroom.core.checklists.export import phases_json, phases_text
    from warroom.core.checklists.gather import gather, needs_of
    from warroom.core.checklists.state import current_phase
    from warroom.core.snapshot import dumps
    from warroom.tui.checklist_readers import readers_for
    from warroom.tui.commands import _polled, sources_for

    config = load_config_for(args)
    wanted = getattr(args, "phase", None)
    board = ChecklistBoard(config, demo=bool(args.demo))
    if not config.checklists:
        print("warroom checklist: the plan has no [[checklists]]", file=sys.stderr)
        return 2
    sources = sources_for(config, args, bool(args.demo))
    dashboard = _polled(config, sources)
    store = None if args.demo else getattr(args, "store", None)
    readers = readers_for(config, sources, store=store, demo=bool(args.demo))
    now = time.time()
    gathered = gather(readers, needs_of(config.checklists), config.triggers, now)
    phases = board.phases(dashboard, gathered, now)
    shown = [p for p in phases if wanted is None or p.phase == wanted]
    if not shown:
        print(f"warroom checklist: no checklist in phase {wanted!r}", file=sys.stderr)
        return 2
    current = current_phase(phases, config.launch.phase)
    if getattr(args, "format", None) == "json":
        print(dumps(phases_json(shown, current, now)))
    else:
        print(phases_text(shown))
    return COMPLETE if all(p.complete for p in shown) else NOT_COMPLETE
