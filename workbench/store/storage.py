"""A TinyDB storage that is safe to crash in and knows its schema version.

TinyDB's stock JSONStorage rewrites the file in place, so a crash mid-write leaves a
truncated file; this one writes through `files.write_atomic`. It also skips re-reading a
file that has not changed since it was last read (TinyDB reads the whole file on every
query), and refuses files it cannot understand rather than starting empty over them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from .files import StoreError, read_json, signature, write_json

SCHEMA = 1  # the version of every store file this program writes
META_TABLE = "_meta"

Tables = dict[str, dict[str, Any]]
# Upgrades from an older schema version to the next one: version → function on the data.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {
    0: lambda tables: tables,  # version 0: a plain TinyDB file without a _meta table
}


def file_schema(tables: Tables) -> int:
    meta = tables.get(META_TABLE, {})
    for record in meta.values():
        return int(record.get("schema", 0))
    return 0


class AtomicStorage(Storage):
    def __init__(self, path: str | Path, kind: str = "store") -> None:
        self.path = Path(path)
        self.kind = kind
        self._cache: Tables | None = None
        self._signature: tuple[int, int, int] | None = None

    def read(self) -> Tables | None:
        current = signature(self.path)
        if current is None:
            return None
        if current != self._signature:
            self._cache = self._load()
            self._signature = signature(self.path)
        return self._cache

    def write(self, data: Tables) -> None:
        data[META_TABLE] = {"1": {"schema": SCHEMA, "kind": self.kind}}
        write_json(self.path, data)
        self._cache, self._signature = data, signature(self.path)

    def _load(self) -> Tables:
        tables = read_json(self.path)
        if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
            raise StoreError(f"{self.path}: not a store file (expected tables of records); "
                             "the file is left as it is")
        version = file_schema(tables)
        if version > SCHEMA:
            raise StoreError(f"{self.path}: written by a newer Quote Workbench (schema {version}; "
                             f"this one reads up to {SCHEMA}); the file is left as it is")
        if version < SCHEMA:
            tables = self._migrate(tables, version)
        return tables

    def _migrate(self, tables: Tables, version: int) -> Tables:
        """Upgrade an older file, keeping a copy of it as it was."""
        backup = self.path.with_name(f"{self.path.name}.schema{version}.bak")
        if not backup.exists():
            shutil.copy2(self.path, backup)
        while version < SCHEMA:
            tables = MIGRATIONS[version](tables)
            version += 1
        self.write(tables)
        return tables


def open_db(path: Path, kind: str) -> TinyDB:
    """A TinyDB on an atomic, versioned file (created on first write)."""
    return TinyDB(path, storage=AtomicStorage, kind=kind)
