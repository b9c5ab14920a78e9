"""Stop-word language detection: short headlines, long texts, no evidence."""

from __future__ import annotations

import time

import pytest

from workbench.language import detect_language, language_scores, languages

ITALIAN_HEADLINES = [
    "Il sindaco di Bari non firma la delibera sui trasporti della città",
    "Sciopero dei treni, per i pendolari è una giornata difficile",
    "La ministra: «Non ci sono fondi per le nuove scuole nel Mezzogiorno»",
    "Maltempo al Nord, allerta rossa nelle valli del Piemonte",
]
ENGLISH_HEADLINES = [
    "The mayor says the new bridge will open before the end of the year",
    "Storm warning issued as rivers rise in the north of England",
    "Minister admits that the plan was not ready in time",
    "Why the price of coffee is still rising, and what it means for you",
]


@pytest.mark.parametrize("headline", ITALIAN_HEADLINES)
def test_italian_headline(headline: str) -> None:
    assert detect_language(headline) == "it"


@pytest.mark.parametrize("headline", ENGLISH_HEADLINES)
def test_english_headline(headline: str) -> None:
    assert detect_language(headline) == "en"


def test_long_italian_text() -> None:
    text = (
        "Il consiglio comunale si è riunito ieri sera per discutere del bilancio. "
        "Secondo l'assessore, la città non ha più risorse per la manutenzione delle strade "
        "e sarà necessario chiedere un contributo alla Regione. L'opposizione ha criticato "
        "la proposta: per i consiglieri della minoranza si tratta di un errore che pagheranno "
        "i cittadini. "
    ) * 20
    assert detect_language(text) == "it"


def test_long_english_text() -> None:
    text = (
        "The council met last night to discuss the budget. According to the treasurer, "
        "the city has no money left for road repairs and will have to ask the region for "
        "help. The opposition criticised the proposal, saying that it was a mistake which "
        "the residents would pay for. "
    ) * 20
    assert detect_language(text) == "en"


def test_english_quote_inside_italian_article_stays_italian() -> None:
    text = (
        'Il presidente ha risposto ai giornalisti con una frase in inglese, "we are ready", '
        "e poi ha lasciato la sala senza aggiungere altro sulla questione dei dazi."
    )
    assert detect_language(text) == "it"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le gouvernement a annoncé qu'il ne modifiera pas la réforme des retraites", "fr"),
        ("El gobierno dijo que no habrá cambios en la ley de vivienda este año", "es"),
        ("O governo disse que não vai mudar a lei da habitação este ano", "pt"),
        ("Die Regierung hat gesagt, dass sie das Gesetz nicht ändern wird", "de"),
    ],
)
def test_other_languages(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "   \n\t", "12345 678", "Zelensky Putin Trump", "!!!"])
def test_no_evidence_is_und(text: str) -> None:
    assert detect_language(text) == "und"


def test_tie_goes_to_the_language_listed_first() -> None:
    # "la" is Italian, French and Spanish alike; Italian comes first in languages.toml
    assert detect_language("la") == "it"
    assert detect_language("Trump ha un piano con la Russia") == "it"


def test_elided_articles_count() -> None:
    # "dell'", "nell'" and "all'" are Italian stop words once split at the apostrophe
    assert detect_language("Dell'Aquila, nell'aula all'ultimo") == "it"
    assert detect_language("Dell’Aquila, nell’aula all’ultimo") == "it"


def test_case_does_not_matter() -> None:
    assert detect_language("THE END OF THE ROAD FOR THE OLD FACTORY") == "en"


def test_scores_and_languages() -> None:
    assert set(languages()) == {"it", "en", "fr", "es", "de", "pt"}
    scores = language_scores("della della the")
    assert scores["it"] > scores["en"] > 0


def test_large_text_is_fast() -> None:
    text = "Il governo ha detto che la riforma non cambierà. " * 45_000  # about 2 MB
    started = time.perf_counter()
    assert detect_language(text) == "it"
    assert time.perf_counter() - started < 0.2
