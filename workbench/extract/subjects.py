"""Who a predicate is about: the subject, agent or noun phrase next to a reporting verb.

It decides:
- the subject of a verb (`subject_of`): the noun phrase before it (`preverbal_np`, past
  appositions: "Maria Zakharova, the ministry spokeswoman, said"), the one after it in
  Italian inversions ("Lo ha detto X", "ha detto alla Cnn la portavoce Anna Kelly"), the
  main clause's for a gerund or a coordinated verb (`_main_subject`);
- the noun phrase ending at a token (`_np_ending`) or starting at one (`np_from`): a name, a
  description, a pronoun, a relative's antecedent, "the company" (`_org_phrase`), a pair of
  people ("Tom Hanks and Rita Wilson said"), "a White House official", "A statement said";
- the subject after a verb (`postverbal`): past "to reporters", an agent ("quoted by X"),
  the first person named in the next words ("il vicepremier e ministro degli Esteri,
  Antonio Tajani"), a person titled in lower case ("said union president Linda Kaye");
- the first person (or institution) of a clause outside any prepositional phrase
  (`first_subject`).

Names become speakers through `resolution`; the tokens are read through `clauses`.
"""

from __future__ import annotations

from .clauses import Clauses, personlike
from .document import Document
from .mentions import MEDIA, ORG, PERSON, PLACE, TITLE, UNKNOWN, Mention
from .records import Speaker, State
from .resolution import Resolver

# Words that are prepositions and also open a clause whose subject follows them.
SUBORDINATORS = frozenset(("after", "before", "since", "until", "as", "dopo", "prima", "mentre"))
APPOSITION_TOKENS = 16  # how far back a name may stand before its appositions
PERSON_AHEAD_TOKENS = 9  # how far after a verb its subject may be named
GENITIVE_WORDS = frozenset(("di", "del", "dello", "della", "dei", "degli", "delle", "dell'", "d'", "of"))
AGENT_PREPOSITIONS = frozenset(("da", "dal", "dallo", "dalla", "dai", "dagli", "dalle", "dall'", "by"))
PAIR_WORDS = frozenset(("and", "e"))  # two speakers of one statement: "X and Y said"
# Words that may stand in a lower-case title before a name: "union president", "city
# spokesperson", "former deputy mayor".
PRE_ROLE_WORDS = frozenset(("former", "deputy", "acting", "interim", "senior", "chief", "vice",
                            "union", "city", "county", "state", "federal", "provincial", "party",
                            "company", "police", "team", "club", "board", "council", "school",
                            "hospital", "local", "regional", "national", "assistant", "associate"))


class Subjects:
    """The subjects and noun phrases of one article's clauses."""

    def __init__(self, doc: Document, clauses: Clauses, resolver: Resolver, state: State) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        self.lex = doc.lex
        self.m = doc.mentions
        self.clauses = clauses
        self.resolver = resolver
        self.state = state

    def subject_of(self, v: int, v_end: int, lo: int, q: int) -> Speaker | None:
        """The subject of the reporting verb at v (its words up to v_end), in the clause
        from lo to the quote at q."""
        toks = self.tokens
        forms = self.clauses.verb_at(v) or []
        if any(f.use == "ger" for f in forms):
            return self._main_subject(v, lo)
        j = self.clauses.skip_back(v - 1, lo)
        lo_clitic = any(toks[x].norm in ("lo", "l'") for x in range(max(j + 1, lo), v))
        clause_initial = j < lo or toks[j].kind == "q" or toks[j].text in (",", ":", "(") \
            or (toks[j].kind == "w" and (toks[j].norm in self.lex.conjunctions))
        post = self.postverbal(v_end + 1, q) if self.lex.lang != "en" else None
        if post is not None and post.how == "pronoun":
            post = None  # "said he had…": the pronoun is the reported clause's subject
        if post is not None and (lo_clitic or clause_initial):
            return post
        pre = self.preverbal_np(v, lo)
        if pre is not None:
            return pre
        if post is not None:
            return post
        if j >= lo and toks[j].kind == "w" and (toks[j].norm in self.lex.conjunctions):
            return self._main_subject(j, lo)
        return None

    def _possessor(self, m) -> bool:
        """Is the name a possessor ("Raitt's" in "Lisa Raitt's lawyer")?"""
        toks, k = self.tokens, m.last
        return k + 1 < len(toks) and toks[k].text.endswith(("'", "’")) and toks[k + 1].norm == "s" \
            and toks[k + 1].start == toks[k].end

    def preverbal_np(self, v: int, lo: int) -> Speaker | None:
        """The noun phrase before the verb at v: its subject, in the usual order."""
        toks = self.tokens
        j = self.clauses.skip_back(v - 1, lo)
        if j < lo:
            return None
        if toks[j].text == "," and j - 1 >= lo:
            # "Maria Zakharova, the ministry spokeswoman, said", "Franco Gentile, 58 anni,
            # impiegato a Frosinone, racconta": the name before the appositions.
            person = org = None
            for k in range(j - 1, max(lo, j - APPOSITION_TOKENS) - 1, -1):
                tok = toks[k]
                forms = self.clauses.verb_at(k)
                if tok.text in (";", ":") or (forms and not self.clauses.after_article(k)
                                              and not any(f.use == "ger" for f in forms)):
                    break
                named = self.m.ending_at.get(k)
                if named is None and toks[k + 1].text == ",":
                    phrase = self._org_phrase(k, lo)
                    if phrase is not None:
                        org = phrase  # "Il ministero dell'Interno georgiano, citato da …,"
                if named is None or self.clauses.in_pp(named) or self._possessor(named):
                    continue  # "Lisa Raitt's lawyer, Tom Bell, said": the lawyer speaks
                # keep going: the first name of the chain is the subject
                if named.kind == PERSON or (named.kind == UNKNOWN and named.first < named.last):
                    person = named
                elif named.kind == ORG and toks[k + 1].text == ",":
                    org = self.resolver.named(named)
            if person is not None:
                return self.resolver.named(person)
            return org
        return self._np_ending(j, lo)

    def _np_ending(self, j: int, lo: int) -> Speaker | None:
        """The speaker named by the noun phrase ending at token j, if any."""
        toks = self.tokens
        m = self.m.ending_at.get(j)
        d = self.m.description_ending_at.get(j)
        if d is not None and (m is None or d.first <= m.np_first):
            if m is not None and m.kind in (PERSON, ORG):
                return self.resolver.named(m)
            return self.resolver.resolve_description(d, j)
        if m is not None:
            if self.clauses.in_pp(m) and toks[m.np_first - 1].norm not in SUBORDINATORS:
                return None  # "con Putin" is no subject; "after Rachel Reeves told" is
            start = self.clauses.np_start(m, lo)
            if self.clauses.after_nonfinite(start, lo):
                return None  # "ad attaccare l'esecutivo Meloni ha aggiunto": an object
            if start < m.np_first and m.kind in (PERSON, UNKNOWN):
                return self._org_phrase(j, lo)  # "il governo Meloni ha deciso": the government
            if m.kind == TITLE:
                return self.resolver.resolve_title(m, j) or self.resolver.org_after(m)
            if personlike(m):
                pair = self._pair_before(m, lo)
                if pair is not None:
                    return pair
            if m.kind in (PERSON, ORG, UNKNOWN, PLACE, MEDIA):
                return self.resolver.named(m)
        tok = toks[j]
        size = self.clauses.match_back(j, "relatives")
        if size:
            return self.resolver.antecedent(j - size + 1, lo)
        size = self.clauses.match_back(j, "pronouns")
        if size:
            return self.resolver.resolve_pronoun(j)
        if tok.norm in self.lex.speech_nouns and j - 1 >= lo and (toks[j - 1].norm in self.lex.articles):
            if self.state.last is not None:  # "A statement said": whoever issued it
                return Speaker(self.state.last.name, self.state.last.kind, "document")
        if tok.kind == "w" and not tok.cap and j - 1 >= lo:
            before = self.m.ending_at.get(j - 1)
            if before is not None and before.kind in (ORG, MEDIA) and (tok.norm,) in self.lex.roles:
                return self.resolver.named(before)  # "A Home Office source", "a White House official"
            if (toks[j - 1].norm in self.lex.determiners) or (toks[j - 1].norm in self.lex.articulated):
                org = self.m.org_with_head(tok.text)
                if org is not None:
                    return Speaker(org, ORG, "description")
        if tok.kind == "w" and not tok.cap and j - 1 >= lo and (toks[j - 1].norm in self.lex.determiners):
            person = self.m.person_called(tok.norm, j - 1)
            if person is not None:  # "il fotografo" after "il fotografo Nicola Ferretti"
                return Speaker(self.resolver.named(person).name, PERSON, "description")
        return self._org_phrase(j, lo)

    def _org_phrase(self, j: int, lo: int) -> Speaker | None:
        """An organisation named by a common noun, ending at token j: "l'azienda", "the
        department" (the organisation named before), "il ministero dell'Interno georgiano"
        (a name of its own: it has a proper noun in it)."""
        toks, lex = self.tokens, self.lex
        for k in range(j, max(lo, j - 5) - 1, -1):
            tok = toks[k]
            if tok.kind != "w":
                return None
            if (tok.norm in lex.org_nouns) and k - 1 >= lo and (
                    (toks[k - 1].norm in lex.determiners) or (toks[k - 1].norm in lex.articulated)):
                if (toks[k - 1].norm in lex.articulated) or self.clauses.in_pp_at(k - 1, lo):
                    return None  # "citato dall'agenzia …": inside a phrase, not a subject
                tail = toks[k + 1:j + 1]
                if any(t.cap for t in tail):
                    return Speaker(self.doc.text[tok.start:toks[j].end], ORG, "name")
                org = self.m.org_before(k)
                return Speaker(org, ORG, "description") if org is not None else None
            if lex.forms(tok.norm) and not self.clauses.after_article(k):
                return None
        return None

    def postverbal(self, j: int, hi: int) -> Speaker | None:
        """The subject after the verb: "ha detto alla Cnn la vice portavoce … Anna Kelly"."""
        toks = self.tokens
        j = self.clauses.skip_modifiers(j, hi, clitics=False)
        for _ in range(3):
            if j >= hi:
                return None
            np = self.np_from(j, hi)
            if np is not None and not (np[0] is not None and np[0].kind == PLACE):
                return np[0]
            if toks[j].kind == "w" and toks[j].norm in AGENT_PREPOSITIONS:
                np = self.np_from(j + 1, hi) or (self.np_from(j + 2, hi) if j + 2 < hi else None)
                if np is not None:  # "dichiarato dal portavoce X", "quoted by X"
                    return np[0]
            if toks[j].kind == "w" and (toks[j].norm in self.lex.prepositions):
                j = self.clauses.skip_pp(j, hi)
                j = self.clauses.skip_modifiers(j, hi, clitics=False)
                continue
            break
        return self._person_ahead(j, hi) or self._titled_person_ahead(j, hi)

    def _person_ahead(self, j: int, hi: int) -> Speaker | None:
        """A noun phrase the rules do not know ("il vicepremier e ministro degli Esteri,
        Antonio Tajani"): the first person named in the next few words of the clause."""
        if j >= hi or not ((self.tokens[j].norm in self.lex.articles) or (self.tokens[j].norm in self.lex.articulated)):
            return None
        for k in range(j, min(hi, j + PERSON_AHEAD_TOKENS)):
            tok = self.tokens[k]
            if tok.kind == "q" or tok.text in ".;:" or self.clauses.verb_at(k):
                return None
            m = self.m.starting_at.get(k)
            if m is not None and m.kind == PERSON:
                return self.resolver.named(m)
        return None

    def _pair(self, a: Mention, b: Mention) -> Speaker:
        """Two people as one speaker: "Tom Hanks and Rita Wilson"."""
        return Speaker(f"{self.resolver.named(a).name} and {self.resolver.named(b).name}", PERSON, "name")

    def _pair_after(self, m: Mention, hi: int) -> tuple[Speaker, int] | None:
        """"said Tom Hanks and Rita Wilson": two people joined by "and", then the clause
        ends — the pair is the speaker."""
        toks, k = self.tokens, m.last + 1
        if k + 1 >= hi or toks[k].norm not in PAIR_WORDS:
            return None
        other = self.m.starting_at.get(k + 1)
        if other is None or not personlike(other) or other.np_first != k + 1:
            return None
        after = other.last + 1
        if after < len(toks) and after < hi and toks[after].kind == "w" and not self.clauses.verb_at(after):
            return None  # "said Ann Lee and Bob Fry's daughter…": not the end of the phrase
        return self._pair(m, other), other.last

    def _pair_before(self, m: Mention, lo: int) -> Speaker | None:
        """"Tim Houston and Susan Holt said": the pair is the subject."""
        toks, k = self.tokens, m.np_first - 1
        if k - 1 < lo or toks[k].norm not in PAIR_WORDS:
            return None
        first = self.m.ending_at.get(k - 1)
        if first is None or not personlike(first) or self.clauses.in_pp(first):
            return None
        return self._pair(first, m)

    def _titled_person_ahead(self, j: int, hi: int) -> Speaker | None:
        """"said union president Linda Kaye", "said city spokesperson Ana Ruiz": a role in
        lower case (with the name of its institution) and the person it titles."""
        toks, roles = self.tokens, self.lex.role_heads
        seen_role = False
        for k in range(j, min(hi, j + PERSON_AHEAD_TOKENS)):
            m = self.m.starting_at.get(k)
            if m is not None and m.kind == PERSON and m.first == k:
                return self.resolver.named(m) if seen_role else None
            tok = toks[k]
            if tok.kind != "w" or self.clauses.verb_at(k) or tok.norm in self.lex.complementizers:
                return None
            if tok.norm in roles:
                seen_role = True
            elif not (tok.cap or tok.norm in GENITIVE_WORDS or tok.norm in PRE_ROLE_WORDS):
                return None
        return None

    def np_from(self, j: int, hi: int) -> tuple[Speaker | None, int] | None:
        """A noun phrase starting at token j: (speaker it names, its last token)."""
        toks = self.tokens
        if j >= hi:
            return None
        d = self.m.description_starting_at.get(j)
        m = self.m.starting_at.get(j)
        if m is not None and (d is None or m.np_first <= d.first or d.person is m):
            if m.kind == TITLE:
                return self.resolver.resolve_title(m, j) or self.resolver.org_after(m), m.last
            if personlike(m):
                pair = self._pair_after(m, hi)
                if pair is not None:
                    return pair
            if m.kind in (ORG, UNKNOWN, PLACE, MEDIA):
                for k in range(m.last + 1, min(hi, m.last + 4)):  # "Unite regional officer Darren Platt"
                    person = self.m.starting_at.get(k)
                    if person is not None and person.kind == PERSON:
                        return self.resolver.named(person), person.last
                    if toks[k].kind != "w" or toks[k].cap:
                        break
            return self.resolver.named(m), m.last
        if d is not None:
            return self.resolver.resolve_description(d, j), d.last
        size = self.clauses.match(j, "pronouns")
        if size:
            return self.resolver.resolve_pronoun(j), j + size - 1
        tok = toks[j]
        if (tok.norm in self.lex.articles) and j + 1 < hi:
            nxt = toks[j + 1]
            m = self.m.starting_at.get(j + 1)
            if m is not None:
                return self.resolver.named(m) if m.kind != TITLE else self.resolver.resolve_title(m, j), m.last
            if nxt.kind == "w" and not nxt.cap:
                org = self.m.org_with_head(nxt.text)
                if org is not None:
                    return Speaker(org, ORG, "description"), j + 1
        if tok.norm in ("him", "her"):
            resolved = self.resolver.resolve_pronoun(j)
            return (resolved, j) if resolved is not None else None
        if (tok.norm in self.lex.determiners) and j + 1 < hi and (toks[j + 1].norm in self.lex.org_nouns):
            end = j + 1  # "il sindacato dei giornalisti", "the club"
            while end + 1 < hi and end < j + 6 and toks[end + 1].kind == "w" and not self.clauses.verb_at(end + 1) \
                    and (toks[end + 1].norm in GENITIVE_WORDS or toks[end + 1].cap or toks[end].norm in GENITIVE_WORDS):
                end += 1
            return self._org_phrase(end, j), end
        return None

    def _main_subject(self, before: int, lo: int) -> Speaker | None:
        """The subject of the sentence's main clause, for a gerund or a coordinated verb."""
        for k in range(before - 1, lo - 1, -1):
            tok = self.tokens[k]
            if tok.kind == "q" and tok.span in self.state.results and self.state.results[tok.span].speaker:
                att = self.state.results[tok.span]
                return Speaker(att.speaker, att.speaker_kind or PERSON, "main-clause")
        for k in range(lo, before):
            if self.clauses.verb_at(k) is not None and not any(f.use == "ger" for f in self.clauses.verb_at(k)):
                pre = self.preverbal_np(k, lo)
                if pre is not None:
                    return Speaker(pre.name, pre.kind, "main-clause")
        subject = self.first_subject(lo, before)
        if subject is not None:
            return Speaker(subject.name, subject.kind, "main-clause")
        if self.state.topic is not None:
            return Speaker(self.state.topic.name, self.state.topic.kind, "inherited")
        return None

    def first_subject(self, lo: int, hi: int, persons_only: bool = False) -> Speaker | None:
        """The first person (or institution) of a clause that is not inside a phrase
        introduced by a preposition."""
        named = next((m for m in self.m.between(lo, hi) if m.last < hi and not self.clauses.in_pp(m)
                      and (m.kind == PERSON or self.resolver.known_surname(m)
                           or (m.kind == ORG and not persons_only))), None)
        described = None
        if not persons_only:  # "Il tecnico viola ha difeso Moise Kean: «…»": the description first
            described = next((d for d in self.m.free_descriptions_between(lo, hi)
                              if not (d.first - 1 >= lo and self.tokens[d.first - 1].norm in self.lex.prepositions)), None)
        if described is not None and (named is None or described.first < named.np_first):
            return self.resolver.resolve_description(described, described.first)
        return self.resolver.named(named) if named is not None else None
