"""Property tests: any text, however broken, extracts without error and every quote's
offsets point at its text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.articles import load_text
from workbench.extract import extract_quotes

MARKS = "\"'«»“”„‘’‚‹›"
WORDS = ["ha detto", "said", "Marco Rubio", "il ministro", "the president", "che", "that", "lui",
         "she", "secondo", "according to", "Lo ha detto", "ieri", "on Monday", "–", ",", ".", ":",
         "\n\n", "\n", "l'esercito", "Kiev's", "Il Cremlino", "Dmitry Peskov", "E", "ha aggiunto"]
pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(list(MARKS)), st.text(max_size=12))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pieces, max_size=60).map(" ".join), st.sampled_from(["it", "en", "fr"]))
def test_extraction_never_fails_and_offsets_hold(text, lang):
    if not text.strip():
        return
    article = load_text(text, "p", lang=lang)
    quotes = extract_quotes(article)
    for q in quotes:
        assert article.text[q.start:q.end] == q.text
        assert q.kind in ("direct", "partial", "scare")
        assert 0.0 <= q.confidence <= 1.0
        assert q.paragraph and q.paragraph in article.text
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(MARKS) + list("ab .,\n")), max_size=300))
def test_spans_never_cross_paragraphs(text):
    if not text.strip():
        return
    article = load_text(text, "p", lang="en")
    for q in extract_quotes(article):
        assert "\n\n" not in q.text
