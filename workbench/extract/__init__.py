"""Quote extraction: pure functions from an article to its quotes.

    from workbench.extract import extract_quotes
    quotes = extract_quotes(article)   # list[workbench.models.Quote]

Rule-based, with per-language word lists in `workbench/lexicons/*.toml`. The steps:
- `typography`, `spans`, `dashes`: quotation marks and the quotes they enclose;
- `document`, `tokens`, `mentions`: the reporter's sentences as tokens, and the people and
  institutions the article names;
- speakers: `attribution` runs the passes in order — `cues` (the per-quote rules: cue-after,
  according-to, cue-before, colon, anaphora, …) and `discourse` (the state between quotes,
  cataphora, nested quotes), over `clauses` (reporting verbs, clause structure), `subjects`
  (the subject of a predicate) and `resolution` (a name, pronoun or description to a
  speaker); `records` holds what they share;
- `kinds` (direct, partial, scare; echo), `dates` (when a statement was made) and
  `confidence` (each rule's measured precision).
"""

from __future__ import annotations

from ..models import Article, Quote
from ..perf import no_gc
from . import confidence, ranker
from .attribution import Attribution, Attributor
from .dates import find_dates
from .document import Document
from .kinds import echo_of, is_scare_candidate, kind_of, words_of
from .mentions import MEDIA, ORG, PLACE

__all__ = ["extract_quotes"]


def extract_quotes(article: Article, calibrated: bool = True, ranked: bool = True) -> list[Quote]:
    """Every quotation of `article`, in text order, with speaker, kind, cue and dates.
    `calibrated=False` keeps each rule's own confidence guess, `ranked=False` leaves out
    the discourse ranker's grades (both for fitting the tables that decide them)."""
    # An article's tokens, spans and mentions hold no reference cycles: the cycle collector
    # would walk them again and again as they are made, for nothing (a fifth of the time
    # on a 1 MB article).
    with no_gc():
        return _extract(article, calibrated, ranked)


def _extract(article: Article, calibrated: bool, ranked: bool) -> list[Quote]:
    doc, results, ranked_confidence = attribute(article, ranked)
    kinds: dict[int, str] = {}
    quotes = []
    statements: dict[int, str] = {}
    for si, span in enumerate(doc.spans):
        att = results.get(si) or Attribution()
        kinds[si] = kind_of(doc, si, att, kinds)
        head = span.continues if span.continues is not None else att.part_of
        statements[si] = statements.get(head, f"{article.id}#{si}") if head is not None else f"{article.id}#{si}"
        quotes.append(_quote(doc, si, att, kinds[si], statements[si]))
    _said_on(doc, quotes, results)
    if calibrated:
        for quote in quotes:
            if quote.speaker:
                rate = confidence.calibrated(quote.rule, quote.confidence)
                quote.confidence = min(rate, ranked_confidence.get(quote.index, rate))
    return quotes


def attribute(article: Article, ranked: bool = True) -> tuple[Document, dict[int, Attribution], dict[int, float]]:
    """The passes that decide speakers: the cue rules, the discourse ranker's grades of the
    speakers they could only guess (its probabilities, by quote), then echoes."""
    doc = Document(article)
    results = Attributor(doc).run()
    probabilities = ranker.grade(doc, results) if ranked else {}
    _echo(doc, results)
    return doc, results, probabilities


def _echo(doc: Document, results: dict[int, Attribution]) -> None:
    """Short fragments with no cue that repeat words of an attributed quote are that
    speaker's words ('Nice' in a headline, “Nice” in the body)."""
    candidates = [si for si, att in results.items() if is_scare_candidate(doc, si, att)]
    if not candidates:
        return
    words = {si: words_of(doc, si) for si, att in results.items() if att.speaker}
    rank = {si: n for n, si in enumerate(words)}
    for si in candidates:
        source = echo_of(doc, si, results, words, rank)
        if source is not None:
            results[si] = Attribution(source.speaker, source.speaker_kind, "echo", "inherited",
                                      via=source.via, governed=True)
            results[si].confidence = 0.6


def _quote(doc: Document, si: int, att: Attribution, kind: str, statement: str) -> Quote:
    article, span = doc.article, doc.spans[si]
    p_start, p_end = article.paragraph_at(span.start)
    cue = doc.text[att.cue[0]:att.cue[1]] if att.cue and kind != "scare" else None
    scare = kind == "scare"
    return Quote(
        article=article.id,
        index=si,
        text=doc.text[span.start:span.end],
        start=span.start,
        end=span.end,
        kind=kind,
        speaker=None if scare else att.speaker,
        cue=cue,
        via=None if scare else att.via,
        published=article.published.isoformat() if article.published else None,
        said_on=None,
        lang=article.lang,
        paragraph=doc.text[p_start:p_end],
        confidence=0.0 if scare else att.confidence,
        rule="scare" if scare else att.label(),
        statement=statement,
        nested_in=span.parent,
        speaker_kind=None if scare or not att.speaker else _speaker_kind(att.speaker_kind),
    )


def _speaker_kind(kind: str | None) -> str:
    """An institution, a place speaking for its government ("Mosca") and a medium are
    organisations; people, named or described, and names of unknown kind are persons."""
    return "org" if kind in (ORG, PLACE, MEDIA) else "person"


PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _said_on(doc: Document, quotes: list[Quote], results: dict[int, Attribution]) -> None:
    """The date a statement was made, when its sentence says so ("ieri", "on Monday"):
    of the dates in the reporter's sentence, the one nearest the cue, the most precise
    on a tie. Parts of one statement share it."""
    found_in: dict[int, list] = {}
    for quote in quotes:
        tok = doc.token_of_span.get(quote.index)
        if quote.kind == "scare" or tok is None:
            continue
        sent = doc.tokens[tok].sent
        if sent not in found_in:
            lo, hi = doc.sentences[sent]
            start, end = doc.tokens[lo].start, doc.tokens[hi - 1].end
            found_in[sent] = [(start + d.start, start + d.end, d) for d in
                              find_dates(doc.masked[start:end], doc.article.lang, doc.article.published)
                              if d.value is not None]
        att = results.get(quote.index)
        anchor = att.cue[0] if att and att.cue else quote.start
        candidates = found_in[sent]
        if candidates:
            _, _, best = min(candidates, key=lambda c: (min(abs(c[0] - anchor), abs(c[1] - anchor)),
                                                        PRECISION_RANK[c[2].value.precision]))
            quote.said_on, quote.said_on_text = best.value.isoformat(), best.text
    dated = {q.statement: q for q in quotes if q.said_on}
    for quote in quotes:
        if quote.said_on is None and quote.statement in dated and quote.kind != "scare":
            quote.said_on = dated[quote.statement].said_on
            quote.said_on_text = dated[quote.statement].said_on_text
