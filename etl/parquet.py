"""The processed tables as Parquet beside their CSVs: typed columns, read many times faster.

The CSVs stay the tables of record. Each ``NAME.parquet`` is converted from the staged ``NAME.csv`` as the
ETL commits its tables — after the extraction workers are gone, in blocks of rows (so memory stays bounded
at any corpus size) — renamed into place just after the CSV, and records the size and modification time
of the CSV it was made from: a reader uses the Parquet only while the CSV is still that file, so a CSV
edited, damaged or replaced by hand is never shadowed by an older Parquet. A table whose new CSV holds
the same bytes as the one in place keeps both files as they are: a re-run that changed nothing converts
nothing.

Numbers, whole numbers and booleans are typed as the data package declares them, an empty one null; an
empty text stays empty (''), as in the CSV.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Arrow is imported where tables are written or read, never by the extraction workers
    import pyarrow as pa

SOURCE_SIZE = b"flowcite.csv_size"
SOURCE_MTIME = b"flowcite.csv_mtime_ns"
BLOCK_BYTES = 4 << 20  # CSV bytes per row group (some ten thousand figures): the conversion's memory


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


def _row_blocks(path: Path, size: int) -> Iterator[bytes]:
    """The CSV's data rows (not its header) in blocks of about ``size`` bytes, each ending at a row's end:
    a line break outside quotes (an even number of quote characters before it, as RFC 4180 doubles
    quotes inside a field)."""
    with path.open("rb") as handle:
        handle.readline()  # the header: plain column names, no quotes or line breaks
        carry = b""
        while chunk := handle.read(size):
            data = carry + chunk
            quotes = data.count(b'"')
            cut = len(data)
            while True:
                cut = data.rfind(b"\n", 0, cut)
                if cut < 0 or (quotes - data.count(b'"', cut)) % 2 == 0:
                    break
            if cut < 0:  # no row ends in this block yet (a very long row): read on
                carry = data
                continue
            yield data[:cut + 1]
            carry = data[cut + 1:]
        if carry:
            yield carry


def convert(csv_path: Path, fields: list[dict[str, Any]], target: Path) -> Path:
    """A staged Parquet (a temp file beside ``target``) of the CSV the ETL has written, converted in
    bounded blocks and stamped with the CSV's size and modification time (which a rename keeps).
    Raises ValueError or an Arrow error when a cell is not of its column's type."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    schema = arrow_schema(fields)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    staged = Path(name)
    try:
        with pq.ParquetWriter(name, schema, compression="lz4") as writer:
            for block in _row_blocks(csv_path, BLOCK_BYTES):
                table = pacsv.read_csv(
                    io.BytesIO(block), read_options=pacsv.ReadOptions(column_names=schema.names, use_threads=False),
                    parse_options=pacsv.ParseOptions(newlines_in_values=True),
                    convert_options=pacsv.ConvertOptions(
                        column_types=schema, strings_can_be_null=False, null_values=[""],
                        true_values=["True", "true"], false_values=["False", "false"]))
                writer.write_table(table.select(schema.names).cast(schema))
                del table
                pa.default_memory_pool().release_unused()  # the memory of a block goes back before the next
            writer.add_key_value_metadata({k.decode(): v.decode() for k, v in _stamp(csv_path).items()})
        staged.chmod(_file_mode())
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return staged


def stage_parquet(csv_path: Path, fields: list[dict[str, Any]], target: Path) -> tuple[Path | None, str]:
    """(the staged Parquet, '') or (None, the one-line reason it could not be made; readers use the CSV)."""
    import pyarrow as pa

    try:
        return convert(csv_path, fields, target), ""
    except (pa.ArrowException, ValueError, OSError) as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return None, f"{target}: not written ({reason}); readers use {target.with_suffix('.csv').name}"


def same_file(a: Path, b: Path) -> bool:
    """True when two files hold the same bytes."""
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        with a.open("rb") as first, b.open("rb") as second:
            while True:
                left, right = first.read(1 << 20), second.read(1 << 20)
                if left != right:
                    return False
                if not left:
                    return True
    except OSError:
        return False


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
