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


def measure(figures: int, repeat: int) -> tuple[float, float, int]:
    """(median load seconds, median overview seconds, chart rows) for a synthetic dataset."""
    with tempfile.TemporaryDirectory() as folder:
        write_dataset(Path(folder), figures)
        loads, builds = [], []
        rows = 0
        for _ in range(repeat):
            began = time.perf_counter()
            ds = read_dataset(Path(folder))
            loads.append(time.perf_counter() - began)
            pair = default_pair(ds)
            assert pair is not None
            began = time.perf_counter()
            overview = build_overview(ds, pair)
            builds.append(time.perf_counter() - began)
            rows = sum(len(view.rows) for view in overview.charts)
        return statistics.median(loads), statistics.median(builds), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        write_dataset(Path(folder), args.figures)
        print(f"generated {args.figures:,} figures in {time.perf_counter() - began:.1f} s")
        loads, builds = [], []
        for _ in range(args.repeat):
            began = time.perf_counter()
            ds = read_dataset(Path(folder))
            loads.append(time.perf_counter() - began)
            pair = default_pair(ds)
            assert pair is not None
            began = time.perf_counter()
            overview = build_overview(ds, pair)
            builds.append(time.perf_counter() - began)
        rows = sum(len(view.rows) for view in overview.charts)
        print(f"pair {pair.key}: {rows:,} chart rows, {len(overview.cards)} cards")
        print(f"| step | median of {args.repeat} |\n|---|---|")
        print(f"| load {args.figures:,} figures (read_dataset) | {statistics.median(loads):.2f} s |")
        print(f"| build overview (cards + 4 charts) | {statistics.median(builds):.2f} s |")


if __name__ == "__main__":
    main()
