"""Guess the language of an article by a stop-word vote: no model, nothing to download.

Function words ("the", "della", "und") are the most frequent words of any text and each
language has its own, so counting them is reliable even for a ten-word headline. The word
lists live in `workbench/lexicons/languages.toml`.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Mapping
from functools import cache
from importlib import resources

UNDETERMINED = "und"  # the ISO 639 code for "undetermined"

# The vote reads only the start of a text: a few thousand characters hold hundreds of
# stop words, plenty to decide, and a 2 MB text then costs no more than a short one.
SAMPLE_CHARS = 5000

# Runs of letters (and digits, which never match a stop word; this class is twice as fast
# as letters only): elided forms split at the apostrophe ("dell'anno" -> "dell", "anno"),
# which is how the stop-word lists spell them.
_WORD = re.compile(r"[^\W_]+")


@cache
def _stopword_lists() -> dict[str, list[str]]:
    """language -> stop words, in the order of `languages.toml`."""
    data = resources.files("workbench.lexicons").joinpath("languages.toml").read_bytes()
    table = tomllib.loads(data.decode("utf-8"))
    return {lang: section["stopwords"] for lang, section in table.items()}


@cache
def stopword_weights() -> Mapping[str, Mapping[str, float]]:
    """word -> {language: weight}; a word listed by n languages gives each 1/n of a vote."""
    owners: dict[str, list[str]] = {}
    for lang, words in _stopword_lists().items():
        for word in words:
            owners.setdefault(word.lower(), []).append(lang)
    return {word: {lang: 1 / len(langs) for lang in langs} for word, langs in owners.items()}


@cache
def stopwords(lang: str) -> frozenset[str]:
    """The stop words of one language (of every language for an unknown one)."""
    lists = _stopword_lists()
    if lang in lists:
        return frozenset(w.lower() for w in lists[lang])
    return frozenset(w.lower() for words in lists.values() for w in words)


def languages() -> tuple[str, ...]:
    """The language codes `detect_language` can return (besides "und"), in the order of
    `languages.toml`, which is also the order that breaks ties."""
    return tuple(_stopword_lists())


def language_scores(text: str) -> dict[str, float]:
    """The stop-word vote of each language over the start of `text` (absent = no vote)."""
    weights = stopword_weights()
    scores: dict[str, float] = {}
    # Counting in C first leaves a Python loop over distinct words only.
    for word, count in Counter(_WORD.findall(text[:SAMPLE_CHARS].lower())).items():
        for lang, weight in weights.get(word, {}).items():
            scores[lang] = scores.get(lang, 0.0) + weight * count
    return scores


def detect_language(text: str) -> str:
    """The code of the language with most stop-word votes ("it", "en", "fr", "es", "de",
    "pt"), or "und" when the text has no stop word at all.

    A tie (only shared words, as in "Trump ha un piano con la Russia": "ha", "un", "con",
    "la" are Italian and Spanish alike) goes to the language listed first.
    """
    scores = language_scores(text)
    if not scores:
        return UNDETERMINED
    best = max(scores.values())
    return next(lang for lang in languages() if scores.get(lang, 0.0) >= best - 1e-9)
