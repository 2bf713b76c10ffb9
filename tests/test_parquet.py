"""The processed tables also as Parquet: written beside each CSV from the same rows, declared in the data
package, read by the dashboard only while the CSV is the file it was made from, and never a reason to
lose a CSV."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from dashboard.data import read_dataset
from etl import parquet, read_parquet_table
from etl.schema import resources
from etl.write import render_rows

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("articles", "figures", "derived", "facts", "texts")


@pytest.fixture(scope="module")
def processed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parquet") / "processed"
    articles = tmp_path_factory.mktemp("articles")
    for name in ("seed-001.txt", "dev-002.md", "dev-003.html", "dev2-101.txt"):
        shutil.copy2(ROOT / "data" / "articles" / name, articles / name)
    done = subprocess.run([sys.executable, "-m", "etl", "extract", str(articles), "--out", str(out), "--no-cache"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return out


def _copy(processed: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "processed"
    shutil.copytree(processed, folder)  # copy2 keeps each file's time, as a backup or a move would
    return folder


def test_every_table_has_a_parquet_declared_in_the_package(processed: Path) -> None:
    package = json.loads((processed / "datapackage.json").read_text(encoding="utf-8"))
    declared = {r["path"]: r for r in package["resources"]}
    for name in TABLES:
        assert (processed / f"{name}.parquet").is_file()
        assert declared[f"{name}.parquet"]["format"] == "parquet"
        assert [f["name"] for f in declared[f"{name}.parquet"]["schema"]["fields"]] == \
            [f["name"] for f in declared[f"{name}.csv"]["schema"]["fields"]]


@pytest.mark.parametrize("name", TABLES)
def test_the_parquet_holds_the_csvs_rows_typed(processed: Path, name: str) -> None:
    table = read_parquet_table(processed / f"{name}.csv")
    assert table is not None
    csv = pd.read_csv(processed / f"{name}.csv", dtype=str, keep_default_na=False)
    frame = table.to_pandas()
    assert list(frame.columns) == list(csv.columns) and len(frame) == len(csv)
    types = {f["name"]: f["type"] for f in resources()[name]["fields"]}
    for column in csv.columns:
        if types[column] in ("number", "integer"):
            expected = pd.to_numeric(csv[column].where(csv[column] != "", None)).astype(float)
            pd.testing.assert_series_equal(frame[column].astype(float), expected, check_names=False)
        elif types[column] == "boolean":
            assert frame[column].tolist() == [cell == "True" for cell in csv[column]], column
        else:
            assert frame[column].tolist() == csv[column].tolist(), column


def test_the_dashboard_reads_the_same_dataset_from_parquet_as_from_csv(processed: Path, tmp_path: Path) -> None:
    from_parquet = read_dataset(processed)
    only_csv = _copy(processed, tmp_path)
    for path in only_csv.glob("*.parquet"):
        path.unlink()
    from_csv = read_dataset(only_csv)
    assert from_parquet.problems == from_csv.problems == []
    for table in ("articles", "figures", "derived", "facts"):
        made, kept = getattr(from_parquet, table), getattr(from_csv, table)
        assert list(made.dtypes.astype(str)) == list(kept.dtypes.astype(str)), table
        pd.testing.assert_frame_equal(made, kept)


def test_a_csv_changed_after_its_parquet_is_read_from_the_csv(processed: Path, tmp_path: Path) -> None:
    folder = _copy(processed, tmp_path)
    assert read_parquet_table(folder / "figures.csv") is not None  # a copy that keeps times keeps its Parquet
    lines = (folder / "figures.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("value")] = "lots"  # an analyst's edit by hand, after the ETL ran
    (folder / "figures.csv").write_text("".join([lines[0], ",".join(cells), *lines[2:]]), encoding="utf-8")
    assert read_parquet_table(folder / "figures.csv") is None
    ds = read_dataset(folder)
    assert any("value 'lots' is not a number" in line for line in ds.skipped)  # the CSV's damage is said
    assert len(ds.figures) == len(read_dataset(processed).figures) - 1


def test_an_unreadable_parquet_is_passed_over(processed: Path, tmp_path: Path) -> None:
    folder = _copy(processed, tmp_path)
    for name in TABLES:
        (folder / f"{name}.parquet").write_bytes(b"PAR1 not really")
    assert read_parquet_table(folder / "figures.csv") is None
    ds = read_dataset(folder)
    assert ds.problems == [] and len(ds.figures) == len(read_dataset(processed).figures)


def test_a_parquet_of_other_columns_is_passed_over(processed: Path, tmp_path: Path) -> None:
    folder = _copy(processed, tmp_path)
    stat = (folder / "facts.csv").stat()
    table = pq.read_table(folder / "facts.parquet").drop_columns(["spread_pct"])
    pq.write_table(table, folder / "facts.parquet")  # keeps the stamp of the CSV, not its columns
    os.utime(folder / "facts.csv", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert pq.read_metadata(folder / "facts.parquet").metadata is not None
    assert read_parquet_table(folder / "facts.csv") is None


def test_rows_converted_in_many_blocks_are_the_rows_of_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fields = resources()["texts"]["fields"]
    rows = [{"article_id": f"{i:016x}", "text": f'Line one of {i}\r\nline "two", with a comma\n"quoted"\n'}
            for i in range(500)]
    csv = tmp_path / "texts.csv"
    csv.write_text("article_id,text\r\n" + render_rows([f["name"] for f in fields], rows), encoding="utf-8")
    monkeypatch.setattr(parquet, "BLOCK_BYTES", 997)  # blocks that end anywhere: inside quotes, mid-line
    blocks = list(parquet._row_blocks(csv, parquet.BLOCK_BYTES))  # noqa: SLF001 - the splitter itself
    assert len(blocks) > 10 and b"".join(blocks) == csv.read_bytes().split(b"\r\n", 1)[1]
    staged = parquet.convert(csv, fields, tmp_path / "texts.parquet")
    staged.replace(tmp_path / "texts.parquet")
    assert pq.ParquetFile(tmp_path / "texts.parquet").metadata.num_row_groups == len(blocks)
    assert pq.read_table(tmp_path / "texts.parquet").to_pylist() == rows
    assert read_parquet_table(csv) is not None


def test_a_table_that_cannot_be_converted_keeps_its_csv_and_says_so(tmp_path: Path) -> None:
    fields = resources()["facts"]["fields"]
    names = [f["name"] for f in fields]
    csv = tmp_path / "facts.csv"
    csv.write_text(",".join(names) + "\r\n" + render_rows(names, [{"fact_id": "a" * 16, "value": "not a number",
                                                                   "citations": "1"}]), encoding="utf-8")
    staged, problem = parquet.stage_parquet(csv, fields, tmp_path / "facts.parquet")
    assert staged is None
    assert "facts.parquet: not written (" in problem and "readers use facts.csv" in problem
    assert not list(tmp_path.glob(".facts.parquet.*"))  # no temp file left behind


def test_a_rerun_that_changes_nothing_keeps_the_files_and_a_change_rewrites_them(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("seed-001.txt", "dev-002.md"):
        shutil.copy2(ROOT / "data" / "articles" / name, articles / name)
    out = tmp_path / "processed"

    def extract() -> dict[str, int]:
        done = subprocess.run([sys.executable, "-m", "etl", "extract", str(articles), "--out", str(out)],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.suffix in (".csv", ".parquet")}

    first = extract()
    again = extract()
    assert again == first  # nothing changed: not a file touched, every Parquet still current
    assert all(read_parquet_table(out / f"{name}.csv") is not None for name in TABLES)
    shutil.copy2(ROOT / "data" / "articles" / "dev-003.html", articles / "dev-003.html")
    third = extract()
    assert third["figures.csv"] != first["figures.csv"] and third["figures.parquet"] != first["figures.parquet"]
    assert all(read_parquet_table(out / f"{name}.csv") is not None for name in TABLES)
    assert len(read_parquet_table(out / "articles.csv")) == 3  # type: ignore[arg-type]
