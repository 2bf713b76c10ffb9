"""Extraction benchmarks on seeded synthetic articles; never run as tests.

    .venv/bin/python bench/extraction.py [--per-format 2000] [--scales 1000 10000 100000] [--write BENCHMARKS.md]

Reports flowcite's throughput per format on one core and on all cores, quantulum3's throughput and
recall on the same articles, wall time and peak memory (RSS of the whole process tree) at each
corpus size, and the time of an incremental re-run with one changed article.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.articles import Known, write_corpus  # noqa: E402

PY = sys.executable


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in kB (from /proc)."""
    total, stack, seen = 0, [pid], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (OSError, StopIteration):
            continue
        stack.extend(int(child) for child in children)
    return total


def run_measured(command: list[str]) -> tuple[float, float, str]:
    """(seconds, peak MB of the process tree, stderr) of a command."""
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_kb(process.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - began
    stderr = process.stderr.read() if process.stderr else ""
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{command} failed: {stderr[-2000:]}")
    return seconds, peak / 1024, stderr


def extract(corpus: Path, out: Path, *, workers: int, cache: bool = False) -> tuple[float, float, str]:
    command = [PY, "-m", "etl", "extract", str(corpus), "--out", str(out), "--workers", str(workers)]
    return run_measured(command + ([] if cache else ["--no-cache"]))


def corpus_bytes(corpus: Path) -> int:
    return sum(p.stat().st_size for p in corpus.iterdir())


def flowcite_recall(out: Path, truth: list[list[Known]]) -> float:
    found: dict[str, list[tuple[str, float]]] = {}
    names: dict[str, str] = {}
    with (out / "articles.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names[row["article_id"]] = row["source_file"]
    with (out / "figures.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found.setdefault(names[row["article_id"]], []).append((row["kind"], float(row["value"])))
    return _recall(truth, lambda index, name: found.get(name, []))


def _recall(truth: list[list[Known]], found_in) -> float:  # type: ignore[no-untyped-def]
    hits = total = 0
    for index, known in enumerate(truth):
        name = f"a{index:07d}"
        candidates = [c for key in (f"{name}.txt", f"{name}.md", f"{name}.html") for c in found_in(index, key)]
        for figure in known:
            total += 1
            hits += any(kind == figure.kind and abs(value - figure.value) <= 0.005 * abs(figure.value)
                        for kind, value in candidates)
    return hits / total if total else 0.0


def quantulum(corpus: Path, truth: list[list[Known]]) -> tuple[float, float]:
    """(articles/s, best of three passes; recall of known money and percent figures) of quantulum3 on
    the articles' plain text."""
    from quantulum3 import parser

    sys.path.insert(0, str(ROOT))
    from etl.ingest import read_article

    files = sorted(corpus.iterdir())
    texts = [read_article(path).text for path in files]  # the same plain text flowcite reads
    seconds = float("inf")
    for _ in range(3):  # best of three passes, as for flowcite
        began = time.perf_counter()
        parsed = [parser.parse(text) for text in texts]
        seconds = min(seconds, time.perf_counter() - began)
    found: dict[str, list[tuple[str, float]]] = {}
    for path, quantities in zip(files, parsed, strict=True):
        rows = []
        for quantity in quantities:
            unit = quantity.unit.name.lower()
            kind = "percent" if "percent" in unit else "money" if quantity.unit.entity.name == "currency" else ""
            rows.append((kind, float(quantity.value)))
        found[path.name] = rows
    return len(files) / seconds, _recall(truth, lambda index, name: found.get(name, []))


def flowcite_in_process(corpus: Path, *, pure: bool = False) -> float:
    """Articles/s of flowcite's ingest and extraction on one core, in this process (best of 3 passes,
    each in a fresh process so no cache carries over); ``pure``: the rules as Python, not their compiled
    build (``etl/accelerate.py``)."""
    env = {k: v for k, v in os.environ.items() if k != "FLOWCITE_PURE"} | ({"FLOWCITE_PURE": "1"} if pure else {})
    script = ("import sys, time; from pathlib import Path; from etl.pipeline import extract_bytes; "
              "files = [(p.name, p.read_bytes()) for p in sorted(Path(sys.argv[1]).iterdir())]; "
              "t = time.perf_counter(); [extract_bytes(n, r) for n, r in files]; "
              "print(len(files) / (time.perf_counter() - t))")
    return max(float(subprocess.run([PY, "-c", script, str(corpus)], cwd=ROOT, capture_output=True, text=True,
                                    check=True, env=env).stdout) for _ in range(3))


def compiled_status() -> str:
    done = subprocess.run([PY, "-m", "etl", "compile", "--status"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip() or done.stderr.strip()


def main() -> None:  # noqa: PLR0915 - a script that runs the benchmarks in order
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-format", type=int, default=2000)
    parser.add_argument("--quantulum", type=int, default=600, help="articles for the quantulum3 comparison")
    parser.add_argument("--scales", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--incremental", type=int, default=10000)
    parser.add_argument("--write", type=Path, default=None, help="write the results as Markdown here")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    lines = [f"Machine: {platform.processor() or platform.machine()}, {cores} cores, Python "
             f"{platform.python_version()}, {platform.platform()}", "",
             f"Rules: {compiled_status()} (`make compile`; every figure below but the pure-Python row runs them so)",
             ""]
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        lines += ["## Extraction throughput", "", "| format | articles | MB | 1 core: articles/s | 1 core: MB/s | "
                  f"{cores} cores: articles/s | {cores} cores: MB/s | recall (money, %) |",
                  "|---|---|---|---|---|---|---|---|"]
        for fmt in ("txt", "md", "html"):
            corpus = work / f"fmt-{fmt}"
            truth = write_corpus(corpus, args.per_format, fmt=fmt)
            size = corpus_bytes(corpus) / 1e6
            one, _, _ = extract(corpus, work / f"out-{fmt}-1", workers=1)
            many, _, _ = extract(corpus, work / f"out-{fmt}-n", workers=cores)
            recall = flowcite_recall(work / f"out-{fmt}-1", truth)
            results[f"throughput_{fmt}"] = {"one": args.per_format / one, "all": args.per_format / many,
                                            "recall": recall, "mb_per_s": size / one}
            lines.append(f"| {fmt} | {args.per_format} | {size:.1f} | {args.per_format / one:.0f} | {size / one:.2f} | "
                         f"{args.per_format / many:.0f} | {size / many:.2f} | {recall:.1%} |")
            print(lines[-1], flush=True)

        corpus = work / "quantulum"
        truth = write_corpus(corpus, args.quantulum, seed=7)
        q_rate, q_recall = quantulum(corpus, truth)
        f_rate = flowcite_in_process(corpus)
        f_pure = flowcite_in_process(corpus, pure=True)
        seconds, _, _ = extract(corpus, work / "out-q", workers=1)
        f_recall = flowcite_recall(work / "out-q", truth)
        results["quantulum"] = {"quantulum_rate": q_rate, "quantulum_recall": q_recall, "flowcite_rate": f_rate,
                                "flowcite_rate_pure": f_pure,
                                "flowcite_command_rate": args.quantulum / seconds, "flowcite_recall": f_recall}
        lines += ["", "## Side by side with quantulum3 (same articles, one core)", "",
                  "Both timed in one process on the same files, mixed formats: quantulum3's `parser.parse` on each "
                  "article's plain text, flowcite's ingest and extraction (`etl.pipeline.extract_bytes`) on each "
                  f"file's bytes. The whole `extract` command on one core, start-up and writing included, ran at "
                  f"{args.quantulum / seconds:.0f} articles/s. quantulum3 runs without its optional classifier: the "
                  "model it ships does not load with the current scikit-learn (`ModuleNotFoundError: _loss`).", "",
                  "| extractor | articles/s | recall of known money and percent figures |", "|---|---|---|",
                  f"| quantulum3 {version('quantulum3')} | {q_rate:.1f} | {q_recall:.1%} |",
                  f"| flowcite | {f_rate:.1f} | {f_recall:.1%} |",
                  f"| flowcite, the rules as Python (`FLOWCITE_PURE=1`) | {f_pure:.1f} | the same tables |",
                  f"| flowcite ÷ quantulum3 | {f_rate / q_rate:.1f}× | |"]
        print("\n".join(lines[-5:]), flush=True)

        lines += ["", f"## Scaling (mixed formats, {cores} workers, no cache)", "",
                  "| articles | MB | wall time | articles/s | peak RSS, whole process tree | facts.csv |",
                  "|---|---|---|---|---|---|"]
        for count in args.scales:
            corpus = work / f"scale-{count}"
            write_corpus(corpus, count, seed=count)
            seconds, peak, _ = extract(corpus, work / f"out-scale-{count}", workers=cores)
            facts_mb = (work / f"out-scale-{count}" / "facts.csv").stat().st_size / 1e6
            results[f"scale_{count}"] = {"seconds": seconds, "peak_mb": peak, "facts_mb": facts_mb}
            lines.append(f"| {count:,} | {corpus_bytes(corpus) / 1e6:.0f} | {seconds:.1f} s | {count / seconds:.0f} | "
                         f"{peak:.0f} MB | {facts_mb:.1f} MB |")
            print(lines[-1], flush=True)
            shutil.rmtree(work / f"out-scale-{count}", ignore_errors=True)
            if count != args.incremental:
                shutil.rmtree(corpus, ignore_errors=True)

        corpus = work / f"scale-{args.incremental}"
        if not corpus.exists():
            write_corpus(corpus, args.incremental, seed=args.incremental)
        out = work / "out-incremental"
        full, _, _ = extract(corpus, out, workers=cores, cache=True)
        unchanged, _, _ = extract(corpus, out, workers=cores, cache=True)
        victim = sorted(corpus.iterdir())[len(list(corpus.iterdir())) // 2]
        victim.write_text(victim.read_text(encoding="utf-8").replace("investment", "capital", 1), encoding="utf-8")
        one_changed, _, stderr = extract(corpus, out, workers=cores, cache=True)
        results["incremental"] = {"full": full, "unchanged": unchanged, "one_changed": one_changed}
        lines += ["", f"## Incremental re-run ({args.incremental:,} articles, extraction cache)", "",
                  "| run | wall time | share of the full run |", "|---|---|---|",
                  f"| full run (cache empty) | {full:.1f} s | 100% |",
                  f"| nothing changed | {unchanged:.1f} s | {unchanged / full:.1%} |",
                  f"| one article changed | {one_changed:.1f} s | {one_changed / full:.1%} |",
                  "", f"Last run's summary: `{stderr.strip().splitlines()[-1]}`"]
        print("\n".join(lines[-8:]), flush=True)
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    if args.write:
        args.write.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
