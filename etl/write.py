"""Write the processed tables: atomically (temp file + rename), so a crash never leaves half a CSV."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any


def atomic_write_text(path: Path, content: str) -> None:
    """Replace ``path`` with ``content`` in one step; the old file stays intact until the rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def csv_text(columns: list[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """RFC 4180 CSV text with a header row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if row.get(key) is None else row.get(key) for key in columns})
    return buffer.getvalue()


def write_tables(out_dir: Path, tables: Mapping[str, tuple[list[str], list[dict[str, Any]]]],
                 package: dict[str, Any]) -> None:
    """Write every table, then the datapackage that describes them (each file replaced atomically)."""
    contents = {name: csv_text(columns, rows) for name, (columns, rows) in tables.items()}
    for name, content in contents.items():
        atomic_write_text(out_dir / f"{name}.csv", content)
    atomic_write_text(out_dir / "datapackage.json", json.dumps(package, indent=2, ensure_ascii=False) + "\n")
