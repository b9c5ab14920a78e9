"""The per-language lexicons of the extractor, loaded from `workbench/lexicons/*.toml`.

The TOML files hold words only; this module turns them into lookup tables: every
inflected form of every reporting verb (Italian verbs are conjugated from their infinitive
and class, English ones inflected with the usual spelling rules), phrases as token tuples.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from .tokens import norm, phrase_tokens

SUPPORTED = ("it", "en")
GRAMMAR_ATTRIBUTES = {
    "aux": "auxiliaries", "adverbs": "adverbs", "clitics": "clitics", "negations": "negations",
    "articles": "articles", "articulated": "articulated", "prepositions": "prepositions",
    "determiners": "determiners", "conjunctions": "conjunctions", "not_names": "not_names",
    "complementizers": "complementizers", "org_nouns": "org_nouns", "first_person": "first_person",
    "connectors": "name_connectors", "same": "same", "indefinite": "indefinite",
}
FALLBACK = "en"


@dataclass(frozen=True, slots=True)
class VerbForm:
    lemma: str
    use: str  # fin3 (finite, third person), part (participle), ger, inf, first, second
    weak: bool = False  # reports words only loosely (ask, accuse)
    naming: bool = False  # names something with the quoted words (call, definire)
    phrase_only: bool = False  # counts only as the head of a cue phrase (fare sapere)


PHRASE_HEAD = "phrase"  # the use of a word that reports speech only with its fixed words


def phrase_head(word: str) -> VerbForm:
    """The form of a literal cue-phrase head ("far sapere", "mettere in evidenza"): a
    form like any other, so that every rule can ask for its use (a missing form once
    stood for it, and a rule that asked crashed on a real article)."""
    return VerbForm(word, PHRASE_HEAD, weak=True, phrase_only=True)


Phrase = tuple[str, ...]


@dataclass(slots=True)
class Lexicon:
    lang: str
    verbs: dict[str, list[VerbForm]] = field(default_factory=dict)
    phrases: dict[str, list[Phrase]] = field(default_factory=dict)  # head lemma → rests
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # grammar word sets
    multi: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)  # pattern lists
    # the same, by first word and last word, longest first, for matching at a position
    multi_first: dict[str, dict[str, tuple[Phrase, ...]]] = field(default_factory=dict)
    multi_last: dict[str, dict[str, tuple[Phrase, ...]]] = field(default_factory=dict)
    roles: dict[Phrase, str] = field(default_factory=dict)  # role phrase → role group
    role_parents: dict[str, str] = field(default_factory=dict)  # narrower → wider role
    role_heads: dict[str, list[int]] = field(default_factory=dict)  # first word → phrase sizes
    speech_nouns: frozenset[str] = frozenset()
    cue_shapes: dict[str, frozenset[str]] = field(default_factory=dict)  # [inserted_cue_shapes]
    # The grammar word sets the rules test for nearly every token, as plain attributes:
    # a method call per test adds up over an article.
    aux: frozenset[str] = frozenset()
    adverbs: frozenset[str] = frozenset()
    clitics: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    articulated: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    conjunctions: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    complementizers: frozenset[str] = frozenset()
    org_nouns: frozenset[str] = frozenset()
    first_person: frozenset[str] = frozenset()
    connectors: frozenset[str] = frozenset()
    same: frozenset[str] = frozenset()
    indefinite: frozenset[str] = frozenset()

    def forms(self, token_norm: str) -> list[VerbForm]:
        return self.verbs.get(token_norm, [])

    def has(self, group: str, token_norm: str) -> bool:
        return token_norm in self.words.get(group, ())

    def widen(self, roles: set[str]) -> set[str]:
        """The roles and every wider role they imply."""
        wide = set(roles)
        for role in roles:
            while role in self.role_parents:
                role = self.role_parents[role]
                wide.add(role)
        return wide


@dataclass(slots=True)
class Gazetteer:
    """Cross-language names: first names, titles, institutions, places, media."""

    first_names: frozenset[str]
    gender: dict[str, str]  # first name → "m" or "f" (names used for both are left out)
    titles: frozenset[str]
    institutions: frozenset[Phrase]
    organisation_heads: frozenset[str]
    places: frozenset[Phrase]
    media: frozenset[Phrase]
    nationalities: dict[Phrase, str]
    longest: int  # tokens in the longest multi-token name, to bound look-ups
    # name particles (common.toml [name_particles]): never ordinary words, may begin a
    # name in lower case, also prepositions or articles, joined by a hyphen ("al-")
    strong_particles: frozenset[str] = frozenset()
    starting_particles: frozenset[str] = frozenset()
    weak_particles: frozenset[str] = frozenset()
    particle_prefixes: tuple[str, ...] = ()
    provenance_particles: frozenset[str] = frozenset()
    elided_particles: frozenset[str] = frozenset()
    # folded form of an institution's name -> the forms of that institution, fullest first
    institution_forms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    family_first: frozenset[str] = frozenset()  # family names written first ("Lin Jian")


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Case- and accent-insensitive key for names ("Zelenskyj" ~ "zelenskyj")."""
    decomposed = unicodedata.normalize("NFKD", norm(s))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _read(name: str) -> dict:
    data = resources.files("workbench.lexicons").joinpath(name).read_bytes()
    return tomllib.loads(data.decode("utf-8"))


@cache
def lexicon(lang: str) -> Lexicon:
    """The lexicon for `lang`; languages without one use the English rules."""
    lang = lang if lang in SUPPORTED else FALLBACK
    data = _read(f"{lang}.toml")
    lex = Lexicon(lang)
    _load_verbs(lex, data)
    for group, words in data.get("grammar", {}).items():
        lex.words[group] = frozenset(norm(w) for w in words)
        lex.multi[group] = tuple(phrase_tokens(w) for w in words)
    for attribute, group in GRAMMAR_ATTRIBUTES.items():
        setattr(lex, attribute, lex.words.get(group, frozenset()))
    for group, phrases in data.get("patterns", {}).items():
        lex.multi[group] = tuple(sorted({phrase_tokens(p) for p in phrases}, key=len, reverse=True))
    for group, phrases in data.get("roles", {}).items():
        for p in phrases:
            lex.roles[phrase_tokens(p)] = group
    for group, phrases in lex.multi.items():
        lex.multi_first[group] = _index_by(phrases, 0)
        lex.multi_last[group] = _index_by(phrases, -1)
    lex.role_parents = dict(data.get("role_parents", {}))
    for phrase in lex.roles:
        lex.role_heads.setdefault(phrase[0], []).append(len(phrase))
    for sizes in lex.role_heads.values():
        sizes.sort(reverse=True)
    lex.speech_nouns = frozenset(norm(w) for w in data.get("speech_nouns", {}).get("nouns", []))
    lex.cue_shapes = {k: frozenset(v) for k, v in data.get("inserted_cue_shapes", {}).items()}
    return lex


def _index_by(phrases: tuple[Phrase, ...], position: int) -> dict[str, tuple[Phrase, ...]]:
    index: dict[str, list[Phrase]] = {}
    for phrase in sorted((p for p in phrases if p), key=len, reverse=True):
        index.setdefault(phrase[position], []).append(phrase)
    return {word: tuple(group) for word, group in index.items()}


def _load_verbs(lex: Lexicon, data: dict) -> None:
    verbs = data["verbs"]
    classes = verbs.get("classes", {})
    weak, naming = set(classes.get("weak", [])), set(classes.get("naming", []))
    table: dict[str, dict[str, list[str]]] = {}
    if lex.lang == "it":
        for cls in ("are", "ere", "ire", "isc"):
            for lemma in verbs.get(cls, []):
                table[lemma] = conjugate_it(lemma, cls)
    else:
        double = set(verbs.get("double", []))
        for lemma in verbs.get("regular", []):
            table[lemma] = inflect_en(lemma, lemma in double)
    phrase_only = set()
    for lemma, forms in verbs.get("irregular", {}).items():
        entry = table.setdefault(lemma, {"inf": [lemma]})
        for use, words in forms.items():
            if use == "phrase_only":
                if words:
                    phrase_only.add(lemma)
            elif use == "base":
                entry.setdefault("fin3", []).extend(words)
                entry.setdefault("inf", []).extend(words)
            else:
                entry.setdefault(use, []).extend(words)
    index: dict[str, list[VerbForm]] = defaultdict(list)
    for lemma, forms in table.items():
        for use, words in forms.items():
            for w in words:
                form = VerbForm(lemma, use, lemma in weak, lemma in naming, lemma in phrase_only)
                if form not in index[norm(w)]:
                    index[norm(w)].append(form)
    lex.verbs = dict(index)
    for phrase in data.get("phrases", {}).get("cues", []):
        head, *rest = phrase_tokens(phrase)
        lex.phrases.setdefault(head, []).append(tuple(rest))


def conjugate_it(lemma: str, cls: str) -> dict[str, list[str]]:
    """Forms of a regular Italian verb that matter for reported speech."""
    stem = lemma[:-3]
    if cls == "are":
        hard = stem + "h" if stem.endswith(("c", "g")) else stem  # spiegare → spieghiamo
        soft = stem[:-1] if stem.endswith(("ci", "gi")) else hard  # annunciare → annuncerà
        fut = soft + "er"
        return {
            "fin3": [stem + "a", stem + "ano", stem + "ava", stem + "avano", stem + "ò",
                     stem + "arono", fut + "à", fut + "anno", fut + "ebbe", fut + "ebbero",
                     stem + "asse"],
            "part": [stem + e for e in ("ato", "ata", "ati", "ate")],
            "ger": [stem + "ando"],
            "inf": [lemma],
            "first": [stem + "o", soft.rstrip("i") + "iamo", stem + "avo", stem + "ai", fut + "ò"],
        }
    present = ("isce", "iscono") if cls == "isc" else ("e", "ono")
    vowel = "e" if cls == "ere" else "i"
    fin3 = [stem + present[0], stem + present[1], stem + vowel + "va", stem + vowel + "vano",
            stem + vowel + "rà", stem + vowel + "ranno", stem + vowel + "rebbe"]
    if cls == "ere":
        fin3 += [stem + "é", stem + "è", stem + "ette", stem + "erono", stem + "ettero"]
        part = [stem + e for e in ("uto", "uta", "uti", "ute")]
    else:
        fin3 += [stem + "ì", stem + "irono"]
        part = [stem + e for e in ("ito", "ita", "iti", "ite")]
    first = [stem + ("isco" if cls == "isc" else "o"), stem + "iamo", stem + vowel + "vo"]
    return {"fin3": fin3, "part": part, "ger": [stem + "endo"], "inf": [lemma], "first": first}


def inflect_en(base: str, double: bool = False) -> dict[str, list[str]]:
    """Forms of a regular English verb: says, said-like past, saying."""
    consonant_y = base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou"
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = base + "es"
    elif consonant_y:
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    if consonant_y:
        past, ger = base[:-1] + "ied", base + "ing"
    elif base.endswith("e"):
        past = base + "d"
        ger = base + "ing" if base.endswith(("ee", "ye", "oe")) else base[:-1] + "ing"
    elif double:
        past, ger = base + base[-1] + "ed", base + base[-1] + "ing"
    else:
        past, ger = base + "ed", base + "ing"
    # The base form is finite too: "officials say", "they claim".
    return {"fin3": [third, past, base], "part": [past], "ger": [ger], "inf": [base]}


def _forms(groups: list[list[str]]) -> dict[str, tuple[str, ...]]:
    table = {}
    for group in groups:
        fullest = tuple(sorted(group, key=len, reverse=True))
        for form in group:
            table[fold(form)] = fullest
    return table


@cache
def gazetteer() -> Gazetteer:
    data = _read("common.toml")

    def phrases(key: str) -> frozenset[Phrase]:
        return frozenset(tuple(fold(t) for t in phrase_tokens(p)) for p in data[key])

    nationalities = {}
    for group, words in data["nationalities"].items():
        for w in words:
            nationalities[tuple(fold(t) for t in phrase_tokens(w))] = group
    tables = [phrases("institutions"), phrases("places"), phrases("media")]
    names = _read("names.toml")
    particles = data["name_particles"]
    gender = {fold(n): "m" for n in names["male"]} | {fold(n): "f" for n in names["female"]}
    return Gazetteer(
        first_names=frozenset(gender) | frozenset(fold(n) for n in names["unisex"]),
        gender=gender,
        titles=frozenset(fold(t) for t in data["titles"]),
        institutions=tables[0],
        organisation_heads=frozenset(fold(t) for t in data["organisation_heads"]),
        places=tables[1],
        media=tables[2],
        nationalities=nationalities,
        longest=max(len(p) for table in tables for p in table),
        strong_particles=frozenset(norm(w) for w in particles["strong"]),
        starting_particles=frozenset(norm(w) for w in particles["starting"]),
        weak_particles=frozenset(norm(w) for w in particles["weak"]),
        particle_prefixes=tuple(norm(w) for w in particles["prefixes"]),
        provenance_particles=frozenset(norm(w) for w in particles["provenance"]),
        elided_particles=frozenset(norm(w) for w in particles["elided"]),
        institution_forms=_forms(data.get("institution_forms", {}).get("groups", [])),
        family_first=frozenset(fold(n) for n in names.get("family_first", [])),
    )
