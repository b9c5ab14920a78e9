"""Quote extraction: pure functions from an article to its quotes.

    from workbench.extract import extract_quotes
    quotes = extract_quotes(article)   # list[workbench.models.Quote]

Rule-based, with per-language word lists in `workbench/lexicons/*.toml`; see `spans`
(quotation marks), `attribution` (speakers), `kinds` (direct, partial, scare) and `dates`
(when a statement was made).
"""

from __future__ import annotations

from ..models import Article, Quote
from .attribution import Attribution, Attributor
from .dates import find_dates
from .document import Document
from .kinds import echo_of, is_scare_candidate, kind_of, words_of

__all__ = ["extract_quotes"]


def extract_quotes(article: Article) -> list[Quote]:
    """Every quotation of `article`, in text order, with speaker, kind, cue and dates."""
    doc = Document(article)
    results = Attributor(doc).run()
    _echo(doc, results)
    kinds: dict[int, str] = {}
    quotes = []
    statements: dict[int, str] = {}
    for si, span in enumerate(doc.spans):
        att = results.get(si) or Attribution()
        kinds[si] = kind_of(doc, si, att, kinds)
        head = span.continues if span.continues is not None else None
        statements[si] = statements.get(head, f"{article.id}#{si}") if head is not None else f"{article.id}#{si}"
        quotes.append(_quote(doc, si, att, kinds[si], statements[si]))
    _said_on(doc, quotes)
    return quotes


def _echo(doc: Document, results: dict[int, Attribution]) -> None:
    """Short fragments with no cue that repeat words of an attributed quote are that
    speaker's words ('Nice' in a headline, “Nice” in the body)."""
    candidates = [si for si, att in results.items() if is_scare_candidate(doc, si, att)]
    if not candidates:
        return
    words = {si: words_of(doc, si) for si, att in results.items() if att.speaker}
    for si in candidates:
        source = echo_of(doc, si, results, words)
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
    )


def _said_on(doc: Document, quotes: list[Quote]) -> None:
    """The date a statement was made, when its sentence says so ("ieri", "on Monday")."""
    by_sentence: dict[int, tuple[str | None, str | None]] = {}
    for quote in quotes:
        if quote.kind == "scare":
            continue
        tok = doc.token_of_span.get(quote.index)
        if tok is None:
            continue
        sent = doc.tokens[tok].sent
        if sent not in by_sentence:
            lo, hi = doc.sentences[sent]
            start, end = doc.tokens[lo].start, doc.tokens[hi - 1].end
            found = [d for d in find_dates(doc.masked[start:end], doc.article.lang,
                                           doc.article.published) if d.value is not None]
            by_sentence[sent] = (found[0].value.isoformat(), found[0].text) if found else (None, None)
        quote.said_on, quote.said_on_text = by_sentence[sent]
    statements = {q.statement: q for q in quotes if q.said_on}
    for quote in quotes:
        if quote.said_on is None and quote.statement in statements and quote.kind != "scare":
            quote.said_on = statements[quote.statement].said_on
            quote.said_on_text = statements[quote.statement].said_on_text
