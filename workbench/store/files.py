"""Files that are never left half-written.

Every write goes to a temporary file in the same folder, is flushed and fsync'ed, and
replaces the old file with os.replace (atomic on POSIX and Windows), after which the
folder is fsync'ed too, so that the rename itself survives a power cut. A reader
therefore always sees either the old or the new complete file. Writers of one file are
serialised by a lock file next to it (filelock), and re-read the file under the lock.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import orjson

try:
    import fcntl
except ImportError:  # Windows: temporary files are removed at open whatever their state
    fcntl = None
from filelock import FileLock, Timeout

TEMP_PREFIX = ".tmp-"  # temporary files: cleaned up at start when a writer died
LOCK_SUFFIX = ".lock"
LOCK_TIMEOUT = 30.0  # seconds a writer waits for another before giving up, loudly


class StoreError(Exception):
    """A store file that cannot be used: the message names the file and what is wrong."""


class OutputRefused(Exception):
    """A file the user named for output that will not be written: inside the store, a
    folder, a folder that does not exist. The message says which and why."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


class OutputExists(OutputRefused):
    """The output file exists and replacing it was not asked for (ask, or --force)."""


def write_output(path: Path, data: bytes, store_root: Path, replace: bool = False) -> Path:
    """Write a file the user named (an export): never inside the store folder (it would
    replace the store's own files), never over an existing file unless `replace`, and
    atomically (a temporary file in the same folder, fsync'ed, then moved into place).
    Returns the absolute path written."""
    target = Path(os.path.abspath(Path(path).expanduser()))
    real, store = Path(os.path.realpath(target)), Path(os.path.realpath(store_root))
    if real == store or real.is_relative_to(store):
        raise OutputRefused(target, f"inside the store folder {store}; write it somewhere else")
    if os.path.isdir(real):
        raise OutputRefused(target, "is a folder; give a file name")
    if not os.path.isdir(real.parent):
        raise OutputRefused(target, f"no such folder {real.parent}")
    if not replace and os.path.lexists(target):
        raise OutputExists(target, "exists; replace it with --force (or choose another name)")
    try:
        write_atomic(real, data, replace=replace)
    except FileExistsError:  # created meanwhile by someone else
        raise OutputExists(target, "exists; replace it with --force (or choose another name)") from None
    return target


def file_mode() -> int:
    """The permissions `open()` gives a new file: 0o666 less the process's umask (a
    team sharing a store folder sets a umask such as 002; see the README)."""
    return 0o666 & ~_umask()


def _umask() -> int:
    # Linux says it without changing it; elsewhere it can only be read by setting it,
    # which is not thread-safe, so that is done once, at import (single-threaded).
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return _UMASK_AT_IMPORT


def _read_umask_by_setting_it() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK_AT_IMPORT = _read_umask_by_setting_it()


def write_atomic(path: Path, data: bytes, replace: bool = True) -> None:
    """Write `data` to `path`, all or nothing. With `replace` False an existing file is
    never replaced, even one created meanwhile by another process: FileExistsError."""
    try:
        _write_atomic(path, data, replace)
    except _TempRemoved:
        _write_atomic(path, data, replace)  # another process opening the store took it for an orphan


class _TempRemoved(Exception):
    pass


def _write_atomic(path: Path, data: bytes, replace: bool) -> None:
    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX + path.name + ".", dir=path.parent)
    _hold(fd)  # a live writer's temporary file: remove_orphans leaves it alone
    try:
        if hasattr(os, "fchmod"):  # mkstemp makes 0600: the file gets what open() would give it
            os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            try:
                (os.replace if replace else _place_new)(temp, path)  # while the file is still held
            except FileNotFoundError as error:
                if os.path.exists(path.parent):
                    raise _TempRemoved from error
                raise
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    fsync_folder(path.parent)


def _place_new(temp: str, path: Path) -> None:
    """Move the complete temporary file to `path` unless `path` exists: a hard link
    fails if it does, atomically; where links are not supported, check, then rename."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links here (some network and FAT file systems)
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "file exists", str(path)) from None
        os.replace(temp, path)
        return
    os.unlink(temp)


def _mode_for(path: Path) -> int:
    """An existing file keeps its permissions (as when open() rewrites it); a new one
    gets 0o666 less the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return file_mode()


def _hold(fd: int) -> None:
    """An advisory lock on an open temporary file; the system drops it when the writer
    exits, also when it is killed."""
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _is_held(path: Path) -> bool:
    """Is a live writer still writing this temporary file?"""
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)  # closing drops our lock, if we got it


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
    """Temporary files left by a writer that was killed mid-write: never the data, and
    never the file a live writer (another process opening the store meanwhile) holds."""
    removed = []
    for orphan in folder.glob(TEMP_PREFIX + "*"):
        if _is_held(orphan):
            continue  # another process is writing it right now
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
