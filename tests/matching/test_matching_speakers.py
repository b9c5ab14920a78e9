"""Speaker aliases: one speaker however outlets write the name; reviewers' corrections."""

from workbench.matching import clean_name, name_key, resolve


def speaker_of(names, corrections=None):
    return {name: alias.speaker for name, alias in resolve(names, corrections).items()}


def test_transliterations_of_one_name_are_one_speaker():
    names = {"Serghei Lavrov": 5, "Sergei Lavrov": 3, "Sergey Lavrov": 1, "Sergej Lavrov": 1,
             "Volodymyr Zelensky": 4, "Volodimir Zelenskij": 1, "Wolodymyr Zelenskyy": 1}
    result = speaker_of(names)
    assert {result[n] for n in names if "Lavrov" in n} == {"Serghei Lavrov"}  # the commonest form
    assert {result[n] for n in names if "Zel" in n} == {"Volodymyr Zelensky"}


def test_surname_alone_initials_and_titles():
    names = {"Donald Trump": 10, "Donald J. Trump": 4, "Trump": 3, "Sen. Chris Murphy": 1, "Murphy": 2,
             "il ministro Antonio Tajani": 1, "Tajani": 4, "Michele de Pascale": 2, "De Pascale": 1}
    result = speaker_of(names)
    assert result["Donald J. Trump"] == result["Trump"] == "Donald Trump"
    assert result["Murphy"] == result["Sen. Chris Murphy"] == "Chris Murphy"
    assert result["Tajani"] == "Antonio Tajani"
    assert result["De Pascale"] == "Michele de Pascale"


def test_an_ambiguous_surname_stays_apart():
    result = speaker_of({"Donald Trump": 5, "Melania Trump": 2, "Trump": 4})
    assert result["Trump"] == "Trump"


def test_a_first_name_alone_is_not_taken_for_a_surname():
    result = speaker_of({"Gabriel Jesus": 2, "Gabriel": 3})
    assert result["Gabriel"] == "Gabriel"


def test_an_institution_named_in_two_languages():
    result = speaker_of({"Cremlino": 3, "Kremlin": 1})
    assert result["Kremlin"] == "Cremlino"
    assert name_key("Casa Bianca") == name_key("White House")


def test_reviewer_merges_and_splits():
    names = {"Donald Trump": 5, "Melania Trump": 2, "Trump": 4, "Sergei Lavrov": 2, "Lavrov": 1,
             "Maria Zakharova": 2, "Zakharova": 1}
    merged = resolve(names, {"Trump": ("Donald Trump", "anna")})
    assert merged["Trump"].speaker == "Donald Trump" and merged["Trump"].how == "reviewer"
    assert merged["Trump"].by == "anna"
    split = speaker_of(names, {"Lavrov": ("Lavrov", "marco")})
    assert split["Lavrov"] == "Lavrov" and split["Sergei Lavrov"] == "Sergei Lavrov"
    # merging a speaker brings its aliases along
    along = speaker_of(names, {"Maria Zakharova": ("Sergei Lavrov", "anna")})
    assert along["Zakharova"] == along["Maria Zakharova"] == "Sergei Lavrov"


def test_a_cycle_of_corrections_stops():
    result = speaker_of({"A Rossi": 1, "B Bianchi": 1},
                        {"A Rossi": ("B Bianchi", "x"), "B Bianchi": ("A Rossi", "y")})
    assert result["A Rossi"] in ("A Rossi", "B Bianchi") and result["B Bianchi"] in ("A Rossi", "B Bianchi")


def test_a_surname_with_its_particles_is_the_person_of_that_surname():
    result = speaker_of({"Ursula von der Leyen": 3, "von der Leyen": 2, "Von der Leyen": 1,
                         "Sultan al-Jaber": 2, "al-Jaber": 1, "Luigi Di Maio": 2, "Di Maio": 3})
    assert result["von der Leyen"] == result["Von der Leyen"] == "Ursula von der Leyen"
    assert result["al-Jaber"] == "Sultan al-Jaber"
    assert result["Di Maio"] == "Luigi Di Maio"


def test_institutions_and_titles_keep_their_first_word_and_stay_apart():
    # a ministry is not its minister; a title with no name is a description, kept whole
    names = {"Ministero degli Esteri": 2, "Ministro degli Esteri": 1, "Department of State": 1,
             "Secretary of State": 1, "Dipartimento di Stato": 1, "State Department": 1,
             "Governo Meloni": 1, "Giorgia Meloni": 2, "Meloni": 1, "gli investigatori": 1}
    result = speaker_of(names)
    assert result["Ministero degli Esteri"] == "Ministero degli Esteri"
    assert result["Ministro degli Esteri"] == "Ministro degli Esteri"
    assert result["Department of State"] == "Department of State"
    assert result["Secretary of State"] == "Secretary of State"
    assert result["Dipartimento di Stato"] == result["State Department"] == "Dipartimento di Stato"
    assert result["Governo Meloni"] == "Governo Meloni" and result["Meloni"] == "Giorgia Meloni"
    assert result["gli investigatori"] == "gli investigatori"
    assert clean_name("Secretary of State Marco Rubio") == "Marco Rubio"
    assert clean_name("Presidente della Repubblica Sergio Mattarella") == "Sergio Mattarella"
