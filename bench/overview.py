"""Benchmark: load the processed tables and build the overview for a synthetic dataset.

    .venv/bin/python bench/overview.py [--figures 100000] [--repeat 3]

Reports the median wall time of each step; never run as a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import write_dataset  # noqa: E402
from dashboard.data import read_dataset  # noqa: E402
from dashboard.overview import build_overview  # noqa: E402
from dashboard.queries import default_pair  # noqa: E402


def _once(folder: Path) -> tuple[float, float, float, int]:
    """(load, first overview build, a rebuild, chart rows) in this process."""
    began = time.perf_counter()
    ds = read_dataset(folder).with_lookups()
    load = time.perf_counter() - began
    pair = default_pair(ds)
    assert pair is not None
    began = time.perf_counter()
    overview = build_overview(ds, pair)
    first = time.perf_counter() - began
    began = time.perf_counter()
    overview = build_overview(ds, default_pair(ds) or pair)
    later = time.perf_counter() - began
    return load, first, later, sum(len(view.rows) for view in overview.charts)


def measure(figures: int, repeat: int) -> tuple[float, float, float, int]:
    """Medians of (load, first overview build, later builds) in seconds, and chart rows.

    The load is what the app caches once: the tables read (from Parquet, as the ETL writes them) and
    their lookup tables built (``read_dataset(...).with_lookups()``); every page view after it is an
    overview build. Each repeat runs in a fresh process, as the app's one load does."""
    with tempfile.TemporaryDirectory() as folder:
        write_dataset(Path(folder), figures)
        runs = []
        for _ in range(repeat):
            done = subprocess.run([sys.executable, __file__, "--once", folder], capture_output=True, text=True,
                                  check=True)
            runs.append(json.loads(done.stdout))
        load, first, later = (statistics.median(run[i] for run in runs) for i in range(3))
        return load, first, later, int(runs[-1][3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--once", type=Path, default=None, help=argparse.SUPPRESS)  # one measured run
    args = parser.parse_args()
    if args.once is not None:
        print(json.dumps(_once(args.once)))
        return
    load, first, later, rows = measure(args.figures, args.repeat)
    print(f"| figures | load | first overview build | rebuild | chart rows |\n|---|---|---|---|---|\n"
          f"| {args.figures:,} | {load:.2f} s | {first:.2f} s | {later:.2f} s | {rows:,} |")


if __name__ == "__main__":
    main()
