"""Agreement between reviewers: percent agreement, Cohen's kappa per pair, Krippendorff's
alpha (nominal) over everyone.

Input is one mapping, item → {coder: category} (a quote id → {reviewer: verdict}); a coder
who did not rate an item is simply absent. Every result carries the counts behind it, and
a statistic that is undefined (no items in common, one category only) is None with the
reason, never an exception or a division by zero.

- Percent agreement and Cohen's kappa (Cohen 1960) are computed for each pair of coders
  over the items both rated: kappa = (p_o - p_e) / (1 - p_e), with p_e from each coder's
  own marginal distribution.
- Krippendorff's alpha, nominal metric (Krippendorff 2011, "Computing Krippendorff's
  Alpha-Reliability"): from the coincidence matrix of the pairable values — items rated
  by fewer than two coders are not pairable and are left out —
  alpha = 1 - D_o / D_e, D_o = sum_{c != k} o_ck / n, D_e = sum_{c != k} n_c n_k / (n (n - 1)).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import asdict, dataclass, field
from itertools import combinations

Ratings = Mapping[str, Mapping[str, Hashable]]  # item → {coder: category}


@dataclass(slots=True)
class PairAgreement:
    """Two coders over the items both rated."""

    a: str
    b: str
    items: int  # rated by both
    agreements: int  # of those, rated alike
    percent: float | None  # agreements / items (None when no items in common)
    kappa: float | None  # Cohen's kappa (None when undefined: see `reason`)
    observed: float | None  # p_o, the proportion of agreement
    expected: float | None  # p_e, the agreement expected by chance from the marginals
    reason: str = ""  # why kappa is None
    categories: list = field(default_factory=list)  # the categories either coder used

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class Alpha:
    """Krippendorff's alpha (nominal) over every coder."""

    alpha: float | None  # None when undefined: see `reason`
    coders: int  # coders with at least one pairable value
    items: int  # every item with at least one rating
    pairable_items: int  # items rated by two coders or more (the others are left out)
    values: int  # n: the pairable values (ratings of pairable items)
    observed_disagreement: float | None  # D_o
    expected_disagreement: float | None  # D_e
    reason: str = ""
    categories: list = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def percent_agreement(a: list, b: list) -> float | None:
    """The share of positions where the two lists hold the same category."""
    if len(a) != len(b):
        raise ValueError("the two coders' lists must be of one length")
    return sum(x == y for x, y in zip(a, b)) / len(a) if a else None


def cohen_kappa(a: list, b: list, names: tuple[str, str] = ("a", "b")) -> PairAgreement:
    """Cohen's kappa of two coders' ratings of the same items (a[i] and b[i] rate item i)."""
    if len(a) != len(b):
        raise ValueError("the two coders' lists must be of one length")
    n = len(a)
    categories = sorted({*a, *b}, key=str)
    if n == 0:
        return PairAgreement(names[0], names[1], 0, 0, None, None, None, None,
                             "no items rated by both", categories)
    agreements = sum(x == y for x, y in zip(a, b))
    observed = agreements / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[c] * cb[c] for c in categories) / (n * n)
    if expected >= 1.0:
        only = ", ".join(map(str, categories))
        return PairAgreement(names[0], names[1], n, agreements, observed, None, observed, expected,
                             f"both used one category only ({only}): chance agreement is 1, "
                             "so kappa is undefined", categories)
    kappa = (observed - expected) / (1.0 - expected)
    return PairAgreement(names[0], names[1], n, agreements, observed, kappa, observed, expected, "",
                         categories)


def pairwise(ratings: Ratings) -> list[PairAgreement]:
    """Percent agreement and kappa for every pair of coders (in name order) who rated at
    least one item in common."""
    coders = sorted({coder for row in ratings.values() for coder in row})
    found = []
    for x, y in combinations(coders, 2):
        common = [row for row in ratings.values() if x in row and y in row]
        if common:
            found.append(cohen_kappa([row[x] for row in common], [row[y] for row in common], (x, y)))
    return found


def krippendorff_alpha(ratings: Ratings) -> Alpha:
    """Krippendorff's alpha for nominal data, missing ratings allowed."""
    coincidences: Counter = Counter()  # (c, k) → o_ck
    pairable = 0
    coders: set[str] = set()
    rated = 0
    for row in ratings.values():
        values = [v for v in row.values() if v is not None]
        if values:
            rated += 1
        m = len(values)
        if m < 2:
            continue
        pairable += 1
        coders.update(c for c, v in row.items() if v is not None)
        counts = Counter(values)
        for c, nc in counts.items():
            for k, nk in counts.items():
                pairs = nc * (nc - 1) if c == k else nc * nk  # ordered pairs of values
                coincidences[(c, k)] += pairs / (m - 1)
    totals: Counter = Counter()
    for (c, _k), o in coincidences.items():
        totals[c] += o
    n = sum(totals.values())
    categories = sorted(totals, key=str)
    n_values = round(n)
    if n_values < 2:
        return Alpha(None, len(coders), rated, pairable, n_values, None, None,
                     "no item was rated by two coders or more", categories)
    observed = sum(o for (c, k), o in coincidences.items() if c != k) / n
    expected = sum(totals[c] * totals[k] for c in categories for k in categories if c != k) / (n * (n - 1))
    if expected == 0:
        return Alpha(None, len(coders), rated, pairable, n_values, observed, expected,
                     f"one category only ({', '.join(map(str, categories))}): no disagreement is "
                     "expected by chance, so alpha is undefined", categories)
    return Alpha(1.0 - observed / expected, len(coders), rated, pairable, n_values, observed, expected,
                 "", categories)


def disagreements(ratings: Ratings) -> list[str]:
    """The items whose coders gave two categories or more, in the mapping's order."""
    return [item for item, row in ratings.items()
            if len({v for v in row.values() if v is not None}) > 1]


@dataclass(slots=True)
class Agreement:
    """Everything `workbench agreement` shows."""

    pairs: list[PairAgreement]
    alpha: Alpha
    disagreements: list[str]  # item ids

    def to_dict(self) -> dict:
        return {"pairs": [p.to_dict() for p in self.pairs], "alpha": self.alpha.to_dict(),
                "disagreements": list(self.disagreements)}


def agreement(ratings: Ratings) -> Agreement:
    return Agreement(pairwise(ratings), krippendorff_alpha(ratings), disagreements(ratings))
