"""Exports: the team's verdicts as JSON, schema.org ClaimReview (JSON-LD) and CSV.

Pure builders: claim records in (as `Store.export_claims()` gathers them), JSON-able
dicts and CSV rows out. A claim record:

    {"id", "text", "kind", "speaker", "speaker_as_quoted", "speaker_kind": "person" | "org" | null,
     "cue", "medium", "article",
     "outlet", "url", "published", "said_on",
     "group": null | {"id", "members": [{"id", "article", "outlet", "url", "published",
                                          "speaker", "text"}]},      # earliest first
     "reviews": [{"reviewer", "status", "note", "evidence": [urls], "time"}],
     "final": null | {"status", "how": "adjudicated" | "agreed", "by", "reason", "time"}}

The JSON export (`document`) wraps them: {"schema": "quote-workbench/export", "version": 1,
"exported_at", "store", "exported_by", "filters", "claims": [...], "sources": [source
notes]}; `workbench import` reads it back (imports.py).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ..extract.lexicon import fold, gazetteer
from ..vocab import BEST_RATING, MIN_AGREEMENT, STATUSES_IN_ORDER, UNREVIEWED, WORST_RATING
from ..extract.tokens import phrase_tokens

SCHEMA = "quote-workbench/export"
VERSION = 1

# Our verdicts judge the attribution (did this person say these words?), not whether the
# statement is true: ClaimReview's rating says so, on a documented 1–3 scale.
RATINGS = {s.name: (s.rating, s.rating_text) for s in STATUSES_IN_ORDER}
WORST, BEST = WORST_RATING, BEST_RATING
# A verdict no lead adjudicated is published only when this many reviewers gave it (the
# team's setting: `min_agreement` in store/team.json, `workbench quorum N`; its default is
# vocab.MIN_AGREEMENT). One reviewer's verdict is that reviewer's opinion, not the team's.
BASE_URL = "https://factcheck.invalid/claims"  # ClaimReview `url`s: pass your own (--base-url)

CSV_COLUMNS = ["quote_id", "text", "kind", "speaker", "article", "outlet", "url", "published", "said_on",
               "group", "reviewer", "status", "note", "evidence", "reviewed_at", "final_status",
               "final_how", "final_by", "final_reason", "final_at"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# -- filters ----------------------------------------------------------------------------
def _period(value: str | None) -> tuple[str, str] | None:
    """First and last day of a partial date ("2025", "2025-07", "2025-07-08"), as ISO days."""
    if not value:
        return None
    parts = value.split("-")
    if len(parts) == 1 and len(value) == 4 and value.isdigit():
        return f"{value}-01-01", f"{value}-12-31"
    if len(parts) == 2 and parts[1].isdigit():
        return f"{value}-01", f"{value}-31"  # string comparison: every day of the month is ≤ -31
    if len(parts) == 3:
        return value[:10], value[:10]
    return None  # a week date: not comparable by day here


def select(claims: Iterable[dict], status: str | None = None, reviewers: Iterable[str] = (),
           since: str | None = None, until: str | None = None, everything: bool = False) -> list[dict]:
    """The claims an export keeps, by their verdicts and dates (which speaker, source or
    words: views.Filters, the claims list's own predicate, applied before).

    - `reviewers`: keep only these reviewers' verdicts, and the claims one of them reviewed;
    - `status`: claims with a kept verdict of this status, or with this final verdict;
      "unreviewed": claims with no kept verdict;
    - `since`/`until` (YYYY-MM-DD, inclusive): claims whose publication date falls in or
      overlaps the range (a month-only date overlaps when any of its days does); undated
      claims are left out when either is given;
    - by default only claims someone reviewed or a lead decided; `everything` keeps the rest.
    """
    wanted = set(reviewers)
    kept = []
    for claim in claims:
        reviews = [r for r in claim["reviews"] if not wanted or r["reviewer"] in wanted]
        if wanted and not reviews:
            continue
        if status == UNREVIEWED:
            if reviews:
                continue
        elif status and not any(r["status"] == status for r in reviews) and (
                (claim.get("final") or {}).get("status") != status):
            continue
        if not everything and status != UNREVIEWED and not reviews and not claim.get("final"):
            continue
        if since or until:
            period = _period(claim.get("published"))
            if period is None or (since and period[1] < since) or (until and period[0] > until):
                continue
        kept.append(claim | {"reviews": reviews})
    return kept


# -- JSON -------------------------------------------------------------------------------
def document(claims: list[dict], store: str, exported_at: str, exported_by: str,
             filters: dict | None = None, sources: list[dict] | None = None) -> dict:
    """The JSON export."""
    return {"schema": SCHEMA, "version": VERSION, "exported_at": exported_at, "store": store,
            "exported_by": exported_by, "filters": {k: v for k, v in (filters or {}).items() if v},
            "claims": claims, "sources": sources or []}


# -- ClaimReview ------------------------------------------------------------------------
def _creative_work(member: dict) -> dict:
    work: dict = {"@type": "CreativeWork"}
    if member.get("url"):
        work["url"] = member["url"]
    work["name"] = member.get("title") or member["article"]
    if member.get("outlet"):
        work["publisher"] = {"@type": "Organization", "name": member["outlet"]}
    if member.get("published"):
        work["datePublished"] = member["published"]
    return work


def basis(final: dict | None, min_agreement: int = MIN_AGREEMENT) -> str | None:
    """Why a final verdict may be published ("adjudicated by lead carla", "agreed by 2
    reviewers: anna, bob"), or None when it may not: no final verdict, or an agreement of
    fewer than `min_agreement` reviewers."""
    if not final:
        return None
    if final["how"] == "adjudicated":
        return f"adjudicated by lead {final['by']}"
    agreeing = list(final.get("by") or [])
    if len(agreeing) < min_agreement:
        return None
    return f"agreed by {len(agreeing)} reviewers: {', '.join(agreeing)}"


def left_out_message(count: int, min_agreement: int = MIN_AGREEMENT) -> str:
    """The line that says how many claims a ClaimReview export left out, and why."""
    claims = "1 claim" if count == 1 else f"{count} claims"
    reviewers = "1 reviewer" if min_agreement == 1 else f"{min_agreement} reviewers"
    return (f"{claims} left out of the ClaimReview export: neither adjudicated by a lead nor agreed "
            f"by {reviewers} (the team's setting: workbench quorum N)")


def _speaker_type(claim: dict) -> str:
    """schema.org type of the speaker: an institution is an `Organization`. Records of
    stores older than the `speaker_kind` field are told by the gazetteer (a known
    institution or medium, or a name ending with "Ministry", "Department"…)."""
    kind = claim.get("speaker_kind")
    if kind is None:
        gaz = gazetteer()
        words = tuple(fold(w) for w in phrase_tokens(claim.get("speaker_as_quoted") or claim["speaker"]))
        known = words in gaz.institutions or words in gaz.media
        kind = "org" if known or (words and words[-1] in gaz.organisation_heads) else "person"
    return "Organization" if kind == "org" else "Person"


def claimreview(claim: dict, base_url: str, organization: str | None = None,
                min_agreement: int = MIN_AGREEMENT) -> dict | None:
    """One schema.org ClaimReview for a claim whose final verdict may be published (see
    `basis`); None for any other claim."""
    final = claim.get("final")
    why = basis(final, min_agreement)
    if why is None:
        return None
    value, name = RATINGS[final["status"]]
    members = (claim.get("group") or {}).get("members") or [
        {"id": claim["id"], "article": claim["article"], "outlet": claim.get("outlet"),
         "url": claim.get("url"), "published": claim.get("published")}]
    appearances, seen = [], set()
    for member in members:
        if member["article"] not in seen:
            seen.add(member["article"])
            appearances.append(_creative_work(member))
    dated = [m["published"] for m in members if m.get("published")]
    item: dict = {"@type": "Claim", "appearance": appearances, "firstAppearance": appearances[0]}
    if claim.get("speaker"):
        item["author"] = {"@type": _speaker_type(claim), "name": claim["speaker"]}
    if dated:
        item["datePublished"] = min(dated)
    if final["how"] == "adjudicated":
        author = {"@type": "Person", "name": final["by"]}
        explanation = final.get("reason") or ""
    else:
        author = {"@type": "Organization", "name": organization or "Quote Workbench reviewers"}
        explanation = " ".join(r["note"] for r in claim["reviews"] if r.get("note"))
    if organization:
        author = {"@type": "Organization", "name": organization}
    rating = {"@type": "Rating", "ratingValue": value, "bestRating": BEST, "worstRating": WORST,
              "alternateName": name, "name": name}
    if explanation:
        rating["ratingExplanation"] = explanation
    return {"@context": "https://schema.org", "@type": "ClaimReview",
            "url": f"{base_url}#claim-{claim['id']}", "claimReviewed": claim["text"],
            "itemReviewed": item, "reviewRating": rating, "author": author,
            "reviewBody": f"{name}: {why}.", "datePublished": (final.get("time") or "")[:10] or None}


def claimreviews(claims: Iterable[dict], base_url: str, organization: str | None = None,
                 min_agreement: int = MIN_AGREEMENT) -> list[dict]:
    return [r for r in (claimreview(c, base_url, organization, min_agreement) for c in claims) if r is not None]


# -- CSV --------------------------------------------------------------------------------
def guard(value: object) -> str:
    """A cell a spreadsheet will not run as a formula: text starting with = + - @ (or a
    tab or carriage return) gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_rows(claims: Iterable[dict]) -> list[list[str]]:
    """One row per claim per reviewer (a claim nobody reviewed: one row with the reviewer
    columns empty); the final verdict repeated on each of the claim's rows. Header first."""
    rows = [list(CSV_COLUMNS)]
    for claim in claims:
        final = claim.get("final") or {}
        by = final.get("by")
        common = [claim["id"], claim["text"], claim["kind"], claim.get("speaker"), claim["article"],
                  claim.get("outlet"), claim.get("url"), claim.get("published"), claim.get("said_on"),
                  (claim.get("group") or {}).get("id")]
        tail = [final.get("status"), final.get("how"), ", ".join(by) if isinstance(by, list) else by,
                final.get("reason"), final.get("time")]
        for review in claim["reviews"] or [None]:
            middle = ([review["reviewer"], review["status"], review["note"], " ".join(review["evidence"]),
                       review["time"]] if review else [None] * 5)
            rows.append([guard(v) for v in common + middle + tail])
    return rows


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()
