"""`make bench`: measures `warroom demo` in a real pty at 120x40 and 80x24.

Prints time to first full frame, start-up paint bytes, steady bytes/s written to the terminal,
CPU % of one core and peak RSS, against the budgets of the foundation issue.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pty_meter import Measurement, measure

BUDGET = {"first_frame_s": 0.8, "steady_bytes_per_s": 6144, "cpu_pct": 3.0, "peak_rss_mib": 100}


def row(m: Measurement) -> str:
    return (
        f"{m.size:>8} {m.first_frame_s:10.2f} {m.paint_bytes:12,} "
        f"{m.steady_bytes_per_s:12,.0f} {m.cpu_pct:7.1f} {m.peak_rss_mib:9.1f} {m.exit_code!s:>5}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--window", type=float, default=10.0, help="steady-state seconds")
    parser.add_argument("--sizes", default="120x40,80x24")
    parser.add_argument("--args", default="", help="extra warroom arguments, e.g. '--theme mono'")
    args = parser.parse_args()
    argv = [sys.executable, "-m", "tui.cli", "demo", *args.args.split()]
    print(f"warroom demo {args.args}".strip() + f", window {args.window:g}s, 1 Hz simulated source")
    print(
        f"{'size':>8} {'frame s':>10} {'paint B':>12} {'steady B/s':>12} {'CPU %':>7} "
        f"{'RSS MiB':>9} {'exit':>5}"
    )
    for size in args.sizes.split(","):
        cols, rows = (int(x) for x in size.split("x"))
        print(row(measure(argv, cols, rows, marker="scenario", window=args.window)), flush=True)
    print("budgets at 120x40: first frame <= 0.8 s, steady <= 6 KB/s, CPU <= 3 %, RSS <= 100 MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
