"""Short quotes of one story: a few words that two outlets of one story both quote.

A phrase of a few words ("paper tiger", "no science", "a pain in my tummy") is too short to
be evidence on its own words (`pairs.py`: a fragment of four words matches anything, a
stock phrase is in many statements). When the two articles evidently report one story —
they already share a long quote matched on its own words — the same few words in both are
one utterance: the short quote found in a quote of the other article (the same words, or
the same words with one word more in the longer) is linked to it. `groups.py` lets such a
quote join one group only, as it does a short part, so that a stock phrase can still never
glue two groups together.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .pairs import Link
from .speakers import name_key
from .text import QuoteText

STORY_RULE = "story"
SHORT_WORDS = 8  # a quote of fewer words is short: `groups.DISTINCTIVE_WORDS`
MIN_WORDS = 2  # one word ("nice", "bullshit") is in any quote of a story
INSERTED_MIN_WORDS = 3  # a phrase this long may be found with one word inserted in it
SCORE_SAME = 100.0  # the phrase found as it is…
SCORE_INSERTED = 95.0  # …or with one word inserted (its best container is the former)


def is_short(text: QuoteText) -> bool:
    """Is this quote one that only its story can link (and never a scare quote, a quote
    inside another, or words without a content word)?"""
    return (MIN_WORDS <= len(text.words) < SHORT_WORDS and bool(text.content)
            and text.kind != "scare" and not text.nested_in)


def story_link(a: QuoteText, b: QuoteText) -> Link | None:
    """A link between quotes of two articles of one story when the shorter is short and
    found in the longer, or None. The link is in the order of the ids (`a` < `b`)."""
    if a.lang != b.lang or a.article == b.article or a.kind == "scare" or b.kind == "scare":
        return None
    short, long_ = (a, b) if (len(a.words), a.key) <= (len(b.words), b.key) else (b, a)
    if not is_short(short) or long_.nested_in or not same_speaker(short.speaker, long_.speaker):
        return None
    found = find_phrase(short.norm, long_.norm)
    if found is None:
        return None
    start, score = found
    at_long = long_.sentence_at(start)
    at_a, at_b = (0, at_long) if short is a else (at_long, 0)
    return Link(a.key, b.key, STORY_RULE, at_a, at_b, score, short.key, len(short.words))


@lru_cache(maxsize=65536)
def same_speaker(first: str | None, second: str | None) -> bool:
    """Are two names one speaker, by the key of the name (speakers.py): the same key, or
    a surname alone that ends the other's key? A short phrase of one speaker inside the
    words of another is a phrase they share, not one utterance."""
    if not first or not second:
        return False
    a, b = _key(first), _key(second)
    if not a or not b:
        return False
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return longer[len(longer) - len(shorter):] == shorter


@lru_cache(maxsize=65536)
def _key(name: str) -> tuple[str, ...]:
    return name_key(name)


def find_phrase(phrase: str, text: str) -> tuple[int, float] | None:
    """Where the words of `phrase` are in `text` (both normalised), whole words only, and
    how closely: `SCORE_SAME` as they are, `SCORE_INSERTED` with one more word between two
    of them ("no choice but cut off" in "no choice but to cut off")."""
    padded = f" {text} "
    at = padded.find(f" {phrase} ")
    if at >= 0:
        return at, SCORE_SAME
    words = phrase.split()
    if len(words) < INSERTED_MIN_WORDS or not all(f" {word} " in padded for word in words):
        return None
    match = _with_one_more_word(phrase).search(padded)
    if match is None:
        return None
    return match.start() - 1, SCORE_INSERTED  # `padded` has one space more in front


@lru_cache(maxsize=4096)
def _with_one_more_word(phrase: str) -> re.Pattern:
    """A pattern for the words of `phrase` with exactly one word inserted between two."""
    words = [re.escape(word) for word in phrase.split()]
    options = [" ".join(words[:i]) + r" \S+ " + " ".join(words[i:]) for i in range(1, len(words))]
    return re.compile(r"(?<= )(?:" + "|".join(options) + r")(?= )")
