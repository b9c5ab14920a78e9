"""Who is mentioned in an article: named people and institutions, and role descriptions.

Names are runs of capitalised words ("il portavoce del Cremlino Dmitrij Peskov"); titles,
institutions and nationalities at their front are peeled off and kept as the person's
roles ("spokesperson", "ru"), so that a later "il portavoce del leader del Cremlino" or
"the spokesman" can be matched with the person. A gazetteer (lexicons/common.toml) tells
first names, places, media and institutions apart; a surname alone ("Rubio") is the
person whose full name the article gave ("Marco Rubio").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from functools import cached_property, lru_cache
from difflib import SequenceMatcher
from dataclasses import dataclass, field

from .rarity import ranks
from .lexicon import Gazetteer, Lexicon, Phrase, fold, gazetteer, lexicon
from .tokens import Token, norm, tokenize

PERSON, ORG, PLACE, MEDIA, UNKNOWN, TITLE = "person", "org", "place", "media", "unknown", "title"
# Words that may stand before a role in its noun phrase ("la vice portavoce", "the former PM").
PRE_MODIFIERS = frozenset(("vice", "neo", "nuovo", "nuova", "ex", "new", "former", "deputy", "top", "senior"))
NAME_RUN_TOKENS = 12
STREET_WORDS = frozenset(("via", "viale", "piazza", "piazzale", "corso", "largo", "vicolo",
                          "lungomare", "lungotevere", "contrada", "località", "rue", "avenue"))  # a role and the name it introduces stand this close
# "il portavoce del Cremlino", "the head of the agency": what follows belongs to the role.
GENITIVE = frozenset(("di", "del", "dello", "della", "dei", "degli", "delle", "dell'", "d'", "of", "for"))
# Titles that only ever precede a person's name ("Mr Rubio", "President Trump").
PERSON_TITLES = frozenset(fold(t) for t in (
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "Prof", "Professor",
    "President", "Presidente", "Minister", "Ministro", "Ministra", "Secretary", "Segretario",
    "Segretaria", "Senator", "Senatore", "Governor", "Governatore", "Mayor", "Sindaco",
    "General", "Generale", "King", "Queen", "Prince", "Princess", "Pope", "Papa", "Judge",
    "Chancellor", "Cancelliere", "Premier", "Spokesman", "Spokeswoman", "Portavoce",
    "Administrator", "Director", "Direttore", "Chairman", "Chairwoman", "Ambassador",
    "Ambasciatore", "Commissioner", "Commissario", "Coach", "Captain", "Sen", "Rep", "Gov",
    "Signor", "Signora", "Sig", "Dott", "Onorevole", "Avv", "Ing", "Mons", "Don", "Padre",
    "Ayatollah", "Sheikh", "Imam", "Rabbi", "Vicepremier", "Sottosegretario", "Viceministro",
))


@dataclass(slots=True)
class Mention:
    """A name in the text: `first`..`last` are its token indices (inclusive)."""

    first: int
    last: int
    np_first: int  # where its noun phrase starts: titles and article included
    text: str
    kind: str
    roles: set[str] = field(default_factory=set)
    nats: set[str] = field(default_factory=set)
    run_last: int = -1  # last token of the capitalised run ("Ravi Patel of … Police")

    @property
    def surname(self) -> str:
        return fold(self.text.split()[-1]) if self.text else ""

    @property
    def surname_only(self) -> bool:
        """A surname alone, with its particles: "Rubio", "von der Leyen", "Di Maio"."""
        return surname_only(self.text)


def surname_only(name: str) -> bool:
    """Whether a name is one surname, particles included ("von der Leyen", "Di Maio")."""
    gaz = gazetteer()
    return all(norm(w) in gaz.strong_particles or norm(w) in gaz.weak_particles for w in name.split()[:-1])


@dataclass(slots=True)
class Description:
    """A noun phrase naming someone by role: "il titolare della diplomazia americana"."""

    first: int  # first token (article included)
    last: int
    role: str  # role group
    head: int  # first token of the role phrase
    nats: set[str] = field(default_factory=set)
    same: bool = False  # "lo stesso …", "the same …": the person just mentioned
    indefinite: bool = False  # "un funzionario", "a spokesman": someone not named
    possessive: bool = False  # "his lawyer", "their spokesperson": someone else's
    person: Mention | None = None  # the named person it introduces, if any


class Mentions:
    """Names and descriptions of one article, indexed by token position."""

    def __init__(self, tokens: list[Token], text: str, lex: Lexicon, gaz: Gazetteer,
                 quoted: list[tuple[int, int]]) -> None:
        self.tokens, self.text, self.lex, self.gaz = tokens, text, lex, gaz
        self.list: list[Mention] = []
        self._written: dict[str, str] | None = None  # folded mention text -> as written
        self._quoted_people: dict[str, str] | None = None
        self.ending_at: dict[int, Mention] = {}
        self.starting_at: dict[int, Mention] = {}
        self.descriptions: list[Description] = []
        self.description_ending_at: dict[int, Description] = {}
        self.description_starting_at: dict[int, Description] = {}
        self.people: dict[str, list[tuple[int, str]]] = {}  # surname → (token, full name)
        self._fullest_memo: dict[tuple[str, str], str] = {}
        self._first_words: dict[str, list[tuple[int, str]]] | None = None
        self._org_heads: dict[str, str] | None = None
        self._acronyms: dict[str, str] | None = None
        self._quoted = quoted  # (start, end) of each quote: names inside are read lazily
        self._find(tokens)

    # -- building ------------------------------------------------------------------
    def _find(self, tokens: list[Token]) -> None:
        credited = _credit_tokens(tokens, self.lex)
        lowercase = {t.norm for t in tokens if t.kind == "w" and not t.cap}
        for m in _find_names(tokens, self.text, self.lex, self.gaz):
            if m.first in credited:  # the reporter of a byline, page furniture
                continue
            if _capitalised_word(m, tokens, lowercase, self.lex):
                continue  # "Supports for renters…", "‘No Science’ Supports Calls": a word
            self.list.append(m)
        self._firsts = [m.first for m in self.list]  # for the look-ups by position below
        self._find_descriptions(tokens)
        self._collect_people()
        for m in self.list:
            if m.kind == UNKNOWN and m.surname in self.people and m.surname_only:
                m.kind = PERSON
            self.ending_at[m.last] = m
            if m.kind == PERSON and m.run_last > m.last:  # "Ravi Patel of Northamptonshire Police said"
                self.ending_at.setdefault(m.run_last, m)
            self.starting_at[m.np_first] = m
            self.starting_at.setdefault(m.first, m)
        for d in self.descriptions:
            if d.person is None:
                self.description_ending_at[d.last] = d
                self.description_starting_at[d.first] = d
        self._firsts = [m.first for m in self.list]
        self._free = [d for d in self.descriptions if d.person is None]
        self._free_firsts = [d.first for d in self._free]
        self._nouns = self._person_nouns(tokens)
        self._profiles: dict[str, tuple[set[str], set[str]]] = {}
        for m in self.list:
            if m.kind == PERSON:
                roles, nats = self._profiles.setdefault(self.canonical(m), (set(), set()))
                roles |= m.roles
                nats |= m.nats

    @cached_property
    def quoted_names(self) -> list[Mention]:
        """Names inside the quotes: only needed to complete a surname or an organisation
        the reporter's text does not spell out, so found on first use."""
        found = []
        for start, end in self._quoted:
            if self.text[start:end].islower():
                continue  # no capital letter, so no name: not worth tokenising ("city killer")
            found.extend(_find_names(tokenize(self.text, start, end), self.text, self.lex, self.gaz))
        return found

    def _collect_people(self) -> None:
        """Every full name (two words or more) of each surname, in text order. Names seen
        only inside quotes come last: they complete a surname the text never spells out."""
        for m in self.list:
            if m.kind == PERSON and not m.surname_only:
                self.people.setdefault(m.surname, []).append((m.first, m.text))
        for m in self.list:  # "Maros Sefcovic", first name unknown to the gazetteer
            if m.kind == UNKNOWN and m.surname not in self.people and \
                    _name_shaped(self.tokens[m.first:m.last + 1], self.lex):
                self.people.setdefault(m.surname, []).append((m.first, m.text))

    def _by_first_name(self) -> dict[str, list[tuple[int, str]]]:
        """Full names by their first word, in text order ("Angelina" → "Angelina Jolie";
        "Lin" → "Lin Jian", whose family name comes first)."""
        if self._first_words is None:
            self._first_words = {}
            for names in self.people.values():
                for at, name in names:
                    self._first_words.setdefault(fold(name.split()[0]), []).append((at, name))
            for names in self._first_words.values():
                names.sort()
        return self._first_words

    def _first_named(self, key: str, position: int) -> str | None:
        """The person a first name alone stands for: the one of that first name named last
        before `position` (else first after), in the fullest form."""
        names = self._by_first_name().get(key)
        if not names:
            return None
        k = bisect.bisect_right(names, (position, "\uffff")) - 1
        name = names[k][1] if k >= 0 else names[0][1]
        return self._fullest(name, fold(name.split()[-1]))

    def _quoted_person(self, surname_key: str) -> str | None:
        if self._quoted_people is None:  # the first full name of each surname in the quotes
            self._quoted_people = {}
            for m in self.quoted_names:
                if m.kind == PERSON and not m.surname_only:
                    self._quoted_people.setdefault(m.surname, m.text)
        return self._quoted_people.get(surname_key)

    def _find_descriptions(self, tokens: list[Token]) -> None:
        roles, lex = self.lex.roles, self.lex
        heads = self.lex.role_heads
        i, n = 0, len(tokens)
        while i < n:
            match = _longest_match(tokens, i, roles, heads.get(tokens[i].norm)) if tokens[i].norm in heads else None
            if match is None:
                i += 1
                continue
            phrase, group = match
            end = i + len(phrase) - 1
            first = i
            same = False
            indefinite = possessive = False
            while first > 0 and tokens[first - 1].sent == tokens[i].sent:
                prev = tokens[first - 1]
                if (prev.norm in lex.same):
                    same = True
                elif (prev.norm in lex.articles) or (prev.norm in lex.articulated) \
                        or (prev.norm in lex.indefinite) or lex.has("possessives", prev.norm):
                    indefinite = (prev.norm in lex.indefinite)
                    possessive = lex.has("possessives", prev.norm)
                    first -= 1
                    break  # the article is the left edge of the noun phrase
                elif not (prev.norm in PRE_MODIFIERS or _nationality(prev, self.gaz)
                          or prev.kind == "n" or prev.text == "-"
                          or (prev.cap and first - 2 >= 0 and tokens[first - 2].norm in self.lex.determiners)):
                    break  # ("the Newcastle manager": a name between the article and the role)
                first -= 1
            if first == i and not _starts_np(tokens, i, lex):
                i = end + 1
                continue
            d = Description(first, end, group, i, same=same, indefinite=indefinite,
                            possessive=possessive)
            d.last = self._extend(d, tokens)
            self._attach(d, tokens)
            self.descriptions.append(d)
            i = end + 1

    def _extend(self, d: Description, tokens: list[Token]) -> int:
        """Modifiers after the role: "della diplomazia americana", "degli Stati Uniti", "Usa"."""
        lex, gaz = self.lex, self.gaz
        last = d.last
        for k in range(d.head - 2, d.head):  # "Kremlin spokesman", "US Secretary"
            if k >= 0 and tokens[k].sent == tokens[d.head].sent:
                nat = _nationality(tokens[k], gaz)
                if nat:
                    d.nats.add(nat)
        j = last + 1
        while j < len(tokens) and j <= d.last + 6 and tokens[j].sent == tokens[d.head].sent:
            tok = tokens[j]
            named = self._name_starting(j)
            if named is not None:
                if named.kind == PERSON or named.first > named.np_first:
                    break  # "il ministro dell'Economia Giancarlo Giorgetti": the name is next
                before = j - 2 if tokens[j - 1].norm in self.lex.articles else j - 1
                if tokens[before].norm in GENITIVE:  # "il presidente della Toscana", "a spokesperson for the Department"
                    nat = _nationality_at(tokens, j, gaz)
                    if nat:
                        d.nats.add(nat[0])
                    last = j = named.last
                    j += 1
                    continue
                break
            nat = _nationality_at(tokens, j, gaz)
            if nat:
                d.nats.add(nat[0])
                last = j = j + nat[1] - 1
                j += 1
                continue
            if tok.kind == "w" and j + 1 < len(tokens) and tokens[j + 1].kind == "w" and (
                    tok.norm in GENITIVE or tok.norm in lex.articles
                    or (tok.norm in ("e", "and") and tokens[j + 1].norm in GENITIVE)):
                j += 1
                continue
            if tok.kind == "w" and not tok.cap and j > last + 1 and \
                    tokens[j - 1].norm in GENITIVE and not lex.forms(tok.norm):
                last = j  # "del leader", "della diplomazia"
                j += 1
                continue
            break
        return last

    def _after_preposition(self, m: Mention, tokens: list[Token]) -> bool:
        k = m.np_first - 1
        if k >= 0 and (tokens[k].norm in self.lex.articles):
            k -= 1
        return k >= 0 and ((tokens[k].norm in self.lex.prepositions) or (tokens[k].norm in self.lex.articulated))

    def _comma_then(self, last: int, name_first: int, tokens: list[Token]) -> bool:
        """"il sindaco di Porcari, Lorenzo Pieri": a comma, then the name, within a few
        words and no verb or quote after the role."""
        for k in range(last + 1, min(last + 6, name_first)):
            tok = tokens[k]
            if tok.text == ",":
                return k + 1 == name_first
            # only what may still qualify the role: "delle Imprese e del made in Italy",
            # "dell'Autorità portuale"
            adjective = tok.kind == "w" and not tok.cap and tokens[k - 1].cap and not self.lex.forms(tok.norm) \
                and not (tok.norm in self.lex.prepositions)
            role = tok.norm in self.lex.role_heads or tokens[k - 1].norm in self.lex.role_heads
            if not (adjective or role or tok.kind in ("w", "abbr") and (
                    tok.cap or tok.norm in GENITIVE or tok.norm in ("e", "and", "in") or (tok.norm in self.lex.articles))):
                return False
        return False

    def _near(self, lo: int, hi: int) -> list[Mention]:
        """Mentions whose name starts in [lo, hi], nearest the end first."""
        a, b = bisect.bisect_left(self._firsts, lo), bisect.bisect_right(self._firsts, hi)
        return self.list[a:b][::-1]

    def _name_starting(self, j: int) -> Mention | None:
        """The name whose noun phrase (titles included) covers token j, if any."""
        for m in self._near(j, j + NAME_RUN_TOKENS):
            if m.np_first <= j <= m.first:
                return m
        return None

    def _attach(self, d: Description, tokens: list[Token]) -> None:
        """A description right before (or right after, between commas) a name is that
        person's title: "il segretario di Stato Marco Rubio", "Nicola Fox, head of …"."""
        for m in self._near(d.first - NAME_RUN_TOKENS, d.last + NAME_RUN_TOKENS):
            if m.kind not in (PERSON, UNKNOWN) or d.head <= m.first <= d.last:
                continue
            gap = d.last + 1
            while gap < m.np_first and gap - d.last <= 2 and tokens[gap].kind == "w" and (
                    (tokens[gap].norm in self.lex.prepositions) or (tokens[gap].norm in self.lex.articles)):
                gap += 1  # "il ministro dell'Economia Giancarlo Giorgetti" (titles in the run)
            before = d.last + 1 == m.np_first or d.head <= m.np_first <= d.last + 1 \
                or (gap > d.last + 1 and m.np_first <= gap < m.first)
            comma_before = self._comma_then(d.last, m.np_first, tokens)
            comma_after = (m.last + 2 == d.first and tokens[m.last + 1].text == ","
                           and (m.kind == PERSON or m.first < m.last)
                           and not self._after_preposition(m, tokens))  # not "in the Commons, the …"
            if before and m.kind == UNKNOWN and m.first == m.last and d.last > d.head + _phrase_len(d, tokens, self.lex) - 1:
                continue  # "il titolare del dicastero di via Veneto": Veneto is no name
            if before or comma_before or comma_after:
                m.roles.add(d.role)
                m.nats |= d.nats
                if m.kind == UNKNOWN and len(m.text.split()) >= 1:
                    m.kind = PERSON
                if before or comma_before:
                    m.np_first = min(m.np_first, d.first)
                d.person = m
                return
            if m.last < d.first - 3:
                break

    # -- queries -------------------------------------------------------------------
    def canonical(self, m: Mention) -> str:
        """The name to report: the fullest form of the person's name in the article. A
        surname alone is the person of that surname named last before it ("Chiara
        Ferretti" and "Nicola Ferretti" stay two people). An acronym is the name whose
        initials it spells ("RSF": "Rapid Support Forces")."""
        if m.kind != PERSON:
            name = self._expansion(m.text) if _acronym_shaped(m.text) else m.text
            return self._fullest_institution(name)
        if not m.surname_only:
            return self._fullest(m.text, m.surname)
        return self.person_named(m.surname, m.first) or m.text

    def _fullest_institution(self, name: str) -> str:
        """The fullest form of an institution's name that this article uses."""
        forms = gazetteer().institution_forms.get(fold(name))
        if not forms:
            return name
        if self._written is None:  # names in the quotes count: the reporter may never spell it out
            self._written = {fold(m.text): m.text for m in self.quoted_names + self.list}
        return next((self._written[fold(f)] for f in forms if fold(f) in self._written), name)

    def _expansion(self, acronym: str) -> str:
        """The name an acronym spells: "RSF" -> "Rapid Support Forces" (its capitals),
        "Iss" -> "Istituto superiore di sanità" (Italian writes both in lower case: the
        initials of its words but the connectors)."""
        if self._acronyms is None:
            self._acronyms = {}
            for m in self.list:
                words = [w for w in m.text.split() if w[:1].isupper()]
                if len(words) >= 2:
                    self._acronyms.setdefault("".join(w[0] for w in words), m.text)
                if m.kind == ORG:
                    content = [w for w in m.text.split() if norm(w) not in self.lex.connectors]
                    if len(content) >= 2:
                        self._acronyms.setdefault("".join(w[0] for w in content).upper(), m.text)
        return self._acronyms.get(acronym, self._acronyms.get(acronym.upper(), acronym))

    def person_named(self, surname_key: str, position: int) -> str | None:
        names = self.people.get(surname_key)
        if not names:
            return self._first_named(surname_key, position) or self._quoted_person(surname_key)
        k = bisect.bisect_right(names, (position, "\uffff")) - 1  # the last one named before
        return self._fullest(names[k][1] if k >= 0 else names[0][1], surname_key)

    def _fullest(self, name: str, surname_key: str) -> str:
        """The longest spelling of the same person: "Donald J. Trump" for "Donald Trump",
        "Serghei Lavrov" and "Sergey Lavrov" alike; not a relative with another name."""
        key = (name, surname_key)
        if key not in self._fullest_memo:
            first = fold(name.split()[0])
            spellings = {n for _, n in self.people.get(surname_key, [])}
            same = [n for n in spellings if _same_first_name(fold(n.split()[0]), first)]
            self._fullest_memo[key] = max(same + [name], key=lambda n: (len(n.split()), len(n), n))
        return self._fullest_memo[key]

    def org_with_head(self, head: str) -> str | None:
        """"the foundation" → the last organisation named "… Foundation" (in the text,
        else inside a quote)."""
        if self._org_heads is None:
            self._org_heads = {}
            for m in self.quoted_names + self.list:  # text mentions last: they win
                if m.kind == ORG:
                    self._org_heads[fold(m.text.split()[-1])] = m.text
        return self._org_heads.get(fold(head))

    def _person_nouns(self, tokens: list[Token]) -> dict[str, list[tuple[int, Mention]]]:
        """Common nouns the article puts next to a person's name ("il fotografo ravennate
        Nicola Ferretti", "Nicola Ferretti, il fotografo di 29 anni"), so that a later "il
        fotografo" refers to them: noun → [(token, person)] in text order."""
        lex, found = self.lex, []
        for m in self.list:
            if m.kind not in (PERSON, ORG, UNKNOWN):
                continue
            k = m.last + 1  # "La Sirmet, azienda di componentistica": an organisation's noun
            if m.kind != PERSON and k + 1 < len(tokens) and tokens[k].text == "," \
                    and tokens[k + 1].norm in lex.org_nouns:
                found.append((m.first, tokens[k + 1].norm, m))
            if m.kind != PERSON:
                continue
            for k in range(m.np_first - 1, max(-1, m.np_first - 4), -1):  # before the name
                tok = tokens[k]
                if tok.kind != "w" or tok.cap or tok.sent != tokens[m.first].sent:
                    break
                if (tok.norm in lex.determiners) or (tok.norm in lex.articulated):
                    noun = tokens[k + 1]
                    if k + 1 < m.np_first and not lex.forms(noun.norm):
                        found.append((m.first, noun.norm, m))
                    break
            k = m.last + 1  # after it, between commas
            if k + 2 < len(tokens) and tokens[k].text == "," and (tokens[k + 1].norm in lex.determiners):
                noun = tokens[k + 2]
                if noun.kind == "w" and not noun.cap and not lex.forms(noun.norm):
                    found.append((m.first, noun.norm, m))
        by_noun: dict[str, list[tuple[int, Mention]]] = {}
        for at, noun, m in found:
            by_noun.setdefault(noun, []).append((at, m))
        return by_noun

    def person_called(self, noun: str, before: int) -> Mention | None:
        """The person last introduced as `noun` before token `before`."""
        found = self._nouns.get(noun)
        if not found:
            return None
        k = bisect.bisect_left(found, before, key=lambda entry: entry[0]) - 1
        return found[k][1] if k >= 0 else None

    def org_before(self, index: int) -> str | None:
        """The organisation named last before token `index` (for "the company")."""
        for k in range(bisect.bisect_left(self._firsts, index) - 1, max(-1, bisect.bisect_left(self._firsts, index) - 60), -1):
            m = self.list[k]
            if m.kind == ORG or (m.kind == UNKNOWN and len(m.text.split()) >= 2):
                return m.text
        return None

    def persons_before(self, index: int) -> Iterator[Mention]:
        """Person mentions ending before token `index`, nearest first."""
        for k in range(bisect.bisect_left(self._firsts, index) - 1, -1, -1):
            m = self.list[k]
            if m.kind == PERSON and m.last < index:
                yield m

    def between(self, lo: int, hi: int) -> list[Mention]:
        """Mentions whose noun phrase starts at or after token `lo` and whose name
        starts before `hi`, in text order."""
        a = bisect.bisect_left(self._firsts, lo)
        b = bisect.bisect_left(self._firsts, hi)
        if b <= a:
            return []  # most clauses name nobody
        return [m for m in self.list[a:b] if m.np_first >= lo]

    def free_descriptions_between(self, lo: int, hi: int) -> list[Description]:
        """Descriptions not attached to a name, starting in [lo, hi)."""
        a = bisect.bisect_left(self._free_firsts, lo)
        b = bisect.bisect_left(self._free_firsts, hi)
        return self._free[a:b]

    def profile(self, name: str) -> tuple[set[str], set[str]]:
        """All roles and countries the article gives the person called `name`."""
        return self._profiles.get(name, (set(), set()))


def _phrase_len(d: Description, tokens: list[Token], lex: Lexicon) -> int:
    """Tokens of the role phrase itself (without the article and modifiers)."""
    size = 1
    while d.head + size <= d.last and tuple(t.norm for t in tokens[d.head:d.head + size + 1]) in lex.roles:
        size += 1
    return size


def _same_first_name(a: str, b: str) -> bool:
    """Transliterations and initials of one first name: Serghei ~ Sergey, J. ~ John."""
    if a == b or (a.rstrip(".") and b.startswith(a.rstrip("."))) or (b.rstrip(".") and a.startswith(b.rstrip("."))):
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.7


def _starts_np(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """A bare role word begins a noun phrase at a sentence start or after a comma."""
    if i == 0 or tokens[i - 1].sent != tokens[i].sent:
        return True
    return tokens[i - 1].text in (",", ":", "(") or tokens[i - 1].kind == "q" or tokens[i].cap


def _longest_match(tokens: list[Token], i: int, table: dict[Phrase, str], sizes: list[int]):
    """The longest phrase of `table` starting at token i; `sizes` are the lengths of the
    phrases that start with token i's word, longest first."""
    for size in sizes:
        key = tuple(t.norm for t in tokens[i:i + size])
        if key in table and all(t.kind == "w" for t in tokens[i:i + size]):
            return key, table[key]
    return None


def _nationality(tok: Token, gaz: Gazetteer) -> str | None:
    return gaz.nationalities.get((fold(tok.text),)) if tok.kind in ("w", "abbr") else None


def _nationality_at(tokens: list[Token], i: int, gaz: Gazetteer) -> tuple[str, int] | None:
    folded = [fold(t.text) for t in tokens[i:i + 3]]
    for size in (3, 2, 1):
        key = tuple(folded[:size])
        if len(key) == size and key in gaz.nationalities:
            return gaz.nationalities[key], size
    return None


# -- names -------------------------------------------------------------------------
def _credit_tokens(tokens: list[Token], lex: Lexicon) -> set[int]:
    """Tokens of sentences that are not the reporter's narrative: a byline or a credit
    ("By Jane Roe and Ian Poe", "With files from The Canadian Press") and page furniture
    ("Story continues below advertisement"). A name there is nobody's speaker."""
    found: set[int] = set()
    furniture = lex.multi_first.get("page_furniture", {})
    credits = lex.multi_first.get("credits", {})
    if not furniture and not credits:
        return found
    by_sentence: dict[int, list[Token]] = {}
    for tok in tokens:
        by_sentence.setdefault(tok.sent, []).append(tok)
    for sentence in by_sentence.values():
        words = [t for t in sentence if t.kind in ("w", "abbr")]
        if not words:
            continue
        size = _phrase_at(words, furniture)
        if size:
            found.update(t.index for t in words[:size])
            continue
        size = _phrase_at(words, credits)
        if size and _only_names(words[size:], sentence, lex):
            found.update(t.index for t in sentence)
    return found


COMMON_WORD_RANK = 5000  # a word this frequent, written in lower case elsewhere, is a word


def _capitalised_word(m: Mention, tokens: list[Token], lowercase: set[str], lex: Lexicon) -> bool:
    """A single word the gazetteer does not know, capitalised only because it opens a
    sentence or stands in a title-case headline, and written in lower case elsewhere in
    the article ("Supports", "supporting"): an ordinary word, not a name."""
    if m.kind != UNKNOWN or m.first != m.last:
        return False
    tok = tokens[m.first]
    if tok.text.isupper() or not (_sentence_initial(tokens, m.first) or _title_case_sentence(tokens, m.first)):
        return False
    if ranks(lex.lang).get(tok.norm, COMMON_RANK_UNLISTED) >= COMMON_WORD_RANK:
        return False
    stem = tok.norm
    for suffix in ("ing", "ed", "es", "s"):
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 4:
            stem = stem[:-len(suffix)]
            break
    return tok.norm in lowercase or any(w.startswith(stem) for w in lowercase if len(w) >= len(stem))


COMMON_RANK_UNLISTED = 1 << 30


def _sentence_initial(tokens: list[Token], k: int) -> bool:
    return k == 0 or tokens[k - 1].sent != tokens[k].sent


def _title_case_sentence(tokens: list[Token], k: int) -> bool:
    """A headline that capitalises every word ("Minister Says Plan Supports Calls")."""
    sent = tokens[k].sent
    lo = hi = k
    while lo > 0 and tokens[lo - 1].sent == sent:
        lo -= 1
    while hi + 1 < len(tokens) and tokens[hi + 1].sent == sent:
        hi += 1
    long_words = [t for t in tokens[lo:hi + 1] if t.kind == "w" and len(t.text) >= 4]
    return len(long_words) >= 4 and sum(t.cap for t in long_words) >= 0.8 * len(long_words)


def _phrase_at(words: list[Token], table: dict[str, tuple[Phrase, ...]]) -> int:
    """Length of the longest phrase of `table` the words open with (0 if none)."""
    for phrase in table.get(words[0].norm, ()):
        if tuple(t.norm for t in words[:len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _only_names(rest: list[Token], sentence: list[Token], lex: Lexicon) -> bool:
    """Names joined by "and" and commas, nothing said: a list of credited people."""
    if not rest or any(t.kind == "q" for t in sentence) or len(sentence) > 30:
        return False
    return all(t.cap or t.norm in ("and", "the", "&") or t.norm in lex.connectors
               for t in rest)


def _find_names(tokens: list[Token], text: str, lex: Lexicon, gaz: Gazetteer) -> list[Mention]:
    found = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        if not tok.cap and "-" not in tok.text and tok.norm not in gaz.starting_particles:
            i += 1  # the cheap test first (no name word, no particle): most tokens
            continue
        if not _name_word(tok, lex) and not (
                tok.norm in gaz.starting_particles and _particles_then_name(tokens, i, lex, gaz)):
            i += 1  # (a name may begin with a particle in lower case: "von der Leyen said")
            continue
        run = _run(tokens, i, lex, gaz)
        i = run[-1] + 1
        mention = _classify(tokens, run, text, lex, gaz)
        if mention is not None and run[0] > 0 and tokens[run[0] - 1].norm in STREET_WORDS:
            mention.kind = PLACE  # "piazza Vittorio Veneto", "via Gramsci": streets, not people
        if mention is not None:
            found.append(mention)
    return found


def _name_word(tok: Token, lex: Lexicon) -> bool:
    if not tok.cap:
        return "-" in tok.text and _prefixed(tok)  # "al-Jaber"
    forms = lex.forms(tok.norm)
    if any(f.use in ("fin3", "part", "ger") and f.lemma != tok.norm for f in forms) and not tok.text.isupper():
        return False  # title-case headlines: "Trump Admits …" is a name and a verb ("State" is a name)
    # English headlines capitalise every word ("Putin Has Been…"); Italian ones do not,
    # and "Stato", "Sono" there are names or sentence starts.
    return lex.lang != "en" or not (tok.norm in lex.aux) or tok.text.isupper()


def _prefixed(tok: Token) -> bool:
    """A surname written with a particle and a hyphen: "al-Jaber", "el-Sisi"."""
    head, _, rest = tok.text.partition("-")
    return tok.kind == "w" and rest[:1].isupper() and norm(head) + "-" in gazetteer().particle_prefixes


def _capitalised(tok: Token) -> bool:
    return tok.cap or ("-" in tok.text and _prefixed(tok))


def _particles_then_name(tokens: list[Token], k: int, lex: Lexicon, gaz: Gazetteer) -> int:
    """How many lower-case name particles stand at k before a name word of the same
    sentence ("von der" in "von der Leyen"); 0 if they do not."""
    size = 0
    while k + size < len(tokens) and size < 3:
        tok = tokens[k + size]
        if tok.kind != "w" or tok.cap or tok.sent != tokens[k].sent or \
                not (tok.norm in gaz.strong_particles or tok.norm in gaz.weak_particles):
            break
        size += 1
    end = k + size
    if size and end < len(tokens) and tokens[end].sent == tokens[k].sent and _name_word(tokens[end], lex):
        return size
    return 0


def _org_follows(tokens: list[Token], k: int, lex: Lexicon, gaz: Gazetteer) -> bool:
    """Does a capitalised run ending with an organisation word start at k?"""
    last = None
    while k < len(tokens) and _name_word(tokens[k], lex):
        last = tokens[k]
        k += 1
    return last is not None and fold(last.text) in gaz.organisation_heads


def _run(tokens: list[Token], i: int, lex: Lexicon, gaz: Gazetteer) -> list[int]:
    run = [i]
    j = i
    while j + 1 < len(tokens) and tokens[j + 1].sent == tokens[i].sent:
        if tokens[j].text.endswith(("'", "’")) and tokens[j].kind == "w" and not _elided_particle(tokens, j):
            break  # possessive or elision ends a name: "Trump’s"
        nxt = tokens[j + 1]
        if _name_word(nxt, lex):
            run.append(j + 1)
            j += 1
        elif size := _particles_then_name(tokens, j + 1, lex, gaz):
            # "Ursula von der Leyen", "Leonardo da Vinci": whether a particle that is also
            # a preposition belongs to the name is decided with the whole run (_plan)
            run += list(range(j + 1, j + 2 + size))
            j += 1 + size
        elif nxt.norm in ("and", "&", "e") and (_org_follows(tokens, j + 2, lex, gaz) or (
                any(fold(tokens[k].text) in gaz.organisation_heads for k in run)
                and j + 2 < len(tokens) and _name_word(tokens[j + 2], lex))):
            # "Scottish Fire and Rescue Service", "Department for Business and Trade"
            run.append(j + 1)
            j += 1
        elif nxt.kind == "w" and (nxt.norm in lex.connectors) and not nxt.cap and \
                j + 2 < len(tokens) and _name_word(tokens[j + 2], lex) and tokens[j + 2].sent == tokens[i].sent:
            run += [j + 1, j + 2]
            j += 2
        elif nxt.norm in ("for", "per") and fold(tokens[j].text) in gaz.organisation_heads and \
                j + 2 < len(tokens) and _name_word(tokens[j + 2], lex):
            run += [j + 1, j + 2]  # "Centers for Disease Control", "Department for Business"
            j += 2
        else:
            break
    if fold(tokens[run[-1]].text) in gaz.organisation_heads and lex.lang != "en":
        # (English capitalises every word of an institution's name: "Police closed" is not one)
        run += _lowercase_tail(tokens, run[-1] + 1, lex)
    return run


def _acronym_shaped(text: str) -> bool:
    """"RSF", "CGIL", and Italian-style "Iss", "Asl", "Inps": one short word."""
    return (text.isupper() and len(text) >= 2) or (
        2 <= len(text) <= 5 and text[:1].isupper() and text[1:].islower() and text.isalpha())


def _elided_particle(tokens: list[Token], j: int) -> bool:
    """"D'Alema", "Dell'Utri", "Dall'Oglio": a capitalised elided particle glued to a
    capitalised word is the first part of a surname, not the end of a name."""
    tok = tokens[j]
    if not tok.cap or j + 1 >= len(tokens) or tokens[j + 1].start != tok.end or not tokens[j + 1].cap:
        return False
    return tok.norm in gazetteer().elided_particles


def _lowercase_tail(tokens: list[Token], k: int, lex: Lexicon) -> list[int]:
    """"Federazione nazionale della stampa", "Protezione civile", "Corte dei conti": an
    institution's name may go on in lower case after its head word."""
    tail: list[int] = []
    sent = tokens[k - 1].sent
    while k < len(tokens) and len(tail) < 4 and tokens[k].sent == sent:
        tok = tokens[k]
        if tok.norm in GENITIVE and k + 1 < len(tokens) and _tail_word(tokens[k + 1], lex):
            tail += [k, k + 1]
            k += 2
        elif _tail_word(tok, lex):
            tail.append(k)
            k += 1
        else:
            break
    return tail


def _tail_word(tok: Token, lex: Lexicon) -> bool:
    return tok.kind == "w" and not tok.cap and len(tok.norm) >= 4 and not lex.forms(tok.norm) \
        and tok.norm not in lex.not_names and tok.norm not in lex.prepositions \
        and tok.norm not in lex.articulated and tok.norm not in lex.conjunctions


def _classify(tokens: list[Token], run: list[int], text: str, lex: Lexicon,
              gaz: Gazetteer) -> Mention | None:
    """The mention a run of capitalised tokens makes, if any. The decision depends on the
    words only, so it is cached: names recur in an article and across articles."""
    k = run[0]  # a capitalised article opens a sentence ("La Commissione"), or a surname ("La Russa")
    initial = k == 0 or tokens[k - 1].sent != tokens[k].sent or (tokens[k - 1].kind in ("p", "q")
                                                                 and tokens[k - 1].text != ",")
    plan = _plan(tuple([tokens[k].text for k in run]), tuple([tokens[k].kind for k in run]), lex.lang, initial)
    if plan is None:
        return None
    kind, np_at, first_at, last_at, nats = plan
    first, last = tokens[run[first_at]], tokens[run[last_at]]
    mention = Mention(first.index, last.index, tokens[run[np_at]].index,
                      text[first.start:last.end].rstrip("'’"), kind, run_last=tokens[run[-1]].index)
    mention.nats |= nats
    return mention


Plan = tuple[str, int, int, int, frozenset[str]]  # kind, NP start, name first, name last, countries


@lru_cache(maxsize=32768)
def _plan(words: tuple[str, ...], kinds: tuple[str, ...], lang: str, initial: bool = False) -> Plan | None:
    toks = [Token(w, 0, 0, k, index=n) for n, (w, k) in enumerate(zip(words, kinds))]
    return _plan_tokens(toks, lexicon(lang), gazetteer(), initial)


def _before_provenance(toks: list[Token], gaz: Gazetteer) -> list[Token]:
    """"Di Maio da Roma", "Meloni da Palazzo Chigi": the name ends before a preposition
    that introduces a known place, institution or medium."""
    for k in range(1, len(toks) - 1):
        tok, before = toks[k], fold(toks[k - 1].text)
        if not tok.cap and tok.norm in gaz.provenance_particles and _known_prefix(toks[k + 1:], gaz) \
                and before not in gaz.titles and before not in gaz.organisation_heads:
            return toks[:k]
    return toks


def _surname_front(toks: list[Token], lex: Lexicon, gaz: Gazetteer, initial: bool) -> bool:
    """Does the run start with a surname's particle ("von der Leyen", "Di Maio", "Le Pen"),
    rather than with a word to drop ("Il Cremlino", "Di fronte", "Da Roma")?"""
    if len(toks) < 2 or toks[0].kind != "w":
        return False
    first, nxt = toks[0], toks[1]
    if first.norm in gaz.strong_particles:
        return True
    if not first.cap or first.norm not in gaz.weak_particles or not _capitalised(nxt) or nxt.text.isupper():
        return False
    if initial and (first.norm in lex.articles or first.norm in lex.articulated):
        return False  # "La Commissione ha deciso": an article opening the sentence
    head = fold(nxt.text)
    return not (head in gaz.first_names or head in gaz.titles or head in gaz.organisation_heads
                or _known_prefix(toks[1:], gaz) or (nxt.norm,) in lex.roles)


def _plan_tokens(toks: list[Token], lex: Lexicon, gaz: Gazetteer, initial: bool = False) -> Plan | None:
    if len(toks) > 1 and all(t.text.isupper() and len(t.text) > 1 for t in toks):
        whole = tuple(fold(t.text) for t in toks)
        if whole not in gaz.institutions and whole not in gaz.media:
            return None  # SHOUTED HEADLINE WORDS, not a name
    # Drop capitalised function words at the front ("Il Cremlino", "In Italia"), but not
    # a first name that is also a word ("Nello Musumeci").
    while toks and ((toks[0].norm in lex.not_names) or (toks[0].norm in lex.adverbs)
                    or (toks[0].norm in lex.conjunctions)) and _known(toks, gaz) is None \
            and not (len(toks) > 1 and fold(toks[0].text) in gaz.first_names) \
            and not _surname_front(toks, lex, gaz, initial):
        toks = toks[1:]
        initial = False
    if not toks:
        return None
    known = _known(toks, gaz)
    if known is not None:
        return _planned(toks, toks, known)
    toks = _before_provenance(toks, gaz)
    if tuple(t.norm for t in toks) in lex.roles or (len(toks) == 1 and (toks[0].norm.rstrip("s"),) in lex.roles):
        return _planned(toks, toks, TITLE)  # "PM", "Premier", "Analysts": a role, not a name
    while len(toks) > 2 and ((toks[0].norm,) in lex.roles or (initial and _common_head(toks[0], gaz))) \
            and toks[1].norm in lex.connectors and not toks[1].cap \
            and not _surname_front(toks[1:], lex, gaz, False):
        toks = toks[2:]  # "Fonti di Palazzo Chigi": the sources' institution
        initial = False  # "Incursione di Fiorello": a sentence opens with a noun, a name follows
    affiliated = _person_of_institution(toks, lex, gaz)
    if affiliated:
        return _planned(toks, toks[:affiliated], PERSON)  # "Duane Mellor of Aston University"
    if any(t.cap and fold(t.text) in gaz.organisation_heads for t in toks) \
            and not any(fold(t.text) in gaz.first_names for t in toks):
        return _planned(toks, toks, ORG)  # "European Space Agency", whole
    # Peel titles, nationalities and institutions off the front.
    nats: set[str] = set()
    person_title = titled = False
    prefix_kind = None
    rest = toks
    while rest:
        head = fold(rest[0].text.rstrip("'’."))
        whole = fold(rest[0].text)
        prefix = _known_prefix(rest, gaz)
        if _surname_front(rest, lex, gaz, initial and rest is toks):
            break  # "Ministro Di Maio", "President von der Leyen"
        if head in gaz.titles or (rest[0].norm in lex.connectors):
            person_title |= head in PERSON_TITLES
            titled |= head in gaz.titles
            rest = rest[1:]
        elif (head,) in gaz.nationalities or (whole,) in gaz.nationalities:
            nats.add(gaz.nationalities.get((head,)) or gaz.nationalities[(whole,)])
            rest = rest[1:]
        elif prefix and prefix < len(rest):
            nat = gaz.nationalities.get(tuple(fold(t.text) for t in rest[:prefix]))
            if nat:
                nats.add(nat)
            prefix_kind = _known(rest[:prefix], gaz)
            rest = rest[prefix:]
        else:
            break
    if not rest:
        return _planned(toks, toks, TITLE)
    if prefix_kind == MEDIA and fold(rest[0].text) not in gaz.first_names:
        return _planned(toks, toks, MEDIA)  # "BBC Radio Scotland": a medium
    rest = _person_part(rest, lex, gaz)
    known = _known(rest, gaz)
    if known is not None:
        return _planned(toks, rest, known, nats)
    if any(t.cap and fold(t.text) in gaz.organisation_heads for t in rest):
        return _planned(toks, rest if len(rest) > 1 else toks, ORG, nats)
    if fold(rest[0].text) in gaz.first_names or ((person_title or titled) and _name_shaped(rest, lex, 1)) \
            or _family_name_first(rest, gaz):
        return _planned(toks, rest, PERSON, nats)  # "Trade Representative Jamieson Greer"
    return _planned(toks, rest, UNKNOWN, nats)


def _common_head(tok: Token, gaz: Gazetteer) -> bool:
    """A capitalised word opening a sentence that is no given name, title or institution's
    head ("Incursione di Fiorello", "Parole di Meloni"): a common noun, not part of a name."""
    head = fold(tok.text)
    return tok.kind == "w" and not tok.text.isupper() and head not in gaz.first_names \
        and head not in gaz.titles and head not in gaz.organisation_heads and (head,) not in gaz.institutions \
        and (head,) not in gaz.places


def _person_of_institution(toks: list[Token], lex: Lexicon, gaz: Gazetteer) -> int:
    """"Duane Mellor of Aston University", "Ana Ruiz of the Canadian Medical Association":
    a name, "of", then an institution. How many tokens the person's name has (0 if the run
    is not one)."""
    for k in range(2, min(4, len(toks) - 1) + 1):
        if toks[k].norm not in ("of", "at", "from") or toks[k].cap:
            continue
        name, rest = toks[:k], toks[k + 1:]
        if rest and rest[0].norm == "the":
            rest = rest[1:]
        if not rest or not _name_shaped(name, lex) or _known(name, gaz) or _known_prefix(name, gaz):
            return 0
        if any(fold(t.text) in gaz.organisation_heads or fold(t.text) in gaz.titles
               or (t.norm,) in lex.roles or (fold(t.text),) in gaz.nationalities for t in name):
            return 0  # "Royal Bank of Canada", "Prime Minister of Canada"
        institution = _known(rest, gaz) in (ORG, MEDIA) or any(
            fold(t.text) in gaz.organisation_heads for t in rest)
        return k if institution else 0
    return 0


def _given_name_like(tok: Token, lex: Lexicon, gaz: Gazetteer) -> bool:
    """A capitalised word that may be a given name the gazetteer does not know: not a
    place, institution, title, role or nationality ("Fiumicino", "Astrophysicist" are not)."""
    key = fold(tok.text)
    return tok.kind == "w" and tok.cap and not tok.text.isupper() and _known([tok], gaz) is None \
        and key not in gaz.titles and key not in gaz.organisation_heads \
        and (key,) not in gaz.nationalities and (tok.norm,) not in lex.roles \
        and tok.norm not in lex.not_names and not lex.forms(tok.norm) \
        and not tok.norm.endswith(("ist", "er", "or", "ian"))


def _family_name_first(rest: list[Token], gaz: Gazetteer) -> bool:
    """"Lin Jian", "Xi Jinping": a Chinese family name and one given name."""
    return len(rest) == 2 and fold(rest[0].text) in gaz.family_first and rest[1].cap \
        and not rest[1].text.isupper() and fold(rest[1].text) not in gaz.organisation_heads


def _person_part(rest: list[Token], lex: Lexicon, gaz: Gazetteer) -> list[Token]:
    """Where a run holds a first name after other words, the person starts there
    ("Fiumicino Nicola Ferretti", "Astrophysicist Hannah Lowe") and ends before "of"
    ("Ravi Patel of Northamptonshire Police")."""
    names = [k for k, t in enumerate(rest) if fold(t.text) in gaz.first_names]
    if not names:
        return rest
    start = names[0]
    if start and fold(rest[start - 1].text) in gaz.family_first:
        start -= 1  # "spokesperson Lin Jian": the family name comes first
    elif start and start == len(rest) - 1 and _given_name_like(rest[start - 1], lex, gaz):
        start -= 1  # "his wife Gabby Kelly": a first name that is her surname
    if start and not _known(rest[:start], gaz) == ORG:
        rest = rest[start:]
    for k, t in enumerate(rest[1:], 1):
        if not t.cap and (t.norm in GENITIVE or t.norm in gaz.weak_particles) and not _in_surname(rest, k, gaz):
            return rest[:k]  # ("Luca Di Biase", "Luca di Biase": the particle is his name)
    return rest


def _in_surname(rest: list[Token], k: int, gaz: Gazetteer) -> bool:
    """Is the lower-case word at k a particle of the person's surname? "Ursula von der
    Leyen", "Leonardo da Vinci" (right after a given name); not "Mario Rossi di Bergamo",
    "Giorgia da Roma", "Matteo Salvini della Lega"."""
    end = k
    while end < len(rest) and not rest[end].cap and (
            rest[end].norm in gaz.strong_particles or rest[end].norm in gaz.weak_particles):
        end += 1
    if end == k or end == len(rest):
        return False
    if any(t.norm in gaz.strong_particles for t in rest[k:end]):
        return True
    after = rest[end:]
    return fold(rest[k - 1].text) in gaz.first_names and not _known_prefix(after, gaz) \
        and not any(fold(t.text) in gaz.organisation_heads for t in after)


def _name_shaped(rest: list[Token], lex: Lexicon, fewest: int = 2) -> bool:
    """One to three capitalised words with nothing between them but a surname's particles
    ("Ursula von der Leyen", "von der Leyen") look like a person's name; "Giornata
    Mondiale del Risparmio" does not."""
    gaz = gazetteer()
    words = 0
    for k, t in enumerate(rest):
        if t.text.isupper():
            return False
        if _capitalised(t):
            words += 1
        elif not (t.norm in gaz.strong_particles and k == 0 or k > 0 and _in_surname(rest, k, gaz)):
            return False
    return fewest <= words <= 3 and _capitalised(rest[-1])


def _planned(toks: list[Token], name: list[Token], kind: str, nats: set[str] | None = None) -> Plan:
    return kind, toks[0].index, name[0].index, name[-1].index, frozenset(nats or ())


def _known(toks: list[Token], gaz: Gazetteer) -> str | None:
    key = tuple(fold(t.text.rstrip("'’")) for t in toks)
    if key in gaz.media:
        return MEDIA
    if key in gaz.institutions:
        return ORG
    if key in gaz.places:
        return PLACE
    return None


def _known_prefix(toks: list[Token], gaz: Gazetteer) -> int:
    """Length of the longest institution or place at the front of a run ("Casa Bianca")."""
    for size in range(min(len(toks), gaz.longest), 0, -1):
        key = tuple(fold(t.text) for t in toks[:size])
        if key in gaz.institutions or key in gaz.places or key in gaz.media:
            return size
    return 0
