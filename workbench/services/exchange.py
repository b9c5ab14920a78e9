"""Exchange: the team's work out of the store (JSON, ClaimReview JSON-LD, CSV) and back
in (a teammate's export or reviewer file), every file written through one safe writer
(`write`: atomic, never inside the store, never over a file unasked)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Protocol

import orjson

from ..store import Store
from ..store.corpus import Corpus
from ..store.reviews import ReviewerLog, now
from ..team import exports, imports
from ..vocab import SCARE
from .reviewing import Reviewing
from .speakers import Speakers
from .team import Team


class ClaimFilter(Protocol):
    """Which claims an export keeps: the claims list's predicate (views.Filters)."""

    speaker: str
    source: str

    def keeps_claim(self, claim: dict) -> bool: ...


def current_claims(corpus: Corpus) -> list[dict]:
    """Current quotes that are claims (scare quotes left out)."""
    return [q for q in corpus.current_quotes() if q["kind"] != SCARE]


class Exchange:
    def __init__(self, store: Store, speakers: Speakers, team: Team, reviewing: Reviewing) -> None:
        self.store = store
        self.speakers = speakers
        self.team = team
        self.reviewing = reviewing

    def write(self, path: str | Path, data: bytes, replace: bool = False) -> Path:
        """Write an export to the file `path` names, returning its absolute path. Refused
        (OutputRefused) inside the store's folder or over a folder; OutputExists when the
        file exists and `replace` is False (ask first, or --force). Atomic: a crash leaves
        the old file or the new one, never half of it."""
        return self.store.write_output(path, data, replace)

    def claims(self) -> list[dict]:
        """Every current claim as an export record (see workbench.team.exports): the quote,
        its article, its group with the members' sources, every reviewer's verdict and the
        final verdict."""
        speaker_of = self.speakers.resolver()
        reviews, finals = self.team.team_reviews(), self.team.finals()
        corpus = self.store.corpus
        articles = corpus.articles
        claims = current_claims(corpus)
        groups = corpus.groups if any(q.get("group") for q in claims) else {}

        def member(qid: str) -> dict:
            q = corpus.quotes[qid]
            a = articles.get(q["article"], {})
            return {"id": qid, "article": q["article"], "outlet": q.get("outlet"), "url": a.get("url"),
                    "title": a.get("title"), "published": q.get("published"), "speaker": q.get("speaker"),
                    "text": q["text"]}

        found = []
        for q in sorted(claims, key=lambda q: (q["article"], q["index"])):
            record = groups.get(q.get("group")) if q.get("group") else None
            name = q.get("speaker")
            found.append({
                "id": q["id"], "text": q["text"], "kind": q["kind"],
                "speaker": speaker_of(name) if name else name, "speaker_as_quoted": name,
                "speaker_kind": q.get("speaker_kind"),
                "cue": q.get("cue"), "medium": q.get("via"), "article": q["article"], "outlet": q.get("outlet"),
                "url": articles.get(q["article"], {}).get("url"), "published": q.get("published"),
                "said_on": q.get("said_on"),
                "group": None if record is None else {
                    "id": record["id"], "members": [member(m) for m in record["members"] if m in corpus.quotes]},
                "reviews": [{"reviewer": r.reviewer, "status": r.status, "note": r.note,
                             "evidence": list(r.evidence), "time": r.time}
                            for _, r in sorted(reviews.get(q["id"], {}).items())],
                "final": finals.get(q["id"]),
            })
        return found

    def export(self, fmt: str = "json", *, filters: ClaimFilter | None = None, status: str | None = None,
               reviewers: tuple[str, ...] = (), since: str | None = None, until: str | None = None,
               everything: bool = False, base_url: str = exports.BASE_URL,
               organization: str | None = None, notice: Callable[[str], None] | None = None) -> bytes:
        """The export as bytes (UTF-8): fmt "json" (the documented export, read back by
        import_file), "claimreview" (a JSON array of schema.org ClaimReview, one per claim
        adjudicated by a lead or agreed by `min_agreement()` reviewers; `notice` is told
        how many claims were left out) or "csv" (one row per claim per reviewer).
        `filters`: which claims (speaker, source, kind, words: the list's own predicate,
        views.Filters); `status`, `reviewers`, `since`, `until`, `everything`: see
        workbench.team.exports.select."""
        for label, value in (("since", since), ("until", until)):
            if value:
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    raise ValueError(f"--{label} must be a date YYYY-MM-DD, not {value!r}") from None
        claims = [c for c in self.claims() if filters is None or filters.keeps_claim(c)]
        claims = exports.select(claims, status, reviewers, since, until, everything)
        if fmt == "csv":
            return exports.csv_text(exports.csv_rows(claims)).encode("utf-8")
        if fmt == "claimreview":
            quorum = self.team.min_agreement()
            published = exports.claimreviews(claims, base_url, organization, quorum)
            if notice is not None and len(published) < len(claims):
                notice(exports.left_out_message(len(claims) - len(published), quorum))
            return orjson.dumps(published, option=orjson.OPT_INDENT_2)
        if fmt != "json":
            raise ValueError(f"export format must be json, claimreview or csv, not {fmt!r}")
        notes = [asdict(n) for n in self.reviewing.source_notes() if not reviewers or n.reviewer in reviewers]
        described = {"status": status, "reviewers": list(reviewers),
                     "speaker": (filters.speaker or None) if filters else None,
                     "source": (filters.source or None) if filters else None,
                     "since": since, "until": until, "everything": everything}
        doc = exports.document(claims, str(self.store.root), now(), self.store.reviewer, described, notes)
        return orjson.dumps(doc, option=orjson.OPT_INDENT_2)

    def import_file(self, path: str | Path) -> dict:
        """Merge a teammate's JSON export or reviewer file (`reviews/<name>.json`) into the
        store. Every record is checked first (workbench.team.imports): if anything is wrong,
        imports.Rejected is raised naming each record and field, and nothing is written.

        Each imported review, final verdict and source note becomes an event in the named
        reviewer's own log (reviews/<name>.journal), appended under that file's lock (the
        lock their own process takes), keeping its time, marked "imported", with an id
        derived from its content — so importing a file twice changes nothing. A record is
        skipped when the log already holds the same state, or a change of the same quote
        (source) made later than the record. Returns counts: {"format", "reviewers",
        "reviews": {"added", "skipped"}, "finals": {…}, "sources": {…}}."""
        path = Path(path)
        try:
            size = path.stat().st_size
            if size > imports.MAX_FILE_BYTES:
                raise imports.Rejected([f"{path.name}: {size} bytes, more than {imports.MAX_FILE_BYTES}"])
            with open(path, "rb") as handle:
                data = handle.read(imports.MAX_FILE_BYTES + 1)
        except OSError as error:
            raise imports.Rejected([f"{path}: cannot read: {error.strerror or error}"]) from None
        plan = imports.parse(data, self.store.corpus.quotes, self.store.corpus.articles)
        report = {"format": plan.format, "reviewers": plan.reviewers,
                  "reviews": {"added": 0, "skipped": 0}, "finals": {"added": 0, "skipped": 0},
                  "sources": {"added": 0, "skipped": 0}}
        label = path.name[:200]
        logs = {name: self.store.log_for(name) for name in plan.reviewers}  # a name refused: nothing written
        for name, log in logs.items():
            log.refresh()
            events = []
            for kind, records in (("reviews", plan.reviews), ("finals", plan.finals), ("sources", plan.sources)):
                for record in (r for r in records if r["reviewer"] == name):
                    event = _imported_event(log, kind, record, label)
                    if event is None:
                        report[kind]["skipped"] += 1
                    else:
                        events.append((kind, event))
            added = {e["id"] for e in log.merge([e for _, e in events])}
            for kind, event in events:
                report[kind]["added" if event["id"] in added else "skipped"] += 1
        return report


def _imported_event(log: ReviewerLog, kind: str, record: dict, label: str) -> dict | None:
    """The event that applies an imported record to a log, or None when the log has it
    already or has a later change of the same thing."""
    if kind == "reviews":
        after = {"status": record["status"], "note": record["note"], "evidence": record["evidence"]}
        current = log.reviews.get(record["quote"])
        now_state = current and {"status": current.status, "note": current.note,
                                 "evidence": list(current.evidence)}
        base = {"type": "review", "quote": record["quote"]}
    elif kind == "finals":
        after = {"status": record["status"], "reason": record["reason"]}
        current = log.finals.get(record["quote"])
        now_state = current and {"status": current.status, "reason": current.reason}
        base = {"type": "final", "quote": record["quote"]}
    else:
        after = {k: record[k] for k in ("outlet", "url", "reliability", "note")}
        current = log.sources.get((record["kind"], record["source"]))
        now_state = current and {"outlet": current.outlet, "url": current.url,
                                 "reliability": current.reliability, "note": current.note}
        base = {"type": "source", "source": record["source"], "kind": record["kind"]}
    if current is not None and (now_state == after or _instant(current.time) >= _instant(record["time"])):
        return None
    return base | {"after": after, "time": record["time"], "imported": label, "reviewer": record["reviewer"],
                   "id": imports.event_id(kind, record)}


def _instant(value: str) -> dt.datetime:
    """An ISO time as an aware datetime (a time without a zone is taken as UTC)."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)
