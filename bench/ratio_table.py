"""Issue 19's table: every figure of warroom, absolute and as a ratio to the bare Textual app
(../shared/tools/bare_textual_app.py: 4 tabs, 12 bordered sparklines, 1 Hz) measured in the
same bench run with ../shared/tools/tuimeter.py, median of `runs` runs each.

Views of the demo: the four tabs (keys 1-4) and the wall (w), at every size. The live run
polls the local vendor fakes (bench/live_rig.py) with every source enabled, for its RSS.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
from dataclasses import dataclass

from bench.live_rig import live_vendors
from bench.sentry_bench import requests_per_hour
from bench.tuimeter_run import BARE_APP, Figures, Run, meter, warm_bytecode

# Both apps count as ready when their first tile's title is on screen: a Textual screen is
# drawn in one update, so that is the first full frame with real structure (data may follow).
WARROOM = [sys.executable, "-m", "warroom"]
READY = "Profile completion"
# Steady state means full sparklines: until a sparkline is as wide as its tile only its right
# end moves, which sends and costs less. The demo's first poll draws the five minutes before
# the launch (one column per 5 s bucket), so they are full from the first poll on; the window
# (a multiple of the 5 s column) then holds exactly one scroll of every sparkline.
FULL = 6.0
DEMO = [*WARROOM, "demo", "--no-history"]
VIEWS = {
    "executive": Run(DEMO, READY, settle=FULL),
    "engineering": Run(DEMO, READY, "2", settle=FULL),
    "product": Run(DEMO, READY, "3", settle=FULL),
    "support": Run(DEMO, READY, "4", settle=FULL),
    "wall": Run(DEMO, READY, "w", settle=FULL),
}
BARE = Run([sys.executable, str(BARE_APP)], "metric-01")
GOALS = {
    "ready": "<= 1.3x bare",
    "engineering bytes/s": "<= 2,500 B/s",
    "engineering cpu": "<= 3 %",
    "executive cpu": "<= 2 %",
    "peak rss": "<= 80 MiB",
    "live rss": "<= 100 MiB",
}


@dataclass(frozen=True)
class SizeResult:
    size: str
    bare: Figures
    views: dict[str, Figures]
    ready: tuple[float, float, float]
    """Median time to ready of bare Textual and of warroom, and median of their ratios."""


def ready_pairs(size: str, pairs: int) -> tuple[float, float, float]:
    """Start-up alone (no window), bare Textual and the demo taking turns, so both see the
    same load: the ratio of each pair is steadier than a ratio of separate medians.

    Returns:
        (median bare s, median warroom s, median of the pairs' ratios).
    """
    bare, ours = [], []
    for _ in range(pairs):
        bare.append(meter(BARE, size, 1, 0).ready_s)
        ours.append(meter(VIEWS["executive"], size, 1, 0).ready_s)
    ratios = [o / b for o, b in zip(ours, bare, strict=True)]
    return statistics.median(bare), statistics.median(ours), statistics.median(ratios)


def _ratio(value: float, base: float) -> str:
    return f"{value / base:6.2f}x" if base else "     -"


def measure_size(size: str, runs: int, window: float) -> SizeResult:
    """Start-up in pairs, then the bare app and every view of the demo, at one size."""
    ready = ready_pairs(size, max(runs, 5))
    bare = meter(BARE, size, runs, window)
    views = {}
    for name, run in VIEWS.items():
        views[name] = meter(run, size, runs, window)
        print(f"  measured {name} at {size}", file=sys.stderr, flush=True)
    return SizeResult(size, bare, views, ready)


def print_size(result: SizeResult) -> None:
    bare = result.bare
    bare_ready, ready, ratio = result.ready
    print(
        f"\n{result.size}: time to ready (first full frame, in pairs taking turns): warroom "
        f"{ready:.2f} s, bare Textual {bare_ready:.2f} s, ratio {ratio:.2f}x"
    )
    print(
        f"bare Textual steady: {bare.bytes_per_s:,.0f} B/s, CPU {bare.cpu_pct:.1f} %, "
        f"RSS {bare.rss_mib:.1f} MiB"
    )
    heads = (("B/s", 8), ("/bare", 7), ("CPU %", 6), ("/bare", 7), ("RSS MiB", 8), ("/bare", 7))
    print(f"{'view':>12} " + " ".join(f"{head:>{width}}" for head, width in heads))
    for name, f in result.views.items():
        print(
            f"{name:>12} {f.bytes_per_s:8,.0f} {_ratio(f.bytes_per_s, bare.bytes_per_s)} "
            f"{f.cpu_pct:6.1f} {_ratio(f.cpu_pct, bare.cpu_pct)} "
            f"{f.rss_mib:8.1f} {_ratio(f.rss_mib, bare.rss_mib)}"
        )


def print_goals(result: SizeResult, live: Figures) -> None:
    """The issue's goals, judged on the first size's figures (ready: the pairs' ratio)."""
    views = result.views
    peak = max(f.rss_mib for f in views.values())
    checks = [
        ("ready", result.ready[2], 1.3, "x bare"),
        ("engineering bytes/s", views["engineering"].bytes_per_s, 2500, " B/s"),
        ("engineering cpu", views["engineering"].cpu_pct, 3.0, " %"),
        ("executive cpu", views["executive"].cpu_pct, 2.0, " %"),
        ("peak rss", peak, 80.0, " MiB"),
        ("live rss", live.rss_mib, 100.0, " MiB"),
    ]
    print(f"\ngoals at {result.size} (issue 19)")
    for name, value, limit, unit in checks:
        verdict = "met" if value <= limit else "NOT MET"
        print(f"{name:>20} {value:10,.2f}{unit:<7} goal {GOALS[name]:<14} {verdict}")


def ratio_tables(sizes: list[str], runs: int, window: float) -> None:
    """Measures and prints every figure of issue 19."""
    warm_bytecode()
    print(f"issue 19: tuimeter, median of {runs} runs, window {window:g}s, ratio to bare Textual")
    results = [measure_size(size, runs, window) for size in sizes]
    with live_vendors() as rig:
        live_run = Run([*WARROOM, "--no-history"], READY, settle=6.0, env=rig.env)
        live = meter(live_run, sizes[0], runs, window)
    for result in results:
        print_size(result)
    print(
        f"\nlive (Datadog, Sentry, Atlas fakes; MongoDB: {rig.mongo}) at {sizes[0]}: "
        f"RSS {live.rss_mib:.1f} MiB ({_ratio(live.rss_mib, results[0].bare.rss_mib).strip()} "
        f"bare), ready {live.ready_s:.2f} s, CPU {live.cpu_pct:.1f} %"
    )
    print_goals(results[0], live)
    quarters, later, _ = asyncio.run(requests_per_hour(250))
    rates = ", ".join(f"{4 * q}" for q in quarters)
    print(
        f"Sentry requests/hour, 250 issues (bench/sentry_bench.py): first hour's quarters "
        f"{rates}, later hours {later}; goal <= 300 from the first minute"
    )
