"""The discourse ranker: candidates, features and probabilities for quotes whose speaker
the cue rules could only inherit (sentences written for these tests)."""

from workbench.articles import load_text
from workbench.extract import attribute, extract_quotes, ranker

TEXT = ("«Il ponte riapre lunedì», ha detto il sindaco Carlo Neri.\n\n"
        "Il prefetto Anna Riva ha visitato il cantiere. «Abbiamo lavorato giorno e notte», "
        "ha poi aggiunto. L'assessore Luca Bassi ascoltava.")


def _article(text: str = TEXT):
    return load_text(" date 2025-01-01 " + text, "t", lang="it")


def _candidates(text: str = TEXT):
    doc, results, _ = attribute(_article(text), ranked=False)
    inherited = [si for si, att in results.items() if ranker.eligible(att)]
    assert inherited, "the second quote's speaker is inherited"
    return results, ranker.EntityTable(doc, results).candidates(inherited[0])


def test_candidates_are_the_people_named_with_their_discourse_features():
    results, cands = _candidates()
    by_name = {c.name: c.features for c in cands}
    assert {"Carlo Neri", "Anna Riva", "Luca Bassi"} <= set(by_name)
    assert by_name["Carlo Neri"]["last_speaker"] == 1.0  # the last speaker a cue named
    assert by_name["Carlo Neri"]["previous_paragraph"] == 1.0
    assert by_name["Anna Riva"]["paragraph_before"] == 1.0 and by_name["Anna Riva"]["opens_sentence"] == 1.0
    assert by_name["Luca Bassi"]["paragraph_after"] == 1.0 and by_name["Luca Bassi"]["salience"] == 0.0


def test_probabilities_follow_the_weights():
    _, cands = _candidates()
    weights = dict.fromkeys(ranker.FEATURES, 0.0)
    even = ranker.probabilities(cands, weights)
    assert abs(sum(even) - 1) < 1e-9 and max(even) - min(even) < 1e-9
    weights["paragraph_after"] = 3.0
    probs = ranker.probabilities(cands, weights)
    best = max(range(len(cands)), key=lambda k: probs[k])
    assert cands[best].name == "Luca Bassi"


def test_the_ranker_grades_the_guess_without_changing_the_speaker():
    plain = extract_quotes(_article(), ranked=False)
    ranked = extract_quotes(_article())
    assert [q.speaker for q in ranked] == [q.speaker for q in plain]
    _, _, probabilities = attribute(_article())
    assert probabilities and all(0 < p <= 1 for p in probabilities.values())
    guessed = ranked[1]
    assert guessed.rule.endswith("inherited") and guessed.confidence <= ranked[0].confidence
