"""`make bench`: measures `warroom demo` in a real pty at 120x40 and 80x24.

First, issue 19's figures (bench/ratio_table.py): every tab and the wall, time to ready,
steady bytes/s, CPU and RSS, each beside the bare Textual app measured in the same run and as
a ratio to it, plus RSS of a live run against the local vendor fakes (`--ratio-only` runs just
this; `--skip-ratio` leaves it out). Then:
1. the default theme: time to first full frame, start-up paint bytes, steady bytes/s written
   to the terminal, CPU % of one core and peak RSS, against the foundation issue's budgets;
2. steady bytes/s per theme and size on the Engineering tab (the most tiles: 12+ visible at
   120x40), against the 6 KB/s budget at 1 Hz;
3. idle: `warroom demo --freeze` (nothing changes, the refresh timer still runs), which
   should send next to nothing;
4. the wall view (`warroom wall --demo`) at 80x24, 120x40 and 200x60: steady bytes/s through
   the incident, through its onset, and frozen (`--wall-only` runs just this table).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pty_meter import Measurement, measure
from bench.ratio_table import ratio_tables

BUDGET = {"first_frame_s": 0.8, "steady_bytes_per_s": 6144, "cpu_pct": 3.0, "peak_rss_mib": 100}
THEMES = ("war-room", "daylight", "high-contrast", "colour-blind", "ansi-16", "mono")
IDLE_BUDGET = 50.0  # bytes/s: "near zero"; a frozen screen should send nothing at all
ENGINEERING = b"2"
WALL_SIZES = "80x24,120x40,200x60"
WALL_MARKER = "trigger >"  # every trigger input's verdict line says it, firing or not


def row(m: Measurement) -> str:
    return (
        f"{m.size:>8} {m.first_frame_s:10.2f} {m.paint_bytes:12,} "
        f"{m.steady_bytes_per_s:12,.0f} {m.cpu_pct:7.1f} {m.peak_rss_mib:9.1f} {m.exit_code!s:>5}"
    )


def sizes(text: str) -> list[tuple[int, int]]:
    return [(int(w), int(h)) for w, h in (s.split("x") for s in text.split(","))]


def base_table(argv: list[str], window: float, size_list: list[tuple[int, int]]) -> None:
    print(
        f"{'size':>8} {'frame s':>10} {'paint B':>12} {'steady B/s':>12} {'CPU %':>7} "
        f"{'RSS MiB':>9} {'exit':>5}"
    )
    for cols, rows in size_list:
        print(row(measure(argv, cols, rows, marker="scenario", window=window)), flush=True)
    print("budgets at 120x40: first frame <= 0.8 s, steady <= 6 KB/s, CPU <= 3 %, RSS <= 100 MiB")


def theme_table(argv: list[str], window: float, size_list: list[tuple[int, int]]) -> None:
    labels = [f"{c}x{r}" for c, r in size_list]
    print(f"\nsteady B/s per theme, Engineering tab, window {window:g}s")
    print(f"{'theme':>14} " + " ".join(f"{label:>10}" for label in labels) + "  within 6 KB/s")
    for theme in THEMES:
        figures = [
            # settle 4 s: the tab's first draw (its tiles are built on first showing) is a
            # one-off repaint of the whole tab, not steady state.
            measure(
                [*argv, "--theme", theme], c, r, "scenario", window, settle=4.0, keys=ENGINEERING
            )
            for c, r in size_list
        ]
        ok = all(m.steady_bytes_per_s <= BUDGET["steady_bytes_per_s"] for m in figures)
        cells = " ".join(f"{m.steady_bytes_per_s:10,.0f}" for m in figures)
        print(f"{theme:>14} {cells}  {'yes' if ok else 'NO'}", flush=True)


def idle_table(argv: list[str], window: float, size_list: list[tuple[int, int]]) -> None:
    print(f"\nidle (demo --freeze --start-at 100: nothing changes), window {window:g}s")
    print(f"{'size':>8} {'steady B/s':>12} {'CPU %':>7}  near zero (<= {IDLE_BUDGET:g} B/s)")
    for cols, rows in size_list:
        frozen = [*argv, "--freeze", "--start-at", "100"]
        # settle 4 s as in the theme table: the tab's first draw (tiles built, then drawn) is
        # a one-off, and on a loaded machine it can outlast 2 s.
        m = measure(frozen, cols, rows, "scenario", window, settle=4.0, keys=ENGINEERING)
        ok = "yes" if m.steady_bytes_per_s <= IDLE_BUDGET else "NO"
        print(f"{m.size:>8} {m.steady_bytes_per_s:12,.1f} {m.cpu_pct:7.1f}  {ok}", flush=True)


def wall_table(window: float, size_list: list[tuple[int, int]]) -> None:
    """Steady bytes/s of the wall through the incident (t+110 s: every trigger firing, digits,
    verdicts and trends moving each second), through its onset (t+90 s: triggers start firing
    one by one, each a one-off relayout as the banner grows), and frozen."""
    wall = [sys.executable, "-m", "warroom", "wall", "--demo", "--no-history"]
    print(f"\nwall view (warroom wall --demo), window {window:g}s, 1 Hz simulated source")
    print(
        f"{'size':>8} {'incident B/s':>13} {'CPU %':>7} {'onset B/s':>10} {'frozen B/s':>11}"
        "  incident within 6 KB/s"
    )
    for cols, rows in size_list:
        live = measure([*wall, "--start-at", "110"], cols, rows, WALL_MARKER, window)
        onset = measure([*wall, "--start-at", "90"], cols, rows, WALL_MARKER, window)
        frozen = [*wall, "--freeze", "--start-at", "100"]
        idle = measure(frozen, cols, rows, WALL_MARKER, window)
        ok = "yes" if live.steady_bytes_per_s <= BUDGET["steady_bytes_per_s"] else "NO"
        print(
            f"{live.size:>8} {live.steady_bytes_per_s:13,.0f} {live.cpu_pct:7.1f} "
            f"{onset.steady_bytes_per_s:10,.0f} {idle.steady_bytes_per_s:11,.1f}  {ok}",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--window", type=float, default=10.0, help="steady-state seconds")
    parser.add_argument("--theme-window", type=float, default=5.0, help="seconds per theme")
    parser.add_argument("--sizes", default="120x40,80x24")
    parser.add_argument("--args", default="", help="extra warroom arguments, e.g. '--compact'")
    parser.add_argument("--skip-themes", action="store_true", help="only the default table")
    parser.add_argument("--wall-only", action="store_true", help="only the wall view's table")
    parser.add_argument("--wall-sizes", default=WALL_SIZES)
    parser.add_argument("--runs", type=int, default=3, help="runs per figure of issue 19")
    parser.add_argument("--ratio-window", type=float, default=5.0, help="issue 19's window")
    parser.add_argument("--ratio-only", action="store_true", help="only issue 19's figures")
    parser.add_argument("--skip-ratio", action="store_true", help="leave issue 19's out")
    args = parser.parse_args()
    if not args.skip_ratio:
        ratio_tables(args.sizes.split(","), args.runs, args.ratio_window)
        if args.ratio_only:
            return 0
    if args.wall_only:
        wall_table(args.window, sizes(args.wall_sizes))
        return 0
    argv = [sys.executable, "-m", "warroom", "demo", "--no-history", *args.args.split()]
    size_list = sizes(args.sizes)
    print(f"warroom demo {args.args}".strip() + f", window {args.window:g}s, 1 Hz simulated source")
    base_table(argv, args.window, size_list)
    if not args.skip_themes:
        theme_table(argv, args.theme_window, size_list)
    idle_table(argv, args.theme_window, size_list)
    wall_table(args.theme_window, sizes(args.wall_sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
