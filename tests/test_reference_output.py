"""The bundled corpus (seed, dev, dev2) extracts to exactly the reference tables: speed work changes no
figure (articles.csv and figures.csv byte for byte; facts.csv but for its conflict-set column). Both
ways the rules run are held to them: compiled with mypyc (``etl/accelerate.py``, when built) and as
plain Python (``FLOWCITE_PURE=1``)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "reference"
# the one facts column issue 14 replaced (a list of rivals became the id of a conflict set)
CONFLICT_COLUMNS = {"conflicting_fact_ids", "conflict_set"}


def _status(env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "etl", "compile", "--status"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture(scope="module", params=["compiled", "pure"])
def extracted(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "FLOWCITE_PURE"}
    if request.param == "pure":
        env["FLOWCITE_PURE"] = "1"
    status = _status(env)
    if request.param == "compiled" and not status.startswith("compiled") and \
            not os.environ.get("FLOWCITE_REQUIRE_COMPILED"):  # set by .ci/run, where a build must exist
        pytest.skip(f"no usable compiled build on this machine ({status}); `make compile` builds one")
    assert status.startswith("compiled" if request.param == "compiled" else "pure Python"), status
    out = tmp_path_factory.mktemp(f"reference-{request.param}") / "processed"
    done = subprocess.run([sys.executable, "-m", "etl", "extract", str(ROOT / "data" / "articles"), "--out", str(out),
                           "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize("table", ["articles.csv", "figures.csv"])
def test_tables_are_byte_identical_to_the_reference(extracted: Path, table: str) -> None:
    made, kept = (extracted / table).read_bytes(), (REFERENCE / table).read_bytes()
    if made != kept:
        lines = zip(made.decode().splitlines(), kept.decode().splitlines(), strict=False)
        first = next((i for i, (a, b) in enumerate(lines) if a != b), None)
        pytest.fail(f"{table} differs from tests/reference/{table} (first at line {first}; "
                    f"{len(made)} bytes against {len(kept)}): see tests/reference/README.md")


def _rows_without_conflict_sets(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [{k: v for k, v in row.items() if k not in CONFLICT_COLUMNS} for row in csv.DictReader(handle)]


def test_facts_change_only_in_the_conflict_set_column(extracted: Path) -> None:
    made = _rows_without_conflict_sets(extracted / "facts.csv")
    kept = _rows_without_conflict_sets(REFERENCE / "facts.csv")
    assert len(made) == len(kept)
    assert made == kept
