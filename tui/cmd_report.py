"""`warroom report [--since 24h] [--format md|html] [--output FILE]`: the daily review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from warroom.tui.cli_common import add_command, load_config_for
from warroom.tui.history_args import add_window_options, history_file, simulated, window


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        sub, "report", "the daily review of recorded history (Markdown or HTML)", ("config", "demo")
    )
    add_window_options(parser)
    parser.add_argument("--format", choices=("md", "html"), help="md or html (default: md)")
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="write here (default: standard output)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Prints or writes the report. Returns 0, or 2 when the history cannot be read."""
    # Imported here: every `warroom` start builds this command's parser (time to first frame).
    from warroom.core.checklists.review import phases_at
    from warroom.core.history.reader import HistoryReader
    from warroom.core.history.schema import HistoryUnavailable
    from warroom.core.report import html, markdown
    from warroom.core.report.data import build_review
    from warroom.core.runbook.audit import AuditLog
    from warroom.core.runbook.factory import audit_path

    config = load_config_for(args)
    span = window(args, "report")
    if span is None:
        return 2
    try:
        with HistoryReader(history_file(args, config), simulated=simulated(args)) as reader:
            phases = phases_at(config, reader, AuditLog(audit_path(config.runbook)), span[1])
            review = build_review(config, reader, *span, checklists=phases)
    except HistoryUnavailable as exc:
        print(f"warroom report: {exc}", file=sys.stderr)
        return 2
    render = html.render if getattr(args, "format", None) == "html" else markdown.render
    text = render(review)
    output = getattr(args, "output", None)
    if not output:
        sys.stdout.write(text)
        return 0
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{output}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {output}", file=sys.stderr)
    return 0
