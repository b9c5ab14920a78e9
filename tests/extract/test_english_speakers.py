"""English speaker attribution: kinds of error seen on unseen news, on sentences written
for these tests."""

import pytest

from helpers.extraction import extract, quote

CASES = [
    # a byline or a credit line names the reporter, never a speaker
    ("By Nora Quill\n\nThe depot flooded twice this spring. “We lost everything,” a worker said.",
     "We lost", None),
    ("“The ferry will run on Sunday,” said harbour master Ivo Brandt.\n\n“Tickets stay the same.”"
     "\n\nWith files from Pell Corrigan", "Tickets stay", "Ivo Brandt"),
    # page furniture is not a name
    ("Story continues below advertisement\n\n“Our bakers start at four,” said Odile Renk.",
     "Our bakers", "Odile Renk"),
    # a lower-case title before the name after the verb
    ("“The vote was close,” said union president Marta Okafor.", "The vote", "Marta Okafor"),
    # a group of people is the speaker as described
    ("The lane stayed shut all night. “The truck tipped over,” officials said.",
     "The truck", "officials"),
    ("“Nobody warned us,” residents told the council.", "Nobody warned", "residents"),
    # someone's lawyer is not their client
    ("Ravi Omondi denies the charges. “We will appeal the ruling,” his lawyer said.",
     "We will appeal", "his lawyer"),
    # a role nobody in the article holds
    ("“The pool will reopen in May,” the mayor said.", "The pool", "the mayor"),
    # a first name alone is the person of that first name
    ("Greta Vance sang last. “That was for my mother,” Greta told the crowd.",
     "That was", "Greta Vance"),
    ("Ira Holm and his wife Juno Holm spoke. “We met here,” Juno said.", "We met", "Juno Holm"),
    # Chinese family names come first: two people, not one "Jian"
    ("Spokesperson Lin Jian said “talks must go on”. Consul Xue Jian said “we are calm”.",
     "we are calm", "Xue Jian"),
    ("Spokesperson Lin Jian said “talks must go on”. Consul Xue Jian said “we are calm”.",
     "talks must", "Lin Jian"),
    # a person of an institution is the person
    ("Ottilie Brand of Marlow University said: “The sample is small.”", "The sample", "Ottilie Brand"),
    # a headline word is not a name
    ("Panel Chief: ‘No Delay’ Supports Plans To Open Bridge\n\nThe bridge panel chief Wendel Ash "
     "said there was “no delay” supporting plans to open it.", "no delay", "Wendel Ash"),
    # two speakers joined by "and"
    ("“We are thrilled,” said Arlo Penn and Mina Sato.", "We are", "Arlo Penn and Mina Sato"),
    ("“We disagree,” reply Arlo Penn and Mina Sato.", "We disagree", "Arlo Penn and Mina Sato"),
]


@pytest.mark.parametrize("text, words, speaker", CASES)
def test_english_speaker(text, words, speaker):
    assert quote(extract(text, "en"), words).speaker == speaker


def test_a_name_after_by_in_a_sentence_still_counts():
    quotes = extract("The plan was drafted by Lena Ruiz. “It is fair,” Ruiz said.", "en")
    assert quote(quotes, "It is").speaker == "Lena Ruiz"


def test_a_capitalised_word_used_only_as_a_name_stays_a_name():
    quotes = extract("Tarkin arrived late. “I was delayed,” Tarkin said.", "en")
    assert quote(quotes, "I was").speaker == "Tarkin"
