"""A grammar of the shapes real news takes, for property tests of the whole pipeline.

Articles are drawn from a small pool of statements, so that the same words come back in
one article (a headline and the body) and across articles (another outlet, trimmed,
reworded, retyped, pinned on someone else) — the inputs that exercise the matcher, not
only the span scanner. Every piece is one a real article has: Italian guillemets and
English curly or straight marks, doubled marks (`""…""`, `''…''`, `l''…''`), nested
quotes, cues before, after and inside (between dashes), split statements, multi-paragraph
quotes, colon introducers, quotes without a speaker, scare terms, one-word and very long
quotes, and the typographic slips of web text (spaces inside the marks, marks glued to
words).
"""

from __future__ import annotations

from hypothesis import strategies as st

STATEMENTS = {
    "it": [
        "Non ci sono soldi per pagare le pensioni di tutti quest'anno",
        "La squadra ha giocato bene ma dobbiamo migliorare in difesa",
        "Il nuovo ospedale aprirà entro la fine della primavera prossima",
        "Non abbiamo mai chiesto di rinviare il voto sulla legge di bilancio",
        "L'Italia resta al fianco dell'Ucraina senza alcuna esitazione",
        "Serve una riforma della giustizia che tuteli i cittadini onesti",
    ],
    "en": [
        "We will not raise taxes on working families this year",
        "The bridge will reopen to traffic before the end of the month",
        "Our players showed real character in the second half tonight",
        "Nobody asked us to delay the vote on the housing bill",
        "The council has no money left for the new library project",
        "This decision puts thousands of jobs at risk across the region",
    ],
}
SPEAKERS = {
    "it": ["Mario Rossi", "Giorgia Bianchi", "il ministro Luca Di Stefano", "Anna Dell'Acqua",
           "il sindaco", "gli investigatori", "la Asl", "Marta van der Berg"],
    "en": ["John Smith", "Mary O'Brien", "Councillor Jane Roe", "the victim's father",
           "protesters", "a spokesperson", "the Department of State", "Ursula von Berg"],
}
CUES_AFTER = {"it": ["ha detto", "ha spiegato", "ha aggiunto", "ha dichiarato"],
              "en": ["said", "told reporters", "added", "explained"]}
CUES_BEFORE = {"it": ["ha detto", "ha dichiarato", "ha ribadito"],
               "en": ["said", "told the council", "insisted"]}
PRONOUNS = {"it": ["ha detto", "ha poi aggiunto"], "en": ["she said", "he added"]}
FILLER = {
    "it": ["La riunione è durata tre ore.", "Il voto è previsto per giovedì.",
           "Secondo fonti vicine al governo la decisione è attesa a breve."],
    "en": ["The meeting lasted three hours.", "A vote is expected on Thursday.",
           "According to officials, a decision is due soon."],
}
SCARE = {"it": ["la cosiddetta «riforma»", "il “pacchetto”"], "en": ["the so-called “reform”", "a “deal”"]}
# (opening, closing) marks, as typed in real articles
MARKS = [("«", "»"), ("“", "”"), ('"', '"'), ('""', '""'), ('""', '"'), ("''", "''"),
         ("„", "“"), ("« ", " »"), ('" ', ' "')]


@st.composite
def quote_words(draw, lang: str) -> str:
    """A statement of the pool, as outlets change it: whole, trimmed, a word changed,
    shortened to a fragment, or lengthened into a long quote."""
    words = draw(st.sampled_from(STATEMENTS[lang])).split()
    change = draw(st.sampled_from(["whole", "whole", "trim", "reword", "fragment", "word", "long"]))
    if change == "trim":
        start = draw(st.integers(0, 2))
        words = words[start:len(words) - draw(st.integers(0, 2))] or words
    elif change == "reword":
        k = draw(st.integers(0, len(words) - 1))
        words = words[:k] + [draw(st.sampled_from(["davvero", "really", "mai", "never", "tutti"]))] + words[k + 1:]
    elif change == "fragment":
        start = draw(st.integers(0, max(0, len(words) - 5)))
        words = words[start:start + draw(st.integers(3, 6))]
    elif change == "word":
        words = words[:draw(st.integers(1, 2))]
    elif change == "long":
        words = words + ["e", "and"][lang == "en":][:1] + draw(st.sampled_from(STATEMENTS[lang])).split() * 4
    return " ".join(words)


@st.composite
def quoted(draw, lang: str) -> str:
    words = draw(quote_words(lang))
    opening, closing = draw(st.sampled_from(MARKS))
    if draw(st.booleans()) and len(words.split()) > 6:  # a quote nested inside
        cut = words.split()
        inner = " ".join(cut[2:4])
        inner_marks = ("‘", "’") if opening in ("“", '"', '""') else ("“", "”")
        words = " ".join(cut[:2] + [inner_marks[0] + inner + inner_marks[1]] + cut[4:])
    return f"{opening}{words}{closing}"


@st.composite
def sentence(draw, lang: str) -> str:
    speaker = draw(st.sampled_from(SPEAKERS[lang]))
    shape = draw(st.sampled_from(["after", "before", "colon", "inserted", "split", "bare",
                                  "pronoun", "scare", "filler", "elided", "glued"]))
    if shape == "after":
        return f"{draw(quoted(lang))}, {draw(st.sampled_from(CUES_AFTER[lang]))} {speaker}."
    if shape == "before":
        return f"{speaker} {draw(st.sampled_from(CUES_BEFORE[lang]))}: {draw(quoted(lang))}."
    if shape == "colon":
        return f"{speaker}: {draw(quoted(lang))}"
    if shape == "inserted":
        first, second = draw(quote_words(lang)), draw(quote_words(lang))
        return f"«{first} – {draw(st.sampled_from(CUES_AFTER[lang]))} {speaker} – {second}»."
    if shape == "split":
        first, second = draw(quote_words(lang)), draw(quote_words(lang))
        return f"“{first},” {draw(st.sampled_from(PRONOUNS[lang]))}. “{second}.”"
    if shape == "pronoun":
        return f"{draw(quoted(lang))}, {draw(st.sampled_from(PRONOUNS[lang]))}."
    if shape == "scare":
        return f"{speaker} {draw(st.sampled_from(CUES_BEFORE[lang]))} {draw(st.sampled_from(SCARE[lang]))}."
    if shape == "filler":
        return draw(st.sampled_from(FILLER[lang]))
    if shape == "elided":
        return f"{speaker} ha definito l''{draw(quote_words(lang))}'' una scelta obbligata."
    if shape == "glued":
        return f"{speaker} {draw(st.sampled_from(CUES_BEFORE[lang]))}.“{draw(quote_words(lang))}” subito- ha detto -."
    return draw(quoted(lang))  # bare: no cue, no speaker


@st.composite
def paragraph(draw, lang: str) -> str:
    return " ".join(draw(st.lists(sentence(lang), min_size=1, max_size=4)))


@st.composite
def multi_paragraph_quote(draw, lang: str) -> list[str]:
    """The English convention: each paragraph opens a mark, only the last one closes."""
    parts = draw(st.lists(quote_words(lang), min_size=2, max_size=3))
    speaker = draw(st.sampled_from(SPEAKERS[lang]))
    first = f"{speaker} {draw(st.sampled_from(CUES_BEFORE[lang]))}: “{parts[0]}."
    return [first] + [f"“{p}." for p in parts[1:-1]] + [f"“{parts[-1]}.”"]


@st.composite
def article_text(draw) -> tuple[str, str]:
    """(language, text): a headline that may repeat a quote, then paragraphs."""
    lang = draw(st.sampled_from(["it", "en"]))
    paragraphs = []
    if draw(st.booleans()):
        paragraphs.append(draw(quoted(lang)))  # a headline quote
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.integers(0, 5)) == 0:
            paragraphs += draw(multi_paragraph_quote(lang))
        else:
            paragraphs.append(draw(paragraph(lang)))
    return lang, "\n\n".join(paragraphs)


corpora = st.lists(article_text(), min_size=1, max_size=6)
