"""`warroom audit [--since 24h] [--format text|json]`: prints the runbook's audit log."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Mapping
from typing import Any

from warroom.core.textsafe import inert
from warroom.tui.cli_common import add_command, load_config_for


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(sub, "audit", "print the runbook audit log", ("config",))
    parser.add_argument(
        "--since",
        metavar="AGE",
        help="only records newer than this (30m, 1h30m, 7d, 1w; default: every record)",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), help="text or JSON lines (default: text)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Prints the records; problems (skipped lines) go to stderr. Returns 0, or 2 on bad input."""
    # The runbook package pulls in httpx; it loads only for this command.
    from warroom.core.runbook.audit_read import (
        mark_unknown_outcomes,
        parse_since,
        read_log,
        since,
        text_line,
    )
    from warroom.core.runbook.factory import audit_path

    config = load_config_for(args)
    path = audit_path(config.runbook)
    try:
        given = getattr(args, "since", None)
        window = parse_since(given) if given is not None else None
    except ValueError as exc:
        print(f"warroom audit: --since: {exc}", file=sys.stderr)
        return 2
    try:
        result = read_log(path)
    except OSError as exc:
        print(f"{path}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(problem, file=sys.stderr)
    # Each start is matched with its finish over the whole log, before --since filters it.
    records: list[Mapping[str, Any]] = list(mark_unknown_outcomes(result.records))
    if window is not None:
        records = since(records, window, dt.datetime.now(dt.UTC))
    as_json = getattr(args, "format", None) == "json"
    for record in records:
        print(json.dumps(record, ensure_ascii=True) if as_json else inert(text_line(record), 1000))
    if not records and not as_json:
        print(f"no audit records in {path}", file=sys.stderr)
    return 0
