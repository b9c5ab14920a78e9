"""Who says a quote that nothing in its own sentence attributes: a ranker over the
article's people and institutions.

The cue rules decide first: a reporting verb, "secondo", a colon name their speaker in the
sentence, and they are seldom wrong. A quote with no cue (or a cue with no subject) was
given, by the rules, the person the text was about ("continuation", "cataphora",
".../inherited"); those guesses make about half the wrong speakers on unseen news. Here
every person or institution the article has named up to that quote (and in its paragraph)
is a candidate, described by a few features of discourse — was the last or next speaker,
is named in the quote's paragraph or the one before, opens the sentence before, how
salient and how recent — and scored by weights kept as data (`lexicons/ranker.toml`,
fitted on the annotated study set by `scripts/fit_ranker.py`, a conditional logit). The
probability of the guessed speaker among the candidates is the quote's confidence.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from .document import Document
from .lexicon import _read
from .mentions import MEDIA, ORG, PERSON, PLACE, TITLE, UNKNOWN, Mention

FEATURES = ("chosen", "last_speaker", "previous_quote", "next_speaker", "paragraph_before",
            "paragraph_after", "previous_paragraph", "opens_sentence", "salience", "said",
            "recency", "organisation")
# Rules whose speaker was inherited from the discourse, not found in the sentence.
RANKED_RULES = frozenset(("continuation", "cataphora", "cue-before", "cue-after", "cue-later", "left-person"))
LOOKBACK = 200  # mentions before a quote that count: an article's people, bounded for 1 MB texts
SUBJECT_TOKENS = 4  # a name this close to a sentence start is its subject (or topic)


@dataclass(slots=True)
class Candidate:
    name: str
    kind: str
    features: dict[str, float] = field(default_factory=dict)


@cache
def weights() -> dict[str, float]:
    data = _read("ranker.toml").get("weights", {})
    return {name: float(data.get(name, 0.0)) for name in FEATURES}


def eligible(att) -> bool:
    return bool(att.speaker) and att.how == "inherited" and att.rule in RANKED_RULES


def score(candidate: Candidate, w: Mapping[str, float]) -> float:
    return sum(w[name] * value for name, value in candidate.features.items())


def probabilities(cands: list[Candidate], w: Mapping[str, float]) -> list[float]:
    scores = [score(c, w) for c in cands]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def grade(doc: Document, results: dict, w: Mapping[str, float] | None = None) -> dict[int, float]:
    """The probability, among the article's candidates, of the speaker each eligible quote
    was given, by span. The ranker grades the guess and does not replace it: letting it
    take its best candidate instead lost more right speakers than it found on the held-out
    articles (the rules' guess is right more often than any other single candidate),
    while its probability tells right guesses from wrong ones well (README: confidence)."""
    w = weights() if w is None else w
    if not any(w.values()):
        return {}
    table = EntityTable(doc, results)
    confidence = {}
    for si in sorted(results, key=lambda s: doc.spans[s].start):
        att = results[si]
        if not eligible(att):
            continue
        cands = table.candidates(si)
        if len(cands) < 2:
            continue
        probs = probabilities(cands, w)
        guessed = next(k for k, c in enumerate(cands) if c.name == att.speaker)
        confidence[si] = round(probs[guessed], 3)
    return confidence


class EntityTable:
    """The people and institutions of one article, where each is named, and which quotes
    the cue rules gave them: what the features are computed from."""

    def __init__(self, doc: Document, results: dict) -> None:
        self.doc, self.results = doc, results
        self.tokens = doc.tokens
        self.order = sorted(results, key=lambda s: doc.spans[s].start)
        self.kinds: dict[str, str] = {}
        self.mentions: list[tuple[int, str]] = []  # (first token, name) in text order
        for m in doc.mentions.list:
            name = self._name_of(m)
            if name is None:
                continue
            self.mentions.append((m.first, name))
            self.kinds.setdefault(name, ORG if m.kind == ORG else PERSON)
        for att in results.values():
            if att.speaker:
                self.kinds.setdefault(att.speaker, att.speaker_kind or PERSON)
        self._firsts = [first for first, _ in self.mentions]
        self._discourse()

    def _discourse(self) -> None:
        """For each quote, in one pass each way: the last speaker a cue named before it,
        the speaker of the quote before it, the next cued speaker, and (for the quotes
        the ranker grades) how many cued quotes each speaker had before it."""
        self.position = {si: n for n, si in enumerate(self.order)}
        self.last_cued: list[str | None] = []
        self.previous: list[str | None] = []
        self.said: dict[int, dict[str, int]] = {}
        last = previous = None
        said: dict[str, int] = {}
        for si in self.order:
            self.last_cued.append(last)
            self.previous.append(previous)
            if eligible(self.results[si]):
                self.said[si] = dict(said)
            att = self.results[si]
            if self._cued(si):
                last = att.speaker
                said[att.speaker] = said.get(att.speaker, 0) + 1
            previous = att.speaker or previous
        self.next_cued: list[tuple[str, int] | None] = [None] * len(self.order)
        following = None
        for n in range(len(self.order) - 1, -1, -1):
            self.next_cued[n] = following
            si = self.order[n]
            if self._cued(si):
                following = (self.results[si].speaker, self.tokens[self.doc.token_of_span[si]].para)

    def _name_of(self, m: Mention) -> str | None:
        if m.kind in (PLACE, MEDIA, TITLE):
            return None
        if m.kind == UNKNOWN and m.first == m.last:
            full = self.doc.mentions.person_named(m.surname, m.first)
            if full:
                return full
        return self.doc.mentions.canonical(m) or None

    def _candidate(self, name: str) -> Candidate:
        return Candidate(name, self.kinds.get(name, PERSON), dict.fromkeys(FEATURES, 0.0))

    def _cued(self, si: int) -> bool:
        att = self.results.get(si)
        return att is not None and bool(att.speaker) and att.how != "inherited"

    def candidates(self, si: int) -> list[Candidate]:
        toks = self.tokens
        q = self.doc.token_of_span[si]
        para, sent = toks[q].para, toks[q].sent
        n = self.position[si]
        last, previous = self.last_cued[n], self.previous[n]
        following = self.next_cued[n]
        nxt = following[0] if following is not None and following[1] <= para + 1 else None
        said = self.said.get(si, {})
        seen: dict[str, Candidate] = {}
        start = max(0, bisect.bisect_left(self._firsts, q) - LOOKBACK)  # bounds huge articles
        for first, name in self.mentions[start:]:
            tok = toks[first]
            if first > q and tok.para != para:
                break
            c = seen.setdefault(name, self._candidate(name))
            f = c.features
            if first < q:
                f["salience"] += 1
                f["recency"] = max(f["recency"], 1.0 / (1 + sent - tok.sent))
                if tok.para == para:
                    f["paragraph_before"] = 1.0
                if tok.para == para - 1:
                    f["previous_paragraph"] = 1.0
                lo, _ = self.doc.sentences[tok.sent]
                if tok.sent in (sent, sent - 1) and first - lo < SUBJECT_TOKENS:
                    f["opens_sentence"] = 1.0
            elif tok.para == para:
                f["paragraph_after"] = 1.0
        for name in {last, previous, nxt, self.results[si].speaker} - {None}:
            seen.setdefault(name, self._candidate(name))
        for c in seen.values():
            f = c.features
            f["salience"] = math.log1p(f["salience"])
            f["chosen"] = float(c.name == self.results[si].speaker)
            f["last_speaker"] = float(c.name == last)
            f["previous_quote"] = float(c.name == previous)
            f["next_speaker"] = float(c.name == nxt)
            f["said"] = math.log1p(said.get(c.name, 0))
            f["organisation"] = float(c.kind == ORG)
        return list(seen.values())
