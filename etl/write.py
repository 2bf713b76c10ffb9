"""Write the processed tables atomically: every file is staged in a temp file and fsynced first, and
only then renamed over the old one, so a crash never leaves a half-written CSV and a failure while
staging leaves every earlier file as it was.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from etl.parquet import current_parquet, parquet_path, same_file, stage_parquet


def _file_mode() -> int:
    """The mode a plain ``open(path, "w")`` gives a new file: 0o666 less the process's umask. Temp files
    are created private (0o600); every file the project writes gets this mode instead."""
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    umask = os.umask(0o022)  # no /proc: read it by setting it, and put it back at once
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()
PENDING_CHARS = 1 << 20  # rows gathered per table before a write: few writes, little memory


def _stage(path: Path, content: str | bytes) -> Path:
    """A fsynced temp file next to ``path`` holding ``content`` (text as UTF-8, bytes as they are)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(handle, FILE_MODE)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content.encode("utf-8") if isinstance(content, str) else content)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


def atomic_write_files(contents: Mapping[Path, str | bytes]) -> None:
    """Replace each path with its content; nothing is replaced unless every file could be staged."""
    staged: dict[Path, Path] = {}
    try:
        for path, content in contents.items():
            staged[path] = _stage(path, content)
    except BaseException:
        for temp in staged.values():
            temp.unlink(missing_ok=True)
        raise
    for path, temp in staged.items():
        temp.replace(path)


def render_rows(columns: list[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV lines (RFC 4180, CRLF) of ``rows`` in ``columns`` order, no header; a missing or None cell is empty.
    The one place rows become CSV text, so cached text and freshly written text are the same bytes."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(
        ["" if (value := row.get(key)) is None else value for key in columns] for row in rows)
    return buffer.getvalue()


def csv_text(columns: list[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """RFC 4180 CSV text with a header row."""
    return render_rows(columns, [dict(zip(columns, columns, strict=True))]) + render_rows(columns, rows)


def write_tables(out_dir: Path, tables: Mapping[str, tuple[list[str], list[dict[str, Any]]]],
                 package: dict[str, Any], parquet: Mapping[str, list[dict[str, Any]]] | None = None) -> list[str]:
    """Write every table and the datapackage that describes them; with ``parquet`` (each table's data-package
    fields), each table also as Parquet beside its CSV. The lines say which Parquet could not be made."""
    out_dir.mkdir(parents=True, exist_ok=True)
    contents: dict[Path, str | bytes] = {out_dir / f"{name}.csv": csv_text(columns, rows)
                                         for name, (columns, rows) in tables.items()}
    contents[out_dir / "datapackage.json"] = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    atomic_write_files(contents)
    staged, problems = _stage_parquet(out_dir, {name: out_dir / f"{name}.csv" for name in tables}, parquet or {})
    if any(path is None for path in staged.values()):  # the package declares only the files there are
        failed = {f"{name}.parquet" for name, path in staged.items() if path is None}
        atomic_write_files({out_dir / "datapackage.json": json.dumps(_declared(package, failed), indent=2,
                                                                    ensure_ascii=False) + "\n"})
    _place_parquet(out_dir, staged)
    return problems


def _stage_parquet(out_dir: Path, csvs: Mapping[str, Path], parquet: Mapping[str, list[dict[str, Any]]]
                   ) -> tuple[dict[str, Path | None], list[str]]:
    """Each table's Parquet staged from its (staged) CSV; None and a line for one that could not be made."""
    names = [name for name in parquet if name in csvs]
    # two at a time: Arrow parses and writes without the interpreter's lock, and the extraction workers
    # are gone by now, so the largest table and the others convert side by side
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = list(pool.map(lambda name: stage_parquet(csvs[name], parquet[name],
                                                         parquet_path(out_dir / f"{name}.csv")), names))
    staged = {name: path for name, (path, _) in zip(names, done, strict=True)}
    return staged, [problem for _, problem in done if problem]


def _place_parquet(out_dir: Path, staged: Mapping[str, Path | None]) -> None:
    """Rename each staged Parquet into place (after its CSV); a table without one loses any older Parquet."""
    for name, path in staged.items():
        target = parquet_path(out_dir / f"{name}.csv")
        if path is not None:
            path.replace(target)
        else:
            target.unlink(missing_ok=True)  # never an older Parquet beside the new CSV


def _declared(package: dict[str, Any], missing: set[str]) -> dict[str, Any]:
    """The data package without the resources of files that could not be written."""
    if not missing:
        return package
    return {**package, "resources": [r for r in package.get("resources", []) if r.get("path") not in missing]}


class TableSet:
    """Tables written row by row to temp files beside their targets, then renamed over them together.

    ``commit`` fsyncs every temp file, writes the data package, and renames; ``discard`` removes what
    was not committed. Until the renames, every earlier file stays as it was.
    """

    def __init__(self, out_dir: Path, tables: Mapping[str, list[str]],
                 parquet: Mapping[str, list[dict[str, Any]]] | None = None) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        self.columns = dict(tables)
        self.parquet = {name: fields for name, fields in (parquet or {}).items() if name in tables}
        self.parquet_problems: list[str] = []
        self.temps: dict[str, Path] = {}
        self.streams: dict[str, Any] = {}
        self.pending: dict[str, list[str]] = {}
        self.pending_chars: dict[str, int] = {}
        for name, columns in self.columns.items():
            handle, temp = tempfile.mkstemp(prefix=f".{name}.csv.", suffix=".tmp", dir=out_dir)
            os.fchmod(handle, FILE_MODE)
            stream = os.fdopen(handle, "w", encoding="utf-8", newline="")
            stream.write(csv_text(columns, []))
            self.temps[name], self.streams[name] = Path(temp), stream

    def write(self, name: str, rows: Iterable[Mapping[str, Any]]) -> None:
        self.write_text(name, render_rows(self.columns[name], rows))

    def write_text(self, name: str, text: str) -> None:
        """Rows already rendered by ``render_rows`` (e.g. from the cache), gathered and written in chunks."""
        pending = self.pending.setdefault(name, [])
        pending.append(text)
        self.pending_chars[name] = self.pending_chars.get(name, 0) + len(text)
        if self.pending_chars[name] >= PENDING_CHARS:
            self._flush(name)

    def _flush(self, name: str) -> None:
        self.streams[name].write("".join(self.pending.pop(name, [])))
        self.pending_chars[name] = 0

    def commit(self, package: dict[str, Any]) -> None:
        for name in list(self.pending):
            self._flush(name)
        for stream in self.streams.values():
            stream.flush()
            os.fsync(stream.fileno())
            stream.close()
        # a table whose new rows are the bytes already in place keeps its files (and its Parquet): a re-run
        # that changed nothing rewrites and converts nothing
        kept = {name for name, temp in self.temps.items()
                if name in self.parquet and same_file(temp, self.out_dir / f"{name}.csv")
                and current_parquet(self.out_dir / f"{name}.csv") is not None}
        changed = {name: temp for name, temp in self.temps.items() if name not in kept}
        # each Parquet is converted from its staged CSV, whose size and time the rename keeps
        staged, self.parquet_problems = _stage_parquet(
            self.out_dir, changed, {name: f for name, f in self.parquet.items() if name in changed})
        package = _declared(package, {f"{name}.parquet" for name, path in staged.items() if path is None})
        package_temp = _stage(self.out_dir / "datapackage.json", json.dumps(package, indent=2, ensure_ascii=False)
                              + "\n")
        for name, temp in self.temps.items():
            if name in kept:
                temp.unlink(missing_ok=True)
            else:
                temp.replace(self.out_dir / f"{name}.csv")
        package_temp.replace(self.out_dir / "datapackage.json")
        self.temps.clear()
        _place_parquet(self.out_dir, staged)  # after the CSVs: a reader never pairs a new Parquet with an old CSV

    def discard(self) -> None:
        for stream in self.streams.values():
            if not stream.closed:
                stream.close()
        for temp in self.temps.values():
            temp.unlink(missing_ok=True)
        self.temps.clear()
