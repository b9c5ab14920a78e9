"""An append-only journal: one JSON line per event, fsync'ed before the write returns.

Saving a review must be fast however many reviews a file holds, and must survive a kill
at any moment. Appending one short line and fsync'ing it costs well under a millisecond
on a local disk; a reader skips a torn last line (the write that was cut short never
returned, so nobody was told it was saved). Journals are folded into the reviewer's
TinyDB file from time to time (see reviews.py); events carry ids so that folding twice,
after a crash between writing the file and emptying the journal, changes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson

from .files import fsync_folder


def append(path: Path, event: dict) -> None:
    """Append one event durably. Lines are far below the size the kernel appends whole."""
    line = orjson.dumps(event) + b"\n"
    created = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
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
    """Append several events with one write and one fsync (an import)."""
    data = b"".join(orjson.dumps(event) + b"\n" for event in events)
    created = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
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


def read(path: Path) -> list[dict]:
    """Every complete event in the journal, in order."""
    try:
        return parse(path.read_bytes())
    except FileNotFoundError:
        return []


def parse(data: bytes) -> list[dict]:
    """The events in journal bytes. A line that does not parse can only be the last one,
    torn by a crash mid-write (its writer never returned): it is skipped."""
    events = []
    for line in data.split(b"\n"):
        if not line.strip():
            continue
        try:
            event = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue
        if isinstance(event, dict):
            events.append(event)
    return events


def clear(path: Path) -> None:
    """Empty the journal after its events were folded into the reviewer's file."""
    if path.exists():
        with open(path, "r+b") as handle:
            handle.truncate(0)
            handle.flush()
            os.fsync(handle.fileno())
