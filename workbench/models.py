"""Records shared by every layer: articles as loaded, dates with their precision, quotes."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field, fields


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


KINDS = ("direct", "partial", "scare")


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
    kind: str  # one of KINDS
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
