"""Counts for the team: by status, reviewer, speaker and source, and a timeline of quotes
by publication date. Pure functions of quote records and verdicts.

Inputs, as the store gathers them:
- quotes: current quote records (`id`, `article`, `outlet`, `speaker`, `published`, …);
- mine: quote id → this reviewer's status;
- team: quote id → {reviewer: status};
- finals: quote id → final status (adjudicated or agreed);
- speaker_of: a speaker name → the speaker it is an alias of.

Status counts always have every key: "attributed", "disputed", "confirmed" and
"unreviewed" (mine) or "none" (no final verdict), so a screen can lay them out in columns.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from ..vocab import NO_FINAL, STATUSES, UNREVIEWED

UNKNOWN = "(unknown)"  # the row of quotes without a speaker, or articles without an outlet


def status_counts(statuses: Iterable[str | None], missing: str = UNREVIEWED) -> dict[str, int]:
    """Counts of each status (None counts as `missing`), every key present."""
    counts = Counter(s or missing for s in statuses)
    return {key: counts.get(key, 0) for key in (*STATUSES, missing)}


def _rows(quotes: list[dict], key: Callable[[dict], str], mine: Mapping[str, str],
          finals: Mapping[str, str]) -> dict[str, dict]:
    groups: dict[str, list[dict]] = {}
    for q in quotes:
        groups.setdefault(key(q), []).append(q)
    return {name: {"quotes": len(qs), "articles": len({q["article"] for q in qs}),
                   "status": status_counts(mine.get(q["id"]) for q in qs),
                   "final": status_counts((finals.get(q["id"]) for q in qs), NO_FINAL)}
            for name, qs in groups.items()}


def by_speaker(quotes: list[dict], mine: Mapping[str, str], finals: Mapping[str, str],
               speaker_of: Callable[[str], str] = lambda name: name) -> dict[str, dict]:
    """speaker → {quotes, articles, status: {…}, final: {…}}."""
    return _rows(quotes, lambda q: speaker_of(q["speaker"]) if q.get("speaker") else UNKNOWN, mine, finals)


def by_outlet(quotes: list[dict], mine: Mapping[str, str], finals: Mapping[str, str]) -> dict[str, dict]:
    """outlet → {quotes, articles, status: {…}, final: {…}}."""
    return _rows(quotes, lambda q: q.get("outlet") or UNKNOWN, mine, finals)


def by_article(quotes: list[dict], mine: Mapping[str, str], finals: Mapping[str, str]) -> dict[str, dict]:
    return _rows(quotes, lambda q: q["article"], mine, finals)


def by_reviewer(team: Mapping[str, Mapping[str, str]]) -> dict[str, dict]:
    """reviewer → {"reviewed": n, "status": {attributed, disputed, confirmed}}."""
    found: dict[str, Counter] = {}
    for verdicts in team.values():
        for reviewer, status in verdicts.items():
            found.setdefault(reviewer, Counter())[status] += 1
    return {name: {"reviewed": sum(c.values()), "status": {s: c.get(s, 0) for s in STATUSES}}
            for name, c in sorted(found.items())}


def timeline(dates: Iterable[str | None]) -> dict:
    """Quotes per publication day and per month: {"day": {"2025-10-21": n}, "month":
    {"2025-10": n}, "undated": n}. A date known to the month counts in its month only;
    one known to the year (or a week) only in `year`."""
    day, month, year, undated = Counter(), Counter(), Counter(), 0
    for value in dates:
        if not value:
            undated += 1
            continue
        year[value[:4]] += 1
        if len(value) >= 7 and value[4] == "-" and value[5:7].isdigit():
            month[value[:7]] += 1
            if len(value) >= 10:
                day[value[:10]] += 1
    return {"day": dict(sorted(day.items())), "month": dict(sorted(month.items())),
            "year": dict(sorted(year.items())), "undated": undated}


def statistics(quotes: list[dict], mine: Mapping[str, str], team: Mapping[str, Mapping[str, str]],
               finals: Mapping[str, str], speaker_of: Callable[[str], str] = lambda name: name,
               agreement: dict | None = None) -> dict:
    """Everything `workbench stats` shows (and a statistics screen may)."""
    ids = {q["id"] for q in quotes}
    team = {qid: v for qid, v in team.items() if qid in ids}
    return {
        "quotes": len(quotes),
        "articles": len({q["article"] for q in quotes}),
        "status": status_counts(mine.get(q["id"]) for q in quotes),
        "final": status_counts((finals.get(q["id"]) for q in quotes), NO_FINAL),
        "reviewed_by_anyone": len(team),
        "disagreements": sum(len(set(v.values())) > 1 for v in team.values()),
        "by_reviewer": by_reviewer(team),
        "by_speaker": by_speaker(quotes, mine, finals, speaker_of),
        "by_source": by_outlet(quotes, mine, finals),
        "agreement": agreement or {},
        "timeline": timeline(q.get("published") for q in quotes),
    }
