"""Run every benchmark and write BENCHMARKS.md (about 20 minutes on a 2-core machine).

    .venv/bin/python bench/run.py            # or: make bench
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.overview import measure  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        extraction = Path(scratch) / "extraction.md"
        subprocess.run([sys.executable, str(ROOT / "bench" / "extraction.py"), "--write", str(extraction)],
                       check=True, cwd=ROOT)
        lines = ["# Benchmarks", "", "Reproduce everything below with `make bench` "
                 "(`.venv/bin/python bench/run.py`; needs `pip install -e '.[bench]'`).", "",
                 extraction.read_text().rstrip(), "", "## Dashboard", "",
                 "| figures | load (read_dataset) | first overview build (with lookups) | overview rebuild "
                 "| chart rows |",
                 "|---|---|---|---|---|"]
        for figures in (100_000, 1_000_000):
            load, first, later, rows = measure(figures, 3)
            lines.append(f"| {figures:,} | {load:.2f} s | {first:.2f} s | {later:.2f} s | {rows:,} |")
            print(lines[-1], flush=True)
    (ROOT / "BENCHMARKS.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
