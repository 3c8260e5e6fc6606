"""What each `warroom` command does once its arguments are parsed."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path

from warroom.core.apm import plan_text
from warroom.core.chart.buckets import SPARK_WINDOW
from warroom.core.config import Config, find_config_path, load_config
from warroom.core.dashboard import Dashboard
from warroom.core.plan import Tab
from warroom.sources.registry import SourceSet, build_demo, build_live
from warroom.tui import gc_startup
from warroom.tui.cli_args import USAGE_ERROR
from warroom.tui.cli_common import load_config_for, no_terminal
from warroom.tui.options import AppOptions
from warroom.tui.theme_choice import wanted_theme

APP_COMMANDS = ("run", "demo", "wall")
"""Commands that draw the app: the collector comes back after its first frame (gc_startup)."""


def dispatch(args: argparse.Namespace) -> int:
    command = args.command or "run"
    if command not in APP_COMMANDS:
        gc_startup.resume()
    if command == "config":
        return config_command(args)
    handler = getattr(args, "handler", None)
    if handler is not None:  # an extension command (tui/cmd_*.py) set its own entry point
        result: int = handler(args)
        return result
    if command in ("run", "demo"):
        return run_dashboard(args, wall=False)
    config = load_config_for(args)
    sources = sources_for(config, args, args.demo)
    if command == "snapshot":
        return snapshot(config, sources, args.format)
    return check(config, sources, args.tab, args.format)


def run_dashboard(args: argparse.Namespace, *, wall: bool) -> int:
    """`run`, `demo` and `wall`: the interactive app, on the wall view first when `wall`.
    Returns the app's exit code, or 2 when standard output is not a terminal (the config is
    checked first)."""
    config = load_config_for(args)
    if no_terminal(args.command or "run"):
        return USAGE_ERROR
    demo = args.demo or args.command == "demo"
    options = app_options(args, demo=demo, wall=wall)
    if demo and args.freeze:
        from warroom.tui.freeze import run_frozen

        return run_frozen(config, seed=args.seed, start_at=args.start_at, options=options)
    return run_app(
        config,
        sources_for(config, args, demo),
        options,
        history=not args.no_history,
        store=None if demo else args.store,
    )


def app_options(args: argparse.Namespace, *, demo: bool, wall: bool) -> AppOptions:
    """How the interactive app runs, from its command line."""
    return AppOptions(
        read_only=args.read_only,
        dry_run=args.dry_run,
        theme=wanted_theme(args.theme),
        compact=args.compact,
        store=None if demo else args.store,
        wall=wall,
        # A `warroom serve` browser session never runs the guard: every session would act on
        # its own, with no lease between them.
        autorollback="off" if getattr(args, "via_hub", False) else args.autorollback,
    )


def sources_for(config: Config, args: argparse.Namespace, demo: bool) -> SourceSet:
    """What the command polls: the simulated launch, a shared store or serve hub, or the
    vendors of the plan."""
    if getattr(args, "via_hub", False):  # a `warroom serve` session: the hub polls for it
        from warroom.collector.hub_feed import build_hub_viewer

        return build_hub_viewer(config, os.environ)
    if demo:  # opens with the minutes before the launch drawn, so no sparkline starts empty
        return build_demo(
            config, speed=args.speed, seed=args.seed, start_at=args.start_at, baseline=SPARK_WINDOW
        )
    if args.store:  # a viewer: the collector polls the vendors, this reads the shared store
        from warroom.collector.viewer import build_viewer

        return build_viewer(config, args.store)[0]
    return build_live(config)


def run_app(
    config: Config,
    sources: SourceSet,
    options: AppOptions,
    *,
    history: bool = True,
    store: str | None = None,
) -> int:
    """Runs the dashboard; records to the history file unless `history` is False, and sends
    runbook audit records to the shared `store` when given."""
    from warroom.tui.app import WarroomApp  # Textual is only imported for the interactive commands
    from warroom.tui.history_setup import recording

    app = WarroomApp(config, sources, options=options)
    with recording(app, config, enabled=history, store_uri=store):
        app.run()
    return app.return_code or 0  # 130 after Ctrl-C, 129 after a hang-up


# check and snapshot are imported by the commands that use them, off the dashboard's start-up
# path (time to the first frame).
def _polled(config: Config, sources: SourceSet) -> Dashboard:
    from warroom.core.snapshot import poll_all_once

    dashboard = Dashboard(config, sources.info, sources.metric_sources, time.time)
    asyncio.run(poll_all_once(dashboard, sources.sources))
    return dashboard


def snapshot(config: Config, sources: SourceSet, fmt: str) -> int:
    from warroom.core.snapshot import dumps, snapshot_json, snapshot_text

    dashboard = _polled(config, sources)
    now = time.time()
    text = dumps(snapshot_json(dashboard, now)) if fmt == "json" else snapshot_text(dashboard, now)
    print(text)
    return 0


def check(config: Config, sources: SourceSet, tabs: list[Tab] | None, fmt: str = "text") -> int:
    """Prints the verdict and the metrics that decided it; returns its exit code."""
    from warroom.core.check import check as judge
    from warroom.core.check import verdict_json, verdict_text
    from warroom.core.snapshot import dumps

    verdict = judge(_polled(config, sources), time.time(), tabs)
    print(dumps(verdict_json(verdict)) if fmt == "json" else verdict_text(verdict))
    return int(verdict.code)


def config_command(args: argparse.Namespace) -> int:
    """`warroom config validate|init|schema`. Returns 0, or 2 (a ConfigError raised by
    validate is reported by the CLI)."""
    if args.config_command == "schema":
        from warroom.core.config_schema import config_schema

        print(json.dumps(config_schema(), indent=2, ensure_ascii=False))
        return 0
    if args.config_command == "validate":
        return _validate(args)
    return _init(Path(args.path), args.apm, force=args.force)


def _validate(args: argparse.Namespace) -> int:
    from warroom.themes.names import theme_names, user_theme_dir

    path = Path(args.path) if args.path else find_config_path(None)
    config = load_config(path, themes=theme_names(user_theme_dir()))
    where = path if path else "built-in plan"
    print(
        f"{where}: ok ({len(config.metrics)} metrics, {len(config.triggers)} triggers, "
        f"{len(config.runbook.steps)} runbook steps)"
    )
    return 0


def _init(target: Path, apm: str, *, force: bool) -> int:
    if target.is_dir():  # `config init DIR` writes DIR/warroom.toml
        target = target / "warroom.toml"
    if target.exists() and not force:
        print(f"{target}: already exists (use --force to overwrite)", file=sys.stderr)
        return 2
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plan_text(apm), encoding="utf-8")
    except OSError as exc:
        print(f"{target}: cannot write: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"wrote {target}; check it with: warroom config validate {target}")
    return 0
