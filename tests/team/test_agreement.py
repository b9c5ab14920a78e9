"""Agreement metrics against published worked examples, and their edge cases."""

import pytest

from workbench.team.agreement import agreement, cohen_kappa, disagreements, krippendorff_alpha, pairwise

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
# observers, twelve units, nominal data with missing values ("." = not rated).
KRIPPENDORFF = """
A: 1 2 3 3 2 1 4 1 2 . . .
B: 1 2 3 3 2 2 4 1 2 5 . 3
C: . 3 3 3 2 3 4 2 2 5 1 .
D: 1 2 3 3 2 4 4 1 2 5 1 .
"""


def krippendorff_data() -> dict:
    ratings: dict = {}
    for line in KRIPPENDORFF.strip().splitlines():
        coder, values = line.split(":")
        for unit, value in enumerate(values.split(), 1):
            if value != ".":
                ratings.setdefault(f"u{unit}", {})[coder] = int(value)
    return ratings


def test_krippendorff_2011_nominal_example():
    result = krippendorff_alpha(krippendorff_data())
    assert result.alpha == pytest.approx(0.743, abs=0.0005)
    assert result.values == 40  # n: unit 12 has one value only, so it is not pairable
    assert result.items == 12 and result.pairable_items == 11 and result.coders == 4
    # off-diagonal coincidences: unit 2 gives 2, unit 6 gives 4, unit 8 gives 2
    assert result.observed_disagreement == pytest.approx(8 / 40)
    assert 1 - result.observed_disagreement / result.expected_disagreement == pytest.approx(result.alpha)


def test_cohen_kappa_wikipedia_example():
    # 50 proposals: both yes 20, both no 15, A yes / B no 5, A no / B yes 10.
    a = ["yes"] * 20 + ["no"] * 15 + ["yes"] * 5 + ["no"] * 10
    b = ["yes"] * 20 + ["no"] * 15 + ["no"] * 5 + ["yes"] * 10
    result = cohen_kappa(a, b)
    assert result.items == 50 and result.agreements == 35
    assert result.observed == pytest.approx(0.7) and result.expected == pytest.approx(0.5)
    assert result.kappa == pytest.approx(0.4)
    assert result.percent == pytest.approx(0.7)


def test_perfect_agreement():
    ratings = {f"q{i}": {"anna": s, "bob": s} for i, s in enumerate(["confirmed", "disputed", "attributed"] * 3)}
    result = agreement(ratings)
    assert result.pairs[0].kappa == pytest.approx(1.0) and result.pairs[0].percent == 1.0
    assert result.alpha.alpha == pytest.approx(1.0)
    assert result.disagreements == []


def test_one_category_only_is_undefined_not_a_crash():
    ratings = {f"q{i}": {"anna": "confirmed", "bob": "confirmed"} for i in range(4)}
    pair = pairwise(ratings)[0]
    assert pair.kappa is None and "one category" in pair.reason and pair.percent == 1.0
    alpha = krippendorff_alpha(ratings)
    assert alpha.alpha is None and "one category" in alpha.reason and alpha.values == 8


def test_nothing_pairable():
    ratings = {"q1": {"anna": "confirmed"}, "q2": {"bob": "disputed"}}
    assert pairwise(ratings) == []  # no items in common: no pair
    alpha = krippendorff_alpha(ratings)
    assert alpha.alpha is None and alpha.pairable_items == 0 and "two coders" in alpha.reason
    assert cohen_kappa([], []).kappa is None
    assert krippendorff_alpha({}).alpha is None


def test_pairs_use_only_items_both_rated_and_disagreements_are_listed():
    ratings = {"q1": {"anna": "confirmed", "bob": "confirmed", "carla": "disputed"},
               "q2": {"anna": "disputed", "bob": "attributed"},
               "q3": {"carla": "confirmed"}}
    pairs = {(p.a, p.b): p for p in pairwise(ratings)}
    assert set(pairs) == {("anna", "bob"), ("anna", "carla"), ("bob", "carla")}
    assert pairs[("anna", "bob")].items == 2 and pairs[("anna", "bob")].agreements == 1
    assert pairs[("anna", "carla")].items == 1
    assert disagreements(ratings) == ["q1", "q2"]
    with pytest.raises(ValueError):
        cohen_kappa(["a"], [])
