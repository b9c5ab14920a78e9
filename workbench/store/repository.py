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
    corpus/groups.json         near-duplicate groups, links   (TinyDB, written by ingest)
    reviews/<reviewer>.json    one reviewer's reviews, source notes, alias corrections and
                               history (TinyDB)
    reviews/<reviewer>.journal that reviewer's latest changes, not yet folded in (JSON lines)
"""

from __future__ import annotations

import getpass
from collections import Counter
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..articles import iter_articles
from ..matching import ATTRIBUTION, MISQUOTE, Alias, Drift, GroupReport, compare, resolve
from .corpus import Corpus, IngestReport
from .files import StoreError, read_json, remove_orphans, write_json, write_output
from .reviews import (RELIABILITY, STATUSES, AliasCorrection, ChangedSince, Review, ReviewerLog,
                      ReviewerNameError, SourceNote, file_stem, history_entries, legacy_stem, name_of_stem,
                      target_key, targets)
from .storage import SCHEMA
from .team import TeamMethods

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

    kind: str  # review, source, alias, final; "reviews" for several verdicts at once
    target: str  # quote id, source or speaker name; for "reviews", how many quotes
    before: dict | None
    after: dict | None
    changes: list[Change] = field(default_factory=list)  # "reviews": one per quote

    @classmethod
    def of(cls, event: dict) -> Change:
        if event["type"] == "reviews":
            parts = [cls("review", t["quote"], t["before"], t["after"]) for t in targets(event)]
            return cls("reviews", f"{len(parts)} quotes", None, None, parts)
        return cls(event["type"], target_key(event), event["before"], event["after"])


class NotAStore(StoreError):
    """A folder opened without `create` that holds no store (a typo in --store)."""


def is_store(root: Path) -> bool:
    """Does `root` hold a store (its description, or the folders of an older one)?"""
    return (root / "meta.json").is_file() or (root / "corpus").is_dir() or (root / "reviews").is_dir()


class Store(TeamMethods):
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
        self._alias_cache: tuple[Counter, dict, dict[str, Alias]] | None = None
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

    def write_export(self, path: str | Path, data: bytes, replace: bool = False) -> Path:
        """Write an export to the file `path` names, returning its absolute path. Refused
        (OutputRefused) inside this store's folder or over a folder; OutputExists when
        the file exists and `replace` is False (ask first, or --force). Atomic: a crash
        leaves the old file or the new one, never half of it."""
        return write_output(Path(path), data, self.root, replace)

    # -- ingest --------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | Path],
               progress: Callable[[int], None] | None = None) -> IngestReport:
        return self.corpus.ingest(iter_articles(paths), progress, self.corrections())

    def regroup(self) -> int:
        """Compare every quote of the store again (after an upgrade of the matcher);
        return the number of groups."""
        return self.corpus.regroup(self.corrections())

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

    def quotes_with_reviews(self) -> Iterable[tuple[dict, Review | None]]:
        """Every current quote (scare quotes too) with this reviewer's review, in no order
        and not copied — for listing 100,000 claims at once (`quotes()` copies and sorts
        them: a third of a second). The records must not be changed."""
        self.mine.refresh()
        reviews = self.mine.reviews
        return ((q, reviews.get(q["id"])) for q in self.corpus.current_quotes())

    def group_summaries(self) -> dict[str, tuple[int, list[str]]]:
        """Group id → (number of members, flags), the flags as `groups()` gives them."""
        aliases = self._aliases()
        found = {}
        for record in self.corpus.groups.values():
            conflict = len(self._speakers(record, aliases)) > 1
            flags = ([ATTRIBUTION] if conflict else []) + (
                [MISQUOTE] if MISQUOTE in record["flags"] else [])
            found[record["id"]] = (len(record["members"]), flags)
        return found

    def _speakers(self, record: dict, aliases: dict[str, Alias]) -> dict[str, int]:
        """A group's speakers after aliases, with how many members name each."""
        tally: dict[str, int] = {}
        quotes = self.corpus.quotes
        for qid in record["members"]:
            name = quotes[qid].get("speaker")
            if name:
                speaker = aliases[name].speaker if name in aliases else name
                tally[speaker] = tally.get(speaker, 0) + 1
        return tally

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
        """Every speaker (after aliases) with the names they are quoted under and how
        many quotes and articles they have, most quoted first; `status` counts their
        claims by this reviewer's verdict, `final` by final verdict (see `final`)."""
        aliases = self._aliases()
        found: dict[str, dict] = {}
        for row in self.corpus.speakers():
            speaker = aliases[row["name"]].speaker
            entry = found.setdefault(speaker, {"name": speaker, "aliases": [], "quotes": 0, "articles": 0})
            entry["aliases"].append(row["name"])
            entry["quotes"] += row["quotes"]
            entry["articles"] += row["articles"]  # an article quoting two spellings counts twice
        by_status = self.speaker_statuses()  # claims by this reviewer's and the final verdicts
        for entry in found.values():
            entry |= by_status.get(entry["name"], {"status": {}, "final": {}})
        return sorted(found.values(), key=lambda e: (-e["quotes"], e["name"]))

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

    def set_reviews(self, quote_ids: Iterable[str], status: str) -> Change | None:
        """Give several quotes one verdict as ONE change: one event (one journal line,
        saved all or nothing), one entry per quote in the history, one undo. Each quote
        keeps its note and evidence; a quote that already has this verdict is left out.
        Returns the change (None when every quote had the verdict already)."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        changes = []
        for quote_id in dict.fromkeys(quote_ids):
            self.quote(quote_id)
            current = self.review(quote_id)
            if current is not None and current.status == status:
                continue
            changes.append({"quote": quote_id, "after": {
                "status": status, "note": current.note if current else "",
                "evidence": list(current.evidence) if current else []}})
        if not changes:
            return None
        return Change.of(self.mine.record({"type": "reviews", "changes": changes}))

    def history(self, quote_id: str | None = None, everyone: bool = False) -> list[dict]:
        """The audit trail: who changed what, when, from what to what (oldest first)."""
        logs = [self.mine] + (list(self.others().values()) if everyone else [])
        entries = []
        for log in logs:
            log.refresh()
            entries += [entry for e in log.events for entry in history_entries(e)
                        if quote_id is None or entry.get("quote") == quote_id]
        return sorted(entries, key=lambda e: e["time"])

    def undo(self, session: bool = False) -> Change | None:
        """Reverse this reviewer's last change (a review, a batch of reviews, a source
        note, an alias correction, a final verdict). With `session`, this Store object's
        last change instead (a workbench undoes only what it did, not a change made
        meanwhile in another workbench or command of the same reviewer); ChangedSince is
        raised, and nothing is written, when what it changed was changed again since."""
        return self._reverse(redo=False, session=session)

    def redo(self, session: bool = False) -> Change | None:
        """Reverse the last undo, if nothing was changed since (with `session`: the last
        undo of this Store object, if it changed nothing since)."""
        return self._reverse(redo=True, session=session)

    def session_changes(self) -> set[str]:
        """Ids of the events this Store object recorded."""
        return set(self.mine.made)

    def changes_elsewhere(self, since: int) -> tuple[list[dict], int]:
        """This reviewer's events recorded by other sessions (another workbench, a
        command) after the first `since` events of the log, and the log's length now, to
        pass as `since` next time."""
        self.mine.refresh()
        events = self.mine.events
        return [e for e in events[since:] if e["id"] not in self.mine.made], len(events)

    def _reverse(self, redo: bool, session: bool = False) -> Change | None:
        with self.mine.writing():  # the choice and the write under one lock
            target = self.mine.last_change(redo=redo, only=self.mine.made if session else None)
            if target is None:
                return None
            if redo:
                original = next(e for e in self.mine.events if e["id"] == target["undoes"])
                event = self._reversal(original, "after") | {"redoes": target["id"]}
            else:
                event = self._reversal(target, "before") | {"undoes": target["id"]}
            if session:
                stale = self.mine.changed_since(target)
                if stale:
                    raise ChangedSince(_changed_since_message(stale, self.mine, self.reviewer, redo))
            saved = self.mine.record(event)
        return Change.of(saved)

    @classmethod
    def _reversal(cls, event: dict, state: str) -> dict:
        """An event that sets every target of `event` back to its `state` ("before" for
        an undo, "after" for a redo)."""
        if event["type"] == "reviews":
            return {"type": "reviews", "changes": [{"quote": t["quote"], "after": t[state]}
                                                   for t in targets(event)]}
        return cls._like(event) | {"after": event[state]}

    @staticmethod
    def _like(event: dict) -> dict:
        keys = {"review": ("type", "quote"), "alias": ("type", "name"), "final": ("type", "quote")}.get(
            event["type"], ("type", "source", "kind"))
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

    # -- speakers and their aliases ----------------------------------------------------
    def corrections(self) -> dict[str, tuple[str, str | None]]:
        """Every reviewer's corrections of speaker aliases: name → (speaker, reviewer); of
        two reviewers correcting one name, the later correction holds."""
        latest: dict[str, AliasCorrection] = {}
        for log in [self.mine, *self.others().values()]:
            log.refresh()
            for name, correction in log.aliases.items():
                if name not in latest or correction.time > latest[name].time:
                    latest[name] = correction
        return {name: (c.speaker, c.reviewer) for name, c in latest.items()}

    def _aliases(self) -> dict[str, Alias]:
        """How every name resolves now; worked out again only when the quotes or the
        corrections changed (the review screen asks for it on every claim it shows)."""
        corrections = self.corrections()
        counts = self.corpus.speaker_counts()
        cache = self._alias_cache
        if cache is None or cache[0] is not counts or cache[1] != corrections:
            self._alias_cache = cache = (counts, corrections, resolve(counts, corrections))
        return cache[2]

    def aliases(self) -> list[Alias]:
        """How every speaker name resolves: to itself, automatically (spelling, surname,
        title) or by a reviewer's correction; grouped by speaker."""
        return sorted(self._aliases().values(), key=lambda a: (a.speaker, a.name != a.speaker, a.name))

    def speaker_of(self, name: str) -> str:
        """The speaker a name is one of the names of."""
        alias = self._aliases().get(name)
        return alias.speaker if alias else name

    def merge_speakers(self, name: str, into: str) -> Alias:
        """Record that `name` is the speaker `into` (and so are its own aliases)."""
        known = self._known_names()
        for value in (name, into):
            if value not in known:
                raise KeyError(f"no speaker named {value!r} in {self.root}")
        if self.speaker_of(into) == name or name == into:
            raise ValueError(f"{name!r} and {into!r} are already one speaker, named {name!r}: "
                             f"merge {into!r} into {name!r} instead, or split it")
        self.mine.record({"type": "alias", "name": name, "after": {"speaker": into}})
        return self._aliases()[name]

    def split_speaker(self, name: str) -> Alias:
        """Record that `name` is a speaker of its own, whatever the automatic aliases say."""
        if name not in self._known_names():
            raise KeyError(f"no speaker named {name!r} in {self.root}")
        self.mine.record({"type": "alias", "name": name, "after": {"speaker": name}})
        return self._aliases()[name]

    def reset_speaker(self, name: str) -> Alias:
        """Drop the corrections of `name`: the automatic aliases apply again."""
        if name not in self._known_names():
            raise KeyError(f"no speaker named {name!r} in {self.root}")
        self.mine.refresh()
        if name in self.mine.aliases:
            self.mine.record({"type": "alias", "name": name, "after": None})
        return self._aliases()[name]

    def _known_names(self) -> set[str]:
        return set(self.corpus.speaker_counts()) | set(self.corrections())

    # -- near-duplicates -------------------------------------------------------------------
    def groups(self, flagged: bool = False) -> list[GroupReport]:
        """Groups of quotes that report one utterance, with their flags: the attribution
        conflicts as the speaker aliases are now, possible misquotes as found on ingest.
        Flagged groups first, then the most widely reported."""
        aliases = self._aliases()
        found = [self._report(record, aliases) for record in self.corpus.groups.values()]
        found = [g for g in found if g.flags or not flagged]
        return sorted(found, key=lambda g: (-len(g.flags), -g.articles, g.id))

    def group(self, group_id: str) -> GroupReport:
        record = self.corpus.groups.get(group_id)
        if record is None:
            raise KeyError(f"no group with id {group_id!r} in {self.root}")
        return self._report(record, self._aliases())

    def group_of(self, quote_id: str) -> GroupReport | None:
        """The group of a quote, or None when no other quote reports its words."""
        group_id = self.quote(quote_id).get("group")
        return self.group(group_id) if group_id else None

    def drift(self, reference_id: str, other_id: str) -> Drift:
        """Word by word, how quote `other_id` differs from quote `reference_id`."""
        reference, other = self.quote(reference_id), self.quote(other_id)
        return compare(reference["text"], other["text"], other.get("lang") or "und")

    def _report(self, record: dict, aliases: dict[str, Alias]) -> GroupReport:
        tally = self._speakers(record, aliases)
        speakers = sorted(tally, key=lambda s: (-tally[s], s))
        flags = ([ATTRIBUTION] if len(speakers) > 1 else []) + (
            [MISQUOTE] if MISQUOTE in record["flags"] else [])
        return GroupReport(record["id"], list(record["members"]), record["articles"], speakers,
                           record["earliest"], dict(record["drift"]), list(record["differing"]), flags,
                           list(record.get("versions", record["members"])))

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


def _changed_since_message(stale: list[dict], log: ReviewerLog, reviewer: str, redo: bool) -> str:
    first = stale[0]
    now_state = log._current(first)
    state = (now_state or {}).get("status") or (now_state or {}).get("speaker") or (
        "annotated" if now_state else "none")
    what = f"{target_key(first)}" + (f" and {len(stale) - 1} more" if len(stale) > 1 else "")
    return (f"Not {'redone' if redo else 'undone'}: {what} was changed since in another session "
            f"of {reviewer} (now {state}); change it again here if needed.")
