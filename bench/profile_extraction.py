"""Extract synthetic articles of one format in this process, for a profiler to watch; never a test.

    .venv/bin/pyinstrument -r text bench/profile_extraction.py txt 2000

Prints the articles/s of ingest and extraction (``etl.pipeline.extract_bytes``) on one core.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.articles import write_corpus  # noqa: E402
from etl.pipeline import extract_bytes  # noqa: E402


def main() -> None:
    fmt = sys.argv[1] if len(sys.argv) > 1 else "txt"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    with tempfile.TemporaryDirectory() as scratch:
        write_corpus(Path(scratch) / fmt, count, fmt=fmt)
        files = [(path.name, path.read_bytes()) for path in sorted((Path(scratch) / fmt).iterdir())]
    began = time.perf_counter()
    for name, raw in files:
        extract_bytes(name, raw)
    print(f"{count / (time.perf_counter() - began):.0f} {fmt} articles/s on one core")


if __name__ == "__main__":
    main()
