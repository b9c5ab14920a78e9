"""Date expressions in news text, resolved against the article's publication date.

    find_dates("Giovedì scorso il ministro ha detto…", "it", PartialDate(2025, 7, 16))
    → [DateMention(0, 14, "Giovedì scorso", PartialDate(2025, 7, 10))]

The words (weekdays, months, relative phrases) live in `workbench/lexicons/dates.toml`;
one regular expression per language is built from them at import time. `lang` is "it" or
"en" (a region suffix such as "en-GB" is ignored); for any other language both lexicons are
tried and the longest, earliest matches kept. U+E000-style placeholders are non-word
characters like any punctuation.

What a mention covers
    The date words with their modifiers ("scorso", "last", "next", "this past"), a
    following part of the day ("martedì mattina", "Tuesday night": the value is still the
    day) and, before a calendar date (weekday, day+month, month), the article or preposition
    that introduces it: "il 16 ottobre", "lo scorso 3 marzo", "on Monday", "in March 2024".
    Relative phrases carry their own article: "la settimana scorsa", "l'anno scorso".
    Matches never overlap; at a given position the longest reading wins ("giovedì scorso",
    not "giovedì"; "martedì 16 ottobre" as one date; "Monday last week" as one day).

Resolution (`pub` = publication date; "needs" = the precision of `pub` required)
    - ieri/yesterday/last night = pub − 1; oggi/today/stamattina/stasera/this morning/
      tonight = pub; l'altro ieri/ieri l'altro/the day before yesterday = pub − 2;
      domani/tomorrow = pub + 1; "tre giorni fa"/"three days ago" = pub − 3. Needs a day.
    - A bare weekday is the latest such day on or before pub (news reports the past);
      with scorso/last strictly before pub, with prossimo/next strictly after. Needs a day.
      "lunedì della settimana scorsa"/"Monday last week" is that weekday in that week.
    - settimana scorsa/last week = ISO week of pub − 7 days; questa settimana/this week =
      week of pub; next week = week of pub + 7 days. Needs a week.
    - mese scorso/last month = the month before pub's; questo mese/this month = pub's.
      anno scorso/last year and quest'anno/this year likewise, at year precision.
      Needs a month (a year for years).
    - Day+month with a year ("3 febbraio 2015", "Oct. 16, 2024", "16/10/2025", numeric is
      day first, or month first in English when day first is impossible) is that day.
      Without a year: pub's year, or the year before when that would put the date more
      than 31 days after pub ("il 28 dicembre" in an article of 2025-01-05 → 2024-12-28);
      "lo scorso 3 marzo"/"last March 3" the latest one strictly before pub, "prossimo"
      the first one strictly after. Month+year ("nel febbraio 2015") is that month.
    - A month name alone counts only after a lead ("a marzo", "in May"), with
      scorso/last/prossimo/next ("marzo scorso", "last May"), next to a day number or a
      year. It resolves like a day+month without a year, at month precision.
      English month names must be capitalised ("may", "march" are verbs), so
      "Theresa May said" holds no date.
    - A precision coarser than a day is a range of possible publication days: the value
      is kept only when both ends of the range give the same answer. So a month-precise
      pub resolves "il mese scorso" and "il 28 dicembre" but not "ieri"; a week-precise
      pub resolves "la settimana scorsa". With pub unknown only dates that carry their
      year resolve. Unresolved mentions are returned with value None.
    - Impossible dates ("31 febbraio", "29 febbraio 2025") are not mentions; "29 febbraio"
      without a year is one, with value None when pub's year is a common one. Vague
      phrases ("nei giorni scorsi", "recently", "giorni fa") are not matched, and
      phrases that only look like dates ("ogni lunedì", "every Monday", "Sunday Times",
      "Good Friday", "via XX Settembre") are skipped.

Words of one expression are separated by spaces and at most one line break. The regex
has no nested quantifiers, its separators are possessive and bounded, and every word list
is a prefix tree behind a lookahead on first words: a scan is linear in the text, about
0.15 s per megabyte of news on one language.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib import resources
from typing import cast

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from ..models import PartialDate

__all__ = ["DateMention", "find_dates"]

LANGS = ("it", "en")
WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)
# How far after publication an explicit date without a year may fall before it is taken
# to be last year's: articles announce a little ahead, they do not report the future.
ROLLOVER = dt.timedelta(days=31)

# Between two words: spaces and at most one line break (a blank line ends a date).
# Possessive quantifiers leave nothing to backtrack into.
SEP = r"(?=\s)[^\S\n]{0,8}+\n?+[^\S\n]{0,8}+"
GLUE = r"[^\S\n]?+"  # after an apostrophe: "l'altro", "l' altro"
DAY = r"[0-3]?[0-9](?![0-9])"
YEAR = r"[12][0-9]{3}(?![0-9])"
ROMAN = r"[ivxlcIVXLC]++(?!\w)"
# Words of a lexicon phrase: "l'altro" → "l'", "altro"; "(al giorno)" stays one token.
PHRASE_TOKEN = re.compile(r"\([^)]*\)|[^\s('’]+['’]?")

Resolver = Callable[[dt.date | None], PartialDate | None]
Ends = tuple[dt.date, ...] | None  # the possible publication days: one, or first and last


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # offsets in the text given
    end: int
    text: str  # text[start:end], e.g. "giovedì scorso"
    value: PartialDate | None  # None when it cannot be resolved


Hit = tuple[int, int, DateMention | None]  # start, end, mention (None: matched, not a date)
Reading = tuple[PartialDate | None] | None  # (value,) for a date, None for a non-date


class _NotADate(Exception):
    """The words look like a date but are none: "31 febbraio", a lone "May"."""


@dataclass(frozen=True, slots=True)
class _Grammar:
    regex: re.Pattern[str]
    weekdays: dict[str, int]  # every spelling (key form) → 0 for Monday … 6
    groups: dict[str, tuple[str, ...]]  # rule → names of the groups inside it
    months: dict[str, int]  # full names and abbreviations → 1 … 12
    directions: dict[str, int]  # scorso, last → -1; prossimo, next → +1
    numbers: dict[str, int]  # number words of "tre giorni fa"
    month_first: bool


def find_dates(text: str, lang: str, published: PartialDate | None) -> list[DateMention]:
    """The date expressions of `text`, in order, non-overlapping, resolved against
    `published` (see the module docstring for the rules)."""
    code = lang.split("-")[0].lower()
    grammars = [GRAMMARS[code]] if code in GRAMMARS else list(GRAMMARS.values())
    ends = _bounds(published)
    if len(grammars) == 1:
        hits: Iterable[Hit] = _scan(text, grammars[0], ends)
    else:
        hits = _merge(hit for g in grammars for hit in _scan(text, g, ends))
    return [mention for _, _, mention in hits if mention is not None]


def _merge(hits: Iterable[Hit]) -> Iterator[Hit]:
    """Hits of several grammars, earliest first, longest at equal start, none overlapping."""
    end = 0
    for hit in sorted(hits, key=lambda h: (h[0], h[0] - h[1])):
        if hit[0] >= end:
            end = hit[1]
            yield hit


def _scan(text: str, grammar: _Grammar, ends: Ends) -> Iterator[Hit]:
    """Every match of the grammar; skipped ones (not dates) come with None so that they
    still block overlapping matches of another language."""
    # The same words resolve the same way within one text: resolve each reading once.
    memo: dict[tuple[str, str], Reading] = {}
    for m in grammar.regex.finditer(text):
        rule = cast(str, m.lastgroup)  # the rule's group closes after the groups inside it
        key = (rule, m.group())
        if key not in memo:
            memo[key] = _reading(m, rule, grammar, ends)
        found = memo[key]
        mention = None if found is None else DateMention(m.start(), m.end(), key[1], found[0])
        yield m.start(), m.end(), mention


def _reading(m: re.Match[str], rule: str, grammar: _Grammar, ends: Ends) -> Reading:
    """(value,) for a date mention, None for words that are not a date."""
    try:
        resolve = PARSERS[rule](_fields(m, grammar.groups[rule]), grammar)
    except _NotADate:
        return None
    return (_value(resolve, ends),)


def _fields(m: re.Match[str], names: tuple[str, ...]) -> dict[str, str]:
    """The matched parts of one rule, by short name ("dm__day__12" → "day")."""
    values = m.group(*names) if len(names) > 1 else tuple(m.group(n) for n in names)
    return {name.split("__")[1]: v for name, v in zip(names, values) if v is not None}


def _value(resolve: Resolver, ends: Ends) -> PartialDate | None:
    """The date, when every possible publication day gives the same one."""
    try:
        values = {resolve(p) for p in ends} if ends else {resolve(None)}
    except (ValueError, OverflowError):  # out of the calendar, or 29 February of a common year
        return None
    return values.pop() if len(values) == 1 else None


@lru_cache(maxsize=1024)  # asked for each sentence with a quote; articles share dates
def _bounds(pub: PartialDate | None) -> Ends:
    """The first and last day the publication date may be (the day alone if known)."""
    if pub is None:
        return None
    if pub.week is not None:
        monday = dt.date.fromisocalendar(pub.year, pub.week, 1)
        # The last ISO week of 9999 ends in a year that `date` cannot hold.
        return monday, monday + dt.timedelta(days=min(6, (dt.date.max - monday).days))
    if pub.day is not None and pub.month is not None:
        return (dt.date(pub.year, pub.month, pub.day),)
    if pub.month is not None:
        first = dt.date(pub.year, pub.month, 1)
        return first, first + relativedelta(day=31)
    return dt.date(pub.year, 1, 1), dt.date(pub.year, 12, 31)


# Resolvers: the date a reading denotes when published on day p (None: p unknown).

def _days_from(offset: int, p: dt.date | None) -> PartialDate | None:
    return None if p is None else PartialDate.from_date(p + dt.timedelta(days=offset))


def _on_weekday(weekday: int, direction: int, p: dt.date | None) -> PartialDate | None:
    """direction 0: on or before p; -1 strictly before; +1 strictly after."""
    if p is None:
        return None
    step = WEEKDAYS[weekday](1 if direction > 0 else -1)
    return PartialDate.from_date(p + dt.timedelta(days=direction) + relativedelta(weekday=step))


def _in_week(weekday: int, offset: int, p: dt.date | None) -> PartialDate | None:
    if p is None:
        return None
    monday = p - dt.timedelta(days=p.weekday()) + dt.timedelta(weeks=offset)
    return PartialDate.from_date(monday + dt.timedelta(days=weekday))


def _week_from(offset: int, p: dt.date | None) -> PartialDate | None:
    return None if p is None else PartialDate.week_of(p + dt.timedelta(weeks=offset))


def _month_from(offset: int, p: dt.date | None) -> PartialDate | None:
    if p is None:
        return None
    q = p + relativedelta(months=offset)
    return PartialDate(q.year, q.month)


def _year_from(offset: int, p: dt.date | None) -> PartialDate | None:
    return None if p is None else PartialDate(p.year + offset)


def _on_day(day: int, month: int, year: int | None, direction: int,
            p: dt.date | None) -> PartialDate | None:
    if year is not None:
        return PartialDate(year, month, day)
    if p is None:
        return None
    # Compared as (month, day) pairs: 29 February has no date in a common year.
    year = p.year
    if direction < 0:
        year -= (month, day) >= (p.month, p.day)
    elif direction > 0:
        year += (month, day) <= (p.month, p.day)
    else:
        limit = p + ROLLOVER
        year -= limit.year == year and (month, day) > (limit.month, limit.day)
    return PartialDate(year, month, day)


def _in_month(month: int, direction: int, p: dt.date | None) -> PartialDate | None:
    if p is None:
        return None
    year = p.year
    if direction < 0:
        year -= month >= p.month
    elif direction > 0:
        year += month <= p.month
    elif dt.date(year, month, 1) > p + ROLLOVER:
        year -= 1
    return PartialDate(year, month)


# Parsers: from the matched parts of a rule to its resolver; _NotADate to skip the match.

def _key(words: str) -> str:
    """The form lexicon words are looked up in: lower case, single spaces, no final dot."""
    return " ".join(words.lower().replace("’", "'").split()).rstrip(".")


def _direction(f: dict[str, str], g: _Grammar) -> int:
    word = f.get("pre") or f.get("post")
    return g.directions[_key(word)] if word else 0


def _offset(f: dict[str, str]) -> int:
    """Relative phrases are grouped by offset, the group named "om2" for -2, "op1" for +1."""
    name = next(k for k in f if k.startswith("o") and k[1:2] in ("m", "p"))
    return int(name[2:]) * (-1 if name[1] == "m" else 1)


def _days_in(month: int, year: int | None) -> int:
    """Days in the month; 29 for February when the year is unknown."""
    return (dt.date(year or 2000, month, 1) + relativedelta(day=31)).day


def _check(day: int, month: int, year: int | None = None) -> None:
    if not (1 <= month <= 12 and 1 <= day <= _days_in(month, year)):
        raise _NotADate


def _parse_not_date(f: dict[str, str], g: _Grammar) -> Resolver:
    raise _NotADate


def _parse_numeric(f: dict[str, str], g: _Grammar) -> Resolver:
    if "iy" in f:
        year, month, day = int(f["iy"]), int(f["im"]), int(f["id"])
    else:
        year, month, day = int(f["y"]), int(f["m"]), int(f["d"])
        if g.month_first and month > 12 and day <= 12:  # 10/16/2025 in American text
            month, day = day, month
    _check(day, month, year)
    value = PartialDate(year, month, day)
    return lambda p: value


def _parse_day_month(f: dict[str, str], g: _Grammar) -> Resolver:
    day = 1 if "first" in f else int(f["day"])
    month = g.months[_key(f["month"])]
    year = int(f["year"]) if "year" in f else None
    _check(day, month, year)
    return partial(_on_day, day, month, year, _direction(f, g))


def _parse_month_year(f: dict[str, str], g: _Grammar) -> Resolver:
    value = PartialDate(int(f["year"]), g.months[_key(f["month"])])
    return lambda p: value


def _parse_weekday_week(f: dict[str, str], g: _Grammar) -> Resolver:
    return partial(_in_week, g.weekdays[_key(f["wd"])], _offset(f))


def _parse_weekday(f: dict[str, str], g: _Grammar) -> Resolver:
    return partial(_on_weekday, g.weekdays[_key(f["wd"])], _direction(f, g))


def _parse_month_name(f: dict[str, str], g: _Grammar) -> Resolver:
    if not f.keys() & {"lead", "pre", "post"}:  # "Theresa May", "Marzo" as a name
        raise _NotADate
    return partial(_in_month, g.months[_key(f["month"])], _direction(f, g))


def _parse_days_ago(f: dict[str, str], g: _Grammar) -> Resolver:
    n = int(f["n"]) if f["n"].isdigit() else g.numbers[_key(f["n"])]
    return partial(_days_from, -n)


PARSERS: dict[str, Callable[[dict[str, str], _Grammar], Resolver]] = {
    # In this order in the regex: at one position the first rule that matches wins.
    "skip": _parse_not_date,
    "num": _parse_numeric,
    "wdd": _parse_day_month,  # "martedì 16 ottobre": the explicit date decides
    "dm": _parse_day_month,
    "my": _parse_month_year,
    "wdw": _parse_weekday_week,
    "wd": _parse_weekday,
    "mn": _parse_month_name,
    "ago": _parse_days_ago,
    "days": lambda f, g: partial(_days_from, _offset(f)),
    "weeks": lambda f, g: partial(_week_from, _offset(f)),
    "months": lambda f, g: partial(_month_from, _offset(f)),
    "years": lambda f, g: partial(_year_from, _offset(f)),
}

# Rules that take an optional lead ("il", "on"); contiguous in PARSERS.
CALENDAR = ("wdd", "dm", "my", "wdw", "wd", "mn")


# Building the regular expression of one language from its lexicon. No re.IGNORECASE:
# letters are written as classes ([lL]) and every word list is a prefix tree, because the
# regex engine dismisses a branch on its first character only when that is a plain
# character or a class; this is what keeps a scan fast.

Atoms = tuple[str, ...]  # a word or phrase as regex pieces: characters and separators


def _atoms(word: str) -> Atoms:
    """A word as regex atoms, one per character, letters in either case."""
    atoms = []
    for ch in word:
        if ch in "'’":
            atoms.append("['’]")
        elif len(ch.upper()) == 1 and ch.lower() != ch.upper():
            atoms.append(f"[{ch.lower()}{ch.upper()}]")
        else:
            atoms.append(re.escape(ch))
    return tuple(atoms)


def _trie(entries: Iterable[tuple[Atoms, str]]) -> str:
    """An alternation of (atoms, end) entries factored as a prefix tree; `end` is appended
    where an entry ends (a boundary, a separator, a marker group). A mismatch costs one
    test per character, and where one entry ends and another goes on the longer is
    tried first ("sett." before "set.", "ieri l'altro" before "ieri")."""
    root: dict = {}
    for atoms, end in entries:
        node = root
        for atom in atoms:
            node = node.setdefault(atom, {})
        node.setdefault("", end)
    return _trie_node(root)


def _trie_node(node: dict) -> str:
    alts = [atom + _trie_node(child) for atom, child in node.items() if atom]
    if "" in node:
        alts.append(node[""])
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def _word_end(atoms: Atoms) -> str:
    """A first word must end the text's word ("a" is not "altro"), unless it ends with an
    apostrophe or a digit ("l'altro", "16th")."""
    return "" if atoms[-1] in ("['’]", "[0-9]") else r"(?!\w)"


def _lookahead(firsts: Iterable[Atoms]) -> str:
    return "(?=" + _trie((atoms, _word_end(atoms)) for atoms in firsts) + ")"


def _first_char(firsts: Iterable[Atoms]) -> str:
    """A lookahead for the characters a date may start with, as one class: most positions
    of a text fail this one test, where the prefix tree of first words tests one branch
    per starting letter (it more than halves the time of a scan)."""
    chars = set()
    for atoms in firsts:
        first = atoms[0]
        chars.add(first[1:-1] if first.startswith("[") else first)  # "[lL]", "[0-9]", "\\."
    return "(?=[" + "".join(sorted(chars)) + "])"


def _sep_after(word: str) -> str:
    return GLUE if word.endswith(("'", "’")) else SEP


def _variants(phrase: str) -> list[list[str]]:
    """Every word sequence a phrase of the lexicon syntax (see dates.toml) stands for."""
    tokens = PHRASE_TOKEN.findall(phrase)
    if not tokens or tokens[-1].startswith("("):
        raise ValueError(f"dates.toml: a phrase must end with a required word: {phrase!r}")
    sequences: list[list[str]] = [[]]
    for token in tokens:
        if token.startswith("("):
            options = [[]] + [PHRASE_TOKEN.findall(choice) for choice in token[1:-1].split("|")]
        else:
            options = [[choice] for choice in token.split("|")]
        sequences = [seq + option for seq in sequences for option in options]
    return sequences


class _Builder:
    """Turns the lexicon of one language into its regex. Group names are made unique with
    a counter ("dm__day__12"), since a pattern may not repeat a name."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.counter = itertools.count()
        self.slots = {
            "weekday": self.words(w for spellings in data["weekdays"] for w in spellings),
            "month": self.month_names(abbreviations=False),
            "day": f"(?:{DAY}|{ROMAN})",
        }

    def name(self, rule: str, name: str) -> str:
        return f"{rule}__{name}__{next(self.counter)}"

    def group(self, rule: str, name: str, body: str) -> str:
        return f"(?P<{self.name(rule, name)}>{body})"

    # Words and phrases.

    def words(self, words: Iterable[str]) -> str:
        return _trie((_atoms(w), "") for w in words)

    def month_names(self, abbreviations: bool) -> str:
        """Full month names, and abbreviations with their dot when asked. Where
        `cased_months` is set, only as written or in capitals ("may" is a verb)."""
        d = self.data
        spell = (lambda w: tuple(map(re.escape, w))) if d["cased_months"] else _atoms
        variants = (lambda w: (w, w.upper())) if d["cased_months"] else (lambda w: (w,))
        entries = [(spell(v), "") for names in d["months"] for w in names for v in variants(w)]
        if abbreviations:
            dot = r"\." if d["abbreviation_dot"] == "required" else r"\.?+"
            entries += [(spell(v), dot) for names in d["month_abbreviations"]
                        for w in names for v in variants(w)]
        return _trie(entries)

    def phrase_atoms(self, words: list[str]) -> Atoms:
        atoms: list[str] = []
        for i, word in enumerate(words):
            if i:
                atoms.append(_sep_after(words[i - 1]))
            atoms.extend((self.slots[word[1:-1]],) if word.startswith("{") else _atoms(word))
        return tuple(atoms)

    def phrases(self, phrases: Iterable[str], marker: Callable[[str], str] | None = None) -> str:
        """Any of the phrases, as one prefix tree; `marker(phrase)` ends each of them."""
        return _trie((self.phrase_atoms(words), marker(p) if marker else "")
                     for p in phrases for words in _variants(p))

    def by_offset(self, rule: str, table: dict[str, int]) -> str:
        """Relative phrases, each ending with an empty group named after its offset ("om2"
        for -2, "op1" for +1): the group that took part tells the offset."""
        def marker(phrase: str) -> str:
            offset = table[phrase]
            return self.group(rule, f"o{'m' if offset < 0 else 'p'}{abs(offset)}", "")
        return self.phrases(table, marker)

    def firsts(self, words: Iterable[str]) -> set[Atoms]:
        return {_atoms(w) for w in words}

    def phrase_firsts(self, phrases: Iterable[str]) -> set[Atoms]:
        """The words the phrases may start with."""
        starts = {words[0] for p in phrases for words in _variants(p)}
        if any(w.startswith("{") for w in starts):
            raise ValueError("dates.toml: a phrase may not start with a {slot}")
        return self.firsts(starts)

    # Pieces of the calendar rules.

    def lead(self) -> str:
        """The optional article or preposition before a calendar date, with its space."""
        leads = _trie((_atoms(w), _sep_after(w)) for w in self.data["leads"])
        return self.group("cal", "lead", leads) + "?"

    def pre(self, rule: str) -> str:
        words = self.data["before"]
        return f"(?:{self.group(rule, 'pre', self.phrases(words))}{SEP})?" if words else ""

    def post(self, rule: str) -> str:
        words = self.data["after"]
        return f"(?:{SEP}{self.group(rule, 'post', self.phrases(words))})?" if words else ""

    def optional_words(self, key: str, before: bool) -> str:
        """Optional filler words ("the", "of", "del") with their separator."""
        words = self.data[key]
        if not words:
            return ""
        return f"(?:{self.phrases(words)}{SEP})?" if before else f"(?:{SEP}{self.phrases(words)})?"

    def weekday(self, rule: str) -> str:
        return self.group(rule, "wd", self.slots["weekday"])

    def month(self, rule: str, abbreviations: bool) -> str:
        return self.group(rule, "month", self.month_names(abbreviations))

    def day(self, rule: str) -> str:
        suffixes = self.data["day_suffixes"]
        number = self.group(rule, "day", DAY) + (f"{self.words(suffixes)}?+" if suffixes else "")
        first = self.data["first_of_month"]
        return f"(?:{number}|{self.group(rule, 'first', self.phrases(first))})" if first else number

    def year(self, rule: str, optional: bool) -> str:
        joiners = self.optional_words("year_joiners", True)
        body = f",?+{SEP}{joiners}{self.group(rule, 'year', YEAR)}"
        return f"(?:{body})?" if optional else body

    def day_month(self, rule: str) -> str:
        day_first = (self.optional_words("day_prefixes", True) + self.day(rule)
                     + self.optional_words("day_month_joiners", False) + SEP
                     + self.month(rule, True) + self.year(rule, True))
        if not self.data["month_first"]:
            return day_first
        month_first = self.month(rule, True) + SEP + self.day(rule) + self.year(rule, True)
        return f"(?:{day_first}|{month_first})"

    # The rules and the whole pattern.

    def rules(self) -> dict[str, tuple[set[Atoms], str]]:
        """Each rule as (the words it may start with, its regex). The calendar rules start
        after the shared lead (see `pattern`)."""
        d = self.data
        digit: set[Atoms] = {("[0-9]",)}
        weekdays = self.firsts(w for ws in d["weekdays"] for w in ws)
        months = self.firsts(w for ws in d["months"] for w in ws)
        abbreviations = self.firsts(w for ws in d["month_abbreviations"] for w in ws)
        before = self.phrase_firsts(d["before"])
        day_starts = digit | self.firsts(d["day_prefixes"] + d["first_of_month"])
        if d["month_first"]:
            day_starts |= months | abbreviations
        sep = self.name("num", "s")  # the same separator twice: 16/10/2025, 16.10.2025
        numeric = (self.group("num", "d", "[0-9]{1,2}") + f"(?P<{sep}>[./-])"
                   + self.group("num", "m", "[0-9]{1,2}") + f"(?P={sep})"
                   + self.group("num", "y", YEAR))
        iso = (self.group("num", "iy", YEAR) + "-" + self.group("num", "im", "[0-9]{2}") + "-"
               + self.group("num", "id", "[0-9]{2}(?![0-9])"))
        parts = f"(?:{SEP}{self.phrases(d['parts_of_day'])})?"
        number = f"(?:[0-9]{{1,2}}(?![0-9])|{self.words(d['numbers'])})"
        relative = {rule: d[f"relative_{rule}"] for rule in ("days", "weeks", "months", "years")}
        not_dates = d["not_dates"]["phrases"]
        return {
            "skip": (self.phrase_firsts(not_dates), self.phrases(not_dates)),
            "num": (digit, f"(?:{numeric}|{iso})"),
            "wdd": (weekdays, self.weekday("wdd") + ",?+" + SEP + self.day_month("wdd")),
            "dm": (before | day_starts, self.pre("dm") + self.day_month("dm")),
            "my": (months | abbreviations, self.month("my", True) + self.year("my", False)),
            "wdw": (weekdays, self.weekday("wdw")
                    + self.optional_words("weekday_week_joiners", False)
                    + SEP + self.by_offset("wdw", relative["weeks"])),
            "wd": (before | weekdays,
                   self.pre("wd") + self.weekday("wd") + self.post("wd") + parts),
            "mn": (before | months, self.pre("mn") + self.month("mn", False) + self.post("mn")),
            "ago": (digit | self.firsts(d["numbers"]),
                    self.group("ago", "n", number) + SEP + self.phrases(d["days_ago"])),
            **{rule: (self.phrase_firsts(table), self.by_offset(rule, table)
                      + (parts if rule == "days" else ""))
               for rule, table in relative.items()},
        }

    def pattern(self) -> str:
        """All rules in the order of PARSERS, each behind a lookahead for its first words
        so that a position is dismissed by a few character tests per rule; the calendar
        rules share one optional lead. The outer lookahead is the union of them all."""
        rules = self.rules()

        def alternatives(names: Iterable[str]) -> str:
            return "|".join(f"(?P<{n}>{_lookahead(rules[n][0])}{rules[n][1]})" for n in names)

        parts = []
        for name in PARSERS:
            if name == CALENDAR[0]:
                # After the lead ("il", "on", the commonest words there are), the first
                # words of all calendar rules at once before each rule's own.
                calendar = set().union(*(rules[n][0] for n in CALENDAR))
                guard = _first_char(calendar) + _lookahead(calendar)
                parts.append(f"{self.lead()}{guard}(?:{alternatives(CALENDAR)})")
            elif name not in CALENDAR:
                parts.append(alternatives([name]))
        firsts = self.firsts(self.data["leads"]).union(*(f for f, _ in rules.values()))
        return rf"{_first_char(firsts)}(?<!\w){_lookahead(firsts)}(?:{'|'.join(parts)})(?!\w)"


def _groups_of(regex: re.Pattern[str], rule: str) -> tuple[str, ...]:
    """The groups a rule's fields are read from: its own, and the shared calendar lead."""
    prefixes = (rule + "__", "cal__") if rule in CALENDAR else (rule + "__",)
    return tuple(name for name in regex.groupindex if name.startswith(prefixes))


def _grammar(data: dict) -> _Grammar:
    regex = re.compile(_Builder(data).pattern())
    directions = {**data["before"], **data["after"]}
    return _Grammar(
        regex=regex,
        groups={rule: _groups_of(regex, rule) for rule in PARSERS},
        weekdays={_key(w): i for i, spellings in enumerate(data["weekdays"]) for w in spellings},
        months={_key(w): i + 1 for table in ("months", "month_abbreviations")
                for i, names in enumerate(data[table]) for w in names},
        directions={_key(w): d for w, d in directions.items()},
        numbers={_key(w): n for w, n in data["numbers"].items()},
        month_first=data["month_first"],
    )


def _load() -> dict[str, _Grammar]:
    raw = resources.files("workbench.lexicons").joinpath("dates.toml").read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    return {lang: _grammar(data[lang]) for lang in LANGS}


GRAMMARS = _load()  # compiled once, at import
