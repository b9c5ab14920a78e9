"""Near-duplicate groups: every kind of near-duplicate is found, different statements and
short fragments are not glued together, incremental grouping equals grouping at once."""

from __future__ import annotations

import itertools
import random
import unicodedata

import pytest

from workbench.matching import Grouper, group
from workbench.matching import groups as groups_module
from workbench.matching.text import COMBINING_RE, NON_WORD_RE, normalize

BASE_EN = ("We will not cut a single penny from the health budget while I am chancellor, "
           "and every hospital will get the money it was promised.")
BASE_IT = ("Abbiamo parlato a lungo con Serghei Lavrov e gli abbiamo detto che la tregua deve "
           "cominciare subito, senza altre condizioni.")


def quote(qid: str, text: str, article: str | None = None, speaker: str | None = "Rachel Osborne",
          lang: str = "en", kind: str = "direct", statement: str | None = None, nested_in: str | None = None) -> dict:
    return {"id": qid, "article": article or qid, "text": text, "kind": kind, "lang": lang,
            "speaker": speaker, "statement": statement or qid, "nested_in": nested_in}


def same_group(groups: dict, *ids: str) -> bool:
    return len({groups[i] for i in ids}) == 1 and groups[ids[0]] is not None


@pytest.mark.parametrize("variant", [
    # other quotation marks and punctuation
    "We will not cut a single penny from the health budget while I am Chancellor — and every "
    "hospital will get the money it was promised!",
    # a trimmed version: a fragment of the longer quote
    "every hospital will get the money it was promised",
    # a small rewording
    "We won't cut a single penny from the health budget while I'm chancellor, and each hospital "
    "will get the money it was promised.",
    # typos
    "We will not cut a singel penny from the helth budget while I am chancellor, and every "
    "hospital will get the money it was promissed.",
    # the same words inside a longer quote of another outlet
    "Let me be clear. " + BASE_EN + " That is a promise to every nurse in this country.",
])
def test_each_kind_of_near_duplicate_joins_the_group(variant):
    groups = group([quote("a", BASE_EN), quote("b", variant)])
    assert same_group(groups, "a", "b")


def test_a_different_transliteration_of_a_name_inside_the_quote():
    variant = BASE_IT.replace("Serghei", "Sergej")
    groups = group([quote("a", BASE_IT, lang="it"), quote("b", variant, lang="it")])
    assert same_group(groups, "a", "b")


@pytest.mark.parametrize("first, second", [
    ("The health budget will rise by four per cent next year, the biggest increase in a decade.",
     "The defence budget will rise by two per cent next year, as we promised our allies."),
    ("We will not raise taxes on working families, and we will balance the books by the end of this parliament.",
     "We will not raise taxes on pensioners, because they have already paid their share to this country."),
    ("I have always said that Europe must defend itself, and today I say it again to our allies in Washington",
     "I have always said that Europe must invest in its own industry, and today our ministers agreed a plan"),
])
def test_different_statements_of_one_speaker_sharing_many_words_stay_apart(first, second):
    groups = group([quote("a", first), quote("b", second)])
    assert groups["a"] is None and groups["b"] is None


def test_different_italian_statements_sharing_a_formula_stay_apart():
    first = "Il governo non metterà nuove tasse sulla casa e sosterrà le famiglie con figli piccoli"
    second = "Il governo non metterà nuove tasse sulle imprese e sosterrà le aziende che assumono giovani"
    groups = group([quote("a", first, lang="it"), quote("b", second, lang="it")])
    assert groups["a"] is None


def test_a_short_common_phrase_does_not_glue_two_statements_together():
    first = "We will not raise taxes on working families, and we will balance the books by 2029."
    second = "We will not raise taxes on pensioners, because they have already paid their share."
    records = [quote("a1", first), quote("a2", first.replace("2029", "the end of the decade")),
               quote("b1", second), quote("b2", second.replace("already", "long since")),
               quote("c", "we will not raise taxes")]  # five words found in all four
    groups = group(records)
    assert same_group(groups, "a1", "a2") and same_group(groups, "b1", "b2")
    assert groups["a1"] != groups["b1"]
    assert groups["c"] in (groups["a1"], groups["b1"])


def test_one_word_fragments_and_scare_quotes_are_no_evidence():
    records = [quote("a", "fake"), quote("b", "fake"), quote("c", "fake news", kind="scare", speaker=None),
               quote("d", "fake news", kind="scare", speaker=None)]
    assert set(group(records).values()) == {None}


def test_quotes_in_another_language_are_not_matched():
    english = quote("a", "The ceasefire must begin at once, without any further conditions from anyone.")
    italian = quote("b", "The ceasefire must begin at once, without any further conditions from anyone.", lang="it")
    assert group([english, italian])["a"] is None


def test_a_long_quote_joins_the_group_of_its_first_matched_sentence_only():
    one = "The strike will go ahead on Friday and the trains will stop at nine in the morning."
    two = "Our members have waited three years for a contract and their patience is now exhausted."
    records = [quote("x1", one), quote("y1", two),
               quote("long", f"{one} {two}")]  # a third outlet quotes both in one quote
    groups = group(records)
    assert same_group(groups, "long", "x1")
    assert groups["y1"] != groups["x1"]


def test_the_other_half_of_a_split_statement_joins_only_when_quoted_elsewhere_too():
    first_half = "The results of the inquiry will be published in full before the summer"
    second_half = "and nobody who is found responsible will keep their job in this ministry"
    article = [quote("p1", first_half, article="art", statement="s"),
               quote("p2", second_half, article="art", statement="s")]
    elsewhere = quote("o", first_half + ".")  # another outlet quotes the first half only
    groups = group([*article, elsewhere])
    assert same_group(groups, "p1", "o") and groups["p2"] is None
    both = quote("o2", f"{first_half}, {second_half}.")  # and one quotes both halves
    groups = group([*article, elsewhere, both])
    assert same_group(groups, "p1", "p2", "o", "o2")


def test_a_quote_inside_another_is_not_the_same_utterance():
    outer = quote("outer", "When he told me 'the bridge is safe' I believed him, like everyone in town",
                  article="art", statement="s1")
    inner = quote("inner", "the bridge is safe", article="art", statement="s2", nested_in="outer",
                  speaker="Mario Neri")
    assert group([outer, inner])["inner"] is None


def test_adding_quotes_incrementally_gives_the_groups_of_grouping_at_once():
    variants = [BASE_EN, BASE_EN.replace("penny", "pound"), "every hospital will get the money it was promised",
                "Let me be clear. " + BASE_EN, BASE_IT, BASE_IT.replace("Serghei", "Sergei"),
                "The defence budget will rise by two per cent next year, as we promised our allies."]
    records = [quote(f"q{i}", text, lang="it" if "Lavrov" in text else "en") for i, text in enumerate(variants)]
    at_once = group(records)
    for order in itertools.islice(itertools.permutations(records), 0, 720, 97):
        grouper = Grouper()
        for record in order:
            grouper.add([record])
        ids = grouper.group_ids()
        assert {k: ids[k] if at_once[k] else None for k in ids} == at_once


def test_restoring_saved_links_and_removing_quotes():
    records = [quote("a", BASE_EN), quote("b", BASE_EN.replace("penny", "pound")), quote("c", BASE_EN + " Full stop.")]
    first = Grouper()
    first.add(records)
    restored = Grouper()
    restored.restore(records, first.all_links())
    assert restored.group_ids() == first.group_ids() and restored.compared == 0
    restored.remove(["a"])
    assert "a" not in restored.group_ids() and same_group(restored.group_ids(), "b", "c")
    assert all("a" not in (link.a, link.b) for link in restored.all_links())


def test_two_long_quotes_sharing_one_sentence_are_compared_whatever_their_order():
    # each outlet quotes more of the statement around the shared sentence, so the rarest
    # words of each quote lie outside it
    shared = "The regional council will reopen the railway line before the winter timetable."
    first = quote("a", f"{shared} Commuters from Figline and Incisa deserve apologies from Trenitalia and "
                       "Italferr managers.", article="one")
    second = quote("b", f"{shared} Replacement buses cost the Brescianini and Tagliaferri families dearly, "
                        "said Mazzoleni.", article="two")
    for records in ([first, second], [second, first]):
        grouper = Grouper()
        for record in records:
            grouper.add([record])
        assert grouper.links["a"] and same_group(grouper.group_ids(), "a", "b")


def test_a_quote_restored_from_an_index_saved_before_sentences_were_looked_up():
    shared = "The regional council will reopen the railway line before the winter timetable."
    stored = quote("a", f"{shared} Commuters from Figline and Incisa deserve apologies from Trenitalia.",
                   article="one")
    first = Grouper()
    first.add([stored])
    content, blocking, _ = first.index()["a"].split("|")
    coming = quote("b", f"{shared} Replacement buses cost the Brescianini and Tagliaferri families dearly.",
                   article="two")
    restored = Grouper()
    restored.restore([stored], [], {"a": f"{content}|{blocking}"}, coming=[coming])
    restored.add([coming])
    assert same_group(restored.group_ids(), "a", "b")
    assert restored.index()["a"].split("|")[2] == first.index()["a"].split("|")[2]  # saved again


STRIKE = "The strike will go ahead on Friday and the trains will stop at nine in the morning."
DEMANDS = "the demands of the drivers are completely fair and overdue"
NOBODY = "and nobody in the ministry has called our union since the election in March"


def test_a_half_matched_only_in_a_later_sentence_elsewhere_joins_the_other_half_of_its_statement():
    records = [quote("a1", STRIKE, article="one"),
               quote("long", f"{STRIKE} We think {DEMANDS}.", article="two"),  # its first sentence decides
               quote("p1", DEMANDS, article="three", statement="s"),
               quote("p2", NOBODY, article="three", statement="s"),
               # a fourth outlet: the second half, and the words of the first reworded
               quote("q", f"The drivers' overdue demands are fair, {NOBODY}.", article="four")]
    groups = group(records)
    assert same_group(groups, "a1", "long") and same_group(groups, "p1", "p2", "q")
    assert groups["p1"] != groups["long"]


def test_a_quote_matched_only_in_a_later_sentence_never_joins_that_quote_through_its_article():
    two = "Our members have waited three years for a contract and their patience is now exhausted."
    records = [quote("long", f"{STRIKE} {two}", article="wire"),
               quote("x1", STRIKE, article="art", statement="s"),  # its article quotes both,
               quote("y1", two, article="art", statement="s")]  # as one split statement
    groups = group(records)
    assert same_group(groups, "long", "x1") and groups["y1"] is None


FLOODS = ("The river rose two metres overnight and the army evacuated four hundred families "
          "from the valley before dawn.")


def story(article: str, *quotes: tuple[str, str]) -> list[dict]:
    """An article reporting the flood story: the mayor's long quote, then short quotes."""
    return [quote(f"{article}-long", FLOODS, article=article, speaker="Marta Ferri"),
            *(quote(f"{article}-{n}", text, article=article, speaker=speaker)
              for n, (text, speaker) in enumerate(quotes))]


@pytest.mark.parametrize("here, there", [
    ("paper tiger", "paper tiger"),  # the same two words in both
    ("No Shelter", "no shelter"),  # case
    ("pain in my chest", "she felt a pain in my chest, she told us"),  # inside a longer quote
    ("no choice but evacuate", "We had no choice but to evacuate, believe me"),  # a word more
])
def test_a_short_quote_joins_its_version_in_another_article_of_the_same_story(here, there):
    records = story("one", (here, "Marta Ferri")) + story("two", (there, "Ferri"))
    groups = group(records)
    assert same_group(groups, "one-0", "two-0") and groups["one-0"] != groups["one-long"]


def test_a_short_quote_needs_the_same_story_and_the_same_speaker():
    unrelated = [quote("one-0", "paper tiger", article="one", speaker="Marta Ferri"),
                 quote("two-0", "paper tiger", article="two", speaker="Marta Ferri")]
    assert set(group(unrelated).values()) == {None}  # no long quote in common
    other_speaker = story("one", ("paper tiger", "Marta Ferri")) + story("two", ("paper tiger", "Luca Bini"))
    assert group(other_speaker)["one-0"] is None


def test_a_short_phrase_of_one_story_joins_one_group_only():
    flood_two = "The new dam will be finished by the spring and the valley will never flood again."
    records = [*story("one", ("never again", "Marta Ferri")),
               *story("two", (flood_two, "Marta Ferri"),
                      ("never again and again we said it will never again happen", "Marta Ferri")),
               quote("three-0", flood_two, article="three", speaker="Marta Ferri")]
    groups = group(records)
    # "never again" is in two quotes of article two, in two groups: it joins one of them
    assert groups["two-0"] != groups["two-1"] and groups["two-0"] != groups["one-long"]
    assert groups["one-0"] in (groups["two-0"], groups["two-1"])


def test_short_quotes_of_one_story_in_any_order_and_after_a_removal():
    records = (story("one", ("paper tiger", "Marta Ferri"))
               + story("two", ("they called us a paper tiger today", "Marta Ferri"))
               + story("three", ("paper tiger", "Marta Ferri")))
    at_once = group(records)
    assert same_group(at_once, "one-0", "two-0", "three-0")
    for order in itertools.islice(itertools.permutations(records), 0, 720, 53):
        grouper = Grouper()
        for record in order:
            grouper.add([record])
        ids = grouper.group_ids()
        assert {k: ids[k] if at_once[k] else None for k in ids} == at_once
    grouper = Grouper()
    grouper.add(records)
    grouper.remove(["two-long"])  # article two no longer shares a long quote with the others
    scratch = Grouper()
    scratch.add([r for r in records if r["id"] != "two-long"])
    assert grouper.group_ids() == scratch.group_ids()
    assert sorted(map(str, grouper.all_links())) == sorted(map(str, scratch.all_links()))


def synthetic(seed: int, articles: int = 12) -> list[dict]:
    """Articles of quotes written from a few dozen words (so that words are crowded when
    `MAX_LIST` is small), some quoted again in other articles, trimmed or in longer
    quotes of several sentences, and a few short fragments."""
    rng = random.Random(seed)
    vocabulary = [f"{rng.choice('bcdfglmnprstv')}{rng.choice('aeiou')}{rng.choice('nrst')}{n}"
                  for n in range(40)]
    said: list[str] = []
    records = []
    for a in range(articles):
        for i in range(rng.randint(4, 8)):
            roll = rng.random()
            if said and roll < 0.3:
                text = rng.choice(said)  # quoted again
            elif said and roll < 0.4:
                words = rng.choice(said).split()
                text = " ".join(words[: max(5, len(words) // 2)])  # trimmed
            elif said and roll < 0.5:
                text = f"{rng.choice(said)}. {rng.choice(said)}."  # in a longer quote
            elif roll < 0.55:
                text = " ".join(rng.sample(vocabulary, 2))  # a fragment
            else:
                text = " ".join(rng.choices(vocabulary, k=rng.randint(6, 14)))
                if rng.random() < 0.3:
                    text += ". " + " ".join(rng.choices(vocabulary, k=rng.randint(8, 12)))
                said.append(text)
            records.append(quote(f"{a:02d}-{i}", text, article=f"art{a:02d}", statement=f"{a:02d}-{i}",
                                 speaker=rng.choice(["Marta Ferri", "Luca Bini", None])))
    return records


def link_set(grouper: Grouper) -> list[str]:
    return sorted(map(str, grouper.all_links()))


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("max_list", [8, 20, groups_module.MAX_LIST])
def test_restoring_for_the_coming_quotes_gives_what_restoring_everything_gives(seed, max_list, monkeypatch):
    """A store restores its quotes for the new ones only (their words, counted where
    they are crowded): the links, groups and saved words must be those of restoring
    every quote, and of adding the new quotes to the Grouper that found the links."""
    monkeypatch.setattr(groups_module, "MAX_LIST", max_list)
    records = synthetic(seed)
    cut = len(records) * 2 // 3
    stored, coming = records[:cut], records[cut:]
    first = Grouper()
    first.add(stored)
    links, index = first.all_links(), first.index()
    first.add(coming)
    whole = Grouper()
    whole.restore(stored, links, index)
    whole.add(coming)
    assert link_set(whole) == link_set(first) and whole.group_ids() == first.group_ids()
    lean = Grouper()
    lean.restore(stored, links, index, coming=coming)
    lean.add(coming)
    assert link_set(lean) == link_set(first)
    assert lean.group_ids() == first.group_ids()
    touched = {r["id"] for r in coming}
    assert lean.group_ids(around=touched) == first.group_ids(around=touched)
    assert sorted(map(str, lean.added)) == sorted(set(link_set(first)) - set(map(str, links)))
    assert lean.versions() == first.versions()
    assert lean.index(changed=True).keys() == touched
    assert {k: set(v.split("|")[0].split()) for k, v in lean.index().items()} == \
        {k: set(v.split("|")[0].split()) for k, v in first.index().items()}
    assert {k: v.split("|")[1:] for k, v in lean.index().items()} == \
        {k: v.split("|")[1:] for k, v in first.index().items()}


@pytest.mark.parametrize("text", ["L’arbitro sarà imparziale!", "«Basta», ha detto… “ora”", "Сергей Лавров: «нет»",
                                  "a_b\tc\u00a0d—e–f", "ﬁne ‘x’ „y“ ½ ² ℃ İstanbul ß", "O'Neill: 3.5% — ok?"])
def test_normalising_quickly_gives_the_words_the_expression_gives(text):
    lowered = text.lower()
    if not lowered.isascii():
        lowered = COMBINING_RE.sub("", unicodedata.normalize("NFKD", lowered))
    assert normalize(text) == " ".join(NON_WORD_RE.sub(" ", lowered).split())
