"""From a mention to a speaker, through the article's table of people and institutions.

It decides:
- a name: its fullest form in the article (`named`: "Rubio" → "Marco Rubio"), and whether a
  one-word name of unknown kind is a known person's surname (`known_surname`);
- a pronoun (`resolve_pronoun`: he, she, lui, lei): the most salient person of that gender;
- a relative pronoun (`antecedent`: "Donald Trump, che ha detto"): the name before it;
- a title (`resolve_title`) or a description (`resolve_description`: "il titolare della
  diplomazia americana", "the PM", "un funzionario della Casa Bianca"): the person named
  with that title, the only one who may hold it, the most salient compatible person, the
  institution of an indefinite description, or the description itself for someone the
  article does not name (`_unnamed`) and, in English, for groups and possessed roles
  ("officials", "his lawyer");
- "Analysts at Peel Hunt", "fonti della Difesa": the organisation they speak for (`org_after`).

Salience (`_salient`) reads the article state (`records.State`): the last person the text was
about, then the subjects of the preceding sentences, then the people named before.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from .clauses import Clauses
from .document import Document
from .lexicon import fold
from .mentions import MEDIA, ORG, PERSON, PLACE, UNKNOWN, Description, Mention
from .records import Speaker, State

PRONOUN_GENDER = {"he": "m", "him": "m", "lui": "m", "egli": "m", "she": "f", "her": "f",
                  "lei": "f", "ella": "f"}
SALIENT_SENTENCES = 8  # how far back the subjects of sentences stay salient
LOOKBACK = 200  # mentions searched back for a referent: bounds the work in huge articles
COPULAS = frozenset(("be", "is", "was", "were", "are", "been", "being", "become", "became", "as",
                     "remains", "remained", "named", "appointed",
                     "è", "era", "sono", "erano", "fu", "sarà", "come", "diventato", "diventata", "nominato",
                     "nominata"))  # "è un'infermiera", "worked as a nurse": what someone is
UNNAMED_ROLES = frozenset(("plural",))  # role groups (lexicons) that are never one named person


class Resolver:
    """Resolution of one article's mentions to speakers."""

    def __init__(self, doc: Document, clauses: Clauses, state: State) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        self.lex = doc.lex
        self.m = doc.mentions
        self.clauses = clauses
        self.state = state

    def named(self, m: Mention) -> Speaker:
        """The speaker a name stands for: its fullest form in the article."""
        name = self.m.canonical(m)
        if m.kind in (UNKNOWN,) and len(m.text.split()) == 1:
            full = self.m.person_named(m.surname, m.first)
            if full:
                return Speaker(full, PERSON, "surname")
        how = "surname" if name != m.text else "name"
        return Speaker(name, m.kind if m.kind != UNKNOWN else PERSON, how)

    def known_surname(self, m: Mention) -> bool:
        """"Panetta" after "Fabio Panetta": a one-word name of unknown kind that is the
        surname of a person the article names in full."""
        return m.kind == UNKNOWN and m.first == m.last and self.named(m).how == "surname"

    def resolve_pronoun(self, j: int) -> Speaker | None:
        """He, she, lui, lei: the most salient person of that gender (or of unknown
        gender: the first names in lexicons/names.toml tell)."""
        want = PRONOUN_GENDER.get(self.tokens[j].norm)
        for person in self._salient(j):
            if want is None or self._gender(person.name) in (None, want):
                return Speaker(person.name, PERSON, "pronoun")
        return None

    def _gender(self, name: str) -> str | None:
        return self.doc.gaz.gender.get(fold(name.split()[0])) if name else None

    def antecedent(self, rel: int, lo: int) -> Speaker | None:
        """"Donald Trump che ha definito …": the name right before the relative pronoun."""
        k = rel - 1
        if k >= lo and self.tokens[k].text == ",":
            k -= 1
        m = self.m.ending_at.get(k)
        if m is not None and m.kind in (PERSON, ORG, UNKNOWN, PLACE):
            s = self.named(m)
            return Speaker(s.name, s.kind, "relative")
        d = self.m.description_ending_at.get(k)
        if d is not None:
            return self.resolve_description(d, k)
        return None

    def org_after(self, m: Mention) -> Speaker | None:
        """"Analysts at Peel Hunt", "fonti della Difesa": the organisation they speak for."""
        k = m.last + 1
        if k < len(self.tokens) and (self.tokens[k].norm in self.lex.prepositions or self.tokens[k].norm in self.lex.articulated):
            org = self.m.starting_at.get(k + 1) or self.m.starting_at.get(k + 2)
            if org is not None and org.kind in (ORG, UNKNOWN):
                return Speaker(self.named(org).name, ORG, "description")
        return None

    def resolve_title(self, m: Mention, j: int) -> Speaker | None:
        """A title ("il ministro", "President"): the description it heads, resolved."""
        for d in self.m.descriptions:
            if d.first >= m.np_first - 1 and d.head <= m.last:
                return self.resolve_description(d, j)
        return None

    def resolve_description(self, d: Description, j: int) -> Speaker | None:
        """The person (or institution) a description stands for: the person it names, a
        group, an indefinite's institution, the only or the most salient person who may
        hold the role, else someone unnamed."""
        if d.person is not None:
            return self.named(d.person)
        described = self._described_group(d)
        if described is not None:
            return described
        if d.indefinite:  # "un funzionario della Casa Bianca": nobody named, the institution
            for m in self.m.between(d.first, d.last + 1):
                if m.kind in (ORG, MEDIA):
                    return Speaker(self.named(m).name, ORG, "description")
            if d.role == "spokesperson":  # "The Treasury pushed back. A spokesperson said"
                org = self.m.org_before(d.first)
                if org is not None:
                    return Speaker(org, ORG, "description")
            return Speaker("", PERSON, "indefinite")  # "one researcher": someone unnamed
        if d.same:  # "lo stesso comandante in capo": the person just mentioned
            nearest = next(self.m.persons_before(d.first), None)
            if nearest is not None:
                return Speaker(self.named(nearest).name, PERSON, "description")
        candidates = []
        for m in islice(self.m.persons_before(d.first), LOOKBACK):
            if d.role not in self.lex.widen(m.roles):
                continue
            if d.nats and m.nats and not (d.nats & m.nats):
                continue
            name = self.named(m).name
            if name not in candidates:
                candidates.append(name)
        if len(candidates) == 1:
            return Speaker(candidates[0], PERSON, "description")
        for s in self._salient(d.first):
            if candidates and s.name not in candidates:
                continue
            if self._compatible(s.name, d):
                return Speaker(s.name, s.kind, "description")
        if candidates:
            return Speaker(candidates[0], PERSON, "description")
        return self._unnamed(d)

    def _described_group(self, d: Description) -> Speaker | None:
        """People a description cannot make one named person ("officials",
        "protesters") or someone's ("his lawyer", unless the article introduced the lawyer
        by name): the description, as the article gives it, is the speaker (FORMAT.md).
        (An indefinite "a spokesperson" keeps its institution: on unseen news the gold
        named the institution or a person more often than the description.)"""
        if self._predicative(d):
            return None
        if d.possessive:
            person = self.m.person_called(self.tokens[d.head].norm, d.first)
            if person is not None:
                return Speaker(self.named(person).name, PERSON, "description")
        if d.role in UNNAMED_ROLES or d.possessive:
            return self._description_text(d)
        return None

    def _predicative(self, d: Description) -> bool:
        """"to be an actress", "worked as a nurse": a description that says what someone
        is, not who speaks."""
        k = d.first - 1
        return k >= 0 and self.tokens[k].norm in COPULAS

    def _description_text(self, d: Description) -> Speaker:
        """The description's words, with the nouns that qualify it in front ("Toronto
        police officials", "city officials") when no article opens it."""
        toks, first = self.tokens, d.first
        sent = toks[d.first].sent
        while first > 0 and first > d.first - 3 and toks[first - 1].sent == sent and first == d.head:
            prev = toks[first - 1]
            if prev.kind != "w" or self.clauses.verb_at(first - 1) or prev.norm in self.lex.prepositions \
                    or prev.norm in self.lex.conjunctions or prev.norm in self.lex.not_names \
                    or prev.norm in self.lex.aux or self.lex.has("relatives", prev.norm):
                break
            first -= 1
            if not prev.cap:
                break
        name = self.doc.text[toks[first].start:toks[d.last].end]
        self.state.unnamed.setdefault(name, (d.role, d.nats))
        return Speaker(name, PERSON, "unnamed")

    def _unnamed(self, d: Description) -> Speaker | None:
        """Someone the article describes and does not name ("il ministro degli Esteri
        russo", "the Secretary of State"): the description, as the article gives it, is the
        speaker — not the institution or the person the text was about, when they cannot
        be it. None when the article gives the role to someone (named later: "The Cop28
        president, Sultan Al Jaber") or the person the text is about may hold it."""
        if any(d.role in self.lex.widen(m.roles) and not (d.nats and m.nats and not d.nats & m.nats)
               for m in self.m.list if m.kind == PERSON):
            return None
        if self.lex.lang == "en":
            return self._description_text(d)  # "the minister said", and no minister named
        if self.state.topic is None or self.state.topic.kind == PERSON:
            return None  # (a later sentence may name them: the first quotes take the next speaker)
        name = self.doc.text[self.tokens[d.first].start:self.tokens[d.last].end]
        self.state.unnamed.setdefault(name, (d.role, d.nats))
        return Speaker(name, PERSON, "unnamed")

    def _salient(self, before: int) -> Iterator[Speaker]:
        """People in order of salience at a point: last speaker, recent subjects, mentions."""
        sent = self.tokens[before].sent if before < len(self.tokens) else len(self.doc.sentences)
        if self.state.topic_person is not None:
            yield self.state.topic_person
        for s, subject in reversed(self.state.sentence_subjects[-SALIENT_SENTENCES:]):
            if s < sent:
                yield subject
        for m in islice(self.m.persons_before(before), LOOKBACK):
            yield self.named(m)

    def _compatible(self, name: str, d: Description) -> bool:
        """Not someone whose own titles say they have another role or country (someone
        described, not named, has the role and country of their description)."""
        roles, nats = self.m.profile(name) if name not in self.state.unnamed else ({self.state.unnamed[name][0]}, self.state.unnamed[name][1])
        if d.nats and nats and not (d.nats & nats):
            return False
        return not roles or d.role in self.lex.widen(roles) or d.role in ("person", "official", "leader")
