"""Tallies: speakers, sources and statistics, with their claims counted by status —
for the speakers and sources screens, F4, and `workbench speakers|sources|stats`."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..services import Workbench
from ..vocab import REVIEW_STATES, SCARE
from ..services.exchange import current_claims
from ..services.speakers import speaker_table
from ..team import agreement as agreement_metrics
from ..team import statistics as statistics_of
from .claims import Claims

# -- speakers and sources, with their claims by status -------------------------------------
STATUS_ORDER = REVIEW_STATES


@dataclass(slots=True)
class Tally:
    """A speaker or a source with its claims (scare quotes left out) by this reviewer's status."""

    name: str
    kind: str = ""  # speakers: ""; sources: "outlet" or "article"
    names: list[str] = field(default_factory=list)  # a speaker's names; an article's outlet
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def speaker_tallies(wb: Workbench, claims: Claims) -> list[Tally]:
    """Every speaker (after aliases) with the names they are quoted under and their claims
    by status, most quoted first."""
    found: dict[str, Tally] = {}
    speaker_of: dict[str, str] = {}
    for alias in wb.speakers.aliases():  # the names of current quotes, and how each resolves
        if alias.quotes:
            found.setdefault(alias.speaker, Tally(alias.speaker)).names.append(alias.name)
            speaker_of[alias.name] = alias.speaker
    for row in claims.rows:
        if row.kind != SCARE and row.speaker:
            speaker = speaker_of.get(row.speaker, row.speaker)
            tally = found.setdefault(speaker, Tally(speaker))
            tally.by_status[row.status] = tally.by_status.get(row.status, 0) + 1
    for tally in found.values():
        tally.names.sort()
    return sorted(found.values(), key=lambda t: (-t.total, t.name))


def source_tallies(claims: Claims) -> list[Tally]:
    """Every outlet, then every article, with their claims by status."""
    outlets: dict[str, Tally] = {}
    articles: dict[str, Tally] = {}
    for row in claims.rows:
        if row.kind == SCARE:
            continue
        outlet = row.source if row.source != row.article else ""
        entries = [articles.setdefault(row.article, Tally(row.article, "article",
                                                          [outlet] if outlet else []))]
        if outlet:
            entries.append(outlets.setdefault(outlet, Tally(outlet, "outlet")))
        for tally in entries:
            tally.by_status[row.status] = tally.by_status.get(row.status, 0) + 1
    order = lambda t: (-t.total, t.name)  # noqa: E731
    return sorted(outlets.values(), key=order) + sorted(articles.values(), key=order)


def speakers(wb: Workbench) -> list[dict]:
    """Every speaker (after aliases) with the names they are quoted under and how many
    quotes and articles they have, most quoted first; `status` counts their claims by
    this reviewer's verdict, `final` by final verdict."""
    table = wb.speakers.table()
    found: dict[str, dict] = {}
    for row in speaker_table(wb.store.corpus.current_quotes()):
        speaker = table[row["name"]].speaker
        entry = found.setdefault(speaker, {"name": speaker, "aliases": [], "quotes": 0, "articles": 0})
        entry["aliases"].append(row["name"])
        entry["quotes"] += row["quotes"]
        entry["articles"] += row["articles"]  # an article quoting two spellings counts twice
    by_status = speaker_statuses(wb)
    for entry in found.values():
        entry |= by_status.get(entry["name"], {"status": {}, "final": {}})
    return sorted(found.values(), key=lambda e: (-e["quotes"], e["name"]))


def my_statuses(wb: Workbench) -> dict[str, str]:
    wb.store.mine.refresh()
    return {qid: r.status for qid, r in wb.store.mine.reviews.items()}


def final_statuses(wb: Workbench) -> dict[str, str]:
    return {qid: f["status"] for qid, f in wb.team.finals().items()}


def agreement(wb: Workbench) -> dict:
    """Agreement between reviewers over current claims: {"pairs": [per pair of
    reviewers: a, b, items, agreements, percent, kappa, observed, expected, reason],
    "alpha": {alpha, coders, items, pairable_items, values, observed_disagreement,
    expected_disagreement, reason}, "disagreements": [{id, speaker, text, article,
    verdicts {reviewer: status}, final}]} (see workbench.team.agreement)."""
    ratings = wb.team.ratings()
    result = agreement_metrics.agreement(ratings).to_dict()
    finals = wb.team.finals()
    result["disagreements"] = [
        {"id": qid, "speaker": wb.store.quote(qid).get("speaker"), "text": wb.store.quote(qid)["text"],
         "article": wb.store.quote(qid)["article"], "verdicts": ratings[qid], "final": finals.get(qid)}
        for qid in result["disagreements"]]
    return result

def speaker_statuses(wb: Workbench) -> dict[str, dict]:
    """speaker (after aliases) → {"status": this reviewer's counts, "final": counts of
    final verdicts} (every status key present)."""
    rows = statistics_of.by_speaker(current_claims(wb.store.corpus), my_statuses(wb), final_statuses(wb),
                                    wb.speakers.resolver())
    return {name: {"status": row["status"], "final": row["final"]} for name, row in rows.items()}

def sources(wb: Workbench) -> dict:
    """Every outlet and every article with its claims counted by status, and every
    reviewer's annotations:
    {"outlets": [{name, quotes, articles, status: {attributed, disputed, confirmed,
    unreviewed} (this reviewer's), final: {attributed, disputed, confirmed, none},
    notes: [{reviewer, reliability, note, url, outlet, time}]}],
     "articles": [{id, outlet, url, title, published, quotes, status, final, notes}]}.
    Outlets with no outlet name are counted under "(unknown)"; annotated outlets with
    no quotes are listed too. Most quoted first."""
    claims, mine, finals = current_claims(wb.store.corpus), my_statuses(wb), final_statuses(wb)
    notes: dict[tuple[str, str], list[dict]] = {}
    for n in wb.reviewing.source_notes():
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
        if kind == "article" and name not in articles and name in wb.store.corpus.articles:
            articles[name] = dict(empty)
    article_rows = []
    for aid, row in articles.items():
        record = wb.store.corpus.articles.get(aid, {})
        article_rows.append({"id": aid, "outlet": record.get("outlet"), "url": record.get("url"),
                             "title": record.get("title"), "published": record.get("published")}
                            | row | {"notes": notes.get(("article", aid), [])})
    return {
        "outlets": sorted(({"name": name} | row | {"notes": notes.get(("outlet", name), [])}
                           for name, row in outlets.items()), key=lambda r: (-r["quotes"], r["name"])),
        "articles": sorted(article_rows, key=lambda r: (-r["quotes"], r["id"])),
    }

def statistics(wb: Workbench) -> dict:
    """Counts over current claims: {quotes, articles, status (this reviewer's), final,
    reviewed_by_anyone, disagreements, by_reviewer, by_speaker, by_source, agreement
    {pairs, alpha} (no disagreement list), timeline {day, month, year, undated}}
    (see workbench.team.statistics)."""
    found = agreement(wb)
    found.pop("disagreements")
    team = {qid: {name: r.status for name, r in v.items()} for qid, v in wb.team.team_reviews().items()}
    return statistics_of.statistics(current_claims(wb.store.corpus), my_statuses(wb), team, final_statuses(wb),
                                    wb.speakers.resolver(), found)

