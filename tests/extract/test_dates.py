"""Dates in news text: workbench.extract.dates.find_dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.extract.dates import DateMention, find_dates
from workbench.models import PartialDate

# Publication dates used below, with their weekdays (checked in test_fixture_weekdays).
TUE = PartialDate(2025, 7, 8)  # Tuesday, ISO week 28
MON = PartialDate(2025, 10, 20)  # Monday
SUN_JAN = PartialDate(2025, 1, 5)  # Sunday, first days of a year
FRI_LEAP = PartialDate(2024, 3, 1)  # Friday, the day after 29 February


def day(y: int, m: int, d: int) -> PartialDate:
    return PartialDate(y, m, d)


def only(text: str, lang: str, pub: PartialDate | None) -> DateMention:
    """The single mention of `text`."""
    found = find_dates(text, lang, pub)
    assert len(found) == 1, found
    return found[0]


def value(text: str, lang: str, pub: PartialDate | None) -> PartialDate | None:
    return only(text, lang, pub).value


def test_fixture_weekdays() -> None:
    assert TUE.as_date().strftime("%A") == "Tuesday" and TUE.as_date().isocalendar().week == 28
    assert MON.as_date().strftime("%A") == "Monday"
    assert SUN_JAN.as_date().strftime("%A") == "Sunday"
    assert FRI_LEAP.as_date().strftime("%A") == "Friday"


# Relative days.

@pytest.mark.parametrize("text, expected", [
    ("Il sindaco ha parlato ieri in consiglio.", day(2025, 10, 19)),
    ("Oggi la giunta si riunisce.", day(2025, 10, 20)),
    ("Stamattina il prefetto ha firmato.", day(2025, 10, 20)),
    ("Lo ha annunciato stasera.", day(2025, 10, 20)),
    ("Questa mattina il treno era in ritardo.", day(2025, 10, 20)),
    ("L'altro ieri la notizia era già nota.", day(2025, 10, 18)),
    ("Ieri l'altro era già nota.", day(2025, 10, 18)),
    ("Ne parlerà domani al Senato.", day(2025, 10, 21)),
    ("Ieri sera la festa è finita tardi.", day(2025, 10, 19)),
    ("Tre giorni fa il comune ha votato.", day(2025, 10, 17)),
])
def test_relative_days_it(text: str, expected: PartialDate) -> None:
    assert value(text, "it", MON) == expected


@pytest.mark.parametrize("text, expected", [
    ("The mayor spoke yesterday at the council.", day(2025, 10, 19)),
    ("Today the board meets again.", day(2025, 10, 20)),
    ("The prefect signed the order this morning.", day(2025, 10, 20)),
    ("She will speak tonight.", day(2025, 10, 20)),
    ("The vote happened the day before yesterday.", day(2025, 10, 18)),
    ("He will testify tomorrow.", day(2025, 10, 21)),
    ("Crowds gathered last night.", day(2025, 10, 19)),
    ("Officials met yesterday afternoon.", day(2025, 10, 19)),
    ("The plant closed three days ago.", day(2025, 10, 17)),
])
def test_relative_days_en(text: str, expected: PartialDate) -> None:
    assert value(text, "en", MON) == expected


def test_relative_day_across_a_leap_day() -> None:
    assert value("ieri", "it", FRI_LEAP) == day(2024, 2, 29)


# Weekdays: the latest on or before publication; last strictly before; next strictly after.

@pytest.mark.parametrize("text, expected", [
    ("Martedì il governo ha approvato il testo.", day(2025, 7, 8)),
    ("Lunedì il ministro era a Bruxelles.", day(2025, 7, 7)),
    ("Mercoledì si era dimesso.", day(2025, 7, 2)),
    ("Martedì scorso il governo ha approvato.", day(2025, 7, 1)),
    ("Lo scorso martedì il governo ha approvato.", day(2025, 7, 1)),
    ("Domenica scorsa si è votato.", day(2025, 7, 6)),
    ("Martedì prossimo si vota.", day(2025, 7, 15)),
    ("Il prossimo giovedì si vota.", day(2025, 7, 10)),
    ("Giovedì sera la piazza era piena.", day(2025, 7, 3)),
    ("Venerdi (senza accento) è arrivato.", day(2025, 7, 4)),
])
def test_weekdays_it(text: str, expected: PartialDate) -> None:
    assert value(text, "it", TUE) == expected


@pytest.mark.parametrize("text, expected", [
    ("On Tuesday the cabinet approved the bill.", day(2025, 7, 8)),
    ("Monday, the minister was in Brussels.", day(2025, 7, 7)),
    ("He resigned on Wednesday.", day(2025, 7, 2)),
    ("Last Tuesday the cabinet approved it.", day(2025, 7, 1)),
    ("Next Tuesday the house votes.", day(2025, 7, 15)),
    ("Crowds filled the square on Thursday night.", day(2025, 7, 3)),
    ("At Monday's meeting nothing was decided.", day(2025, 7, 7)),
    ("This past Sunday the polls closed early.", day(2025, 7, 6)),
])
def test_weekdays_en(text: str, expected: PartialDate) -> None:
    assert value(text, "en", TUE) == expected


def test_weekday_inside_a_relative_week() -> None:
    assert value("Lo ha detto lunedì della settimana scorsa.", "it", TUE) == day(2025, 6, 30)
    assert value("She said it on Friday last week.", "en", TUE) == day(2025, 7, 4)


# Weeks and months.

@pytest.mark.parametrize("text, lang, expected", [
    ("La settimana scorsa il consiglio ha votato.", "it", PartialDate(2025, week=27)),
    ("La scorsa settimana il consiglio ha votato.", "it", PartialDate(2025, week=27)),
    ("Questa settimana il consiglio vota.", "it", PartialDate(2025, week=28)),
    ("Last week the council voted.", "en", PartialDate(2025, week=27)),
    ("Earlier this week the council voted.", "en", PartialDate(2025, week=28)),
    ("Il mese scorso i prezzi sono saliti.", "it", PartialDate(2025, 6)),
    ("Questo mese i prezzi salgono.", "it", PartialDate(2025, 7)),
    ("Last month prices rose.", "en", PartialDate(2025, 6)),
    ("Earlier this month prices rose.", "en", PartialDate(2025, 7)),
    ("L'anno scorso i prezzi sono saliti.", "it", PartialDate(2024)),
    ("Prices rose last year.", "en", PartialDate(2024)),
])
def test_weeks_months_years(text: str, lang: str, expected: PartialDate) -> None:
    found = value(text, lang, TUE)
    assert found == expected
    assert found is not None and found.precision == expected.precision


def test_previous_month_and_week_cross_the_year() -> None:
    assert value("il mese scorso", "it", SUN_JAN) == PartialDate(2024, 12)
    assert value("last week", "en", SUN_JAN) == PartialDate(2024, week=52)


# Explicit dates.

@pytest.mark.parametrize("text, expected", [
    ("Il 16 ottobre il sindaco ha firmato.", day(2025, 10, 16)),
    ("Firmato il 16 ottobre 2023 dal sindaco.", day(2023, 10, 16)),
    ("Lo scorso 3 marzo la giunta ha deciso.", day(2025, 3, 3)),
    ("Il 3 febbraio del 2015 si votò.", day(2015, 2, 3)),
    ("Il primo maggio i sindacati sfilano.", day(2025, 5, 1)),
    ("Il 1° maggio i sindacati sfilano.", day(2025, 5, 1)),
    ("La delibera del 16/10/2025 è nulla.", day(2025, 10, 16)),
    ("La delibera del 16.10.2025 è nulla.", day(2025, 10, 16)),
    ("Giovedì 16 ottobre il sindaco ha firmato.", day(2025, 10, 16)),
    ("Arrivato il 4 sett. in città.", day(2025, 9, 4)),
])
def test_explicit_days_it(text: str, expected: PartialDate) -> None:
    assert value(text, "it", MON) == expected


@pytest.mark.parametrize("text, expected", [
    ("On October 16 the mayor signed.", day(2025, 10, 16)),
    ("The mayor signed on 16 October.", day(2025, 10, 16)),
    ("Signed on Oct. 16 by the mayor.", day(2025, 10, 16)),
    ("Signed on Oct 16 by the mayor.", day(2025, 10, 16)),
    ("The vote on 3 February 2015 was close.", day(2015, 2, 3)),
    ("On March 8, 2024, she resigned.", day(2024, 3, 8)),
    ("It ended on the 5th of October.", day(2025, 10, 5)),
    ("He spoke on Thursday, October 16.", day(2025, 10, 16)),
    ("The memo dated 10/16/2025 leaked.", day(2025, 10, 16)),
    ("It is due on Nov. 3.", day(2025, 11, 3)),  # 14 days ahead: still this year
    ("It leaked on Dec. 3.", day(2024, 12, 3)),  # 44 days ahead: last year
])
def test_explicit_days_en(text: str, expected: PartialDate) -> None:
    assert value(text, "en", MON) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Nel febbraio 2015 la legge fu approvata.", "it", PartialDate(2015, 2)),
    ("A marzo la legge fu approvata.", "it", PartialDate(2025, 3)),
    ("Marzo scorso la legge fu approvata.", "it", PartialDate(2025, 3)),
    ("In March 2024 the law passed.", "en", PartialDate(2024, 3)),
    ("In May the law passed.", "en", PartialDate(2025, 5)),
    ("Last May the law passed.", "en", PartialDate(2025, 5)),
])
def test_months_by_name(text: str, lang: str, expected: PartialDate) -> None:
    found = value(text, lang, MON)
    assert found == expected and found.precision == "month"


def test_year_rollover() -> None:
    # 2025-01-05: late December is last year's; early February is near enough to be this year's.
    assert value("Il 28 dicembre il sindaco ha firmato.", "it", SUN_JAN) == day(2024, 12, 28)
    assert value("On December 28 the mayor signed.", "en", SUN_JAN) == day(2024, 12, 28)
    assert value("il 2 febbraio", "it", SUN_JAN) == day(2025, 2, 2)
    assert value("il 20 febbraio", "it", SUN_JAN) == day(2024, 2, 20)
    assert value("in September", "en", SUN_JAN) == PartialDate(2024, 9)


def test_last_and_next_explicit_dates() -> None:
    assert value("lo scorso 20 ottobre", "it", MON) == day(2024, 10, 20)  # strictly before
    assert value("il prossimo 20 ottobre", "it", MON) == day(2026, 10, 20)  # strictly after
    assert value("last October", "en", MON) == PartialDate(2024, 10)


@pytest.mark.parametrize("text, lang", [
    ("Il 31 febbraio non esiste.", "it"),
    ("Il 30 febbraio 2024 non esiste.", "it"),
    ("Il 29 febbraio 2025 non esiste.", "it"),
    ("Nobody was born on April 31.", "en"),
    ("La data 32/01/2025 è sbagliata.", "it"),
])
def test_invalid_dates_are_skipped(text: str, lang: str) -> None:
    assert find_dates(text, lang, MON) == []


def test_leap_day() -> None:
    assert value("il 29 febbraio 2024", "it", MON) == day(2024, 2, 29)
    assert value("il 29 febbraio", "it", SUN_JAN) == day(2024, 2, 29)  # last year's
    assert value("il 29 febbraio", "it", MON) is None  # 2025 has none: kept, unresolved


# What is not a date.

@pytest.mark.parametrize("text, lang", [
    ("Nei giorni scorsi il sindaco ha taciuto.", "it"),
    ("Giorni fa il sindaco ha taciuto.", "it"),
    ("Di recente il sindaco ha taciuto.", "it"),
    ("In passato il sindaco ha taciuto.", "it"),
    ("Ogni lunedì il mercato apre presto.", "it"),
    ("Abita in via XX Settembre.", "it"),
    ("I ragazzi d'oggi leggono poco.", "it"),
    ("Recently the mayor kept silent.", "en"),
    ("In the past the mayor kept silent.", "en"),
    ("Theresa May said the deal was done.", "en"),
    ("The Sunday Times reported the deal.", "en"),
    ("Every Monday the market opens early.", "en"),
    ("Good Friday is a holiday.", "en"),
    ("Prices may march higher.", "en"),
])
def test_not_dates(text: str, lang: str) -> None:
    assert find_dates(text, lang, MON) == []


def test_may_next_to_a_number_or_year_is_a_month() -> None:
    assert value("Theresa May resigned on May 24, 2019.", "en", MON) == day(2019, 5, 24)
    assert value("the May 2017 election", "en", MON) == PartialDate(2017, 5)


# Precision of the publication date.

def test_unknown_publication_date() -> None:
    text = "Ieri il ministro ha ricordato il 3 febbraio 2015, la settimana scorsa e lunedì."
    found = find_dates(text, "it", None)
    assert [m.text for m in found] == ["Ieri", "il 3 febbraio 2015", "la settimana scorsa", "lunedì"]
    assert [m.value for m in found] == [None, day(2015, 2, 3), None, None]


def test_month_precise_publication_date() -> None:
    pub = PartialDate(2025, 7)
    assert value("ieri", "it", pub) is None
    assert value("yesterday", "en", pub) is None
    assert value("lunedì", "it", pub) is None
    assert value("la settimana scorsa", "it", pub) is None
    assert value("il mese scorso", "it", pub) == PartialDate(2025, 6)
    assert value("last month", "en", pub) == PartialDate(2025, 6)
    assert value("il 3 febbraio 2015", "it", pub) == day(2015, 2, 3)
    assert value("on 3 February 2015", "en", pub) == day(2015, 2, 3)
    # Without a year, the date resolves when every day of July agrees on the year.
    assert value("il 28 dicembre", "it", PartialDate(2025, 1)) == day(2024, 12, 28)


def test_week_and_year_precise_publication_dates() -> None:
    week = PartialDate(2025, week=28)
    assert value("la settimana scorsa", "it", week) == PartialDate(2025, week=27)
    assert value("ieri", "it", week) is None
    assert value("lunedì", "it", week) == day(2025, 7, 7)  # Monday of any day of that week
    assert value("giovedì", "it", week) is None  # this week's or last week's
    year = PartialDate(2025)
    assert value("il mese scorso", "it", year) is None
    assert value("l'anno scorso", "it", year) == PartialDate(2024)


# Spans.

def test_longest_match_and_texts() -> None:
    text = "Giovedì scorso, martedì mattina, il 16 ottobre e lo scorso 3 marzo."
    assert [m.text for m in find_dates(text, "it", MON)] == [
        "Giovedì scorso", "martedì mattina", "il 16 ottobre", "lo scorso 3 marzo"]
    text = "On Tuesday night, Monday last week and on Nov. 3."
    assert [m.text for m in find_dates(text, "en", MON)] == [
        "On Tuesday night", "Monday last week", "on Nov. 3"]


def test_offsets_with_placeholders() -> None:
    text = "\ue000\ue000, ha detto ieri.\ue001 E l'altro\ue000ieri?"
    found = find_dates(text, "it", MON)
    assert [m.text for m in found] == ["ieri", "ieri"]
    for m in found:
        assert text[m.start:m.end] == m.text


def test_words_inside_words_are_not_dates() -> None:
    assert find_dates("oggigiorno, ieratico, lunedìano, yesterdays, Mondays", "it", MON) == []
    assert find_dates("Mondays are slow; Maybe.", "en", MON) == []


def test_other_languages_try_both_lexicons() -> None:
    text = "Ieri, or yesterday, il 16 ottobre and on October 16."
    found = find_dates(text, "und", MON)
    assert [m.text for m in found] == ["Ieri", "yesterday", "il 16 ottobre", "on October 16"]
    assert {m.value for m in found} == {day(2025, 10, 19), day(2025, 10, 16)}
    assert [m.text for m in find_dates("ieri", "it-IT", MON)] == ["ieri"]


def test_curly_apostrophes() -> None:
    assert value("l’altro ieri", "it", MON) == day(2025, 10, 18)
    assert value("quest’anno", "it", MON) == PartialDate(2025)


# Properties.

FRAGMENTS = [
    "ieri", "oggi", "l'altro ieri", "giovedì scorso", "lunedì", "16", "ottobre", "2025",
    "31 febbraio", "il", "lo scorso", "settimana", "scorsa", "yesterday", "on", "Monday",
    "last", "week", "May", "Oct.", "3", "/", ".", ",", " ", "\n", "\ue000", "’", "'", "-",
    "the", "of", "fa", "giorni", "tre", "via", "XX", "Sunday Times", "1°", "th",
]

publications = st.one_of(
    st.none(),
    st.dates().map(PartialDate.from_date),
    st.dates().map(PartialDate.week_of),
    st.dates().map(lambda d: PartialDate(d.year, d.month)),
    st.dates().map(lambda d: PartialDate(d.year)),
)
texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=40).map("".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join),
)


@settings(max_examples=400, deadline=None)
@given(text=texts, lang=st.sampled_from(["it", "en", "und"]), pub=publications)
def test_random_text_never_raises_and_offsets_hold(text: str, lang: str, pub: PartialDate | None) -> None:
    found = find_dates(text, lang, pub)
    end = 0
    for m in found:
        assert end <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.value is None or isinstance(m.value, PartialDate)
        end = m.end


def test_extreme_publication_dates() -> None:
    text = "ieri, domani, la settimana prossima, il mese scorso, l'anno prossimo, lunedì prossimo"
    for pub in (PartialDate(1, 1, 1), PartialDate(9999, 12, 31), PartialDate(9999, week=52),
                PartialDate(1, week=1), PartialDate(9999), PartialDate(1)):
        assert len(find_dates(text, "it", pub)) == 6


def test_one_megabyte_scans() -> None:
    paragraph = ("Ieri il ministro, che martedì scorso aveva incontrato i sindacati, ha detto che "
                 "il 16 ottobre «\ue000» sarà decisivo. On Monday the minister said that last "
                 "week's talks, held on Oct. 3, went well; Theresa May said nothing. ")
    text = (paragraph * (1_000_000 // len(paragraph) + 1))[:1_000_000]
    for lang in ("it", "en", "und"):
        found = find_dates(text, lang, TUE)
        assert len(found) > 10_000
        assert all(text[m.start:m.end] == m.text for m in found[:100])
    assert find_dates("16 " * 300_000 + "lunedì " * 100_000, "it", TUE)


def test_dates_of_days_are_dates() -> None:
    # Values are PartialDates with the precision their words give.
    assert value("ieri", "it", TUE).as_date() == dt.date(2025, 7, 7)
