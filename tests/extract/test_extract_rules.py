"""One test (at least) per extraction rule, on sentences written for these tests."""

import pytest

from helpers.extraction import extract, quote


# -- speaker rules: (language, article text, first words of the quote, speaker) ---------
SPEAKERS = [
    ("it", "«Non ci sono margini per trattare», ha detto il sindaco di Bologna, Matteo Lepore.",
     "Non ci sono", "Matteo Lepore"),
    ("en", "The pier reopened at dawn. \"We did it, at last!\" Harbour master Joan Pike told reporters.",
     "We did it", "Joan Pike"),
    ("it", "Il ponte resta chiuso. «Quando riaprirà?» La sindaca Elena Riva lo ha chiesto alla Regione.",
     "Quando", "Elena Riva"),
    ("it", "\"La decisione è presa\", ha poi ribadito la ministra Anna Maria Bernini.",
     "La decisione", "Anna Maria Bernini"),
    ("it", "Il governatore Luca Zaia ha dichiarato: «Il Veneto non si ferma».",
     "Il Veneto", "Luca Zaia"),
    ("it", "Il commissario Paolo Gentiloni ha spiegato che «servono regole comuni per tutti».",
     "servono", "Paolo Gentiloni"),
    ("it", "La procuratrice Silvia Albano ha aperto un fascicolo. La procuratrice ha parlato di "
           "un «quadro allarmante» nella gestione dei fondi.", "quadro", "Silvia Albano"),
    ("it", "Secondo la Farnesina, i due connazionali «stanno bene e rientreranno domani».",
     "stanno bene", "Farnesina"),
    ("it", "Il ministro degli Esteri Antonio Tajani ha incontrato l'omologo francese. "
           "«Siamo d'accordo su tutto», ha detto il titolare della Farnesina.", "Siamo", "Antonio Tajani"),
    ("it", "Il presidente della Regione, Michele Emiliano, ha firmato l'ordinanza, sottolineando "
           "che «la salute viene prima di tutto».", "la salute", "Michele Emiliano"),
    ("it", "«Il porto riaprirà entro l'estate». Lo ha annunciato il presidente dell'Autorità "
           "portuale, Pino Musolino.", "Il porto", "Pino Musolino"),
    ("it", "Parla il sindaco Roberto Gualtieri, che ha definito l'intervento «un passo necessario».",
     "un passo", "Roberto Gualtieri"),
    ("it", "Il Quirinale ha espresso «piena fiducia» nel lavoro della commissione.",
     "piena fiducia", "Quirinale"),
    ("it", "Di tutt'altro avviso Giulia Ferraro, della segreteria della Cgil. «Hanno scelto la via "
           "più comoda», ha dichiarato davanti alla fabbrica.", "Hanno scelto", "Giulia Ferraro"),
    ("it", "Franco Gentile, 58 anni, impiegato a Frosinone, racconta di aver saputo della "
           "chiusura «solo dalla radio, a mezzanotte».", "solo dalla", "Franco Gentile"),
    ("it", "Il leader della Lega Matteo Salvini ha parlato a lungo. Poi il sindaco Beppe Sala ha "
           "replicato: «Non accettiamo lezioni».", "Non accettiamo", "Beppe Sala"),
    ("en", "“We will not back down,” said Senator Maria Lopez.", "We will", "Maria Lopez"),
    ("en", "“The numbers are clear,” the governor, Gavin Newsom, told reporters.",
     "The numbers", "Gavin Newsom"),
    ("en", "Jane Doe chairs the committee. “It is a disgrace,” she said.", "It is", "Jane Doe"),
    ("en", "According to the State Department, the envoy “made real progress” in Cairo.",
     "made real", "State Department"),
    ("en", "Prime Minister Keir Starmer visited the site. “This must never happen again,” the "
           "prime minister said.", "This must", "Keir Starmer"),
    ("en", "The company is “fully committed” to the plant, its chief executive Sara Klein said.",
     "fully", "Sara Klein"),
    ("en", "“Work hard and be kind to each other.” – Nelson Mandela", "Work hard", "Nelson Mandela"),
    ("en", "Joseph Amadi, chief executive of the charity Open Doors Network, said the plan risked "
           "“repeating old mistakes”.", "repeating", "Joseph Amadi"),
    ("en", "Helen Clark spoke in London. Politicians like to talk, but “results matter more than "
           "words,” BBC quoted her as saying.", "results", "Helen Clark"),
    # an elided particle begins a surname; the name does not end at its apostrophe
    ("it", "«Non firmeremo nulla», ha detto Massimo D'Alema ai cronisti.", "Non firmeremo", "Massimo D'Alema"),
    # a name inside a prepositional phrase, adjectives and all, is no subject: the verb's
    # subject is the one the text is about
    ("it", "Luca Rossi ha parlato a lungo. Alla domanda su un possibile terzo Mondiale risponde: "
           "«Non ci penso».", "Non ci penso", "Luca Rossi"),
    # "A dirlo è X" names its speaker, even one the name lists do not know
    ("it", "«Il teatro resterà aperto tutta l'estate». A dirlo è Arlecchino durante la presentazione.",
     "Il teatro", "Arlecchino"),
    # a headline "Name: «…»"
    ("it", "Luca Bianchi ha aperto la serata.\n\nZucchero: «Canterò ancora»\n\nLa festa è finita tardi.",
     "Canterò", "Zucchero"),
    # the noun phrase after an infinitive or a gerund is its object, not the next verb's subject
    ("it", "Maurizio Ferri ha parlato alla festa. E continuando ad attaccare l'esecutivo Serra ha "
           "aggiunto: «Basta così».", "Basta", "Maurizio Ferri"),
    # "il governo Serra": a name qualifying an institution's noun; the institution speaks
    ("it", "Il governo Serra ha replicato: «Nessuna lezione dal sindacato».", "Nessuna", "governo Serra"),
    # a cue inserted between dashes whose verb is in no list still names its subject
    ("it", "Il tecnico Paolo Vanoli ha parlato dopo la gara. «Abbiamo sofferto – ha proseguito "
           "il tecnico – ma la squadra ha reagito».", "Abbiamo sofferto", "Paolo Vanoli"),
    ("it", "Marta Riva era emozionata. «Non me lo aspettavo – incalza Riva – davvero».",
     "Non me lo", "Marta Riva"),
    # a group the article does not name is the speaker as the article describes it
    ("it", "I vigili del fuoco sono arrivati nella notte. «Abbiamo salvato due persone», hanno "
           "spiegato i soccorritori.", "Abbiamo salvato", "i soccorritori"),
    ("it", "Secondo gli investigatori, «l'incendio è partito dal garage».", "l'incendio", "gli investigatori"),
    # a possessor before an apposition is not the subject: the apposition's person is
    ("en", "“We are satisfied,” Anna Kerr's lawyer, Tom Bell, said.", "We are", "Tom Bell"),
    # an institution is reported under the fullest form the article uses
    ("it", "Il rapporto cita la Banca d'Italia. «La crescita rallenta», comunica Bankitalia.",
     "La crescita", "Banca d'Italia"),
]


@pytest.mark.parametrize("lang, text, words, speaker", SPEAKERS)
def test_speaker(lang, text, words, speaker):
    assert quote(extract(text, lang), words).speaker == speaker


def test_speaker_named_between_the_quote_and_its_speaker_is_not_taken():
    quotes = extract("Trump, ha detto alla Cnn la vice portavoce della Casa Bianca Anna Rossi, "
                     "\"ha lavorato per la pace\". E, ha aggiunto, \"farà di più\".")
    assert quote(quotes, "ha lavorato").speaker == "Anna Rossi"
    assert quote(quotes, "farà di più").speaker == "Anna Rossi"


def test_two_people_with_one_surname_stay_apart():
    quotes = extract("Il fotografo Nicola Ferretti è tornato a casa. La sorella, Chiara Ferretti, "
                     "ha parlato di «incubo finito». «Sono stanco», ha detto Nicola Ferretti.")
    assert quote(quotes, "incubo").speaker == "Chiara Ferretti"
    assert quote(quotes, "Sono stanco").speaker == "Nicola Ferretti"


def test_surname_alone_is_reported_with_the_fullest_name():
    quotes = extract("Il ministro Adolfo Urso ha convocato l'azienda. «Non ci saranno "
                     "licenziamenti», ha assicurato Urso.")
    assert quote(quotes, "Non ci").speaker == "Adolfo Urso"


def test_company_named_by_a_common_noun():
    quotes = extract("Le Cartiere Rinaldi hanno annunciato esuberi. In una nota, l'azienda parla di "
                     "«scelte dolorose».")
    assert quote(quotes, "scelte").speaker == "Cartiere Rinaldi"


def test_indefinite_description_is_not_someone_named_before():
    quotes = extract("Elena Russo led the study. In what one researcher called “a real surprise”, "
                     "the team found water.", "en")
    assert quote(quotes, "a real").speaker is None


# -- statements in parts ----------------------------------------------------------------
def test_quote_split_around_its_cue_is_one_statement():
    quotes = extract("“We have the votes,” the senator, Tom Harris, said. “We will pass it.”", "en")
    first, second = quote(quotes, "We have"), quote(quotes, "We will")
    assert first.speaker == second.speaker == "Tom Harris"
    assert first.statement == second.statement


def test_cue_between_dashes_splits_the_quote_and_is_its_cue():
    quotes = extract("«Non lasceremo soli i lavoratori – ha detto la segretaria della Cgil, "
                     "Alessandra Ghedini – e lo diremo in piazza».")
    assert [q.text for q in quotes] == ["Non lasceremo soli i lavoratori", "e lo diremo in piazza"]
    assert {q.speaker for q in quotes} == {"Alessandra Ghedini"}
    assert quotes[0].statement == quotes[1].statement
    assert "ha detto" in quotes[0].cue


def test_multi_paragraph_quote_is_one_statement():
    quotes = extract("“First, we fix the roads this summer.\n\n“Then we fix the schools,” "
                     "Mayor Ann Quinn said.", "en")
    assert [q.speaker for q in quotes] == ["Ann Quinn", "Ann Quinn"]
    assert quotes[0].statement == quotes[1].statement


def test_quote_inside_a_quote_said_in_the_first_person():
    quotes = extract("«Quando dico \"basta\" intendo davvero basta», ha spiegato il ministro "
                     "Guido Crosetto.")
    inner = quote(quotes, "basta")
    assert inner.nested_in == 0 and inner.speaker == "Guido Crosetto"


def test_quote_inside_a_quote_said_by_others_has_no_known_speaker():
    quotes = extract("“They told me: ‘Go home and never come back,’ and I left,” Rita Moreno said.",
                     "en")
    assert quote(quotes, "Go home").speaker is None


# -- kinds -------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, text, words, kind", [
    ("it", "Il sindaco Paolo Rossi ha detto: «Riapriremo la piazza».", "Riapriremo", "direct"),
    ("it", "«Riapriremo la piazza», ha detto il sindaco Paolo Rossi.", "Riapriremo", "direct"),
    ("it", "Il sindaco Paolo Rossi ha parlato di una «ferita aperta» per la città.", "ferita", "partial"),
    ("it", "Il sindaco Paolo Rossi ha ripetuto che «abbiamo fatto tutto il possibile».", "abbiamo", "direct"),
    ("it", "La riforma, ribattezzata «salva-casa», arriva in aula.", "salva-casa", "scare"),
    ("it", "Il cantiere resta in 'stand-by' da mesi.", "stand-by", "scare"),
    ("en", "The film “The Long Way Home Again” opens on Friday.", "The Long", "scare"),
    ("en", "Supporters gave him the nickname “the Wall” years ago.", "the Wall", "scare"),
    ("en", "Mayor Ann Quinn called the plan “a disgrace” on Monday.", "a disgrace", "partial"),
    # a clause right after a reporting verb, adverbs or "to say" between: the speaker's own
    ("en", "Senator Ann Hill said “we will not give up on this fight” after the vote.", "we will", "direct"),
    ("en", "Senator Ann Hill went on to say “the budget is a disgrace”.", "the budget", "direct"),
    ("en", "Asked about the delay, she replied, rather calmly, that “nothing has changed”.", "nothing", "direct"),
    # a verb agreeing with the reporter's subject: the quote finishes the reporter's clause
    ("it", "L'avvocata Lia Neri ha parlato ai giornalisti. Il suo assistito, ha aggiunto, «è distrutto».",
     "è distrutto", "partial"),
    # headline capitals and a colon say nothing of a term the headline goes on from
    ("en", "Mayor Ann Quinn Admits ‘Mistake’ Over Bridge", "Mistake", "partial"),
    ("en", "Mayor Ann Quinn: ‘No Deal’ Without Funding", "No Deal", "partial"),
    # a quote after one that ended its sentence begins a sentence
    ("en", "Thousands of computers showed the infamous ‘Red Screen of Doom.’ \"It was not an attack,\" "
           "the company said.", "It was", "direct"),
    # names: Title Case, a noun phrase's modifier ("the “…” series")
    ("en", "Thousands of computers showed the infamous ‘Red Screen of Doom.’ \"It was not an attack,\" "
           "the company said.", "Red Screen", "scare"),
    ("en", "The song was once a \"reunion song\" for the band when they were recording the “Anthology” "
           "series, the BBC noted.", "Anthology", "scare"),
    ("en", "The band played the ‘Harbour Lights’ tune twice.", "Harbour", "scare"),
    # a cue at the end of the sentence, a passive verb with its agent, "come" after a verb
    ("en", "The song was once a \"reunion song\" for the band when they were recording the “Anthology” "
           "series, the BBC noted.", "reunion", "partial"),
    ("it", "Il progetto, definito «inutile e costoso» dal sindaco Paolo Neri, è stato bloccato.", "inutile", "partial"),
    ("en", "The plan, labelled “reckless” by Senator Ann Hill, was dropped on Monday.", "reckless", "partial"),
    ("it", "Il ministro Guido Rossi ha descritto la riforma come «un passo avanti storico».", "un passo", "partial"),
    # a finite verb makes a fragment somebody's words, even with no cue
    ("it", "Sul documento trovato nel covo “sembra un documento autentico”, secondo gli inquirenti.",
     "sembra", "partial"),
    ("it", "Il Ministero della Salute, nella circolare di ottobre, «raccomanda fortemente» la vaccinazione.",
     "raccomanda", "partial"),
    # a lone word that no cue ties to anybody is a term
    ("it", "La fiera ha chiuso con un bilancio «positivo» e molte presenze.", "positivo", "scare"),
])
def test_kind(lang, text, words, kind):
    assert quote(extract(text, lang), words).kind == kind


def test_scare_quotes_are_kept_but_are_not_claims():
    q = quote(extract("Il cantiere resta in 'stand-by' da mesi."), "stand-by")
    assert q.speaker is None and not q.is_claim


def test_short_fragment_repeating_an_attributed_quote_is_that_speakers():
    quotes = extract("Mayor Admits ‘Mistake’ Over Bridge\n\n“It was a mistake and I own it,” "
                     "Mayor Ann Quinn said on Monday.", "en")
    assert quote(quotes, "Mistake").speaker == "Ann Quinn"


# -- cue, medium, dates, confidence -----------------------------------------------------
@pytest.mark.parametrize("lang, text, words, via", [
    ("it", "«Non cambieremo linea», ha detto Elly Schlein alla Rai.", "Non cambieremo", "Rai"),
    ("it", "Donald Trump ha scritto su Truth che «l'accordo è vicino».", "l'accordo", "Truth"),
    ("en", "“We are ready,” Mark Carney told CNN.", "We are", "CNN"),
    ("en", "The minister posted on X that the deal was “done”.", "done", "X"),
])
def test_medium(lang, text, words, via):
    assert quote(extract(text, lang), words).via == via


def test_cue_words_are_reported():
    q = quote(extract("«Il Veneto non si ferma», ha poi ribadito il governatore Luca Zaia."), "Il Veneto")
    assert q.cue == "ha poi ribadito"


@pytest.mark.parametrize("lang, text, said_on", [
    ("it", "Ieri il ministro Carlo Nordio ha detto: «La riforma passerà».", "2025-10-20"),
    ("it", "Giovedì scorso il ministro Carlo Nordio ha detto: «La riforma passerà».", "2025-10-16"),
    ("it", "Il 3 ottobre il ministro Carlo Nordio ha detto: «La riforma passerà».", "2025-10-03"),
    ("en", "Last week, minister Carl North said: “The reform will pass.”", "2025-W42"),
    ("en", "On Monday, minister Carl North said: “The reform will pass.”", "2025-10-20"),
    ("it", "Il ministro Carlo Nordio ha detto: «La riforma passerà».", None),
])
def test_statement_date_is_resolved_against_the_publication_date(lang, text, said_on):
    # published Tuesday 2025-10-21
    q = extract(text, lang)[0]
    assert q.said_on == said_on and q.published == "2025-10-21"


def test_relative_date_needs_a_day_precise_publication_date():
    q = extract("Ieri il ministro Carlo Nordio ha detto: «La riforma passerà».", date="2025-10")[0]
    assert q.published == "2025-10" and q.said_on is None


def test_confidence_is_lower_for_guessed_speakers():
    quotes = extract("Il ministro Carlo Nordio è arrivato a Roma. «La riforma passerà». Poi è "
                     "ripartito. «Nessun passo indietro», ha detto Carlo Nordio.")
    guessed, explicit = quote(quotes, "La riforma"), quote(quotes, "Nessun passo")
    assert 0 < guessed.confidence < explicit.confidence <= 1
    assert explicit.rule.startswith("cue-after")


def test_offsets_and_paragraph_point_at_the_quote():
    text = "Titolo del pezzo\n\nIl sindaco ha detto: «Riapriremo la piazza». Fine."
    article_quotes = extract(text)
    q = article_quotes[0]
    assert text[q.start:q.end] == q.text == "Riapriremo la piazza"
    assert q.paragraph == "Il sindaco ha detto: «Riapriremo la piazza». Fine."


def test_pronoun_takes_the_person_of_its_gender():
    quotes = extract("Mark Lowe met Hannah Price in Leeds. Later Mark Lowe left the room. "
                     "“We agreed on nothing,” she said.", "en")
    assert quote(quotes, "We agreed").speaker == "Hannah Price"


def test_first_name_gazetteer_finds_people_behind_unknown_words():
    quotes = extract("Astrophysicist Hannah Lowe, of the University of Warwick, said the result "
                     "was “science by press release”.", "en")
    assert quote(quotes, "science").speaker == "Hannah Lowe"


# -- name particles (issue 17, point 9) ------------------------------------------------------
PARTICLE_NAMES = [
    ("it", "La presidente Ursula von der Leyen ha visitato il cantiere. «Il ponte è una priorità», "
           "ha detto von der Leyen.", "Il ponte", "Ursula von der Leyen"),
    ("it", "«Il ponte è una priorità», ha detto Ursula von der Leyen.", "Il ponte", "Ursula von der Leyen"),
    ("en", "“Our offer stands,” said Rafael van der Vaart.", "Our offer", "Rafael van der Vaart"),
    ("en", "“Our offer stands,” President von der Leyen said.", "Our offer", "von der Leyen"),
    ("en", "“The talks were frank,” said Sultan al-Jaber.", "The talks", "Sultan al-Jaber"),
    ("en", "“The talks were frank,” said Mohammed bin Salman.", "The talks", "Mohammed bin Salman"),
    ("it", "«Il quadro è finito», ha spiegato Leonardo da Vinci.", "Il quadro", "Leonardo da Vinci"),
    ("it", "«Resto nel partito», ha detto Luigi Di Maio.", "Resto", "Luigi Di Maio"),
    ("it", "«Resto nel partito», ha detto il ministro Di Maio.", "Resto", "Di Maio"),
    ("it", "«Resto nel partito», ha detto Ignazio La Russa.", "Resto", "Ignazio La Russa"),
    ("en", "“We will win,” said Marine Le Pen.", "We will", "Marine Le Pen"),
    ("en", "Marine Le Pen spoke in Lyon. “We will win,” Le Pen said.", "We will", "Marine Le Pen"),
]


@pytest.mark.parametrize("lang, text, words, speaker", PARTICLE_NAMES)
def test_name_particles_stay_in_the_name(lang, text, words, speaker):
    assert quote(extract(text, lang), words).speaker == speaker


def test_a_preposition_after_a_name_is_not_a_particle():
    # "da Roma", "della Lega": where the person spoke from or belongs, not their surname
    quotes = extract("Luigi Di Maio è arrivato in città. «Nessun passo indietro», ha detto Di Maio "
                     "da Roma. «Andiamo avanti», ha detto Giorgia da Roma. «Si vota», ha detto "
                     "Matteo Salvini della Lega.")
    assert quote(quotes, "Nessun").speaker == "Luigi Di Maio"
    assert quote(quotes, "Andiamo").speaker == "Giorgia"
    assert quote(quotes, "Si vota").speaker == "Matteo Salvini"


def test_a_lower_case_preposition_does_not_join_a_title_to_a_surname():
    quotes = extract("Luigi Di Maio ha parlato a lungo. Poi il ministro di Maio ha detto: «Basta così».")
    assert quote(quotes, "Basta").speaker == "Luigi Di Maio"


# -- titles and institutions (issue 17, point 10) ------------------------------------------
def test_a_title_with_no_name_is_a_described_person_not_the_institution():
    quotes = extract("«Non commentiamo», ha risposto il Ministero degli Esteri. «È falso», ha detto "
                     "il ministro degli Esteri.")
    assert quote(quotes, "Non commentiamo").speaker == "Ministero degli Esteri"
    assert quote(quotes, "È falso").speaker == "il ministro degli Esteri"
    quotes = extract("“We disagree,” the Foreign Ministry said. “It is over,” the Secretary of State "
                     "told reporters.", "en")
    assert quote(quotes, "We disagree").speaker == "Foreign Ministry"
    assert quote(quotes, "It is over").speaker == "the Secretary of State"


def test_an_institution_is_named_whole_and_a_titled_name_is_the_person():
    quotes = extract("«Valutiamo», ha fatto sapere il Dipartimento di Stato. «Siamo pronti», ha detto "
                     "il segretario di Stato Marco Rubio.")
    assert quote(quotes, "Valutiamo").speaker == "Dipartimento di Stato"
    assert quote(quotes, "Siamo pronti").speaker == "Marco Rubio"


def test_confidence_is_lower_for_an_inherited_speaker_than_for_a_named_cue():
    """Confidence is the measured rate of the rule: a cue naming the speaker is trusted
    more than a quote that only goes on with the last speaker."""
    quotes = extract("«Il ponte riapre lunedì», ha detto il sindaco Carlo Neri.\n\n"
                     "«Abbiamo lavorato giorno e notte per riuscirci».", lang="it")
    named, inherited = quote(quotes, "Il ponte"), quote(quotes, "Abbiamo lavorato")
    assert named.speaker == inherited.speaker == "Carlo Neri"
    assert inherited.rule.endswith("inherited")
    assert 0 < inherited.confidence < named.confidence <= 1
