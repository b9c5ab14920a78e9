"""One speaker, however outlets write the name: "Serghei Lavrov", "Sergei Lavrov" and
"Lavrov" are one person; "Donald J. Trump" and "Donald Trump" too.

A name is reduced to a key: accent-free lower case; titles in front of a name dropped ("il
ministro", "Sen."), initials and suffixes dropped ("J.", "Jr."); particles joined to the
surname ("de Pascale" → "depascale", "von der Leyen" → "vonderleyen"). A title with no name
after it ("Secretary of State", "il ministro degli Esteri") is a description of a person and
an institution's name ("Ministero degli Esteri", "Department of State", "Governo Meloni") a
name: both are kept whole, so that a minister and a ministry stay two speakers; each word folded by the transliteration rules of
`lexicons/matching.toml` (and double letters made single). Names with the same key are one
speaker. A shorter key that ends a longer one — a surname alone, "Ricci Bitti" for
"Giuseppe Ricci Bitti" — joins it when exactly one longer name of a person (it starts with
a known first name) ends that way; "Trump" with both Donald and Melania in the store stays
apart. Institutions named in two languages ("Cremlino", "Kremlin") are listed as equivalents.

Reviewers correct the result: `corrections` maps a name to the name of the speaker it is
(a merge), or to itself (a split: the name is a speaker of its own).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..extract.lexicon import gazetteer

WORD_RE = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Alias:
    """How one name as written resolves: to `speaker`, by `how` — "same" (the name is the
    speaker's own), "automatic" (the key rules) or "reviewer" (a correction by `by`)."""

    name: str
    speaker: str
    how: str
    by: str | None = None
    quotes: int = 0


@dataclass(frozen=True, slots=True)
class _Rules:
    titles: frozenset[str]
    organisation_heads: frozenset[str]
    suffixes: frozenset[str]
    particles: frozenset[str]
    folds: tuple[tuple[str, str], ...]
    equivalents: dict[tuple[str, ...], tuple[str, ...]]
    first_names: frozenset[str]


@cache
def _rules() -> _Rules:
    data = resources.files("workbench.lexicons").joinpath("matching.toml").read_bytes()
    table = tomllib.loads(data.decode("utf-8"))["speakers"]
    gaz = gazetteer()
    rules = _Rules(frozenset(gaz.titles), frozenset(gaz.organisation_heads), frozenset(table["suffixes"]),
                   frozenset(table["particles"]),
                   tuple((a, b) for a, b in table["folds"]), {}, frozenset())
    object.__setattr__(rules, "first_names", frozenset(_fold(n, rules) for n in gaz.first_names))
    for names in table["equivalents"]:
        first = _raw_key(names[0], rules)
        for name in names:
            rules.equivalents[_raw_key(name, rules)] = first
    return rules


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold(word: str, rules: _Rules) -> str:
    for old, new in rules.folds:
        word = word.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", word)


def _leading(written: list[str], rules: _Rules) -> int:
    """How many words before the name are titles or lower-case words other than
    particles ("il ministro Antonio Tajani" → 2). None when no name follows them ("Secretary
    of State", "gli investigatori": a description) or when they name an institution that
    no person's name follows ("Ministero degli Esteri", "Governo Meloni")."""
    def title_word(k: int) -> bool:
        word = _plain(written[k]).strip(".,;:")
        return word in rules.titles or (written[k].islower() and (
            word not in rules.particles or _plain(written[k + 1]) in rules.titles))  # "della Repubblica"

    start = 0
    while len(written) - start > 1 and title_word(start):
        start += 1
    rest = written[start:]
    if not any(w[:1].isupper() and _plain(w) not in rules.titles for w in rest):
        return 0  # a title or a description, no name
    institution = any(_plain(w) in rules.organisation_heads for w in written)
    if start and institution and _fold(_plain(rest[0]), rules) not in rules.first_names:
        return 0
    return start


def clean_name(name: str) -> str:
    """The name without the titles in front of it ("il ministro Antonio Tajani" →
    "Antonio Tajani"), as it is shown."""
    words = name.split()
    return " ".join(words[_leading(words, _rules()):]) or name


def _raw_key(name: str, rules: _Rules) -> tuple[str, ...]:
    written = WORD_RE.findall(name)
    words = [_plain(w) for w in written[_leading(written, rules):]]
    words = [w for i, w in enumerate(words)
             if not (len(w) == 1 and 0 < i < len(words) - 1) and not (i and w in rules.suffixes)]
    joined: list[str] = []
    for word in reversed(words):  # "de pascale" → "depascale", "van der berg" → "vanderberg"
        if joined and word in rules.particles and len(words) > 1:
            joined[-1] = word + joined[-1]
        else:
            joined.append(word)
    return tuple(_fold(w, rules) for w in reversed(joined))


def name_key(name: str) -> tuple[str, ...]:
    """The comparison key of a speaker name ("Sen. Serghei V. Lavrov" → ("sergei", "lavrov"))."""
    rules = _rules()
    key = _raw_key(name, rules)
    return rules.equivalents.get(key, key)


def resolve(names: Mapping[str, int] | Iterable[str],
            corrections: Mapping[str, tuple[str, str | None]] | None = None) -> dict[str, Alias]:
    """Every name → how it resolves. `names` may carry how many quotes each has (the
    commonest full form names the speaker); `corrections`: name → (speaker, reviewer)."""
    counts = Counter(names) if not isinstance(names, Mapping) else Counter(dict(names))
    corrections = dict(corrections or {})
    for target, _ in corrections.values():
        counts.setdefault(target, 0)
    by_key: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name in counts:
        key = name_key(name)
        if key:
            by_key[key].append(name)
    owner = _attach_short_keys(by_key)
    display = {key: _display(by_key[key], counts) for key in by_key}
    automatic = {}
    for key, names_of_key in by_key.items():
        for name in names_of_key:
            automatic[name] = display[owner.get(key, key)]
    result = {}
    for name in counts:
        speaker, how, by = _follow(name, automatic, corrections)
        result[name] = Alias(name, speaker, how, by, counts[name])
    return result


def lookup(aliases: Mapping[str, Alias]) -> Callable[[str], str]:
    """The speaker of a name by the table `resolve` made (a name it does not hold is its
    own speaker): the one way a name is looked up."""
    return lambda name: aliases[name].speaker if name in aliases else name


def _attach_short_keys(by_key: dict[tuple[str, ...], list[str]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Shorter key → the one longer key of a person that ends with it."""
    first_names = _rules().first_names
    endings: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key in by_key:
        if len(key) >= 2 and key[0] in first_names:
            for n in range(1, len(key)):
                endings[key[-n:]].append(key)
    owner = {}
    for key in by_key:
        longer = endings.get(key, [])
        if len(longer) == 1:
            owner[key] = longer[0]
    return owner


def _display(names: list[str], counts: Counter) -> str:
    """The name that shows a speaker: the commonest, then the fullest, then the first."""
    best = min(names, key=lambda n: (-counts[n], -len(WORD_RE.findall(clean_name(n))), n))
    return clean_name(best)


def _follow(name: str, automatic: Mapping[str, str],
            corrections: Mapping[str, tuple[str, str | None]]) -> tuple[str, str, str | None]:
    """Follow corrections and automatic aliases to the speaker (cycles stop where they
    close: a merge of A into B and of B into A leaves both as A's reviewer said last)."""
    how, by, seen, current = "same", None, {name}, name
    while True:
        if current in corrections:
            target, reviewer = corrections[current]
            if current == name:
                how, by = "reviewer", reviewer
        else:
            target = automatic.get(current, current)
            if target != current and how == "same":
                how = "automatic"
        if target == current or target in seen:
            return current, how, by
        seen.add(target)
        current = target
