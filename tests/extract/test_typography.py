"""Typography repair before the marks are read: spaces inside the marks, marks glued to a
word, a closing mark typed as the opener. Sentences written for these tests."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.extract.typography import find_spans_in, normalise


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S(?:.*?\S)?(?=\n\s*\n|\s*$)", text, re.S)]


def quoted(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_spans_in(text, paragraphs(text))]


@pytest.mark.parametrize("text, expected", [
    ('Il portiere esce dal campo. " Abbiamo dato tutto fino alla fine " ripete ai cronisti.',
     ["Abbiamo dato tutto fino alla fine"]),
    ('"Abbiamo dato tutto " ha ammesso il portiere, " e non basta ".',
     ["Abbiamo dato tutto", "e non basta"]),
    ("La primaria ha detto « Il reparto riapre lunedì » in conferenza.", ["Il reparto riapre lunedì"]),
    ("The coach said “ we gave everything ” after the match.", ["we gave everything"]),
])
def test_spaces_just_inside_the_marks(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("La primaria ha parlato a lungo.“Il reparto riapre lunedì” ha poi aggiunto.", ["Il reparto riapre lunedì"]),
    ('La primaria ha detto "Il reparto riapre lunedì"e poi ha salutato.', ["Il reparto riapre lunedì"]),
    ("“We gave everything,”the coach said. “Next week is another story.”",
     ["We gave everything,", "Next week is another story."]),
    ("Gli ispettori hanno scritto:”Non risultano irregolarità nei conti”.", ["Non risultano irregolarità nei conti"]),
    ('La preside ha scritto „"La palestra resta chiusa fino a maggio" ai genitori.',
     ["La palestra resta chiusa fino a maggio"]),
])
def test_marks_glued_to_a_word(text, expected):
    assert quoted(text) == expected


def test_a_lone_spaced_mark_opens_nothing():
    assert quoted('Il conto è di 12 " e qualche centesimo, scrive il cassiere.') == []


def test_clean_typography_is_left_as_it_is():
    text = 'Il sindaco ha detto: "Riapriremo la piazza". Poi: «Entro l\'estate».'
    typo = normalise(text, paragraphs(text))
    assert typo.text is text


def test_repaired_spans_point_at_the_article_marks():
    text = 'Lei ha detto.“ Siamo pronti ”e poi se ne è andata, " ripete " il collega.'
    spans = find_spans_in(text, paragraphs(text))
    assert [text[s.start:s.end] for s in spans] == ["Siamo pronti", "ripete"]
    for span in spans:
        assert text[span.open_mark] in "“\"" and text[span.close_mark] in "”\""


MARKS = "\"'«»“”„‘’"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(MARKS) + list("ab .,:\n")), max_size=200))
def test_repaired_spans_are_slices_of_the_article(text):
    paras = paragraphs(text)
    for span in find_spans_in(text, paras):
        assert 0 <= span.start <= span.end <= len(text)
        assert any(a <= span.start and span.end <= b for a, b in paras)
        if span.open_mark is not None:
            assert text[span.open_mark] in MARKS
        if span.close_mark is not None:
            assert text[span.close_mark] in MARKS


def cue_parts(text: str) -> list[str]:
    from workbench.extract.spans import split_inserted_cues
    spans = find_spans_in(text, paragraphs(text))
    parts = split_inserted_cues(text, spans, lambda words: "detto" in words.split() or "aggiunge" in words)
    return [text[s.start:s.end] for s in parts]


@pytest.mark.parametrize("text, expected", [
    ("«Il campo era pesante- ha detto il capitano -. Ma la vittoria è nostra».",
     ["Il campo era pesante", "Ma la vittoria è nostra"]),
    ("«Il campo era pesante - aggiunge -. Ma la vittoria è nostra».",
     ["Il campo era pesante", "Ma la vittoria è nostra"]),
    ("«Il campo era pesante – ha detto Neri– ma la vittoria è nostra».",
     ["Il campo era pesante", "ma la vittoria è nostra"]),
])
def test_inserted_cue_between_dashes_as_typed(text, expected):
    assert cue_parts(text) == expected


def test_a_word_broken_at_a_line_end_is_no_dash():
    text = "«La se- gretaria ha detto – e lo ripeto – che il campo era pesante»."
    assert cue_parts(text) == ["La se- gretaria ha detto – e lo ripeto – che il campo era pesante"]


def extracted(text: str, lang: str = "it") -> list[str]:
    from workbench.articles import load_text
    from workbench.extract import extract_quotes
    return [q.text for q in extract_quotes(load_text(text, "t", lang=lang))]


@pytest.mark.parametrize("text, expected", [
    ("Il portiere a fine gara. «Il campo era pesante – ha proseguito il capitano – ma abbiamo tenuto».",
     ["Il campo era pesante", "ma abbiamo tenuto"]),
    ("Il portiere a fine gara. «Il campo era pesante – prosegue Neri – ma abbiamo tenuto».",
     ["Il campo era pesante", "ma abbiamo tenuto"]),
    ("After the game. “The pitch was heavy — he grumbled — but we held on.”",
     ["The pitch was heavy", "but we held on."]),
])
def test_inserted_cue_with_a_verb_no_list_has(text, expected):
    lang = "en" if text.startswith("After") else "it"
    assert extracted(text, lang) == expected


@pytest.mark.parametrize("aside", ["lo ripeto da mesi", "e questo è il punto", "forse", "sono arrivato tardi",
                                   "ha sbagliato tutto", "sempre la stessa"])
def test_the_speakers_aside_stays_in_the_quote(aside):
    text = f"Il portiere a fine gara. «Il campo era pesante – {aside} – ma abbiamo tenuto»."
    assert extracted(text) == [f"Il campo era pesante – {aside} – ma abbiamo tenuto"]
