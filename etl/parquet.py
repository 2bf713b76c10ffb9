"""The processed tables as Parquet beside their CSVs: typed columns, read many times faster.

The CSVs stay the tables of record. Each ``NAME.parquet`` is built from the very CSV text the ETL writes
to ``NAME.csv``, block by block as it is written (so memory stays bounded at any corpus size), renamed
into place just after the CSV, and records the size and modification time of the CSV it was made from:
a reader uses the Parquet only while the CSV is still that file, so a CSV edited, damaged or replaced
by hand is never shadowed by an older Parquet.

Numbers, whole numbers and booleans are typed as the data package declares them, an empty one null; an
empty text stays empty (''), as in the CSV.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Arrow is imported where tables are written or read, never by the extraction workers
    import pyarrow as pa
    import pyarrow.parquet as pq

SOURCE_SIZE = b"flowcite.csv_size"
SOURCE_MTIME = b"flowcite.csv_mtime_ns"
BLOCK_CHARS = 8 << 20  # CSV text per row group: a few tens of thousands of figures


def arrow_schema(fields: Iterable[dict[str, Any]]) -> pa.Schema:
    """The Parquet schema of a table from its data-package fields (text for everything untyped, as the large
    strings pandas keeps text in, so reading converts nothing)."""
    import pyarrow as pa

    types = {"number": pa.float64(), "integer": pa.int64(), "boolean": pa.bool_()}
    return pa.schema([(f["name"], types.get(f["type"], pa.large_string())) for f in fields])


def parquet_path(csv_path: Path) -> Path:
    return csv_path.with_suffix(".parquet")


def _stamp(csv_path: Path) -> dict[bytes, bytes]:
    stat = csv_path.stat()
    return {SOURCE_SIZE: str(stat.st_size).encode(), SOURCE_MTIME: str(stat.st_mtime_ns).encode()}


class ParquetStream:
    """One table's Parquet, made from the CSV rows (no header) the ETL writes, in blocks. A block that
    cannot be converted gives the table no Parquet (``problem`` says why); the CSV is never affected."""

    def __init__(self, target: Path, fields: list[dict[str, Any]]) -> None:
        import pyarrow.parquet as pq

        self.target = target
        self.schema = arrow_schema(fields)
        self.pending: list[str] = []
        self.pending_chars = 0
        self.problem = ""
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(handle)
        self.temp = Path(name)
        self.writer: pq.ParquetWriter | None = pq.ParquetWriter(name, self.schema, compression="lz4")

    def add(self, text: str) -> None:
        """CSV rows, whole ones (as ``etl.write.render_rows`` renders them)."""
        if self.writer is None or not text:
            return
        self.pending.append(text)
        self.pending_chars += len(text)
        if self.pending_chars >= BLOCK_CHARS:
            self._convert()

    def convert(self) -> None:
        """Convert what is pending now (else it waits for a full block or ``finish``)."""
        self._convert()

    def _convert(self) -> None:
        import pyarrow as pa
        import pyarrow.csv as pacsv

        data, self.pending, self.pending_chars = "".join(self.pending).encode("utf-8"), [], 0
        if self.writer is None or not data:
            return
        try:
            table = pacsv.read_csv(
                io.BytesIO(data),
                read_options=pacsv.ReadOptions(column_names=self.schema.names, use_threads=False),
                parse_options=pacsv.ParseOptions(newlines_in_values=True),
                convert_options=pacsv.ConvertOptions(
                    column_types=self.schema, strings_can_be_null=False, null_values=[""],
                    true_values=["True", "true"], false_values=["False", "false"]))
            self.writer.write_table(table.select(self.schema.names).cast(self.schema))
        except (pa.ArrowException, ValueError, OSError) as error:
            self.problem = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            self.discard()

    def finish(self, csv_written: Path) -> Path | None:
        """Close the Parquet, stamped with the CSV it was made from (its staged file, whose size and time the
        renamed CSV keeps); the staged Parquet, or None when it could not be made."""
        import pyarrow as pa

        self._convert()
        if self.writer is None:
            return None
        try:
            self.writer.add_key_value_metadata({k.decode(): v.decode() for k, v in _stamp(csv_written).items()})
            self.writer.close()
            self.writer = None
            self.temp.chmod(_file_mode())
        except (pa.ArrowException, OSError) as error:
            self.problem = str(error).strip().splitlines()[0] or type(error).__name__
            self.discard()
            return None
        return self.temp

    def discard(self) -> None:
        import pyarrow as pa

        if self.writer is not None:
            with contextlib.suppress(pa.ArrowException, OSError):
                self.writer.close()
            self.writer = None
        self.temp.unlink(missing_ok=True)

    def report(self) -> str:
        return f"{self.target}: not written ({self.problem}); readers use {self.target.with_suffix('.csv').name}" \
            if self.problem else ""


def _file_mode() -> int:
    from etl.write import FILE_MODE

    return FILE_MODE


def current_parquet(csv_path: Path) -> Path | None:
    """The Parquet made from this very CSV (same size and modification time), or None: missing, stale,
    unreadable — then the CSV is read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = parquet_path(csv_path)
    try:
        metadata = pq.read_metadata(path).metadata or {}
        return path if all(metadata.get(k) == v for k, v in _stamp(csv_path).items()) else None
    except (OSError, pa.ArrowException):
        return None


def read_parquet_table(csv_path: Path) -> pa.Table | None:
    """The table of ``csv_path`` (``folder/NAME.csv``) from its Parquet, when that was made from this very
    CSV and has the data package's columns and types; None otherwise (read the CSV then)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from etl.schema import resources

    schema = resources().get(csv_path.stem)
    path = current_parquet(csv_path) if schema is not None else None
    if path is None or schema is None:
        return None
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException):
        return None
    return table if table.schema.remove_metadata() == arrow_schema(schema["fields"]) else None
