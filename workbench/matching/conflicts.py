"""What a verifier must look at in a group: who it is pinned on, and how its wording moved.

- Attribution conflict: the members name different speakers, after aliases are resolved
  ("Sergei Lavrov" and "Lavrov" are one; "Lavrov" and "Peskov" are a conflict). Quotes
  whose speaker the article leaves unknown do not count.
- Possible misquote: a later version's wording differs from the earliest version beyond
  typos and trimming (drift.py: one word in twenty changed in meaning, or a negation added or
  dropped). Only versions — quotes matched on their own words — are compared; a quote
  that joined the group as the other half of a split statement is a part, not a version.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..vocab import ATTRIBUTION, MISQUOTE
from .drift import compare



@dataclass(slots=True)
class GroupReport:
    """One group of quotes that report one utterance, earliest first."""

    id: str
    members: list[str]  # quote ids, earliest version first
    articles: int
    speakers: list[str]  # distinct speakers after alias resolution, commonest first
    earliest: str  # the quote id of the earliest version
    drift: dict[str, float] = field(default_factory=dict)  # version id → share of words changed
    differing: list[str] = field(default_factory=list)  # versions whose wording differs
    flags: list[str] = field(default_factory=list)  # ATTRIBUTION, MISQUOTE
    versions: list[str] = field(default_factory=list)  # members matched on their own words

    @property
    def attribution_conflict(self) -> bool:
        return ATTRIBUTION in self.flags

    @property
    def misquote(self) -> bool:
        return MISQUOTE in self.flags

    def to_dict(self) -> dict:
        return {"id": self.id, "members": self.members, "articles": self.articles,
                "speakers": self.speakers, "earliest": self.earliest, "drift": self.drift,
                "differing": self.differing, "flags": self.flags, "versions": self.versions}


def chronological(quote: dict) -> tuple:
    """Earliest first: by publication date (undated last), then article, then position."""
    return (quote.get("published") or "9999", quote.get("article") or "", quote.get("index") or 0)


def report(group_id: str, members: Iterable[dict], speaker_of: Callable[[str], str],
           versions: set[str] | None = None) -> GroupReport:
    """The report of one group. `members` are quote records (id, article, text, speaker,
    published, index, lang); `speaker_of` resolves a name to its speaker; `versions` are
    the ids of members matched on their own words (all of them if not given)."""
    quotes = sorted(members, key=chronological)
    ids = [q["id"] for q in quotes]
    versions = set(ids) if versions is None else versions & set(ids)
    speakers = pinned_speakers((q.get("speaker") for q in quotes), speaker_of)
    compared = [q for q in quotes if q["id"] in versions]
    earliest = compared[0] if compared else quotes[0]
    result = GroupReport(group_id, ids, len({q["article"] for q in quotes}), speakers, earliest["id"],
                         versions=[q["id"] for q in compared])
    for q in compared[1:]:
        if q["article"] == earliest["article"]:
            continue
        drift = compare(earliest["text"], q["text"], q.get("lang") or "und")
        result.drift[q["id"]] = round(drift.share, 3)
        if drift.differs:
            result.differing.append(q["id"])
    result.flags = group_flags(speakers, bool(result.differing))
    return result


def pinned_speakers(names: Iterable[str | None], speaker_of: Callable[[str], str]) -> list[str]:
    """Who a group's quotes are pinned on: the distinct speakers of its members' names
    (after `speaker_of`, the aliases), the most often named first."""
    tally: dict[str, int] = {}
    for name in names:
        if name:
            speaker = speaker_of(name)
            tally[speaker] = tally.get(speaker, 0) + 1
    return sorted(tally, key=lambda s: (-tally[s], s))


def group_flags(speakers: list[str], wording_differs: bool) -> list[str]:
    """A group's flags: an attribution conflict when its quotes are pinned on more than
    one speaker, a possible misquote when a version's wording differs."""
    return ([ATTRIBUTION] if len(speakers) > 1 else []) + ([MISQUOTE] if wording_differs else [])


def reports(records: Iterable[dict], group_ids: Mapping[str, str | None],
            speaker_of: Callable[[str], str], versions: set[str]) -> list[GroupReport]:
    """The report of every group of two quotes or more, by group id."""
    members: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        gid = group_ids.get(record["id"])
        if gid:
            members[gid].append(record)
    return [report(gid, members[gid], speaker_of, versions) for gid in sorted(members)]
