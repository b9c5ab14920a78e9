"""Files that are never left half-written.

Every write goes to a temporary file in the same folder, is flushed and fsync'ed, and
replaces the old file with os.replace (atomic on POSIX and Windows), after which the
folder is fsync'ed too, so that the rename itself survives a power cut. A reader
therefore always sees either the old or the new complete file. Writers of one file are
serialised by a lock file next to it (filelock), and re-read the file under the lock.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import orjson
from filelock import FileLock, Timeout

TEMP_PREFIX = ".tmp-"  # temporary files: cleaned up at start when a writer died
LOCK_SUFFIX = ".lock"
LOCK_TIMEOUT = 30.0  # seconds a writer waits for another before giving up, loudly


class StoreError(Exception):
    """A store file that cannot be used: the message names the file and what is wrong."""


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, all or nothing."""
    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX + path.name + ".", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable (a no-op where unsupported)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_json(path: Path, value: object) -> None:
    write_atomic(path, orjson.dumps(value))


def read_json(path: Path) -> object:
    """The JSON value in `path`; a StoreError naming the file if it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise StoreError(f"{path}: cannot read: {error.strerror or error}") from error
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise StoreError(f"{path}: not valid JSON ({error}); the file is left as it is") from error


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock file of `path` (one writer at a time, across processes)."""
    lock = FileLock(str(path) + LOCK_SUFFIX, timeout=timeout)
    try:
        with lock:
            yield
    except Timeout as error:
        raise StoreError(f"{path}: another process has held the lock for {timeout:.0f} s") from error


def remove_orphans(folder: Path) -> list[Path]:
    """Temporary files left by a writer that was killed mid-write: never the data."""
    removed = []
    for orphan in folder.glob(TEMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            orphan.unlink()
            removed.append(orphan)
    return removed


def signature(path: Path) -> tuple[int, int, int] | None:
    """What changes when a file is replaced or appended to: to skip needless re-reads."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns
