"""Which claims are shown: the one predicate the list, `workbench quotes` and the
exports use. Text criteria match case-insensitively, anywhere in the value."""

from __future__ import annotations

from dataclasses import dataclass

from ..team.verdicts import team_match
from ..vocab import SCARE, TEAM_FILTERS
from ..services import Workbench
from .rows import ClaimRow, quote_row


@dataclass(slots=True)
class Filters:
    """Which rows the list shows. Text filters match case-insensitively, anywhere."""

    status: str | None = None  # a verdict, or "unreviewed"
    speaker: str = ""
    source: str = ""
    kind: str | None = None
    conflicts: bool = False
    scare: bool = False  # scare quotes shown (hidden by default)
    team: str | None = None  # one of TEAM_FILTERS: mine, others, disagree, …
    names: frozenset[str] = frozenset()  # exactly these speaker names (a speaker's aliases)
    article: str = ""  # exactly this article
    search: str = ""  # in the words, the speaker or the source

    @classmethod
    def of(cls, **criteria) -> Filters:
        """Filters from command-line options: an option not given (None) filters nothing."""
        return cls(**{name: value for name, value in criteria.items() if value is not None})

    def describe(self) -> str:
        parts = []
        if self.status:
            parts.append(self.status)
        if self.speaker:
            parts.append(f"speaker~{self.speaker}")
        if self.source:
            parts.append(f"source~{self.source}")
        if self.kind:
            parts.append(self.kind)
        if self.team:
            parts.append(TEAM_FILTERS[self.team])
        if self.names:
            parts.append("speaker=" + "|".join(sorted(self.names)))
        if self.article:
            parts.append(f"article={self.article}")
        if self.search:
            parts.append(f"words~{self.search}")
        if self.conflicts:
            parts.append("conflicts")
        if self.scare:
            parts.append("+scare")
        return ", ".join(parts)

    def keeps(self, row: ClaimRow, me: str = "") -> bool:
        """Is this row shown? (`me`: the reviewer looking, for the team filters.)"""
        if self.team and not team_match(self.team, me, row.verdicts, row.final):
            return False
        if not self._kind_keeps(row.kind):
            return False
        if self.status and row.status != self.status:
            return False
        if self.conflicts and not row.flags:
            return False
        if self.names and row.speaker not in self.names:
            return False
        if self.article and row.article != self.article:
            return False
        if self.search and self.search.lower() not in row.haystack:
            return False
        return self._speaker_keeps(row.speaker) and self._source_keeps(row.source, row.article)

    def keeps_claim(self, claim: dict) -> bool:
        """Is this export record (services.exchange.claims) kept? The same criteria as
        `keeps` for what an export record holds (its verdicts are filtered by the export
        itself: team/exports.select)."""
        if not self._kind_keeps(claim["kind"]):
            return False
        if self.article and claim["article"] != self.article:
            return False
        if self.names and claim.get("speaker_as_quoted") not in self.names:
            return False
        if self.search and self.search.lower() not in f"{claim['text']}\x00{claim.get('speaker') or ''}".lower():
            return False
        return (self._speaker_keeps(claim.get("speaker"), claim.get("speaker_as_quoted"))
                and self._source_keeps(claim.get("outlet"), claim["article"]))

    def _kind_keeps(self, kind: str) -> bool:
        if kind == SCARE and not self.scare and self.kind != SCARE:
            return False
        return not self.kind or kind == self.kind

    def _speaker_keeps(self, *names: str | None) -> bool:
        needle = self.speaker.lower()
        return not needle or any(needle in name.lower() for name in names if name)

    def _source_keeps(self, *names: str | None) -> bool:
        """An outlet or an article id containing the text."""
        needle = self.source.lower()
        return not needle or any(needle in name.lower() for name in names if name)


def quote_list(wb: Workbench, filters: Filters | None = None) -> list[dict]:
    """The current quotes `filters` keeps, in article order, each record with this
    reviewer's `review` (or None) — what `workbench quotes` lists."""
    filters = filters or Filters()
    found = [q | {"review": review} for q, review in wb.reviewing.current()
             if filters.keeps(quote_row(q, review), wb.reviewer)]
    found.sort(key=lambda q: (q["article"], q["index"]))
    return found


def team_quote_list(wb: Workbench, filters: Filters | None = None) -> list[dict]:
    """`quote_list` with the team's work: each record also with `reviews` ({reviewer:
    Review}) and `final` (services.team.Team.final) — what `workbench verdicts` lists;
    `filters.team` is one of TEAM_FILTERS, or None for all."""
    filters = filters or Filters()
    if filters.team is not None and filters.team not in TEAM_FILTERS:
        raise ValueError(f"team filter must be one of {', '.join(TEAM_FILTERS)}, not {filters.team!r}")
    reviews, finals = wb.team.team_reviews(), wb.team.finals()
    found = []
    for q, review in wb.reviewing.current():
        verdicts, final = reviews.get(q["id"], {}), finals.get(q["id"])
        if filters.keeps(quote_row(q, review, verdicts, final), wb.reviewer):
            found.append(q | {"review": review, "reviews": verdicts, "final": final})
    found.sort(key=lambda q: (q["article"], q["index"]))
    return found
