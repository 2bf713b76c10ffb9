"""Keep a stamp of the files under an articles folder, for make: rewritten only when they change.

    python3 -P etl/inputs_stamp.py ARTICLES_DIR STAMP_FILE

The stamp lists every file below the folder (any suffix, any depth, hidden files aside) with its size
and modification time. It is rewritten — and so becomes newer than the tables built from it — only
when that list differs from the one it holds: when an article is added, changed, renamed or deleted.
The Makefile runs this as it reads itself, so ``make -n data`` answers truly too.

Standard library only: it runs with the system Python before the project's venv exists.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def listing(folder: Path) -> str:
    """One line per file: relative path, size and modification time in nanoseconds."""
    rows = []
    for directory, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in names:
            if name.startswith("."):
                continue
            path = Path(directory) / name
            try:
                stat = path.stat()
            except OSError:
                continue  # vanished while listed: the next run sees the folder as it is then
            rows.append(f"{path.relative_to(folder).as_posix()}\t{stat.st_size}\t{stat.st_mtime_ns}")
    return "".join(f"{row}\n" for row in sorted(rows))


def refresh(folder: Path, stamp: Path) -> bool:
    """Rewrite the stamp if the folder's listing changed; True when it did."""
    current = listing(folder)
    try:
        if stamp.read_text(encoding="utf-8") == current:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    stamp.parent.mkdir(parents=True, exist_ok=True)
    temporary = stamp.with_name(f".{stamp.name}.tmp")
    temporary.write_text(current, encoding="utf-8")
    temporary.replace(stamp)
    return True


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: inputs_stamp.py ARTICLES_DIR STAMP_FILE")
    refresh(Path(sys.argv[1]), Path(sys.argv[2]))
