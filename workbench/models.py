"""Records shared by every layer: articles as loaded, dates with their precision, quotes,
and the records the store keeps of them (`ArticleRecord`, `QuoteRecord`, `GroupRecord`,
made from an `Article` and its `Quote`s by `article_record` and `quote_records` only)."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field, fields
from typing import TypedDict


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to a precision: a year, a month, an ISO week or a day.

    A month stays a month: "2025-07" is never silently turned into 2025-07-01.
    """

    year: int
    month: int | None = None
    day: int | None = None
    week: int | None = None  # ISO week number; `year` is then the ISO year

    def __post_init__(self) -> None:
        if self.week is not None:
            if self.month is not None or self.day is not None:
                raise ValueError("a week date has no month or day")
            dt.date.fromisocalendar(self.year, self.week, 1)  # raises if out of range
        elif self.day is not None:
            if self.month is None:
                raise ValueError("a day needs a month")
            dt.date(self.year, self.month, self.day)  # raises if out of range
        elif self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is out of range")
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")

    @property
    def precision(self) -> str:
        if self.week is not None:
            return "week"
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @classmethod
    def week_of(cls, value: dt.date) -> PartialDate:
        iso = value.isocalendar()
        return cls(iso.year, week=iso.week)

    def as_date(self) -> dt.date | None:
        """The exact day, or None when the date is less precise than a day."""
        if self.day is None or self.month is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def isoformat(self) -> str:
        if self.week is not None:
            return f"{self.year:04d}-W{self.week:02d}"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    __str__ = isoformat


@dataclass(slots=True)
class Article:
    """One news article as loaded: its text (after the header, photo credits and control
    characters removed) and what is known about it. Quote offsets index into `text`."""

    id: str
    text: str
    source: str  # where it came from: a file path, or "path:line" for JSON Lines
    published: PartialDate | None = None
    lang: str = "und"
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # [start, end) offsets

    def paragraph_at(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the paragraph holding `offset` (the whole text if none)."""
        k = bisect.bisect_right(self.paragraphs, (offset, len(self.text) + 1)) - 1
        if k >= 0 and self.paragraphs[k][0] <= offset <= self.paragraphs[k][1]:
            return self.paragraphs[k]
        return 0, len(self.text)




@dataclass(slots=True)
class Quote:
    """One quoted span of an article, with who said it, how and when.

    The parts of one statement split around its cue ("…,” she said. “…”) are separate
    quotes sharing `statement`.
    """

    article: str
    index: int  # order of the span in the article, from 0
    text: str  # the characters between the quotation marks
    start: int  # offsets of `text` in the article's text
    end: int
    kind: str  # one of vocab.KINDS
    speaker: str | None
    cue: str | None
    via: str | None
    published: str | None
    said_on: str | None
    lang: str
    paragraph: str
    confidence: float
    rule: str
    statement: str
    said_on_text: str | None = None  # the words the statement date was read from
    nested_in: int | None = None  # index of the quote this one is quoted inside
    # what the speaker is: "person" (a person, named or described) or "org" (an
    # institution, a company, a medium); None without a speaker. Added after the first
    # stores: records without it are read as None.
    speaker_kind: str | None = None

    @property
    def is_claim(self) -> bool:
        """Scare quotes are kept, but nobody is reported as saying them."""
        return self.kind != "scare"

    def to_dict(self) -> dict:
        # Every field is a str, number or None: a shallow copy. (`dataclasses.asdict`
        # deep-copies each value and was a third of the time of an ingest.)
        return {name: getattr(self, name) for name in _QUOTE_FIELDS}


_QUOTE_FIELDS = tuple(f.name for f in fields(Quote))


# -- the stored records ----------------------------------------------------------------------
# A reviewer's work, as their log holds it (store/reviews.py folds the events into these).
@dataclass(slots=True)
class Review:
    """A reviewer's verdict on one quote. No review means the quote is unreviewed."""

    quote: str
    reviewer: str
    status: str  # one of vocab.STATUSES
    note: str = ""
    evidence: list[str] = field(default_factory=list)
    time: str = ""


@dataclass(slots=True)
class SourceNote:
    """A reviewer's annotation of a source: an outlet or an article."""

    source: str  # outlet name or article id
    kind: str  # one of vocab.SOURCE_KINDS
    reviewer: str
    outlet: str = ""
    url: str = ""
    reliability: int | None = None
    note: str = ""
    time: str = ""


@dataclass(slots=True)
class Final:
    """A lead reviewer's final verdict on a quote (adjudication), with the reason."""

    quote: str
    reviewer: str  # the lead who decided
    status: str  # one of vocab.STATUSES
    reason: str = ""
    time: str = ""


@dataclass(slots=True)
class AliasCorrection:
    """A reviewer's correction of the speaker aliases: `name` is `speaker` (a merge), or,
    when the two are equal, a speaker of its own (a split)."""

    name: str
    speaker: str
    reviewer: str
    time: str = ""



class ArticleRecord(TypedDict):
    """One version of an article in the store (`corpus/articles.json`)."""

    id: str
    version: int  # from 1; a changed text is a new version, the old one kept
    hash: str  # `content_hash`: an unchanged article is not stored again
    text: str
    published: str | None  # PartialDate.isoformat()
    lang: str
    url: str | None
    outlet: str | None
    title: str | None
    source: str
    paragraphs: list[list[int]]
    ingested: str  # ISO time
    current: bool


class QuoteRecord(TypedDict, total=False):
    """One quote in the store (`corpus/quotes.json`): the `Quote`'s fields (its
    paragraph as offsets, not a copy) and where it stands in the store."""

    id: str  # `quote_id`: the same words of the same article keep their id (and reviews)
    article: str
    index: int
    text: str
    start: int
    end: int
    kind: str  # one of vocab.KINDS
    speaker: str | None
    speaker_kind: str | None
    cue: str | None
    via: str | None
    published: str | None
    said_on: str | None
    said_on_text: str | None
    lang: str
    confidence: float
    rule: str
    statement: str  # id of the first quote of its statement
    nested_in: str | None  # id of the quote it is quoted inside
    version: int  # of its article
    current: bool  # False once its article has a newer version
    outlet: str | None
    paragraph_start: int
    paragraph_end: int
    group: str | None  # its group of near-duplicates (None: no other quote reports it)


class GroupRecord(TypedDict, total=False):
    """Quotes that report one utterance (`corpus/groups.json`), as of the last ingest."""

    id: str
    members: list[str]  # earliest first
    versions: list[str]  # the members matched on their own words
    articles: int
    speakers: list[str]  # as pinned at the last ingest (aliases change them: services.groups)
    earliest: str | None
    drift: dict[str, dict]
    differing: list[str]
    flags: list[str]  # vocab.FLAGS


def content_hash(article: Article) -> str:
    parts = [article.text, str(article.published or ""), article.url or "", article.outlet or "",
             article.title or ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def quote_id(article_id: str, text: str, occurrence: int) -> str:
    """A quote's id: its article and its words (spacing and case aside), and which
    occurrence of those words it is — so that re-ingesting keeps ids and reviews."""
    words = " ".join(text.split()).lower()
    return hashlib.sha1(f"{article_id}\x1f{words}\x1f{occurrence}".encode("utf-8")).hexdigest()[:16]


def article_record(article: Article, version: int, ingested: str) -> ArticleRecord:
    return {
        "id": article.id, "version": version, "hash": content_hash(article), "text": article.text,
        "published": article.published.isoformat() if article.published else None,
        "lang": article.lang, "url": article.url, "outlet": article.outlet, "title": article.title,
        "source": article.source, "paragraphs": [list(p) for p in article.paragraphs],
        "ingested": ingested, "current": True,
    }


def quote_records(article: Article, version: int, quotes: list[Quote]) -> list[QuoteRecord]:
    """The stored records of an article's quotes: the one conversion from `Quote`. Links
    between quotes (`statement`, `nested_in`) become quote ids."""
    seen: Counter[str] = Counter()
    ids = []
    for q in quotes:
        words = " ".join(q.text.split()).lower()
        ids.append(quote_id(article.id, q.text, seen[words]))
        seen[words] += 1
    by_statement: dict[str, str] = {}
    records = []
    for q, qid in zip(quotes, ids):
        record = q.to_dict()
        p_start, p_end = article.paragraph_at(q.start)
        del record["paragraph"]  # the article's text holds it: keep offsets, not a copy
        by_statement.setdefault(q.statement, qid)
        record |= {"id": qid, "version": version, "current": True, "outlet": article.outlet,
                   "statement": by_statement[q.statement], "paragraph_start": p_start,
                   "paragraph_end": p_end,
                   "nested_in": ids[q.nested_in] if q.nested_in is not None else None}
        records.append(record)
    return records
