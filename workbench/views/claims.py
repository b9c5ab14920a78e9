"""The claims list of the review workbench: every claim's row, the rows shown (filters,
sort orders) and search — plain data over the services, no UI.

Rows are built once when the list opens and then changed one at a time as the reviewer
marks claims, so that filtering, sorting and searching are loops over small records,
never calls into the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from operator import attrgetter

from ..perf import no_gc
from ..services import Workbench
from ..vocab import SCARE, STATUS_RANK, UNREVIEWED
from .filters import Filters
from .rows import ClaimRow, _row, rows_of, team_of

SORTS = {
    "article": "article order",
    "date": "newest first",
    "speaker": "speaker",
    "group": "largest group first",
    "status": "status",
}


FIRST_PAGE = 200  # rows shown while a large store's claims are read


def _article_order(row: ClaimRow) -> tuple:
    return (row.article, row.index)


# Rows are kept in article order, and Python's sort is stable: each other order sorts by one
# simple key and keeps article order among equals (a tuple key per row cost 100 ms more).
SORT_KEYS = {
    "speaker": lambda r: r.speaker.lower() or "\uffff",  # unknown speakers last
    "group": lambda r: -r.group_size,
    "status": lambda r: STATUS_RANK.get(r.status, 9),
}


@dataclass
class Claims:
    """Every claim of the store and the rows currently shown."""

    rows: list[ClaimRow]
    me: str = ""  # this reviewer
    reviewers: list[str] = field(default_factory=list)  # the team, this reviewer first
    filters: Filters = field(default_factory=Filters)
    order: str = "article"
    shown: list[ClaimRow] = field(default_factory=list)
    by_id: dict[str, ClaimRow] = field(default_factory=dict)
    _counts: dict = field(default_factory=lambda: {False: {}, True: {}})
    complete: bool = True  # every row read (False for a first page)

    @classmethod
    def load(cls, wb: Workbench) -> Claims:
        claims = cls(rows=[], me=wb.reviewer)
        claims.reload(wb)
        return claims

    @classmethod
    def first_page(cls, wb: Workbench, size: int | None = None) -> Claims:
        """The first claims of the store, quickly (no groups, no team verdicts): something
        to show while `reload` reads every row. `complete` is False until then."""
        rows, size = [], size or FIRST_PAGE
        for q, review in wb.reviewing.current():
            if len(rows) >= size:
                break
            rows.append(_row(q, review, (1, ()), {}, None))
        claims = cls(rows=[], me=wb.reviewer, complete=False)
        claims._take(rows)
        return claims

    def reload(self, wb: Workbench) -> None:
        """Read every row (again: after speaker aliases changed, or an import)."""
        with no_gc():  # 100,000 rows that all stay alive: collecting finds nothing to free
            self._take(list(rows_of(wb)))
            self.reviewers = team_of(self.me, self.rows)
        self.complete = True

    def _take(self, rows: list[ClaimRow]) -> None:
        self.rows = sorted(rows, key=_article_order)
        self.by_id = {row.id: row for row in self.rows}
        self.recount()
        self.apply()

    def apply(self, filters: Filters | None = None, order: str | None = None) -> None:
        """Filter and sort again (after a change of filters or order)."""
        if filters is not None:
            self.filters = filters
        if order is not None:
            if order not in SORTS:
                raise ValueError(f"sort by one of {', '.join(SORTS)}, not {order!r}")
            self.order = order
        with no_gc():  # the sort keys: 100,000 short-lived tuples
            self._filter_and_sort()

    def _filter_and_sort(self) -> None:
        keeps, me = self.filters.keeps, self.me
        shown = [row for row in self.rows if keeps(row, me)]  # in article order
        if self.order == "date":  # newest first: ISO dates of any precision sort as text,
            # undated ("") last; stable even reversed, so a day's claims stay in article order
            shown.sort(key=attrgetter("date"), reverse=True)
        elif self.order in SORT_KEYS:
            shown.sort(key=SORT_KEYS[self.order])
        self.shown = shown

    def position(self, quote_id: str) -> int | None:
        for n, row in enumerate(self.shown):
            if row.id == quote_id:
                return n
        return None

    def set_status(self, quote_id: str, status: str | None) -> None:
        """Record a saved verdict in the row (it stays shown until filters change)."""
        row = self.by_id.get(quote_id)
        if row is not None:
            self._count(row, -1)
            row.status = status or UNREVIEWED
            self._count(row, 1)

    def recount(self) -> None:
        """Count the rows by status again (kept up to date by every change after)."""
        self._counts = {False: {}, True: {}}  # is scare → status → claims
        for row in self.rows:
            self._count(row, 1)

    def _count(self, row: ClaimRow, delta: int) -> None:
        counts = self._counts[row.kind == SCARE]
        counts[row.status] = counts.get(row.status, 0) + delta

    def refresh_team(self, wb: Workbench, quote_id: str) -> None:
        """After a save: the claim's team verdicts and final verdict as the store has them."""
        row = self.by_id.get(quote_id)
        if row is not None:
            row.verdicts = wb.team.reviews_of(quote_id)
            row.final = wb.team.final(quote_id)
            mine = row.verdicts.get(self.me)
            self.set_status(quote_id, mine.status if mine else None)
            for name in row.verdicts:
                if name not in self.reviewers:
                    self.reviewers.append(name)

    def refresh_teams(self, wb: Workbench) -> None:
        """Every row's team verdicts and final verdict as the store has them now
        (teammates review at the same time, in their own processes)."""
        team, finals = wb.team.team_reviews(), wb.team.finals()
        for row in self.rows:
            row.verdicts = team.get(row.id, {})
            row.final = finals.get(row.id)
        self.reviewers = team_of(self.me, self.rows)

    def search(self, needle: str, start: int, backwards: bool = False,
               include_start: bool = True) -> int | None:
        """The next shown row (wrapping round) whose quote, speaker or source contains
        `needle`, from `start`."""
        needle = needle.lower().strip()
        count = len(self.shown)
        if not needle or not count:
            return None
        step = -1 if backwards else 1
        first = 0 if include_start else 1
        for offset in range(first, count + first):
            n = (start + step * offset) % count
            if needle in self.shown[n].haystack:
                return n
        return None

    def matches(self, needle: str) -> int:
        needle = needle.lower().strip()
        return sum(needle in row.haystack for row in self.shown) if needle else 0

    def next_unreviewed(self, start: int, backwards: bool = False) -> int | None:
        count = len(self.shown)
        step = -1 if backwards else 1
        for offset in range(1, count + 1):
            n = (start + step * offset) % count
            if self.shown[n].status == UNREVIEWED:
                return n
        return None

    def counts(self) -> dict[str, int]:
        """Claims by this reviewer's status (scare quotes included only when shown)."""
        found = dict(self._counts[False])
        if self.filters.scare:
            for status, n in self._counts[True].items():
                found[status] = found.get(status, 0) + n
        return {status: n for status, n in found.items() if n}

    def with_filters(self, **changes) -> Filters:
        return replace(self.filters, **changes)


