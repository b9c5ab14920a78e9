"""The stored near-duplicate groups of the corpus (services/groups.py keeps them up to
date on ingest).

File (TinyDB, written atomically): `corpus/groups.json`, tables
- `links`:  the evidence and affinity links the matcher found between quotes, so that an
            ingest compares only the new quotes (nothing already stored is compared again);
- `groups`: each group of two quotes or more — members (earliest first), the members
            matched on their own words, wording drift from the earliest version and the
            flags as of the last ingest;
- `words`:  each quote's content words and blocking words, so that the matcher files
            the stored quotes without preparing their texts again (most are never
            compared; preparing 100,000 took two seconds);
- `pending`: the quotes an ingest stored but could not group (grouping failed): the next
            ingest or `workbench regroup` compares them as new.
Each quote record also carries its `group` (None when no other quote reports it).
"""

from __future__ import annotations

from pathlib import Path

from ..models import GroupRecord
from .storage import AtomicStorage

# The rule that chose the blocking words saved in `words`: 2 = the rarest in the language
# (1, unmarked, was the rarest in the corpus, which depended on the order of ingests).
BLOCKING_RULE = 2


class GroupIndex:
    def __init__(self, folder: Path) -> None:
        self.path = folder / "groups.json"
        self.links: list[dict] = []
        self.groups: dict[str, GroupRecord] = {}
        self.words: dict[str, str] = {}  # quote id → "content words|blocking words"
        self.pending: set[str] = set()  # quotes stored but not grouped yet
        self.loaded = False

    def load(self) -> None:
        tables = AtomicStorage(self.path, kind="groups").read() or {}
        self.links = list(tables.get("links", {}).values())
        self.groups = {g["id"]: g for g in tables.get("groups", {}).values()}
        words = next(iter(tables.get("words", {}).values()), {})
        # blocking words chosen by an older rule are chosen again (rarity.py)
        self.words = words if tables.get("blocking", {}).get("1", {}).get("rule") == BLOCKING_RULE else {}
        self.pending = set(next(iter(tables.get("pending", {}).values()), {}).get("quotes", []))
        self.loaded = True

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.load()

    def reload_saved(self) -> None:
        """Back to the groups as saved (none when nothing was saved yet)."""
        if self.path.exists():
            self.load()
        else:
            self.links, self.groups, self.words = [], {}, {}
            self.loaded = True

    def save(self) -> None:
        AtomicStorage(self.path, kind="groups").write({
            "links": {str(n): link for n, link in enumerate(self.links, 1)},
            "groups": {str(n): g for n, g in enumerate(self.groups.values(), 1)},
            "words": {"1": self.words},  # one document: quote id → "content|blocking"
            "blocking": {"1": {"rule": BLOCKING_RULE}},
            "pending": {"1": {"quotes": sorted(self.pending)}} if self.pending else {},
        })
