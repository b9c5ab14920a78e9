"""The store: the only code that touches the store's files — persistence only. What a
store is used for (ingest, reviewing, team work, exports) lives in `workbench.services`,
which reads and writes through this class, the corpus and the reviewer logs.

Layout of a store folder:
    meta.json                  the store's schema version
    corpus/articles.json       articles, every version       (TinyDB, written by ingest)
    corpus/quotes.json         quotes                         (TinyDB, written by ingest)
    corpus/speakers.json       speakers                       (TinyDB, written by ingest)
    corpus/groups.json         near-duplicate groups, links   (TinyDB, written by ingest)
    reviews/<reviewer>.json    one reviewer's reviews, source notes, alias corrections and
                               final verdicts: the state (TinyDB)
    reviews/<reviewer>.history that reviewer's changes, folded in (JSON lines, append-only)
    reviews/<reviewer>.journal that reviewer's latest changes, not yet folded in (JSON lines)
    team.json                  the team's settings: lead reviewers, agreement quorum
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from pathlib import Path

from .corpus import Corpus
from .files import StoreError, read_json, remove_orphans, write_json, write_output
from .reviews import ReviewerLog, ReviewerNameError, file_stem, legacy_stem, name_of_stem
from .settings import TEAM_FILE, TeamSettings, read_team_settings, update_team_settings
from .storage import SCHEMA

DEFAULT_STORE = "store"


def store_path(option: str | None = None) -> Path:
    """--store, then WORKBENCH_STORE, then ./store."""
    return Path(option or os.environ.get("WORKBENCH_STORE") or DEFAULT_STORE)


def reviewer_name(option: str | None = None) -> str:
    """--reviewer, then WORKBENCH_REVIEWER, then the login name."""
    name = option or os.environ.get("WORKBENCH_REVIEWER")
    if not name:
        try:
            name = getpass.getuser()
        except Exception:  # no login name (some containers): still a usable store
            name = "reviewer"
    return name.strip() or "reviewer"


class NotAStore(StoreError):
    """A folder opened without `create` that holds no store (a typo in --store)."""


def is_store(root: Path) -> bool:
    """Does `root` hold a store (its description, or the folders of an older one)?"""
    return (root / "meta.json").is_file() or (root / "corpus").is_dir() or (root / "reviews").is_dir()


class Store:
    def __init__(self, root: Path, reviewer: str, create: bool = True) -> None:
        self.root = root
        self.reviewer = reviewer
        if not create and not is_store(root):
            what = "no such folder" if not root.exists() else "not a folder" if not root.is_dir() else \
                "a folder without a store"
            raise NotAStore(f"{root}: not a Quote Workbench store ({what}); `workbench ingest PATH... "
                            f"--store {root}` or `workbench review --store {root}` creates one")
        self._prepare()
        self.corpus = Corpus(root / "corpus")
        self.mine = ReviewerLog(root / "reviews", reviewer, self._own_stem(reviewer))
        self._check_owner(self.mine)
        self._others: dict[str, ReviewerLog] = {}
        self.others()  # read every teammate's file now: a store that cannot be read won't open

    @classmethod
    def open(cls, root: str | Path | None = None, reviewer: str | None = None, create: bool = True) -> Store:
        """The store in `root` (--store, $WORKBENCH_STORE, ./store) for `reviewer`; with
        `create` False a folder that holds no store is refused (NotAStore) rather than
        made into an empty one."""
        return cls(store_path(str(root) if root is not None else None), reviewer_name(reviewer), create)

    def _prepare(self) -> None:
        for folder in (self.root, self.root / "corpus", self.root / "reviews"):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"{folder}: cannot create the store folder: {error.strerror}") from error
            remove_orphans(folder)
        meta = self.root / "meta.json"
        if meta.exists():
            value = read_json(meta)
            if not isinstance(value, dict) or not isinstance(value.get("schema"), int):
                raise StoreError(f"{meta}: not a store description; the file is left as it is")
            if value["schema"] > SCHEMA:
                raise StoreError(f"{meta}: a store of a newer Quote Workbench (schema "
                                 f"{value['schema']}; this one reads up to {SCHEMA})")
        else:
            write_json(meta, {"schema": SCHEMA, "application": "quote-workbench"})

    def write_output(self, path: str | Path, data: bytes, replace: bool = False) -> Path:
        """Write an export to the file `path` names, returning its absolute path. Refused
        (OutputRefused) inside this store's folder or over a folder; OutputExists when
        the file exists and `replace` is False (ask first, or --force). Atomic: a crash
        leaves the old file or the new one, never half of it."""
        return write_output(Path(path), data, self.root, replace)

    # -- lookups -------------------------------------------------------------------------
    def quote(self, quote_id: str) -> dict:
        try:
            return self.corpus.quotes[quote_id]
        except KeyError:
            raise KeyError(f"no quote with id {quote_id!r} in {self.root}") from None

    def article(self, article_id: str) -> dict:
        try:
            return self.corpus.articles[article_id]
        except KeyError:
            raise KeyError(f"no article with id {article_id!r} in {self.root}") from None

    def logs(self) -> list[ReviewerLog]:
        """Every reviewer's log, this reviewer's first, each read afresh (teammates write
        theirs at any time)."""
        logs = [self.mine, *self.others().values()]
        for log in logs:
            log.refresh()
        return logs

    def log_for(self, name: str) -> ReviewerLog:
        """The log of a reviewer by name (this reviewer's own, a teammate's, or a new one):
        an import writes each reviewer's records into their own log."""
        if name == self.reviewer:
            return self.mine
        stem = self.stem_of(name)
        self.others()
        if stem not in self._others:
            self._others[stem] = ReviewerLog(self.root / "reviews", name, stem)
        log = self._others[stem]
        if log.reviewer != name:  # another name's file (an older version's file names)
            raise ValueError(f"{log.path}: holds the work of reviewer {log.reviewer!r}, not {name!r}")
        return log

    # -- team settings -------------------------------------------------------------------
    def team_settings(self) -> TeamSettings:
        return read_team_settings(self.root / TEAM_FILE)

    def update_team_settings(self, change: Callable[[TeamSettings], TeamSettings]) -> TeamSettings:
        """Read, change and write the team's settings under their lock (`change` may raise
        to refuse: nothing is written then)."""
        return update_team_settings(self.root / TEAM_FILE, change)

    # -- team ----------------------------------------------------------------------------
    def _stems(self) -> set[str]:
        folder = self.root / "reviews"
        return {p.stem for pattern in ("*.json", "*.journal") for p in folder.glob(pattern)}

    def stem_of(self, name: str) -> str:
        """The file name of a reviewer's files: `file_stem(name)`, or the file an older
        version named by `legacy_stem` if it holds this reviewer's work and no newer file
        does (an old store keeps working)."""
        stem, stems = file_stem(name), self._stems()
        old = legacy_stem(name)
        if stem not in stems and old != stem and old in stems:
            if self._owner(ReviewerLog(self.root / "reviews", name, old)) == name:
                return old
        return stem

    def _own_stem(self, name: str) -> str:
        """This reviewer's file name, refused when it differs only in case from another
        reviewer's: on a case-insensitive file system (macOS, Windows, many shared
        drives) the two would be one file."""
        stem = self.stem_of(name)
        for other in self._stems():
            if other != stem and other.casefold() == stem.casefold():
                raise ReviewerNameError(
                    f"reviewer name {name!r} differs only in case from another reviewer's "
                    f"({self.root / 'reviews' / other}.*): on a case-insensitive file system they would "
                    "share files; give the name as that reviewer spells it, or another name")
        return stem

    def _check_owner(self, log: ReviewerLog) -> None:
        owner = self._owner(log)
        if owner is not None and owner != log.reviewer:
            raise ReviewerNameError(
                f"{log.journal if log.journal.exists() else log.path} holds the work of reviewer "
                f"{owner!r}, not {log.reviewer!r} (an older Quote Workbench gave both names one file "
                "name); choose another reviewer name")

    @staticmethod
    def _owner(log: ReviewerLog) -> str | None:
        """The reviewer who wrote a log, as their events name them."""
        return log.events[0].get("reviewer") if log.events else None

    def others(self) -> dict[str, ReviewerLog]:
        """The other reviewers' logs, read-only (each writes only their own file)."""
        for stem in sorted(self._stems()):
            if stem != self.mine.stem and stem not in self._others:
                log = ReviewerLog(self.root / "reviews", name_of_stem(stem), stem)
                owner = self._owner(log)  # the name as written, whatever the file is called
                if owner is not None and owner != log.reviewer:
                    log.reviewer = owner
                self._others[stem] = log
        return {log.reviewer: log for log in self._others.values()}

    def compact(self) -> None:
        """Fold this reviewer's journal into their file (done by itself every few hundred
        changes; also useful before copying a store)."""
        self.mine.compact()

