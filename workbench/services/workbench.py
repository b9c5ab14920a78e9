"""`Workbench`: one store opened for one reviewer, with every use case on it — what the
command line and the TUI hold.

    wb = Workbench.open("store", reviewer="anna")
    wb.ingest.add(["seeds/"])
    quote_id = next(iter(wb.store.corpus.current_quotes()))["id"]
    wb.reviewing.mark(quote_id, "confirmed", note="Matches the CNN transcript")
    wb.reviewing.undo()
"""

from __future__ import annotations

from pathlib import Path

from ..store import Store
from .exchange import Exchange
from .groups import Groups
from .ingest import Ingest
from .reviewing import Reviewing
from .speakers import Speakers
from .team import Team


class Workbench:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.speakers = Speakers(store)
        self.groups = Groups(store, self.speakers)
        self.ingest = Ingest(store, self.speakers)
        self.reviewing = Reviewing(store)
        self.team = Team(store)
        self.exchange = Exchange(store, self.speakers, self.team, self.reviewing)

    @classmethod
    def open(cls, root: str | Path | None = None, reviewer: str | None = None,
             create: bool = True) -> Workbench:
        """The store in `root` (--store, $WORKBENCH_STORE, ./store) for `reviewer` (see
        `Store.open`)."""
        return cls(Store.open(root, reviewer, create))

    @property
    def root(self) -> Path:
        return self.store.root

    @property
    def reviewer(self) -> str:
        return self.store.reviewer
