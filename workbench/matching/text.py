"""Quote text as the matcher compares it: lower case, no accents, no punctuation, words,
content words (no stop words), runs of four words ("shingles"), and where each sentence
begins. Built for every quote of a store when grouping starts, so it is kept lean: what
only a compared pair needs (shingles, sentence positions) is worked out when first asked
for."""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

from ..language import stopwords

SENTENCE_END_RE = re.compile(r"[.!?…]+(?=\s)")
NON_WORD_RE = re.compile(r"[\W_]+")
COMBINING_RE = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
SHINGLE = 4  # words in a shingle: a run this long shared by two quotes is not chance
# What `NON_WORD_RE` makes a space, for the characters of most news text: ASCII, and the
# quotation marks, dashes and ellipsis outside it. `str.translate` does it three times
# quicker than the expression, which is left the rest (other scripts).
SEPARATORS = str.maketrans(dict.fromkeys(
    [chr(c) for c in range(128) if not chr(c).isalnum()] + list("‘’‚‛“”„‟«»‹›–—―…·•′″"), " "))
MIN_CONTENT_CHARS = 3

Shingle = tuple[str, str, str, str]


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """"L’arbitro sarà imparziale!" → "l arbitro sara imparziale"."""
    text = text.lower()
    if not text.isascii():
        text = COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))
    text = text.translate(SEPARATORS)
    if not text.isascii():
        text = NON_WORD_RE.sub(" ", text)
    return " ".join(text.split())


class QuoteText:
    """What the matcher needs of one quote."""

    __slots__ = ("key", "article", "lang", "kind", "speaker", "statement", "nested_in", "text",
                 "norm", "words", "content", "_shingles", "_sentence_starts", "_word_offsets")

    def __init__(self, record: dict) -> None:
        self.key: str = record["id"]
        self.article: str = record["article"]
        self.lang: str = record.get("lang") or "und"
        self.kind: str = record["kind"]
        self.speaker: str | None = record.get("speaker")
        self.statement: str | None = record.get("statement")
        self.nested_in: str | None = record.get("nested_in")  # key of the quote this is inside
        self.text: str = record["text"]
        self.norm = normalize(self.text)
        self.words = self.norm.split()
        stop = stopwords(self.lang)
        self.content = frozenset(w for w in self.words if len(w) >= MIN_CONTENT_CHARS and w not in stop)
        self._shingles: frozenset[Shingle] | None = None
        self._sentence_starts: list[int] | None = None
        self._word_offsets: list[int] | None = None

    def sentence_at(self, offset: int) -> int:
        """The sentence (0, 1, …) of the character at `offset` of `norm`."""
        return bisect.bisect_right(self.sentence_starts, offset) - 1

    def sentence_of_shingle(self, shingle: Shingle) -> int:
        """The sentence where `shingle` first begins."""
        for i in range(len(self.words) - SHINGLE + 1):
            if tuple(self.words[i:i + SHINGLE]) == shingle:
                return self.sentence_at(self.word_offsets[i])
        return 0

    @property
    def shingles(self) -> frozenset[Shingle]:
        if self._shingles is None:
            w = self.words
            self._shingles = frozenset(zip(w, w[1:], w[2:], w[3:]))
        return self._shingles

    @property
    def word_offsets(self) -> list[int]:
        if self._word_offsets is None:
            offsets, offset = [], 0
            for word in self.words:
                offsets.append(offset)
                offset += len(word) + 1
            self._word_offsets = offsets
        return self._word_offsets

    def sentences(self) -> list[list[str]]:
        """The words of each sentence, in order."""
        starts = [bisect.bisect_left(self.word_offsets, offset) for offset in self.sentence_starts]
        return [self.words[a:b] for a, b in zip(starts, starts[1:] + [len(self.words)])]

    @property
    def sentence_starts(self) -> list[int]:
        """Offsets in `norm` where sentences begin: the words after each sentence end of
        the original text."""
        if self._sentence_starts is None:
            starts, words_before = [0], 0
            pieces = SENTENCE_END_RE.split(self.text)
            for piece in pieces[:-1]:
                words_before += len(normalize(piece).split())
                if 0 < words_before < len(self.words):
                    starts.append(self.word_offsets[words_before])
            self._sentence_starts = sorted(set(starts))
        return self._sentence_starts


def quote_text(record: dict) -> QuoteText:
    """A quote record (from the extractor or the store) prepared for matching."""
    return QuoteText(record)
