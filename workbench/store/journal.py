"""An append-only journal: one JSON line per event, fsync'ed before the write returns.

Saving a review must be fast however many reviews a file holds, and must survive a kill
at any moment. Appending one short line and fsync'ing it costs well under a millisecond
on a local disk. A torn last line (no newline: the write that was cut short never
returned, so nobody was told it was saved) is skipped by readers and cut off by the next
writer, under the lock, before it appends; any other line that is not an event is damage,
and stops the store with the file and line named (the file is left as it is). Journals are folded from time to
time (see reviews.py): their events are appended to the reviewer's history file (JSON
lines too, `extend`) and the current state is written to the reviewer's TinyDB file;
events carry ids so that folding twice, after a crash between writing the file and
emptying the journal, changes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson

from .files import StoreError, fsync_folder


def append(path: Path, event: dict) -> None:
    """Append one event durably (the caller holds the journal's lock). Lines are far
    below the size the kernel appends whole."""
    line = orjson.dumps(event) + b"\n"
    drop_torn_tail(path)
    created = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)  # less the umask, as open() does
    try:
        written = os.write(fd, line)
        if written != len(line):  # a full disk: say so rather than leave half a line
            raise OSError(f"{path}: short write ({written} of {len(line)} bytes)")
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:
        fsync_folder(path.parent)


def append_many(path: Path, events: list[dict]) -> None:
    """Append several events with one write and one fsync (an import; the caller holds
    the journal's lock)."""
    data = b"".join(orjson.dumps(event) + b"\n" for event in events)
    drop_torn_tail(path)
    created = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)  # less the umask, as open() does
    try:
        view = memoryview(data)
        while view:  # large batches may be written in several pieces
            written = os.write(fd, view)
            if written <= 0:
                raise OSError(f"{path}: short write")
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:
        fsync_folder(path.parent)


def extend(path: Path, committed: int, events: list[dict]) -> int:
    """Append events to a history file whose first `committed` bytes are its committed
    part (the part the reviewer's TinyDB file says it holds), with one write and one
    fsync; returns the size after. Whatever follows the committed part is cut off first:
    lines of a fold that crashed before it wrote the TinyDB file, whose events are still
    in the journal and among `events` again (the caller holds the journal's lock)."""
    data = b"".join(orjson.dumps(event) + b"\n" for event in events)
    created = not path.exists()
    # O_BINARY: on Windows a file opened without it turns "\n" into "\r\n".
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o666)  # less the umask, as open() does
    try:
        size = os.fstat(fd).st_size
        if size < committed:  # checked when read: cut since by someone else
            raise StoreError(f"{path}: {size} bytes, shorter than the {committed} its reviewer file says "
                             "it holds; the file is left as it is")
        if size > committed:
            os.ftruncate(fd, committed)  # O_APPEND: the next write goes to the new end
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            if written <= 0:
                raise OSError(f"{path}: short write")
            view = view[written:]
        os.fsync(fd)
        size = os.fstat(fd).st_size
    finally:
        os.close(fd)
    if created:
        fsync_folder(path.parent)
    return size


def drop_torn_tail(path: Path) -> None:
    """Cut off a last line without its newline: a write cut short by a crash, which
    never returned (so nobody was told it was saved). Appending after it would glue the
    next event onto it and damage both. Only under the journal's lock: no live writer is
    then half-way through a line."""
    try:
        handle = open(path, "r+b")
    except FileNotFoundError:
        return
    with handle:
        size = handle.seek(0, os.SEEK_END)
        if size == 0 or _read_at(handle, size - 1, 1) == b"\n":
            return
        handle.truncate(_after_last_newline(handle, size))
        handle.flush()
        os.fsync(handle.fileno())


def _read_at(handle, offset: int, count: int) -> bytes:
    handle.seek(offset)
    return handle.read(count)


def _after_last_newline(handle, size: int) -> int:
    """The offset just after the last newline of the file (0 when there is none)."""
    end, step = size, 4096
    while end > 0:
        start = max(0, end - step)
        found = _read_at(handle, start, end - start).rfind(b"\n")
        if found >= 0:
            return start + found + 1
        end = start
    return 0


def read(path: Path) -> list[dict]:
    """Every complete event in the journal, in order."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    return [event for _line, event in parse(data, path)]


def parse(data: bytes, path: Path, first_line: int = 1) -> list[tuple[int, dict]]:
    """The events, with their line numbers, in journal bytes that start on line
    `first_line` of `path`. The last
    line may be torn (no newline after it: its writer died mid-write and never returned)
    and is skipped; any other line that is not a JSON object is damage: StoreError naming
    the file and the line."""
    events = []
    lines = data.split(b"\n")[:-1]  # what follows the last newline is torn (or nothing)
    for number, line in enumerate(lines, first_line):
        if not line.strip():
            continue
        try:
            event = orjson.loads(line)
        except orjson.JSONDecodeError as error:
            raise damaged(path, number, f"not valid JSON ({error})") from error
        if not isinstance(event, dict):
            raise damaged(path, number, "not an event (a JSON object)")
        events.append((number, event))
    return events


def damaged(path: Path, line: int, what: str) -> StoreError:
    return StoreError(f"{path}:{line}: damaged journal line, {what}; the file is left as it is "
                      "(repair or remove that line, keeping a copy of the file)")


def clear(path: Path) -> None:
    """Empty the journal after its events were folded into the reviewer's files. Cut in
    place, not replaced: on Windows a file another process has open cannot be replaced,
    and readers open the journal often; they tell a cut journal by the TinyDB file,
    which a fold replaces before it cuts the journal (see reviews.py)."""
    if path.exists():
        with open(path, "r+b") as handle:
            handle.truncate(0)
            handle.flush()
            os.fsync(handle.fileno())
