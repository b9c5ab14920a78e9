"""The team's side of the store: every reviewer's verdicts, lead reviewers and final
verdicts (adjudication), agreement, sources, statistics, exports and imports.

`TeamMethods` is mixed into `Store` (repository.py); it reads and writes only through
the reviewer logs and the corpus, like the rest of the repository. The computations are
pure functions in `workbench.team` (agreement, verdicts, statistics, exports, imports).

Lead reviewers are listed in `team.json` at the store's root (`{"schema": 1, "leads":
[...], "min_agreement": 2}`, written atomically under its lock). While the list is empty
anyone may add the first lead; after that only a lead may add or remove one, or change
`min_agreement`: how many reviewers must give one verdict for it to be published
(ClaimReview) without a lead's final verdict. This is a guard for the team's
workflow, not access control: anyone who can write the store folder can edit its files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import orjson

from ..team import agreement as agreement_metrics
from ..team import exports, imports
from ..team import statistics as statistics_of
from ..team.verdicts import TEAM_FILTERS, final_verdict, team_match
from .files import StoreError, locked, read_json, write_json
from .reviews import STATUSES, Final, Review, ReviewerLog, now

TEAM_FILE = "team.json"
MAX_AGREEMENT = 100


class NotLead(PermissionError):
    """A change only a lead reviewer may make."""


class TeamMethods:
    """Store methods for team work (see the module's docstring). Every method re-reads
    what teammates wrote since the last call."""

    # -- lead reviewers --------------------------------------------------------------------
    def _team_path(self) -> Path:
        return self.root / TEAM_FILE

    def _team_settings(self) -> dict:
        path = self._team_path()
        defaults = {"schema": 1, "leads": [], "min_agreement": exports.MIN_AGREEMENT}
        if not path.exists():
            return defaults
        value = read_json(path)
        if (not isinstance(value, dict) or not isinstance(value.get("leads", []), list)
                or not all(isinstance(n, str) for n in value.get("leads", []))):
            raise StoreError(f"{path}: not the team's settings (expected {{\"leads\": [names]}}); "
                             "the file is left as it is")
        agreement = value.get("min_agreement", exports.MIN_AGREEMENT)
        if type(agreement) is not int or not 1 <= agreement <= MAX_AGREEMENT:
            raise StoreError(f"{path}: \"min_agreement\" must be a whole number from 1 to {MAX_AGREEMENT}, "
                             f"not {agreement!r}; the file is left as it is")
        return defaults | value

    def min_agreement(self) -> int:
        """How many reviewers must give one verdict for it to be published without a
        lead's final verdict (team.json, default 2)."""
        return self._team_settings()["min_agreement"]

    def set_min_agreement(self, count: int) -> int:
        """Change `min_agreement` (only a lead may, once the team has leads)."""
        if type(count) is not int or not 1 <= count <= MAX_AGREEMENT:
            raise ValueError(f"the number of reviewers who must agree is a whole number from 1 to "
                             f"{MAX_AGREEMENT}, not {count!r}")
        path = self._team_path()
        with locked(path):
            settings = self._team_settings()
            if settings["leads"] and self.reviewer not in settings["leads"]:
                raise NotLead(f"only a lead reviewer can change how many reviewers must agree "
                              f"({', '.join(settings['leads'])}); {self.reviewer} is not one")
            write_json(path, settings | {"min_agreement": count})
        return count

    def leads(self) -> list[str]:
        """The lead reviewers' names."""
        return list(self._team_settings()["leads"])

    def is_lead(self, name: str | None = None) -> bool:
        """Whether `name` (default: this store's reviewer) is a lead reviewer."""
        return (name or self.reviewer) in self._team_settings()["leads"]

    def add_lead(self, name: str) -> list[str]:
        """Make `name` a lead reviewer. The first lead may be added by anyone; after that
        only a lead may add one. Returns the leads."""
        return self._change_leads(name, add=True)

    def remove_lead(self, name: str) -> list[str]:
        """Stop `name` being a lead reviewer (only a lead may). Returns the leads."""
        return self._change_leads(name, add=False)

    def _change_leads(self, name: str, add: bool) -> list[str]:
        name = name.strip()
        if not name or len(name) > 80 or any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in name):
            raise ValueError(f"{name!r} is not a reviewer name (1 to 80 printable characters)")
        path = self._team_path()
        with locked(path):
            settings = self._team_settings()
            leads = settings["leads"]
            if leads and self.reviewer not in leads:
                raise NotLead(f"only a lead reviewer can change the leads ({', '.join(leads)}); "
                              f"{self.reviewer} is not one")
            if add and name not in leads:
                leads.append(name)
            elif not add:
                if name not in leads:
                    raise KeyError(f"{name} is not a lead reviewer")
                leads.remove(name)
            write_json(path, settings | {"leads": leads})
        return list(leads)

    # -- every reviewer's verdicts ---------------------------------------------------------
    def _logs(self) -> list[ReviewerLog]:
        logs = [self.mine, *self.others().values()]
        for log in logs:
            log.refresh()
        return logs

    def team_reviews(self) -> dict[str, dict[str, Review]]:
        """quote id → {reviewer: Review} for every quote someone reviewed (this reviewer
        included)."""
        found: dict[str, dict[str, Review]] = {}
        for log in self._logs():
            for qid, review in log.reviews.items():
                found.setdefault(qid, {})[review.reviewer] = review
        return found

    def reviews_of(self, quote_id: str) -> dict[str, Review]:
        """Every reviewer's Review of one quote, by reviewer name (this reviewer first)."""
        found = {}
        for log in self._logs():
            review = log.reviews.get(quote_id)
            if review is not None:
                found[review.reviewer] = review
        return found

    def _adjudications(self) -> dict[str, list[Final]]:
        found: dict[str, list[Final]] = {}
        for log in self._logs():
            for qid, final in log.finals.items():
                found.setdefault(qid, []).append(final)
        return found

    def finals(self) -> dict[str, dict]:
        """quote id → final verdict (see `final`) for every quote that has one."""
        reviews, adjudications = self.team_reviews(), self._adjudications()
        found = {}
        for qid in set(reviews) | set(adjudications):
            verdict = final_verdict(reviews.get(qid, {}), adjudications.get(qid, ()))
            if verdict is not None:
                found[qid] = verdict
        return found

    def final(self, quote_id: str) -> dict | None:
        """The final verdict of a quote: {"status", "how", "by", "reason", "time"} where
        `how` is "adjudicated" (a lead decided: `by` is the lead, `reason` why) or "agreed"
        (every reviewer who reviewed it gave `status`: `by` lists them); None when nobody
        reviewed it or the reviewers disagree and no lead decided."""
        adjudications = [log.finals[quote_id] for log in self._logs() if quote_id in log.finals]
        return final_verdict(self.reviews_of(quote_id), adjudications)

    def set_final(self, quote_id: str, status: str, reason: str) -> Final:
        """Set the final verdict of a quote, as a lead reviewer, with the reason. Recorded
        in this reviewer's own log (history, undo/redo). Raises NotLead for a reviewer who
        is not a lead."""
        if not self.is_lead():
            leads = self.leads()
            raise NotLead(f"{self.reviewer} is not a lead reviewer: only "
                          + (", ".join(leads) if leads else "a lead (none yet: `workbench lead add NAME`)")
                          + " can set a final verdict")
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        reason = (reason or "").strip()
        if not reason:
            raise ValueError("a final verdict needs a reason")
        self.quote(quote_id)
        self.mine.record({"type": "final", "quote": quote_id, "after": {"status": status, "reason": reason}})
        return self.mine.finals[quote_id]

    def clear_final(self, quote_id: str) -> None:
        """Withdraw this lead's final verdict on a quote (the history keeps it)."""
        if not self.is_lead():
            raise NotLead(f"{self.reviewer} is not a lead reviewer")
        self.mine.refresh()
        if quote_id in self.mine.finals:
            self.mine.record({"type": "final", "quote": quote_id, "after": None})

    def team_quotes(self, team: str | None = None, **filters) -> list[dict]:
        """`Store.quotes(**filters)` (status, speaker, source, kind, search, scare), each
        quote also with `reviews` ({reviewer: Review}) and `final` (see `final`), and kept
        only if it passes the team filter: one of TEAM_FILTERS ("mine", "others",
        "disagree", "agreed", "adjudicated", "unresolved", "final"), or None for all."""
        if team is not None and team not in TEAM_FILTERS:
            raise ValueError(f"team filter must be one of {', '.join(TEAM_FILTERS)}, not {team!r}")
        reviews, adjudications = self.team_reviews(), self._adjudications()
        found = []
        for q in self.quotes(**filters):
            verdicts = reviews.get(q["id"], {})
            final = final_verdict(verdicts, adjudications.get(q["id"], ()))
            if team is None or team_match(team, self.reviewer, verdicts, final):
                found.append(q | {"reviews": verdicts, "final": final})
        return found

    # -- agreement -------------------------------------------------------------------------
    def ratings(self) -> dict[str, dict[str, str]]:
        """quote id → {reviewer: status} over current claims (scare quotes left out)."""
        current = {q["id"] for q in self.corpus.current_quotes() if q["kind"] != "scare"}
        return {qid: {name: r.status for name, r in verdicts.items()}
                for qid, verdicts in sorted(self.team_reviews().items()) if qid in current}

    def agreement(self) -> dict:
        """Agreement between reviewers over current claims: {"pairs": [per pair of
        reviewers: a, b, items, agreements, percent, kappa, observed, expected, reason],
        "alpha": {alpha, coders, items, pairable_items, values, observed_disagreement,
        expected_disagreement, reason}, "disagreements": [{id, speaker, text, article,
        verdicts {reviewer: status}, final}]} (see workbench.team.agreement)."""
        ratings = self.ratings()
        result = agreement_metrics.agreement(ratings).to_dict()
        finals = self.finals()
        result["disagreements"] = [
            {"id": qid, "speaker": self.quote(qid).get("speaker"), "text": self.quote(qid)["text"],
             "article": self.quote(qid)["article"], "verdicts": ratings[qid], "final": finals.get(qid)}
            for qid in result["disagreements"]]
        return result

    # -- sources, speakers and statistics --------------------------------------------------
    def _claims(self) -> list[dict]:
        """Current quotes that are claims (scare quotes left out)."""
        return [q for q in self.corpus.current_quotes() if q["kind"] != "scare"]

    def _my_statuses(self) -> dict[str, str]:
        self.mine.refresh()
        return {qid: r.status for qid, r in self.mine.reviews.items()}

    def _final_statuses(self) -> dict[str, str]:
        return {qid: f["status"] for qid, f in self.finals().items()}

    def speaker_statuses(self) -> dict[str, dict]:
        """speaker (after aliases) → {"status": this reviewer's counts, "final": counts of
        final verdicts} (every status key present)."""
        aliases = self._aliases()
        rows = statistics_of.by_speaker(self._claims(), self._my_statuses(), self._final_statuses(),
                                        lambda name: aliases[name].speaker if name in aliases else name)
        return {name: {"status": row["status"], "final": row["final"]} for name, row in rows.items()}

    def sources(self) -> dict:
        """Every outlet and every article with its claims counted by status, and every
        reviewer's annotations:
        {"outlets": [{name, quotes, articles, status: {attributed, disputed, confirmed,
        unreviewed} (this reviewer's), final: {attributed, disputed, confirmed, none},
        notes: [{reviewer, reliability, note, url, outlet, time}]}],
         "articles": [{id, outlet, url, title, published, quotes, status, final, notes}]}.
        Outlets with no outlet name are counted under "(unknown)"; annotated outlets with
        no quotes are listed too. Most quoted first."""
        claims, mine, finals = self._claims(), self._my_statuses(), self._final_statuses()
        notes: dict[tuple[str, str], list[dict]] = {}
        for n in self.source_notes():
            notes.setdefault((n.kind, n.source), []).append(
                {"reviewer": n.reviewer, "reliability": n.reliability, "note": n.note, "url": n.url,
                 "outlet": n.outlet, "time": n.time})
        outlets = statistics_of.by_outlet(claims, mine, finals)
        empty = {"quotes": 0, "articles": 0, "status": statistics_of.status_counts([]),
                 "final": statistics_of.status_counts([], "none")}
        for kind, name in notes:
            if kind == "outlet" and name not in outlets:
                outlets[name] = dict(empty)
        articles = statistics_of.by_article(claims, mine, finals)
        for kind, name in notes:
            if kind == "article" and name not in articles and name in self.corpus.articles:
                articles[name] = dict(empty)
        article_rows = []
        for aid, row in articles.items():
            record = self.corpus.articles.get(aid, {})
            article_rows.append({"id": aid, "outlet": record.get("outlet"), "url": record.get("url"),
                                 "title": record.get("title"), "published": record.get("published")}
                                | row | {"notes": notes.get(("article", aid), [])})
        return {
            "outlets": sorted(({"name": name} | row | {"notes": notes.get(("outlet", name), [])}
                               for name, row in outlets.items()), key=lambda r: (-r["quotes"], r["name"])),
            "articles": sorted(article_rows, key=lambda r: (-r["quotes"], r["id"])),
        }

    def statistics(self) -> dict:
        """Counts over current claims: {quotes, articles, status (this reviewer's), final,
        reviewed_by_anyone, disagreements, by_reviewer, by_speaker, by_source, agreement
        {pairs, alpha} (no disagreement list), timeline {day, month, year, undated}}
        (see workbench.team.statistics)."""
        aliases = self._aliases()
        agreement = self.agreement()
        agreement.pop("disagreements")
        team = {qid: {name: r.status for name, r in v.items()} for qid, v in self.team_reviews().items()}
        return statistics_of.statistics(self._claims(), self._my_statuses(), team, self._final_statuses(),
                                        lambda name: aliases[name].speaker if name in aliases else name,
                                        agreement)

    # -- exports ---------------------------------------------------------------------------
    def export_claims(self) -> list[dict]:
        """Every current claim as an export record (see workbench.team.exports): the quote,
        its article, its group with the members' sources, every reviewer's verdict and the
        final verdict."""
        aliases = self._aliases()
        reviews, finals = self.team_reviews(), self.finals()
        articles = self.corpus.articles
        groups = self.corpus.groups if any(q.get("group") for q in self._claims()) else {}

        def member(qid: str) -> dict:
            q = self.corpus.quotes[qid]
            a = articles.get(q["article"], {})
            return {"id": qid, "article": q["article"], "outlet": q.get("outlet"), "url": a.get("url"),
                    "title": a.get("title"), "published": q.get("published"), "speaker": q.get("speaker"),
                    "text": q["text"]}

        claims = []
        for q in sorted(self._claims(), key=lambda q: (q["article"], q["index"])):
            record = groups.get(q.get("group")) if q.get("group") else None
            name = q.get("speaker")
            claims.append({
                "id": q["id"], "text": q["text"], "kind": q["kind"],
                "speaker": aliases[name].speaker if name in aliases else name, "speaker_as_quoted": name,
                "speaker_kind": q.get("speaker_kind"),
                "cue": q.get("cue"), "medium": q.get("via"), "article": q["article"], "outlet": q.get("outlet"),
                "url": articles.get(q["article"], {}).get("url"), "published": q.get("published"),
                "said_on": q.get("said_on"),
                "group": None if record is None else {
                    "id": record["id"], "members": [member(m) for m in record["members"] if m in self.corpus.quotes]},
                "reviews": [{"reviewer": r.reviewer, "status": r.status, "note": r.note,
                             "evidence": list(r.evidence), "time": r.time}
                            for _, r in sorted(reviews.get(q["id"], {}).items())],
                "final": finals.get(q["id"]),
            })
        return claims

    def export(self, fmt: str = "json", *, status: str | None = None, reviewers: tuple[str, ...] = (),
               speaker: str | None = None, source: str | None = None, since: str | None = None,
               until: str | None = None, everything: bool = False, base_url: str = exports.BASE_URL,
               organization: str | None = None, notice: Callable[[str], None] | None = None) -> bytes:
        """The export as bytes (UTF-8): fmt "json" (the documented export, read back by
        import_file), "claimreview" (a JSON array of schema.org ClaimReview, one per claim
        adjudicated by a lead or agreed by `min_agreement()` reviewers; `notice` is told
        how many claims were left out) or "csv" (one row per claim per reviewer). Filters:
        see workbench.team.exports.select."""
        for label, value in (("since", since), ("until", until)):
            if value:
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    raise ValueError(f"--{label} must be a date YYYY-MM-DD, not {value!r}") from None
        claims = exports.select(self.export_claims(), status, reviewers, speaker, source, since, until,
                                everything)
        if fmt == "csv":
            return exports.csv_text(exports.csv_rows(claims)).encode("utf-8")
        if fmt == "claimreview":
            quorum = self.min_agreement()
            published = exports.claimreviews(claims, base_url, organization, quorum)
            if notice is not None and len(published) < len(claims):
                notice(exports.left_out_message(len(claims) - len(published), quorum))
            return orjson.dumps(published, option=orjson.OPT_INDENT_2)
        if fmt != "json":
            raise ValueError(f"export format must be json, claimreview or csv, not {fmt!r}")
        notes = [asdict(n) for n in self.source_notes() if not reviewers or n.reviewer in reviewers]
        filters = {"status": status, "reviewers": list(reviewers), "speaker": speaker, "source": source,
                   "since": since, "until": until, "everything": everything}
        doc = exports.document(claims, str(self.root), now(), self.reviewer, filters, notes)
        return orjson.dumps(doc, option=orjson.OPT_INDENT_2)

    # -- imports ---------------------------------------------------------------------------
    def _log_for(self, name: str) -> ReviewerLog:
        """The log of a reviewer by name (this reviewer's own, a teammate's, or a new one)."""
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
        plan = imports.parse(data, self.corpus.quotes, self.corpus.articles)
        report = {"format": plan.format, "reviewers": plan.reviewers,
                  "reviews": {"added": 0, "skipped": 0}, "finals": {"added": 0, "skipped": 0},
                  "sources": {"added": 0, "skipped": 0}}
        label = path.name[:200]
        logs = {name: self._log_for(name) for name in plan.reviewers}  # a name refused: nothing written
        for name, log in logs.items():
            log.refresh()
            events = []
            for kind, records in (("reviews", plan.reviews), ("finals", plan.finals), ("sources", plan.sources)):
                for record in (r for r in records if r["reviewer"] == name):
                    event = self._imported_event(log, kind, record, label)
                    if event is None:
                        report[kind]["skipped"] += 1
                    else:
                        events.append((kind, event))
            added = {e["id"] for e in log.merge([e for _, e in events])}
            for kind, event in events:
                report[kind]["added" if event["id"] in added else "skipped"] += 1
        return report

    @staticmethod
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
