"""Benchmark: load the processed tables and build the overview for a synthetic dataset.

    .venv/bin/python bench/overview.py [--figures 100000] [--repeat 3]

Reports the median wall time of each step; never run as a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import write_dataset  # noqa: E402
from dashboard.data import read_dataset  # noqa: E402
from dashboard.overview import build_overview  # noqa: E402
from dashboard.queries import default_pair  # noqa: E402


def measure(figures: int, repeat: int) -> tuple[float, float, float, int]:
    """Medians of (load, first overview build, later builds) in seconds, and chart rows.

    The load is what the app caches once: the tables read and their lookup tables built
    (``read_dataset(...).with_lookups()``); every page view after it is an overview build."""
    with tempfile.TemporaryDirectory() as folder:
        write_dataset(Path(folder), figures)
        loads, firsts, laters = [], [], []
        rows = 0
        for _ in range(repeat):
            began = time.perf_counter()
            ds = read_dataset(Path(folder)).with_lookups()
            loads.append(time.perf_counter() - began)
            pair = default_pair(ds)
            assert pair is not None
            began = time.perf_counter()
            overview = build_overview(ds, pair)
            firsts.append(time.perf_counter() - began)
            began = time.perf_counter()
            overview = build_overview(ds, default_pair(ds) or pair)
            laters.append(time.perf_counter() - began)
            rows = sum(len(view.rows) for view in overview.charts)
        return statistics.median(loads), statistics.median(firsts), statistics.median(laters), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load, first, later, rows = measure(args.figures, args.repeat)
    print(f"| figures | load | first overview build | rebuild | chart rows |\n|---|---|---|---|---|\n"
          f"| {args.figures:,} | {load:.2f} s | {first:.2f} s | {later:.2f} s | {rows:,} |")


if __name__ == "__main__":
    main()
