"""Do two quotes report the same utterance? The rules, with the thresholds measured on
the dev set (`../shared/eval/dev`, group F1 printed by score.py) and on synthetic
near-duplicates (benchmarks/bench_grouping.py).

Evidence (quotes of different articles, or the same text twice in one article), tried in
this order; the numbers were chosen on the dev set, where each rule's links were checked
against the gold clusters:
- `ratio`    whole texts nearly equal: rapidfuzz `ratio` >= 85 (punctuation, quotation
             marks, a typo, a transliterated name). `ratio` alone misses trimmed quotes.
- `contain`  the shorter quote, five words or more, found in the longer one:
             `partial_ratio` >= 90, run only on candidate pairs (it is slow on long text).
             Five words: shorter fragments ("fake", "a new idea") match anything. A part
             of fewer than eight words may still be a stock phrase: groups.py lets it join
             one group only.
- `shingle`  five runs of four words in common: a long quote quoting part of another with
             changes that defeat `partial_ratio`. (Two runs, tried first, joined different
             statements of one speaker built on one formula; the true pairs of the dev set
             share six runs or more.)
- `words`    reworded: five content words or more in common and a Jaccard overlap of
             their content words of 0.5 or more (0.4 joined "the health budget will rise
             by four per cent next year" with "the defence budget will rise by two…").
             `token_set_ratio` scores any subset 100, unrelated quotes included: not used.
`WRatio` does not separate duplicates from non-duplicates; it is not used either.

Affinity (within one article, for a quote with no evidence of its own): the parts of one
statement split around its cue; a fragment that repeats words of a quote of the same
speaker; a headline quote that shares most of its content words with a body quote of the
same speaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from .text import QuoteText

RATIO = 85
RATIO_MIN_WORDS = 3
CONTAIN = 90
CONTAIN_MIN_WORDS = 5
SHINGLES_SHARED = 5
SHINGLE_MIN_CONTENT = 2
SHINGLE_MIN_WORDS = 4 + SHINGLES_SHARED - 1
WORDS_SHARED = 5
WORDS_JACCARD = 0.5
ECHO_MAX_WORDS = 4
OVERLAP_SHARE = 0.6  # of the shorter quote's content words, for an affinity within an article
OVERLAP_MIN = 3
OVERLAP_SHINGLES = 2  # runs of four words in common, for quotes of one speaker in one article
AFFINITY_RULES = ("statement", "echo", "overlap")  # in order of preference


@dataclass(frozen=True, slots=True)
class Link:
    """Evidence that quotes `a` and `b` report one utterance; `at_a`/`at_b` say in which
    sentence of each the match lies (a long quote may string several utterances)."""

    a: str
    b: str
    rule: str
    at_a: int = 0
    at_b: int = 0
    score: float = 0.0
    part: str | None = None  # for `contain`: the quote found inside the other…
    part_words: int = 0  # …and how many words it has


def evidence(a: QuoteText, b: QuoteText) -> Link | None:
    """The strongest evidence that `a` and `b` are one utterance, or None. Most candidate
    pairs share a word and nothing more: each rule is tried only when a bound it implies,
    cheap to check, holds (they cut the time per pair tenfold)."""
    if a.lang != b.lang or a.kind == "scare" or b.kind == "scare":
        return None
    shared = len(a.content & b.content)
    fewest = min(len(a.words), len(b.words))
    chars_a, chars_b = len(a.norm), len(b.norm)
    # ratio = 200·matches/(len a + len b) <= 200·min/(len a + len b): lengths must be close
    if fewest >= RATIO_MIN_WORDS and 200 * min(chars_a, chars_b) >= RATIO * (chars_a + chars_b):
        score = fuzz.ratio(a.norm, b.norm, score_cutoff=RATIO)
        if score:
            return Link(a.key, b.key, "ratio", 0, 0, score)
    short, long_ = (a, b) if chars_a <= chars_b else (b, a)
    # the shorter found nearly whole in the longer: so are most of its content words
    if fewest >= CONTAIN_MIN_WORDS and 10 * shared >= 7 * len(short.content):
        aligned = fuzz.partial_ratio_alignment(short.norm, long_.norm, score_cutoff=CONTAIN)
        if aligned is not None and aligned.score >= CONTAIN:
            at_short = short.sentence_at(aligned.src_start)
            at_long = long_.sentence_at(aligned.dest_start)
            at_a, at_b = (at_short, at_long) if short is a else (at_long, at_short)
            return Link(a.key, b.key, "contain", at_a, at_b, aligned.score, short.key, len(short.words))
    # five runs of four words: eight words at least, content words among them
    if shared >= SHINGLE_MIN_CONTENT and fewest >= SHINGLE_MIN_WORDS:
        common = a.shingles & b.shingles
        if len(common) >= SHINGLES_SHARED:
            first = min(common, key=lambda shingle: a.norm.find(" ".join(shingle)))
            return Link(a.key, b.key, "shingle", a.sentence_of_shingle(first),
                        b.sentence_of_shingle(first), len(common))
    if shared >= WORDS_SHARED and shared / len(a.content | b.content) >= WORDS_JACCARD:
        return Link(a.key, b.key, "words", 0, 0, shared)
    return None


def affinity(a: QuoteText, b: QuoteText) -> str | None:
    """Why two quotes of one article are one utterance although neither has evidence of
    its own elsewhere (None if they are not)."""
    if a.article != b.article or a.kind == "scare" or b.kind == "scare":
        return None
    if a.nested_in == b.key or b.nested_in == a.key:
        return None  # a quote inside a quote is someone else's words
    if a.statement and a.statement == b.statement:
        return "statement"
    if a.speaker != b.speaker or not a.speaker:
        return None
    short, long_ = (a, b) if len(a.words) <= len(b.words) else (b, a)
    if len(short.words) <= ECHO_MAX_WORDS and f" {short.norm} " in f" {long_.norm} ":
        return "echo"
    shared = short.content & long_.content
    if len(shared) >= OVERLAP_MIN and len(shared) >= OVERLAP_SHARE * len(short.content):
        return "overlap"
    # Two runs of four words in common share content words: checked first, as it is cheap.
    if shared and len(short.shingles & long_.shingles) >= OVERLAP_SHINGLES:
        return "overlap"
    return None
