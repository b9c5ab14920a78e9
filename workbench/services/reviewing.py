"""Reviewing: a reviewer's verdicts, notes, evidence and source notes, with the history
and undo/redo. Every change is one event in the reviewer's own log (store/reviews.py),
saved before the call returns; marking several quotes at once (a group) is one event,
so one undo."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..store import Store
from ..store.reviews import (ChangedSince, Review, ReviewerLog, SourceNote, history_entries, target_key,
                             targets)
from ..vocab import RELIABILITY, SOURCE_KINDS, check_status


@dataclass(slots=True)
class Change:
    """What a save, an undo or a redo did: for the screen to say so."""

    kind: str  # review, source, alias, final; "reviews" for several verdicts at once
    target: str  # quote id, source or speaker name; for "reviews", how many quotes
    before: dict | None
    after: dict | None
    changes: list[Change] = field(default_factory=list)  # "reviews": one per quote

    def parts(self) -> list[Change]:
        """The change of each target (a batch of verdicts: one per quote)."""
        return self.changes if self.kind == "reviews" else [self]

    @classmethod
    def of(cls, event: dict) -> Change:
        if event["type"] == "reviews":
            parts = [cls("review", t["quote"], t["before"], t["after"]) for t in targets(event)]
            return cls("reviews", f"{len(parts)} quotes", None, None, parts)
        return cls(event["type"], target_key(event), event["before"], event["after"])


class Reviewing:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.mine = store.mine

    # -- verdicts ------------------------------------------------------------------------
    def review(self, quote_id: str) -> Review | None:
        self.mine.refresh()
        return self.mine.reviews.get(quote_id)

    def current(self) -> Iterator[tuple[dict, Review | None]]:
        """Every current quote (scare quotes too) with this reviewer's review, in no order
        and not copied — for listing 100,000 claims at once. The records must not be
        changed."""
        self.mine.refresh()
        reviews = self.mine.reviews
        return ((q, reviews.get(q["id"])) for q in self.store.corpus.current_quotes())

    def mark(self, quote_id: str, status: str, note: str | None = None,
             evidence: list[str] | None = None) -> Review:
        """Mark a quote attributed, disputed or confirmed; a note or evidence not given
        stays as it was. Saved (fsync'ed) before this returns."""
        check_status(status)
        self.store.quote(quote_id)
        current = self.review(quote_id)
        after = {"status": status,
                 "note": note if note is not None else (current.note if current else ""),
                 "evidence": list(evidence) if evidence is not None else (list(current.evidence) if current else [])}
        self.mine.record({"type": "review", "quote": quote_id, "after": after})
        return self.mine.reviews[quote_id]

    def mark_many(self, quote_ids: Iterable[str], status: str) -> Change | None:
        """Give several quotes one verdict as ONE change: one event (one journal line,
        saved all or nothing), one entry per quote in the history, one undo. Each quote
        keeps its note and evidence; a quote that already has this verdict is left out.
        Returns the change (None when every quote had the verdict already)."""
        check_status(status)
        changes = []
        for quote_id in dict.fromkeys(quote_ids):
            self.store.quote(quote_id)
            current = self.review(quote_id)
            if current is not None and current.status == status:
                continue
            changes.append({"quote": quote_id, "after": {
                "status": status, "note": current.note if current else "",
                "evidence": list(current.evidence) if current else []}})
        if not changes:
            return None
        return Change.of(self.mine.record({"type": "reviews", "changes": changes}))

    def note(self, quote_id: str, note: str) -> Review:
        """Change the note of a reviewed quote (a quote without a verdict gets none)."""
        current = self.review(quote_id)
        if current is None:
            raise ValueError(f"quote {quote_id} has no verdict yet: mark it before adding a note")
        return self.mark(quote_id, current.status, note=note)

    def add_evidence(self, quote_id: str, url: str) -> Review:
        current = self.review(quote_id)
        if current is None:
            raise ValueError(f"quote {quote_id} has no verdict yet: mark it before adding evidence")
        url = url.strip()
        if not url:
            raise ValueError("an evidence URL cannot be empty")
        evidence = current.evidence + ([url] if url not in current.evidence else [])
        return self.mark(quote_id, current.status, evidence=evidence)

    def clear(self, quote_id: str) -> None:
        """Back to unreviewed (the history keeps what it was)."""
        if self.review(quote_id) is not None:
            self.mine.record({"type": "review", "quote": quote_id, "after": None})

    # -- sources -------------------------------------------------------------------------
    def annotate_source(self, source: str, kind: str = "outlet", outlet: str = "", url: str = "",
                        reliability: int | None = None, note: str = "") -> SourceNote:
        """Annotate an outlet (by name) or an article (by id)."""
        if kind not in SOURCE_KINDS:
            raise ValueError(f"a source is an outlet or an article, not {kind!r}")
        if kind == "article":
            self.store.article(source)
        if reliability is not None and reliability not in RELIABILITY:
            raise ValueError(f"reliability must be 1 to 5, not {reliability}")
        after = {"outlet": outlet, "url": url, "reliability": reliability, "note": note}
        self.mine.record({"type": "source", "source": source, "kind": kind, "after": after})
        return self.mine.sources[(kind, source)]

    def source_notes(self, source: str | None = None) -> list[SourceNote]:
        """Every reviewer's notes (on one source, or all)."""
        return [n for log in self.store.logs() for n in log.sources.values()
                if source is None or n.source == source]

    # -- history, undo, redo -------------------------------------------------------------
    def history(self, quote_id: str | None = None, everyone: bool = False) -> list[dict]:
        """The audit trail: who changed what, when, from what to what (oldest first)."""
        logs = self.store.logs() if everyone else [self.mine]
        self.mine.refresh()
        entries = [entry for log in logs for e in log.events for entry in history_entries(e)
                   if quote_id is None or entry.get("quote") == quote_id]
        return sorted(entries, key=lambda e: e["time"])

    def undo(self, session: bool = False) -> Change | None:
        """Reverse this reviewer's last change (a review, a batch of reviews, a source
        note, an alias correction, a final verdict). With `session`, this workbench's
        last change instead (a workbench undoes only what it did, not a change made
        meanwhile in another workbench or command of the same reviewer); ChangedSince is
        raised, and nothing is written, when what it changed was changed again since."""
        return self._reverse(redo=False, session=session)

    def redo(self, session: bool = False) -> Change | None:
        """Reverse the last undo, if nothing was changed since (with `session`: the last
        undo of this workbench, if it changed nothing since)."""
        return self._reverse(redo=True, session=session)

    def session_changes(self) -> set[str]:
        """Ids of the events this workbench recorded."""
        return set(self.mine.made)

    def changes_elsewhere(self, since: int) -> tuple[list[Change], int]:
        """This reviewer's changes recorded by other sessions (another workbench, a
        command) after the first `since` events of the log, and the log's length now, to
        pass as `since` next time."""
        self.mine.refresh()
        events = self.mine.events
        return [Change.of(e) for e in events[since:] if e["id"] not in self.mine.made], len(events)

    def compact(self) -> None:
        """Fold this reviewer's journal into their file (done by itself every few hundred
        changes; also useful before copying a store)."""
        self.mine.compact()

    def _reverse(self, redo: bool, session: bool = False) -> Change | None:
        with self.mine.writing():  # the choice and the write under one lock
            target = self.mine.last_change(redo=redo, only=self.mine.made if session else None)
            if target is None:
                return None
            if redo:
                original = next(e for e in self.mine.events if e["id"] == target["undoes"])
                event = _reversal(original, "after") | {"redoes": target["id"]}
            else:
                event = _reversal(target, "before") | {"undoes": target["id"]}
            if session:
                stale = self.mine.changed_since(target)
                if stale:
                    raise ChangedSince(_changed_since_message(stale, self.mine, self.store.reviewer, redo))
            saved = self.mine.record(event)
        return Change.of(saved)


def _reversal(event: dict, state: str) -> dict:
    """An event that sets every target of `event` back to its `state` ("before" for an
    undo, "after" for a redo)."""
    if event["type"] == "reviews":
        return {"type": "reviews", "changes": [{"quote": t["quote"], "after": t[state]}
                                               for t in targets(event)]}
    keys = {"review": ("type", "quote"), "alias": ("type", "name"), "final": ("type", "quote")}.get(
        event["type"], ("type", "source", "kind"))
    return {key: event[key] for key in keys} | {"after": event[state]}


def _changed_since_message(stale: list[dict], log: ReviewerLog, reviewer: str, redo: bool) -> str:
    first = stale[0]
    now_state = log._current(first)
    state = (now_state or {}).get("status") or (now_state or {}).get("speaker") or (
        "annotated" if now_state else "none")
    what = f"{target_key(first)}" + (f" and {len(stale) - 1} more" if len(stale) > 1 else "")
    return (f"Not {'redone' if redo else 'undone'}: {what} was changed since in another session "
            f"of {reviewer} (now {state}); change it again here if needed.")
