"""Quotation spans: which characters are quoted. Sentences written for these tests."""

import re

import pytest

from workbench.extract.spans import MAX_OPEN_SPAN, find_spans, split_inserted_cues


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S(?:.*?\S)?(?=\n\s*\n|\s*$)", text, re.S)]


def quoted(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_spans(text, paragraphs(text))]


@pytest.mark.parametrize("text, expected", [
    ('Il sindaco ha detto: "Riapriremo la piazza entro l\'estate".', ["Riapriremo la piazza entro l'estate"]),
    ("The mayor said “we will reopen the square” by June.", ["we will reopen the square"]),
    ("«Non ci fermeremo», ha assicurato la presidente.", ["Non ci fermeremo"]),
    ("Der Minister sagte „wir bleiben“ am Ende.", ["wir bleiben"]),
    ("She called it a ‘temporary pause’ in the talks.", ["temporary pause"]),
    ("Il progetto resta in 'stand-by' fino a marzo.", ["stand-by"]),
])
def test_each_kind_of_quotation_mark(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize("text", [
    "L'assessore dell'ambiente ha parlato dell'iniziativa, un'opzione gradita a tutti.",
    "The mayor's office said it won't comment on Kiev's request or the players' union.",
    "E' stato un anno difficile, un po' per tutti, dall’inizio alla fine.",
    "He measured 6' 2\" and ran the 100 in 10.5 seconds.",
])
def test_apostrophes_and_primes_are_not_quotation_marks(text):
    assert quoted(text) == []


def test_nested_quote_is_kept_with_its_parent():
    text = "«Mi hanno scritto: ‘non venire domani’, e sono rimasto a casa», ha raccontato Rossi."
    spans = find_spans(text, paragraphs(text))
    assert [text[s.start:s.end] for s in spans] == [
        "Mi hanno scritto: ‘non venire domani’, e sono rimasto a casa", "non venire domani"]
    assert spans[0].parent is None and spans[1].parent == 0


def test_same_marks_nested_by_their_context():
    text = 'Ha detto: "Voi gridate "basta", noi rispondiamo "ancora" ogni giorno". Poi è uscito.'
    assert quoted(text) == ['Voi gridate "basta", noi rispondiamo "ancora" ogni giorno', "basta", "ancora"]


def test_quote_split_around_its_cue_gives_two_spans():
    text = "“We will rebuild the bridge,” the engineer said. “It will take two years.”"
    assert quoted(text) == ["We will rebuild the bridge,", "It will take two years."]


def test_english_multi_paragraph_quote_links_its_parts():
    text = ("“The first part of what I want to say is about money.\n\n"
            "“The second part is about time,” the governor said.\n\nNext paragraph.")
    spans = find_spans(text, paragraphs(text))
    assert [text[s.start:s.end] for s in spans] == [
        "The first part of what I want to say is about money.", "The second part is about time,"]
    assert spans[1].continues == 0 and spans[0].close_mark is None


def test_unbalanced_mark_stops_at_the_paragraph_end():
    text = ('Il ministro ha detto "basta con i rinvii e con le scuse.\n\n'
            'Il paragrafo seguente non è una citazione e non deve esserlo.')
    assert quoted(text) == ["basta con i rinvii e con le scuse."]


def test_closing_mark_without_opening_mark_starts_after_the_previous_quote():
    text = ('"Abbiamo fatto il possibile", ha detto. Ora serve che tutti collaborino ancora di più". '
            'Poi ha lasciato la sala.')
    assert quoted(text) == ["Abbiamo fatto il possibile", "Ora serve che tutti collaborino ancora di più"]


def test_curly_opening_mark_used_as_closer():
    text = "“La situazione è grave“, ha ammesso il sindaco, “ma non disperata “."
    assert quoted(text) == ["La situazione è grave", "ma non disperata "]


def test_offsets_point_at_the_quoted_text():
    text = "Prima riga.\n\nLa portavoce ha detto «tutto bene» e poi “niente da aggiungere”."
    for span in find_spans(text, paragraphs(text)):
        assert text[span.open_mark] in "«“" and text[span.close_mark] in "»”"
        assert span.open_mark + 1 == span.start and span.end == span.close_mark


def test_inserted_cue_between_dashes_splits_the_quote():
    text = "«Non accetteremo ricatti – ha detto il premier – e lo diremo a Bruxelles»."
    spans = find_spans(text, paragraphs(text))
    parts = split_inserted_cues(text, spans, lambda words: "detto" in words)
    assert [text[s.start:s.end] for s in parts] == ["Non accetteremo ricatti", "e lo diremo a Bruxelles"]
    assert parts[1].continues == 0


def test_speakers_own_aside_between_dashes_stays():
    text = "«Il piano – lo ripeto da mesi – è sbagliato», ha detto."
    spans = find_spans(text, paragraphs(text))
    parts = split_inserted_cues(text, spans, lambda words: "detto" in words)
    assert [text[s.start:s.end] for s in parts] == ["Il piano – lo ripeto da mesi – è sbagliato"]


def test_a_megabyte_line_of_unbalanced_marks_never_swallows_the_text():
    # benchmarks/bench_extract.py times this case; here: no span runs away.
    text = ('He said «yes and “no, ‘maybe „so \'then "now. ' * 25000)[:1_000_000]
    spans = find_spans(text, [(0, len(text))])
    for span in spans:
        assert span.end - span.start <= MAX_OPEN_SPAN
