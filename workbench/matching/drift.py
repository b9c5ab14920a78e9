"""How the wording of one quote drifts from another: a word-level alignment.

Two versions of a statement are aligned word by word (rapidfuzz `Levenshtein.opcodes` on
lists of words, so a change is a whole word, not a letter). Words are compared as the
matcher normalises them — case, accents and punctuation do not count — but the segments
keep the words as printed, for a screen to show. What one version has before or after all
the words the other has is trimming (an outlet quoting a part), not a change of wording,
and is kept apart (`edge`) so that it is shown dimmed and not counted as drift; words
replaced at either end are a change.

Typos and respellings (a word replaced by one spelt nearly the same: "Serghei"/"Sergei",
"imparziale"/"imparzale") are shown but do not count either: they change no meaning.
A version differs — a possible misquote — when one word in twenty of those compared is
changed for a word that carries meaning (stop words alone do not: "la sua stabilità" for
"la stabilità"), or when a negation is added or dropped, however long the quote.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..language import stopwords
from .text import normalize

TOKEN_RE = re.compile(r"\S+")
RESPELLING = 75  # `ratio` of two words at or above which a replacement is a respelling
MISQUOTE_DRIFT = 0.05  # share of the compared words changed in meaning: one in twenty
PART = 0.67  # a version with fewer words than this share of the other's may be a part of it
TRIMMED = 80  # `partial_ratio` from which the shorter version is taken as a part of the longer
COMPARABLE = 0.5  # below this share of words in common, two versions are not one text


@dataclass(frozen=True, slots=True)
class Segment:
    """One run of the alignment of `a` (the reference) with `b` (the other version).

    op: "equal", "delete" (in a only), "insert" (in b only) or "replace" (a's words, then
    b's in their place). `edge`: before or after everything the two have in common
    (trimming). `respelling`: a replacement by words spelt nearly the same."""

    op: str
    a: str
    b: str
    edge: bool = False
    respelling: bool = False


@dataclass(frozen=True, slots=True)
class Drift:
    segments: tuple[Segment, ...]
    compared: int  # words of the shorter version, trimmed words left out
    changed: int  # words added, dropped or replaced in it (respellings not counted)
    negation: bool  # a negation was added or dropped
    changed_content: int = 0  # of the changed words, those that are not stop words

    @property
    def share(self) -> float:
        """Share of the compared words changed: 0 for the same words."""
        if not self.compared:
            return 1.0 if self.changed else 0.0
        return min(1.0, self.changed / self.compared)

    @property
    def comparable(self) -> bool:
        """Do the versions share enough words for a word-by-word comparison to mean
        anything? (Two halves of one statement do not.)"""
        return self.compared > 0 and self.share <= 1 - COMPARABLE

    @property
    def differs(self) -> bool:
        """Is the wording different beyond typos, trimming and small words: a possible
        misquote. Counted on words that carry meaning ("a lot more" for "a little more"),
        so that "la sua stabilità" for "la stabilità" is not one."""
        return self.negation or (self.compared > 0 and self.changed_content / self.compared >= MISQUOTE_DRIFT)


def compare(a: str, b: str, lang: str = "und") -> Drift:
    """Align version `b` of a quote with version `a`."""
    a_words, b_words = _words(a), _words(b)
    a_keys, b_keys = [_key(w) for w in a_words], [_key(w) for w in b_words]
    a_lo, a_hi, b_lo, b_hi = _window(a_keys, b_keys)
    ops = [Opcode("delete", 0, a_lo, 0, 0), Opcode("insert", 0, 0, 0, b_lo)]
    ops += [Opcode(op.tag, op.src_start + a_lo, op.src_end + a_lo, op.dest_start + b_lo, op.dest_end + b_lo)
            for op in Levenshtein.opcodes(a_keys[a_lo:a_hi], b_keys[b_lo:b_hi])]
    ops += [Opcode("delete", a_hi, len(a_keys), b_hi, b_hi),
            Opcode("insert", a_hi, a_hi, b_hi, len(b_keys))]
    ops = [op for op in ops if op.src_end > op.src_start or op.dest_end > op.dest_start]
    equal = [i for i, op in enumerate(ops) if op.tag == "equal"]
    first, last = (equal[0], equal[-1]) if equal else (len(ops), -1)
    negations = _negations(lang)
    stop = stopwords(lang)
    segments, changed, content, negation, a_inside, b_inside = [], 0, 0, False, 0, 0
    for i, op in enumerate(ops):
        a_part, b_part = a_words[op.src_start:op.src_end], b_words[op.dest_start:op.dest_end]
        edge = (i < first or i > last) and op.tag != "replace"
        respelling = op.tag == "replace" and _respelt(a_part, b_part)
        if not edge:
            a_inside, b_inside = a_inside + len(a_part), b_inside + len(b_part)
        if op.tag != "equal" and not edge and not respelling:
            changed += max(len(a_part), len(b_part))
            keys = a_keys[op.src_start:op.src_end] + b_keys[op.dest_start:op.dest_end]
            negation = negation or any(k in negations for key in keys for k in key.split())
            meaningful = [key for key in keys if any(k not in stop for k in key.split())]
            content += min(len(meaningful), max(len(a_part), len(b_part)))
        segments.append(Segment(op.tag, " ".join(a_part), " ".join(b_part), edge, respelling))
    return Drift(tuple(segments), min(a_inside, b_inside), changed, negation, content)


class Opcode(NamedTuple):
    tag: str
    src_start: int
    src_end: int
    dest_start: int
    dest_end: int


def _window(a_keys: list[str], b_keys: list[str]) -> tuple[int, int, int, int]:
    """The words of the longer version that the shorter one quotes (all of both when
    neither is a part of the other). Found by a character alignment: a word-level edit
    alignment of a fragment with a long text may pick its common words ("the", "di")
    anywhere in the long text instead of where the fragment lies."""
    whole = (0, len(a_keys), 0, len(b_keys))
    short, long_ = (a_keys, b_keys) if len(a_keys) < len(b_keys) else (b_keys, a_keys)
    if not short or len(short) > PART * len(long_):
        return whole
    found = fuzz.partial_ratio_alignment(" ".join(short), " ".join(long_), score_cutoff=TRIMMED)
    if found is None:
        return whole
    lo, hi, offset = None, 0, 0
    for i, key in enumerate(long_):
        end = offset + len(key)
        if end > found.dest_start and offset < found.dest_end:
            lo = i if lo is None else lo
            hi = i + 1
        offset = end + 1
    if lo is None:
        return whole
    # A little wider than found: the alignment is by characters and may cut a changed word
    # at either end; the extra words, if not matched, are trimming like the rest.
    margin = max(2, len(short) // 4)
    lo, hi = max(0, lo - margin), min(len(long_), hi + margin)
    return (0, len(a_keys), lo, hi) if short is a_keys else (lo, hi, 0, len(b_keys))


def _words(text: str) -> list[str]:
    """The words of a text as printed; a token of punctuation alone ("-", "…") is kept
    with the word before it, so that it is never a change of its own."""
    words: list[str] = []
    for token in TOKEN_RE.findall(text):
        if words and not normalize(token):
            words[-1] = f"{words[-1]} {token}"
        else:
            words.append(token)
    return words


def _key(word: str) -> str:
    return normalize(word) or word


def _respelt(a_part: list[str], b_part: list[str]) -> bool:
    """A replacement of as many words by words spelt nearly the same."""
    return len(a_part) == len(b_part) and all(
        fuzz.ratio(_key(x), _key(y)) >= RESPELLING for x, y in zip(a_part, b_part))


@cache
def _negations(lang: str) -> frozenset[str]:
    data = resources.files("workbench.lexicons").joinpath("matching.toml").read_bytes()
    table = tomllib.loads(data.decode("utf-8"))["negations"]
    words = table.get(lang) or [w for ws in table.values() for w in ws]
    return frozenset(normalize(w) for w in words)
