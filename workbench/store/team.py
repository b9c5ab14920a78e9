"""The team's side of the store: every reviewer's verdicts, lead reviewers and final
verdicts (adjudication), agreement, sources, statistics, exports and imports.

`TeamMethods` is mixed into `Store` (repository.py); it reads and writes only through
the reviewer logs and the corpus, like the rest of the repository. The computations are
pure functions in `workbench.team` (agreement, verdicts, statistics, exports, imports).

Lead reviewers are listed in `team.json` at the store's root (`{"schema": 1, "leads":
[...]}`, written atomically under its lock). While the list is empty anyone may add the
first lead; after that only a lead may add or remove one. This is a guard for the team's
workflow, not access control: anyone who can write the store folder can edit its files.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..team import agreement as agreement_metrics
from ..team import statistics as statistics_of
from ..team.verdicts import TEAM_FILTERS, final_verdict, team_match
from .files import StoreError, locked, read_json, write_json
from .reviews import STATUSES, Final, Review, ReviewerLog, file_stem

if TYPE_CHECKING:
    from .reviews import SourceNote

TEAM_FILE = "team.json"


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
        if not path.exists():
            return {"schema": 1, "leads": []}
        value = read_json(path)
        if (not isinstance(value, dict) or not isinstance(value.get("leads", []), list)
                or not all(isinstance(n, str) for n in value.get("leads", []))):
            raise StoreError(f"{path}: not the team's settings (expected {{\"leads\": [names]}}); "
                             "the file is left as it is")
        return {"schema": 1, "leads": []} | value

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
        """Every reviewer's Review of one quote, by reviewer name."""
        return self.team_reviews().get(quote_id, {})

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
