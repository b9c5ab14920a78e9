"""One reviewer's work: verdicts on quotes, notes on sources and corrections of speaker
aliases, with their history.

Every change is an event — who, when, what it was before and what it is after — and the
current state is the fold of the events. Events are appended to the reviewer's journal
(`reviews/<name>.journal`, fsync'ed before a save returns) and folded from time to time,
under the journal's lock, into the reviewer's history (`reviews/<name>.history`, appended
to) and TinyDB file (`reviews/<name>.json`, the current state; see ReviewerLog). Only this
reviewer writes these three files, so a team sharing the store folder never writes to the
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
import os
import re
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import orjson

from ..models import AliasCorrection, Final, Review, SourceNote  # noqa: F401 — re-exported
from . import journal
from .files import StoreError, locked, signature, write_atomic
from .storage import META_TABLE, SCHEMA, AtomicStorage

COMPACT_EVERY = 500  # journal events folded into the history and TinyDB files past this many
HISTORY_SUFFIX = ".history"  # never ".json" or ".journal": the store takes those for reviewers
FOLDED = "folded"  # the TinyDB file's table saying how much of the history file it holds
READ_ATTEMPTS = 5  # reads of a reviewer's files while another process folds them
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


# The tables of the state in the reviewer's TinyDB file: name, record type, record → key.
STATE_TABLES = (("reviews", Review, lambda r: r.quote), ("sources", SourceNote, lambda n: (n.kind, n.source)),
                ("aliases", AliasCorrection, lambda a: a.name), ("finals", Final, lambda f: f.quote))
_TABLE_OF = {"review": "reviews", "source": "sources", "alias": "aliases", "final": "finals"}


class ReviewerLog:
    """The reviews and source notes of one reviewer, read from (and, for the store's own
    reviewer, written to) `folder/<stem>.json`, `folder/<stem>.history` and
    `folder/<stem>.journal`, the stem being `file_stem(reviewer)` unless given (a file
    of an older version).

    The three files, and why there are three: a save appends one line to the journal
    and fsyncs it (well under a millisecond). Every COMPACT_EVERY events the journal is
    folded, under the lock, in three steps, each one atomic or append-only:
      1. its events are appended to the history (`.history`, JSON lines, append-only,
         never rewritten: a fold costs the few hundred events it adds, not the whole
         history, which grows without end);
      2. the current state (reviews, source notes, alias corrections, final verdicts;
         at most one record per quote or source, however long the history) is written
         to the TinyDB file (`.json`) with the size of the history it holds, in its
         `folded` table — that size is the commit point of the fold: what the history
         holds past it is a fold that crashed before step 2, not read, and cut off by
         the next fold (its events are still in the journal);
      3. the journal is emptied.
    A crash anywhere leaves the old state or the new one: before step 2 the old file
    and the whole journal; after it the new file, and journal events it already holds,
    skipped by id when read again. Readers (teammates, another session of the same
    reviewer) take no lock: they read the TinyDB file, the history up to the size it
    gives (the part past what they read before, only) and then the journal; since a fold
    replaces the file before it empties the journal, a read during which the file stayed
    the same saw the journal that goes with it, and any other read is made again.

    Files written before the history file existed keep the history in the TinyDB file
    (its `history` table, no `folded` table); they are read as they are and moved to the
    new layout by their first fold. (A version of before, folding a file of the new
    layout, would write only the history it read from the journal; the next fold here
    puts the history file's earlier events back ahead of it.)"""

    def __init__(self, folder: Path, reviewer: str, stem: str | None = None) -> None:
        self.reviewer = reviewer
        self.stem = stem or file_stem(reviewer)
        self.path = folder / f"{self.stem}.json"
        self.history = folder / f"{self.stem}{HISTORY_SUFFIX}"
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
        self._folded = False  # the file is of the new layout (its history in `.history`)
        # The committed part of the history file read so far: its size, the number of
        # events it holds (the first ones of `events`), its lines and its inode (to read
        # only what a fold by another process added, when the file is still the same).
        self._history_bytes = 0
        self._history_events = 0
        self._history_line = 0
        self._history_inode: int | None = None
        self._journal_offset = 0
        self._journal_count = 0
        self._journal_line = 0  # lines of the journal read so far (for errors naming one)
        self._journal_inode: int | None = None  # another inode: replaced (copied in by hand, synced)
        # Per table of the TinyDB file: each record's JSON (`"number":{…}`) as it was read
        # or last written, the keys of the records changed since, and the last number.
        self._pieces: dict[str, dict[object, bytes]] = {}
        self._changed: dict[str, set] = {}
        self._number = 0
        self.reload()

    # -- reading -------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the reviewer's files afresh (the history only past what was read of it,
        when that is still there as it was)."""
        # Another process may fold while this one reads; a fold writes the TinyDB file
        # before it empties the journal, so a read during which the file stayed the same
        # saw the journal that goes with it. Otherwise read again; after a few tries take
        # what was read: the signature kept is the one from before, so the next refresh
        # reads again.
        for _attempt in range(READ_ATTEMPTS):
            self._file_signature = signature(self.path)
            self._read_all()
            if signature(self.path) == self._file_signature:
                break

    def _read_all(self) -> None:
        storage = AtomicStorage(self.path, kind="reviews")
        tables = storage.read() or {}
        self.reviews, self.sources, self.aliases, self.finals = {}, {}, {}, {}
        self._pieces, self._changed, self._number = {}, {}, 0
        try:
            for name, kind, key_of in STATE_TABLES:
                table, records, pieces = tables.get(name, {}), self._state(name), {}
                self._pieces[name], self._changed[name] = pieces, set()
                for number, record in table.items():
                    value = kind(**record)
                    key = key_of(value)
                    records[key] = value
                    # Its JSON as the next fold writes it again (see `_encoded_table`).
                    label = b'"%b"' % number.encode() if number.isdecimal() else orjson.dumps(number)
                    pieces[key] = b"%b:%b" % (label, orjson.dumps(record))
                self._number = max(self._number, max(map(int, filter(str.isdecimal, table)), default=0))
        except (TypeError, KeyError) as error:
            raise StoreError(f"{self.path}: a record is not a review, a source note or an alias ({error}); "
                             "the file is left as it is") from error
        # The file holds the folded state: take it as it is, and the history beside it.
        folded = tables.get(FOLDED)
        self._folded = folded is not None
        if folded is None:  # the layout before the history file: the history inside
            self.events = sorted(tables.get("history", {}).values(), key=lambda e: e.get("seq", 0))
            self._seen = {e["id"] for e in self.events}
            self._history_bytes = self._history_events = self._history_line = 0
            self._history_inode = None
        else:
            self._read_history(self._committed(folded))
        self._journal_offset = self._journal_count = self._journal_line = 0
        self._journal_inode = None
        self._read_journal()

    def _committed(self, folded: dict) -> int:
        """The size of the history the file's `folded` table says the file holds."""
        record = next(iter(folded.values()), None)
        size = record.get("history_bytes") if isinstance(record, dict) else None
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise StoreError(f"{self.path}: its table {FOLDED!r} does not say how much of {self.history.name} "
                             "it holds; the file is left as it is")
        return size

    def _read_history(self, committed: int) -> None:
        """The events of the first `committed` bytes of the history file, as history
        only: the TinyDB file already holds what they did. Past what this object read
        of it before, when the file is the same one (the committed part never changes)."""
        if committed == 0:
            self.events, self._seen = [], set()
            self._history_bytes = self._history_events = self._history_line = 0
            self._history_inode = None
            return
        try:
            handle = open(self.history, "rb")
        except FileNotFoundError:
            raise StoreError(f"{self.history}: missing, and {self.path.name} says it holds the reviewer's "
                             f"history ({committed} bytes); put it back beside {self.path.name}") from None
        with handle:
            st = os.fstat(handle.fileno())
            if st.st_size < committed:
                raise StoreError(f"{self.history}: {st.st_size} bytes, shorter than the {committed} "
                                 f"{self.path.name} says it holds; the file is left as it is")
            if st.st_ino == self._history_inode and 0 < self._history_bytes <= committed:
                del self.events[self._history_events:]  # journal events: read again below
                self._seen = {e["id"] for e in self.events}
            else:
                self.events, self._seen = [], set()
                self._history_bytes = self._history_events = self._history_line = 0
            handle.seek(self._history_bytes)
            data = handle.read(committed - self._history_bytes)
        if data and not data.endswith(b"\n"):
            raise journal.damaged(self.history, self._history_line + data.count(b"\n") + 1,
                                  f"cut where {self.path.name} says the history ends")
        for number, event in journal.parse(data, self.history, self._history_line + 1):
            if not isinstance(event.get("id"), str):
                raise journal.damaged(self.history, number, "not a complete event (it has no id)")
            if event["id"] not in self._seen:
                self._seen.add(event["id"])
                self.events.append(event)
        self._history_bytes = committed
        self._history_events = len(self.events)
        self._history_line += data.count(b"\n")
        self._history_inode = st.st_ino

    def refresh(self) -> None:
        """Take in what other processes wrote since the last read (cheap when nothing did)."""
        if signature(self.path) != self._file_signature or not self._read_journal():
            self.reload()  # folded by another process meanwhile (or the files replaced)

    def _read_journal(self) -> bool:
        """Read what was appended to the journal since the last read; False when the
        journal is no longer the one read so far (replaced or cut: folded by another
        process), to be read again from the start with the TinyDB file."""
        try:
            handle = open(self.journal, "rb")
        except FileNotFoundError:
            return self._journal_offset == 0
        with handle:
            st = os.fstat(handle.fileno())
            if (self._journal_inode not in (None, st.st_ino)) or st.st_size < self._journal_offset:
                return False
            self._journal_inode = st.st_ino
            if st.st_size == self._journal_offset:
                return True
            handle.seek(self._journal_offset)
            data = handle.read()
        # A fold by another process may have cut the journal since the file was looked
        # at, and lines appended after it made it longer than what was read of it: then
        # these bytes are not the continuation of what was read. A fold replaces the
        # TinyDB file before it cuts the journal, so the file tells.
        if signature(self.path) != self._file_signature:
            return False
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
        return True

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
        self._apply_target(target, event)
        name = _TABLE_OF.get(target["type"])
        if name is not None:
            self._changed[name].add(target_state_key(target))  # written again by the next fold

    def _apply_target(self, target: dict, event: dict) -> None:
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
            self._appended()
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

    def _appended(self) -> None:
        """After this object appended to the journal (under the lock): it has read it all."""
        st = self.journal.stat()
        self._journal_offset, self._journal_inode = st.st_size, st.st_ino

    def _compact(self) -> None:
        """Fold the journal (caller holds the lock, fresh): its events appended to the
        history, the state written to the TinyDB file, the journal emptied — in that
        order, see the class's docstring for why a crash anywhere is safe. The cost is
        that of the events added and the records they changed, plus writing the state
        out (joined from the JSON of each record kept between folds), never the whole
        history (benchmarks/bench_save.py, 15,000 reviews: 7-12 ms a fold, where
        writing the history too took 130-250 ms, and more with every change)."""
        if not self._folded:
            self._keep_stray_history()
        committed = self._history_bytes
        if len(self.events) > self._history_events:
            committed = journal.extend(self.history, committed, self.events[self._history_events:])
        head = orjson.dumps({META_TABLE: {"1": {"schema": SCHEMA, "kind": "reviews"}},
                             FOLDED: {"1": {"history_bytes": committed}}})
        tables = [b'"%s":%b' % (name.encode(), self._encoded_table(name)) for name, _kind, _key in STATE_TABLES]
        write_atomic(self.path, b",".join([head[:-1], *tables]) + b"}")
        self._file_signature = signature(self.path)
        self._folded = True
        if committed != self._history_bytes:
            self._history_line += len(self.events) - self._history_events
            self._history_bytes, self._history_events = committed, len(self.events)
            self._history_inode = self.history.stat().st_ino
        journal.clear(self.journal)
        self._journal_offset = self._journal_count = self._journal_line = 0

    def _encoded_table(self, name: str) -> bytes:
        """A table of the TinyDB file as JSON (TinyDB's layout: record number → record),
        from the JSON of each record kept since it was read or last written: a fold
        encodes only the records changed since, and joins the rest (measured with
        10,000 reviews: 2-3 ms; encoding them all again, 15-20 ms; through `asdict`, as
        folds did before, 70). A changed record gets a new number: the numbers are
        unique, not consecutive (TinyDB asks no more)."""
        records, pieces, changed = self._state(name), self._pieces[name], self._changed[name]
        for key in changed:
            if key in records:
                self._number += 1
                pieces[key] = b'"%d":%b' % (self._number, orjson.dumps(records[key]))
            else:
                pieces.pop(key, None)
        changed.clear()
        return b"{" + b",".join(pieces.values()) + b"}"

    def _state(self, name: str) -> dict:
        """The records of a table of the TinyDB file, by key."""
        return {"reviews": self.reviews, "sources": self.sources, "aliases": self.aliases,
                "finals": self.finals}[name]

    def _keep_stray_history(self) -> None:
        """Before the first fold of a file of the old layout, which holds no history
        file's size: a history file beside it is either what a first fold that crashed
        wrote (its events are all in `events` still, and it is cut) or, when an older
        version folded the journal over a file of the new layout (that version knows no
        history file), the earlier history — kept, ahead of the rest, not thrown away."""
        try:
            data = self.history.read_bytes()
        except FileNotFoundError:
            return
        stray = [event for _line, event in journal.parse(data, self.history)
                 if isinstance(event.get("id"), str) and event["id"] not in self._seen]
        stray = list({event["id"]: event for event in stray}.values())
        if stray:
            self.events[:0] = stray
            self._seen |= {event["id"] for event in stray}

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
                self._appended()
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


def target_state_key(target: dict) -> object:
    """The key of the record a target changes, in its table of the reviewer's state."""
    if target["type"] == "source":
        return (target["kind"], target["source"])
    return target["name"] if target["type"] == "alias" else target["quote"]


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
