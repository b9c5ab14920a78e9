"""One reviewer's work: verdicts on quotes, notes on sources and corrections of speaker
aliases, with their history.

Every change is an event — who, when, what it was before and what it is after — and the
current state is the fold of the events. Events are appended to the reviewer's journal
(`reviews/<name>.journal`, fsync'ed before a save returns) and folded from time to time
into the reviewer's TinyDB file (`reviews/<name>.json`), under the file's lock. Only this
reviewer writes these two files, so a team sharing the store folder never writes to the
same file; two processes of one reviewer serialise on the lock and re-read what the other
appended before writing, so neither loses the other's updates.

A change of several verdicts at once (a whole group marked with one key) is one event of
type "reviews" holding a `changes` list, each with its quote, before and after: one
journal line, so it is saved all or nothing, and undone by one undo. Journals written
before this event type existed hold only the single-target types and read as they did.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from tinydb import TinyDB


from ..models import AliasCorrection, Final, Review, SourceNote  # noqa: F401 — re-exported
from . import journal
from .files import StoreError, locked, signature
from .storage import SCHEMA, AtomicStorage

COMPACT_EVERY = 500  # journal events folded into the TinyDB file past this many
# Names that are their own file name, as they always were: letters, digits, "-", "_" and
# "." (neither "." nor "_" first or last), at most 80 characters.
SIMPLE_NAME = re.compile(r"[A-Za-z0-9-](?:[A-Za-z0-9._-]{0,78}[A-Za-z0-9-])?")
MAX_STEM = 120  # characters; a longer encoded name is cut and ends in a hash of the whole
LEGACY_NAME_RE = re.compile(r"[^A-Za-z0-9._-]+")


class ReviewerNameError(ValueError):
    """A reviewer name that cannot have files of its own in this store."""


class ChangedSince(ValueError):
    """An undo (or redo) of this session's change refused: what it changed was changed
    again since, by another session of the same reviewer; reversing it would silently
    throw that later change away."""


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def file_stem(reviewer: str) -> str:
    """A reviewer's name as a file name, one name to one file name: a simple name is
    itself ("anna", "anna.rossi"); any other is percent-encoded, a space as "+"
    ("Anna Rossi" → "Anna+Rossi", "a/b" → "a%2Fb", "a_b" stays "a_b"), so that two
    names never share a file. Names that differ only in case ("Anna", "anna") would share
    one on a case-insensitive file system: the store refuses the second (see
    Store._own_stem)."""
    if not reviewer:
        raise ReviewerNameError("a reviewer name cannot be empty")
    if SIMPLE_NAME.fullmatch(reviewer):
        return reviewer
    stem = urllib.parse.quote_plus(reviewer, safe="", errors="surrogatepass")
    if stem.startswith("."):  # a hidden file, or taken for a temporary one
        stem = "%2E" + stem[1:]
    if stem.endswith("."):  # dropped by Windows
        stem = stem[:-1] + "%2E"
    if len(stem) > MAX_STEM:
        cut = MAX_STEM - 20
        while "%" in stem[cut - 2:cut]:  # not inside an escape
            cut -= 1
        digest = hashlib.sha256(reviewer.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        stem = f"{stem[:cut]}%~{digest}"  # "%~" is never an escape: no short name ends so
    return stem


def name_of_stem(stem: str) -> str:
    """The reviewer name a file name encodes (a cut one: as far as it goes)."""
    return urllib.parse.unquote_plus(stem.split("%~")[0], errors="surrogatepass")


def legacy_stem(reviewer: str) -> str:
    """The file name older versions gave a name (several names to one file name)."""
    return (LEGACY_NAME_RE.sub("_", reviewer).strip("._") or "reviewer")[:80]


class ReviewerLog:
    """The reviews and source notes of one reviewer, read from (and, for the store's own
    reviewer, written to) `folder/<stem>.json` and `folder/<stem>.journal`, the stem
    being `file_stem(reviewer)` unless given (a file of an older version)."""

    def __init__(self, folder: Path, reviewer: str, stem: str | None = None) -> None:
        self.reviewer = reviewer
        self.stem = stem or file_stem(reviewer)
        self.path = folder / f"{self.stem}.json"
        self.journal = folder / f"{self.stem}.journal"
        self.events: list[dict] = []
        self.reviews: dict[str, Review] = {}
        self.sources: dict[tuple[str, str], SourceNote] = {}
        self.aliases: dict[str, AliasCorrection] = {}  # speaker name → the speaker it is
        self.finals: dict[str, Final] = {}  # quote id → this lead's final verdict
        self._seen: set[str] = set()
        # Ids of the events this object recorded: this session's changes (a workbench
        # undoes only those; `workbench undo` undoes the reviewer's last change anywhere).
        self.made: set[str] = set()
        self._holding = False  # this object holds the journal's lock (`writing`)
        self._file_signature: tuple[int, int, int] | None = None
        self._journal_offset = 0
        self._journal_count = 0
        self._journal_line = 0  # lines of the journal read so far (for errors naming one)
        self.reload()

    # -- reading -------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the reviewer's file and journal from scratch."""
        self.events, self._seen = [], set()
        self.reviews, self.sources, self.aliases = {}, {}, {}
        self.finals = {}
        storage = AtomicStorage(self.path, kind="reviews")
        tables = storage.read() or {}
        # The file holds the folded state: take it as it is, and the history beside it.
        self.events = sorted(tables.get("history", {}).values(), key=lambda e: e.get("seq", 0))
        self._seen = {e["id"] for e in self.events}
        try:
            for record in tables.get("reviews", {}).values():
                review = Review(**record)
                self.reviews[review.quote] = review
            for record in tables.get("sources", {}).values():
                note = SourceNote(**record)
                self.sources[(note.kind, note.source)] = note
            for record in tables.get("aliases", {}).values():
                correction = AliasCorrection(**record)
                self.aliases[correction.name] = correction
            for record in tables.get("finals", {}).values():
                final = Final(**record)
                self.finals[final.quote] = final
        except (TypeError, KeyError) as error:
            raise StoreError(f"{self.path}: a record is not a review, a source note or an alias ({error}); "
                             "the file is left as it is") from error
        self._file_signature = signature(self.path)
        self._journal_offset = self._journal_count = self._journal_line = 0
        self._read_journal()

    def refresh(self) -> None:
        """Take in what other processes wrote since the last read (cheap when nothing did)."""
        if signature(self.path) != self._file_signature:
            self.reload()
            return
        size = self.journal.stat().st_size if self.journal.exists() else 0
        if size < self._journal_offset:  # folded by another process meanwhile
            self.reload()
        elif size > self._journal_offset:
            self._read_journal()

    def _read_journal(self) -> None:
        if not self.journal.exists():
            return
        with open(self.journal, "rb") as handle:
            handle.seek(self._journal_offset)
            data = handle.read()
        # Only whole lines: a line being written right now is read next time.
        end = data.rfind(b"\n") + 1
        events = journal.parse(data[:end], self.journal, self._journal_line + 1)
        for number, event in events:
            try:
                self._apply(event)
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                raise journal.damaged(self.journal, number, f"not a complete event ({error!r} is wrong)") from error
            self._journal_count += 1
        self._journal_offset += end
        self._journal_line += data.count(b"\n", 0, end)

    def _apply(self, event: dict) -> None:
        if event.get("id") in self._seen:
            return  # folded into the file and still in the journal after a crash
        if int(event.get("v", SCHEMA)) > SCHEMA:
            raise StoreError(f"{self.journal}: an event written by a newer Quote Workbench "
                             f"(schema {event.get('v')}); nothing was changed")
        self._seen.add(event["id"])
        self.events.append(event)
        for target in targets(event):
            self._apply_one(target, event)

    def _apply_one(self, target: dict, event: dict) -> None:
        """Apply one target of an event (the event itself, or one change of a batch)."""
        after = target.get("after")
        if target["type"] == "review":
            if after is None:
                self.reviews.pop(target["quote"], None)
            else:
                self.reviews[target["quote"]] = Review(target["quote"], event["reviewer"], after["status"],
                                                       after.get("note", ""), list(after.get("evidence", [])),
                                                       event["time"])
        elif target["type"] == "source":
            key = (target["kind"], target["source"])
            if after is None:
                self.sources.pop(key, None)
            else:
                self.sources[key] = SourceNote(target["source"], target["kind"], event["reviewer"],
                                               time=event["time"], **after)
        elif target["type"] == "alias":
            if after is None:
                self.aliases.pop(target["name"], None)
            else:
                self.aliases[target["name"]] = AliasCorrection(target["name"], after["speaker"],
                                                               event["reviewer"], event["time"])
        elif target["type"] == "final":
            if after is None:
                self.finals.pop(target["quote"], None)
            else:
                self.finals[target["quote"]] = Final(target["quote"], event["reviewer"], after["status"],
                                                     after.get("reason", ""), event["time"])

    # -- writing -------------------------------------------------------------------------
    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold this log's lock, with the log read afresh, across several steps (an undo
        chooses its target and records its event under one lock); `record` inside it
        does not take the lock again (a second flock of one file would wait for itself)."""
        if self._holding:
            yield
            return
        with locked(self.journal):
            self._holding = True
            try:
                self.refresh()
                yield
            finally:
                self._holding = False

    def record(self, event: dict) -> dict:
        """Save one event durably; `before` is filled in under the lock from the state
        that includes every other process's writes."""
        with self.writing():
            self.refresh()
            event |= {"v": SCHEMA, "id": uuid.uuid4().hex, "time": now(),
                      "reviewer": self.reviewer, "seq": len(self.events) + 1}
            self._fill_before(event)
            journal.append(self.journal, event)
            self.made.add(event["id"])
            self._journal_offset = self.journal.stat().st_size
            self._journal_count += 1
            self._journal_line += 1
            self._apply(event)
            if self._journal_count >= COMPACT_EVERY:
                self._compact()
        return event

    def _fill_before(self, event: dict) -> None:
        """Each target's `before`: its state now (the caller holds the lock, fresh)."""
        if event.get("type") == "reviews":
            for change in event["changes"]:
                change["before"] = self._current({"type": "review"} | change)
        else:
            event["before"] = self._current(event)

    def _current(self, event: dict) -> dict | None:
        if event["type"] == "alias":
            correction = self.aliases.get(event["name"])
            return None if correction is None else {"speaker": correction.speaker}
        if event["type"] == "final":
            final = self.finals.get(event["quote"])
            return None if final is None else {"status": final.status, "reason": final.reason}
        if event["type"] == "review":
            review = self.reviews.get(event["quote"])
            return None if review is None else {"status": review.status, "note": review.note,
                                                "evidence": list(review.evidence)}
        note = self.sources.get((event["kind"], event["source"]))
        if note is None:
            return None
        values = asdict(note)
        for key in ("source", "kind", "reviewer", "time"):
            values.pop(key)
        return values

    def _compact(self) -> None:
        """Fold the journal into the TinyDB file (caller holds the lock). Crash-safe: the
        file is replaced atomically before the journal is emptied, and events the file
        already holds are skipped when read again."""
        db = TinyDB(self.path, storage=AtomicStorage, kind="reviews")
        try:
            tables = {
                "history": {str(n): e for n, e in enumerate(self.events, 1)},
                "reviews": {str(n): asdict(r) for n, r in enumerate(self.reviews.values(), 1)},
                "sources": {str(n): asdict(s) for n, s in enumerate(self.sources.values(), 1)},
                "aliases": {str(n): asdict(a) for n, a in enumerate(self.aliases.values(), 1)},
                "finals": {str(n): asdict(f) for n, f in enumerate(self.finals.values(), 1)},
            }
            db.storage.write(tables)
        finally:
            db.close()
        journal.clear(self.journal)
        self._file_signature = signature(self.path)
        self._journal_offset = self._journal_count = self._journal_line = 0

    def compact(self) -> None:
        with locked(self.journal):
            self.refresh()
            self._compact()

    def merge(self, events: list[dict]) -> list[dict]:
        """Append events written elsewhere (an import), keeping their ids, reviewer (as
        spelt in the event; by default this log's) and time; under this file's lock, from a fresh read, so the reviewer's own process
        writing meanwhile loses nothing. An event whose id the log already holds is
        skipped (importing twice changes nothing). Returns the events appended."""
        added = []
        with locked(self.journal):
            self.refresh()
            lines = []
            try:
                for event in events:
                    if event["id"] in self._seen:
                        continue
                    event = {"reviewer": self.reviewer} | dict(event) | {"v": SCHEMA,
                                                                         "seq": len(self.events) + 1}
                    self._fill_before(event)
                    self._apply(event)
                    lines.append(event)
                    added.append(event)
                if lines:
                    journal.append_many(self.journal, lines)
            except BaseException:
                self.reload()  # what is on disk, not what was about to be written
                raise
            if lines:
                self._journal_offset = self.journal.stat().st_size
                self._journal_count += len(lines)
                self._journal_line += len(lines)
                if self._journal_count >= COMPACT_EVERY:
                    self._compact()
        return added

    # -- undo ----------------------------------------------------------------------------
    def last_change(self, redo: bool = False, only: set[str] | None = None) -> dict | None:
        """The event an undo (or redo) would reverse: the latest change not yet undone
        (or the latest undo not yet redone). With `only`, just the events whose ids it
        holds count (a session's own), as if the others were not there."""
        events = [e for e in self.events if only is None or e["id"] in only]
        undone = {e["undoes"] for e in events if e.get("undoes")}
        redone = {e["redoes"] for e in events if e.get("redoes")}
        for event in reversed(events):
            if redo:
                if event.get("undoes") and event["id"] not in redone:
                    return event
                if not event.get("undoes") and not event.get("redoes"):
                    return None  # a new change since the undo: nothing to redo
            elif event["id"] not in undone and not event.get("undoes"):
                return event
        return None

    def changed_since(self, event: dict) -> list[dict]:
        """The targets of `event` whose state is no longer what `event` left (a later
        change of the same quote, source or name)."""
        return [target for target in targets(event) if self._current(target) != target.get("after")]


def targets(event: dict) -> list[dict]:
    """What an event changes, one dict per target (type, key, before, after): the event
    itself, or for a batch ("reviews") each of its review changes."""
    if event.get("type") == "reviews":
        return [{"type": "review"} | change for change in event.get("changes", [])]
    return [event]


def target_key(target: dict) -> str:
    """A target's name for messages: a quote id, a source or a speaker name."""
    return target.get("quote") or target.get("source") or target.get("name") or ""


def history_entry(event: dict) -> dict:
    """An event with one target as the audit trail shows it."""
    return {key: event.get(key) for key in
            ("time", "reviewer", "type", "quote", "source", "kind", "name", "before", "after", "undoes",
             "redoes", "batch")
            if event.get(key) is not None or key in ("before", "after")}


def history_entries(event: dict) -> list[dict]:
    """An event as the audit trail shows it: one entry per quote, source or name it
    changed; the entries of a batch carry `batch`, the event's id, so they read as one
    change."""
    if event.get("type") != "reviews":
        return [history_entry(event)]
    common = {key: event.get(key) for key in ("time", "reviewer", "undoes", "redoes")}
    return [history_entry(common | target | {"batch": event["id"]}) for target in targets(event)]
