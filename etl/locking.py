"""One writer at a time per data folder: an exclusive lock file around every read-modify-write."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".flowcite.lock"


@contextmanager
def data_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's exclusive lock (blocking); released when the block ends or the process dies."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder / LOCK_NAME, os.O_CREAT | os.O_RDWR, 0o666)  # less the umask, like every file written
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        os.close(handle)
