"""Build an article from a string, extract its quotes, look a quote up by its words."""

from __future__ import annotations

from workbench.articles import load_text, parse_date
from workbench.extract import extract_quotes
from workbench.models import Quote


def extract(text: str, lang: str = "it", date: str | None = "2025-10-21") -> list[Quote]:
    article = load_text(text, "t", published=parse_date(date) if date else None, lang=lang)
    return extract_quotes(article)


def quote(quotes: list[Quote], words: str) -> Quote:
    """The quote whose text starts with `words`."""
    found = [q for q in quotes if q.text.startswith(words)]
    assert found, f"no quote starting {words!r} in {[q.text for q in quotes]}"
    return found[0]
