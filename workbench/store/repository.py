"""The store's repository API: the only code that touches the store's files.

    store = Store.open("store", reviewer="anna")
    store.ingest(["seeds/"])
    quotes = store.quotes(status="unreviewed")
    store.set_review(quotes[0]["id"], "confirmed", note="Matches the CNN transcript")
    store.undo()

Layout of a store folder:
    meta.json                  the store's schema version
    corpus/articles.json       articles, every version       (TinyDB, written by ingest)
    corpus/quotes.json         quotes                         (TinyDB, written by ingest)
    corpus/speakers.json       speakers                       (TinyDB, written by ingest)
    reviews/<reviewer>.json    one reviewer's reviews, source notes and history (TinyDB)
    reviews/<reviewer>.journal that reviewer's latest changes, not yet folded in (JSON lines)
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..articles import iter_articles
from .corpus import Corpus, IngestReport
from .files import StoreError, read_json, remove_orphans, write_json
from .reviews import RELIABILITY, STATUSES, Review, ReviewerLog, SourceNote, file_stem, history_entry
from .storage import SCHEMA

DEFAULT_STORE = "store"
UNREVIEWED = "unreviewed"


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


@dataclass(slots=True)
class Change:
    """What a save, an undo or a redo did: for the screen to say so."""

    kind: str  # review, source
    target: str  # quote id or source
    before: dict | None
    after: dict | None


class Store:
    def __init__(self, root: Path, reviewer: str) -> None:
        self.root = root
        self.reviewer = reviewer
        self._prepare()
        self.corpus = Corpus(root / "corpus")
        self.mine = ReviewerLog(root / "reviews", reviewer)
        self._others: dict[str, ReviewerLog] = {}
        self.others()  # read every teammate's file now: a store that cannot be read won't open

    @classmethod
    def open(cls, root: str | Path | None = None, reviewer: str | None = None) -> Store:
        return cls(store_path(str(root) if root is not None else None), reviewer_name(reviewer))

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

    # -- ingest --------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | Path],
               progress: Callable[[int], None] | None = None) -> IngestReport:
        return self.corpus.ingest(iter_articles(paths), progress)

    # -- quotes --------------------------------------------------------------------------
    def quotes(self, status: str | None = None, speaker: str | None = None,
               source: str | None = None, kind: str | None = None, search: str | None = None,
               scare: bool = False) -> list[dict]:
        """Current quotes in article order, each with this reviewer's `review` (or None).
        `status` may be "unreviewed"; `source` matches an article id or an outlet."""
        self.mine.refresh()
        needle = search.lower() if search else None
        found = []
        for q in self.corpus.current_quotes():
            if (q["kind"] == "scare" and not scare and kind != "scare") or (kind and q["kind"] != kind):
                continue
            if speaker and (q["speaker"] or "").lower() != speaker.lower():
                continue
            if source and source not in (q["article"], q.get("outlet")):
                continue
            review = self.mine.reviews.get(q["id"])
            if status and (review.status if review else UNREVIEWED) != status:
                continue
            if needle and needle not in q["text"].lower() and needle not in (q["speaker"] or "").lower():
                continue
            found.append(q | {"review": review})
        found.sort(key=lambda q: (q["article"], q["index"]))
        return found

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

    def speakers(self) -> list[dict]:
        return self.corpus.speakers()

    # -- reviews -------------------------------------------------------------------------
    def review(self, quote_id: str) -> Review | None:
        self.mine.refresh()
        return self.mine.reviews.get(quote_id)

    def set_review(self, quote_id: str, status: str, note: str | None = None,
                   evidence: list[str] | None = None) -> Review:
        """Mark a quote attributed, disputed or confirmed; a note or evidence not given
        stays as it was. Saved (fsync'ed) before this returns."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        self.quote(quote_id)
        current = self.review(quote_id)
        after = {"status": status,
                 "note": note if note is not None else (current.note if current else ""),
                 "evidence": list(evidence) if evidence is not None else (list(current.evidence) if current else [])}
        self.mine.record({"type": "review", "quote": quote_id, "after": after})
        return self.mine.reviews[quote_id]

    def set_note(self, quote_id: str, note: str) -> Review | None:
        """Change the note of a reviewed quote (a quote without a verdict gets none)."""
        current = self.review(quote_id)
        if current is None:
            raise ValueError(f"quote {quote_id} has no verdict yet: mark it before adding a note")
        return self.set_review(quote_id, current.status, note=note)

    def add_evidence(self, quote_id: str, url: str) -> Review:
        current = self.review(quote_id)
        if current is None:
            raise ValueError(f"quote {quote_id} has no verdict yet: mark it before adding evidence")
        url = url.strip()
        if not url:
            raise ValueError("an evidence URL cannot be empty")
        evidence = current.evidence + ([url] if url not in current.evidence else [])
        return self.set_review(quote_id, current.status, evidence=evidence)

    def clear_review(self, quote_id: str) -> None:
        """Back to unreviewed (the history keeps what it was)."""
        if self.review(quote_id) is not None:
            self.mine.record({"type": "review", "quote": quote_id, "after": None})

    def history(self, quote_id: str | None = None, everyone: bool = False) -> list[dict]:
        """The audit trail: who changed what, when, from what to what (oldest first)."""
        logs = [self.mine] + (list(self.others().values()) if everyone else [])
        entries = []
        for log in logs:
            log.refresh()
            entries += [history_entry(e) for e in log.events
                        if quote_id is None or e.get("quote") == quote_id]
        return sorted(entries, key=lambda e: e["time"])

    def undo(self) -> Change | None:
        """Reverse this reviewer's last change (a review or a source note)."""
        return self._reverse(redo=False)

    def redo(self) -> Change | None:
        """Reverse the last undo, if nothing was changed since."""
        return self._reverse(redo=True)

    def _reverse(self, redo: bool) -> Change | None:
        self.mine.refresh()
        target = self.mine.last_change(redo=redo)
        if target is None:
            return None
        if redo:
            original = next(e for e in self.mine.events if e["id"] == target["undoes"])
            event = self._like(original) | {"after": original["after"], "redoes": target["id"]}
        else:
            event = self._like(target) | {"after": target["before"], "undoes": target["id"]}
        saved = self.mine.record(event)
        return Change(saved["type"], saved.get("quote") or saved.get("source"), saved["before"], saved["after"])

    @staticmethod
    def _like(event: dict) -> dict:
        keys = ("type", "quote") if event["type"] == "review" else ("type", "source", "kind")
        return {key: event[key] for key in keys}

    # -- sources -------------------------------------------------------------------------
    def annotate_source(self, source: str, kind: str = "outlet", outlet: str = "", url: str = "",
                        reliability: int | None = None, note: str = "") -> SourceNote:
        """Annotate an outlet (by name) or an article (by id)."""
        if kind not in ("outlet", "article"):
            raise ValueError(f"a source is an outlet or an article, not {kind!r}")
        if kind == "article":
            self.article(source)
        if reliability is not None and reliability not in RELIABILITY:
            raise ValueError(f"reliability must be 1 to 5, not {reliability}")
        after = {"outlet": outlet, "url": url, "reliability": reliability, "note": note}
        self.mine.record({"type": "source", "source": source, "kind": kind, "after": after})
        return self.mine.sources[(kind, source)]

    def source_notes(self, source: str | None = None) -> list[SourceNote]:
        """Every reviewer's notes (on one source, or all)."""
        notes = []
        for log in [self.mine, *self.others().values()]:
            log.refresh()
            notes += [n for n in log.sources.values() if source is None or n.source == source]
        return notes

    # -- team ----------------------------------------------------------------------------
    def others(self) -> dict[str, ReviewerLog]:
        """The other reviewers' logs, read-only (each writes only their own file)."""
        mine = file_stem(self.reviewer)
        for path in sorted((self.root / "reviews").glob("*.json")):
            if path.stem != mine and path.stem not in self._others:
                name = self._reviewer_of(path)
                self._others[path.stem] = ReviewerLog(self.root / "reviews", name)
        for path in sorted((self.root / "reviews").glob("*.journal")):
            if path.stem != mine and path.stem not in self._others:
                self._others[path.stem] = ReviewerLog(self.root / "reviews", path.stem)
        return {log.reviewer: log for log in self._others.values()}

    @staticmethod
    def _reviewer_of(path: Path) -> str:
        """The reviewer's name as they wrote it (file names are sanitised)."""
        log = ReviewerLog(path.parent, path.stem)
        return log.events[0]["reviewer"] if log.events else path.stem

    def compact(self) -> None:
        """Fold this reviewer's journal into their file (done by itself every few hundred
        changes; also useful before copying a store)."""
        self.mine.compact()
