"""Wording drift: what changed between two versions, word by word, and when it is a
possible misquote."""

from workbench.matching import compare
from workbench.render import drift_text

FULL = "I will not apologise for asking those with the broadest shoulders to pay a little more."


def changes(drift):
    return [(s.op, s.a, s.b) for s in drift.segments if s.op != "equal" and not s.edge]


def test_identical_words_with_other_marks_and_case_do_not_drift():
    drift = compare(FULL, "i will NOT apologise for asking those with the broadest shoulders to pay a little more!")
    assert changes(drift) == [] and drift.share == 0 and not drift.differs


def test_a_trimmed_version_is_not_a_change_of_wording():
    drift = compare(FULL, "asking those with the broadest shoulders to pay a little more")
    assert changes(drift) == [] and not drift.differs
    trimmed = [s.a for s in drift.segments if s.edge]
    assert trimmed == ["I will not apologise for"]


def test_a_replaced_word_is_aligned_and_counted():
    drift = compare(FULL, "I will not apologise for asking those with the broadest shoulders to pay a lot more.")
    assert changes(drift) == [("replace", "little", "lot")]
    assert drift.changed == 1 and drift.differs  # one word in sixteen, and it carries meaning


def test_dropping_a_negation_is_a_misquote_however_small():
    long_text = ("We are not going to privatise the national health service, not now and not in "
                 "the next parliament, whatever the papers say")
    drift = compare(long_text, long_text.replace("We are not going", "We are going"), "en")
    assert changes(drift) == [("delete", "not", "")]
    assert drift.share < 0.1 and drift.negation and drift.differs


def test_a_typo_or_a_respelt_name_is_shown_but_not_counted():
    drift = compare("Ho parlato con Serghei Lavrov della tregua", "Ho parlato con Sergei Lavrov della tregua", "it")
    respelt = [s for s in drift.segments if s.respelling]
    assert [(s.a, s.b) for s in respelt] == [("Serghei", "Sergei")]
    assert drift.changed == 0 and not drift.differs


def test_rewording_beyond_a_tenth_of_the_words_differs():
    drift = compare("La Russia non è una tigre, è piuttosto un orso e un orso vero",
                    "La Russia non è una tigre, somiglia di più a un orso vero", "it")
    assert drift.share >= 0.1 and drift.differs


def test_rendering_marks_added_and_dropped_words_and_keeps_markup_literal():
    drift = compare("the [bold]bridge[/bold] is safe", "the [bold]bridge[/bold] is not safe", "en")
    text = drift_text(drift, markers=True)
    assert text.plain == "the [bold]bridge[/bold] is {+not+} safe"
    inserted = [span for span in text.spans if "green" in str(span.style)]
    assert [text.plain[s.start:s.end] for s in inserted] == ["{+not+}"]
