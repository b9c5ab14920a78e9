"""How rare a word is in its language: what the matcher looks quotes up by.

Blocking (groups.py) compares a quote only with the quotes that share its rarest words.
Rarity is read from the language, not from the corpus at hand: with counts from the
corpus, a quote's rarest words depended on which articles had come before it, so ingesting
articles one by one found other pairs than grouping them all at once (a fragment stored
first, whose words were then found nowhere else, was never looked up again). With a fixed
ranking, which quotes are compared is a function of the two quotes alone.

The ranking: `lexicons/frequency/<lang>.txt`, the 20,000 most frequent words of the
language (from wordfreq's data, see scripts/make_frequency_lists.py). Words not in the
list — names, numbers, rare and misspelt words — are the rarest, the longer first.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

UNLISTED = 1 << 30  # the rank of a word not in the language's list
COMMON_RANK = 100  # the most frequent words: in too many quotes to say anything about one


@cache
def ranks(lang: str) -> dict[str, int]:
    """Word → rank (0 = the most frequent) in `lang`; empty for a language with no list."""
    try:
        text = resources.files("workbench.lexicons").joinpath(f"frequency/{lang}.txt").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return {}
    words = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {word: rank for rank, word in enumerate(words)}


def rarest(words: frozenset[str], lang: str, n: int) -> tuple[str, ...]:
    """The `n` rarest of `words` (normalised content words), rarest first, leaving out the
    language's most common words; ties by length, then alphabetically — a function of the
    words alone."""
    rank = ranks(lang)
    scored = []
    for word in words:
        r = rank.get(word, UNLISTED)
        if r >= COMMON_RANK:
            scored.append((-r, -len(word), word))
    scored.sort()
    return tuple(word for _, _, word in scored[:n])
