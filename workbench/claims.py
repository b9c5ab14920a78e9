"""The claims list of the review workbench: one row per quoted statement, with filters,
sort orders and search — plain data over the store's repository API, no UI.

Rows are built once when the list opens (a 100,000-quote store: a third of a second) and
then changed one at a time as the reviewer marks claims, so that filtering, sorting and
searching are loops over small records, never calls into the store.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from operator import attrgetter

from .articles import sanitize
from .matching import ATTRIBUTION, MISQUOTE
from .perf import no_gc
from .store import Store
from .store.repository import UNREVIEWED
from .team.verdicts import TEAM_FILTERS, team_match

SORTS = {
    "article": "article order",
    "date": "newest first",
    "speaker": "speaker",
    "group": "largest group first",
    "status": "status",
}
KINDS = ("direct", "partial", "indirect", "scare")


@dataclass(slots=True)
class ClaimRow:
    """What the list shows of one quote. The texts are the store's (control characters
    were removed on ingest); `display_line` makes them one line when shown."""

    id: str
    status: str  # this reviewer's verdict, or "unreviewed"
    speaker: str
    text: str
    source: str  # outlet, else article id
    date: str  # said on, else published ("" when unknown)
    group: str | None
    group_size: int  # 1 when no other quote reports it
    flags: tuple[str, ...]  # ATTRIBUTION, MISQUOTE
    kind: str
    article: str
    index: int
    haystack: str  # lower-case quote, speaker and source, for search
    verdicts: dict = field(default_factory=dict)  # reviewer → Review, the whole team's
    final: dict | None = None  # the final verdict (Store.final): adjudicated or agreed


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
        if self.conflicts:
            parts.append("conflicts")
        if self.scare:
            parts.append("+scare")
        return ", ".join(parts)

    def keeps(self, row: ClaimRow, me: str = "") -> bool:
        if self.team and not team_match(self.team, me, row.verdicts, row.final):
            return False
        if row.kind == "scare" and not self.scare and self.kind != "scare":
            return False
        if self.kind and row.kind != self.kind:
            return False
        if self.status and row.status != self.status:
            return False
        if self.conflicts and not row.flags:
            return False
        if self.speaker and self.speaker.lower() not in row.speaker.lower():
            return False
        if self.names and row.speaker not in self.names:
            return False
        if self.article and row.article != self.article:
            return False
        return not self.source or self.source.lower() in row.source.lower()


STATUS_RANK = {UNREVIEWED: 0, "attributed": 1, "disputed": 2, "confirmed": 3}


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
    def load(cls, store: Store) -> Claims:
        claims = cls(rows=[], me=store.reviewer)
        claims.reload(store)
        return claims

    @classmethod
    def first_page(cls, store: Store, size: int | None = None) -> Claims:
        """The first claims of the store, quickly (no groups, no team verdicts): something
        to show while `reload` reads every row. `complete` is False until then."""
        rows, size = [], size or FIRST_PAGE
        for q, review in store.quotes_with_reviews():
            if len(rows) >= size:
                break
            rows.append(_row(q, review, (1, ()), {}, None))
        claims = cls(rows=[], me=store.reviewer, complete=False)
        claims._take(rows)
        return claims

    def reload(self, store: Store) -> None:
        """Read every row (again: after speaker aliases changed, or an import)."""
        with no_gc():  # 100,000 rows that all stay alive: collecting finds nothing to free
            self._take(list(rows_of(store)))
            self.reviewers = team_of(store, self.rows)
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
        counts = self._counts[row.kind == "scare"]
        counts[row.status] = counts.get(row.status, 0) + delta

    def refresh_team(self, store: Store, quote_id: str) -> None:
        """After a save: the claim's team verdicts and final verdict as the store has them."""
        row = self.by_id.get(quote_id)
        if row is not None:
            row.verdicts = store.reviews_of(quote_id)
            row.final = store.final(quote_id)
            mine = row.verdicts.get(self.me)
            self.set_status(quote_id, mine.status if mine else None)
            for name in row.verdicts:
                if name not in self.reviewers:
                    self.reviewers.append(name)

    def refresh_teams(self, store: Store) -> None:
        """Every row's team verdicts and final verdict as the store has them now
        (teammates review at the same time, in their own processes)."""
        team, finals = store.team_reviews(), store.finals()
        for row in self.rows:
            row.verdicts = team.get(row.id, {})
            row.final = finals.get(row.id)
        self.reviewers = team_of(store, self.rows)

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


def display_line(text: str) -> str:
    """Untrusted text as one line: control characters dropped, any run of whitespace
    (newlines, tabs) one space, sequences terminals draw differently made plain
    (`terminal_safe`)."""
    return " ".join(terminal_safe(sanitize(text)).split())


def _display_table() -> dict[int, int | None]:
    table: dict[int, int | None] = {}
    for first, last in ((0x200D, 0x200D),  # zero-width joiner (👨‍👩‍👧: one glyph, or three)
                        (0xFE00, 0xFE0F),  # variation selectors (❤️: one cell, or two)
                        (0xE0100, 0xE01EF),  # variation selectors supplement
                        (0x1F3FB, 0x1F3FF),  # skin-tone modifiers (👍🏽: 2 cells, or 4)
                        (0xE0000, 0xE007F),  # tag characters (subdivision flags)
                        (0x20E3, 0x20E3)):  # combining keycap (1️⃣)
        table.update(dict.fromkeys(range(first, last + 1)))
    for n in range(26):  # regional indicators (🇮🇹: a flag, or two letters): the letters
        table[0x1F1E6 + n] = ord("A") + n
    return table


_DISPLAY_TABLE = _display_table()
_NEEDS_TABLE = frozenset(_DISPLAY_TABLE)


def terminal_safe(text: str) -> str:
    """Text for the screen only (the store keeps what was written): the characters that
    combine emoji into one glyph — joiners, variation selectors, skin tones, tags, keycaps
    — dropped, and regional-indicator flags written as their letters (🇮🇹 → IT). Each
    terminal draws those sequences in its own number of cells (tmux, the font, the
    Unicode version), so a row measured one way and drawn another shifted and left stale
    text; what is left is measured alike by Rich's `cell_len`, character by character,
    and by the terminal."""
    if not any(ord(ch) in _NEEDS_TABLE for ch in text):
        return text  # the usual case, and no copy
    return text.translate(_DISPLAY_TABLE)


def rows_of(store: Store) -> Iterable[ClaimRow]:
    """A row for every current quote of the store, scare quotes included."""
    summaries = {gid: (size, tuple(f for f in (ATTRIBUTION, MISQUOTE) if f in flags))
                 for gid, (size, flags) in store.group_summaries().items()}
    alone = (1, ())
    team, finals = store.team_reviews(), store.finals()
    for q, review in store.quotes_with_reviews():
        group = q.get("group")
        yield _row(q, review, summaries.get(group, alone) if group else alone,
                   team.get(q["id"], {}), finals.get(q["id"]))


def _row(q: dict, review, summary: tuple[int, tuple], verdicts: dict, final: dict | None) -> ClaimRow:
    speaker, source = q.get("speaker") or "", q.get("outlet") or q["article"]
    return ClaimRow(q["id"], review.status if review else UNREVIEWED, speaker, q["text"],
                    source, q.get("said_on") or q.get("published") or "", q.get("group"),
                    summary[0], summary[1], q["kind"], q["article"], q["index"],
                    f"{q['text']}\x00{speaker}\x00{source}".lower(), verdicts, final)


def team_of(store: Store, rows: list[ClaimRow]) -> list[str]:
    """Every reviewer with a verdict on some claim, this reviewer first."""
    names = {name for row in rows for name in row.verdicts}
    return [store.reviewer] + sorted(names - {store.reviewer})


FIRST_PAGE = 200  # rows shown while a large store's claims are read
MAX_VERSIONS = 20  # versions aligned and shown in the detail pane; the rest are counted


@dataclass(slots=True)
class Version:
    """Another member of a claim's group: where it appeared and how its words differ."""

    quote: dict
    drift: object  # matching.Drift, from the claim's words to this version's


@dataclass(slots=True)
class ClaimDetail:
    """Everything the detail pane shows of one claim."""

    quote: dict
    article: dict
    paragraph: str  # the article paragraph holding the quote
    quote_span: tuple[int, int]  # the quote within `paragraph`
    cue_span: tuple[int, int] | None  # the reporting verb within `paragraph`
    speaker: str  # the canonical speaker (after aliases)
    aliases: list[str]  # other names the speaker is quoted under
    reviews: list  # store.reviews.Review of every reviewer, this reviewer first
    final: dict | None  # the final verdict: adjudicated by a lead, or agreed (Store.final)
    group: object | None  # matching.GroupReport
    versions: list[Version]


def claim_detail(store: Store, quote_id: str) -> ClaimDetail:
    quote = store.quote(quote_id)
    article = store.article(quote["article"])
    text = article.get("text") or ""
    start, end = quote.get("paragraph_start") or 0, quote.get("paragraph_end") or len(text)
    paragraph = text[start:end]
    quote_span = (quote["start"] - start, quote["end"] - start)
    cue_span = None
    if quote.get("cue"):
        found = _nearest(paragraph.lower(), quote["cue"].lower(), quote_span)
        cue_span = (found, found + len(quote["cue"])) if found is not None else None
    name = quote.get("speaker") or ""
    speaker = store.speaker_of(name) if name else ""
    aliases = sorted(a.name for a in store.aliases() if speaker and a.speaker == speaker
                     and a.name != speaker)
    group = store.group_of(quote_id)
    others = [m for m in (group.members if group else []) if m != quote_id]
    versions = [Version(store.quote(m), store.drift(quote_id, m)) for m in others[:MAX_VERSIONS]]
    return ClaimDetail(quote, article, paragraph, quote_span, cue_span, speaker, aliases,
                       list(store.reviews_of(quote_id).values()), store.final(quote_id),
                       group, versions)


def _nearest(paragraph: str, word: str, span: tuple[int, int]) -> int | None:
    """Where `word` occurs in the paragraph outside the quote, nearest to it."""
    best, position = None, paragraph.find(word)
    while position != -1:
        if not span[0] <= position < span[1]:
            distance = min(abs(position - span[0]), abs(position - span[1]))
            if best is None or distance < best[0]:
                best = (distance, position)
        position = paragraph.find(word, position + 1)
    return best[1] if best else None


# -- speakers and sources, with their claims by status -------------------------------------
STATUS_ORDER = (UNREVIEWED, "attributed", "disputed", "confirmed")


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


def speaker_tallies(store: Store, claims: Claims) -> list[Tally]:
    """Every speaker (after aliases) with the names they are quoted under and their claims
    by status, most quoted first."""
    found: dict[str, Tally] = {}
    speaker_of: dict[str, str] = {}
    for alias in store.aliases():  # the names of current quotes, and how each resolves
        if alias.quotes:
            found.setdefault(alias.speaker, Tally(alias.speaker)).names.append(alias.name)
            speaker_of[alias.name] = alias.speaker
    for row in claims.rows:
        if row.kind != "scare" and row.speaker:
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
        if row.kind == "scare":
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
