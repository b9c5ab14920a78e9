"""The shallow clause analysis of the reporter's sentence, over one article's tokens.

It decides:
- which tokens are reporting verbs in a reporting use (`verb_at`): "ha detto", "said",
  "saying", "far sapere" — not the nouns "la nota", "the report", "a warning", nor a name
  that looks like a verb ("Dice"); a participle needs its auxiliary, an infinitive the word
  that governs it;
- where the words of a cue begin and end (`cue_start`, `verb_end`: "ha poi detto",
  "ha messo in evidenza");
- what may stand between a subject and its verb, to step over it (`skip_back`: auxiliaries,
  clitics, adverbs, "nei giorni scorsi", ", however,"), and after a verb (`skip_modifiers`,
  `skip_pp`: "ai giornalisti", "to reporters");
- whether a name is inside a prepositional phrase (`in_pp`: "con Putin"), the object of a
  non-finite verb (`after_nonfinite`), or qualifies an institution (`np_start`: "il governo
  Meloni");
- the fixed phrases of a lexicon group at a token (`match`, `match_back`).

The answers depend on the article only, not on what was attributed before; `verb_at`, asked
about the same tokens again and again, is memoised per article.
"""

from __future__ import annotations

from .document import Document
from .lexicon import lexicon, phrase_head
from .mentions import PERSON, TITLE, UNKNOWN, Mention
from .tokens import Token

POSSESSIVES = frozenset(("his", "her", "its", "their", "suo", "sua", "suoi", "sue", "loro"))


def personlike(m: Mention) -> bool:
    """A person, or a two-word name the gazetteer cannot tell ("Arlo Penn")."""
    return m.kind == PERSON or (m.kind == UNKNOWN and m.first < m.last)


def _adverb_like(tok: Token, lang: str) -> bool:
    if tok.kind != "w" or tok.cap:
        return False
    if lang == "it":
        return tok.norm.endswith("mente") and len(tok.norm) > 6
    return tok.norm.endswith("ly") and len(tok.norm) > 4 and tok.norm not in ("only", "early", "family", "july", "italy", "rally", "ally") \
        and not lexicon(lang).forms(tok.norm)  # "reply" is a verb


class Clauses:
    """Clause analysis of one article (`Document`)."""

    def __init__(self, doc: Document) -> None:
        self.tokens = doc.tokens
        self.lex = doc.lex
        self.m = doc.mentions
        self._verbs: dict[int, list | None] = {}  # token → reporting forms (memo of verb_at)

    def verb_at(self, i: int):
        """The reporting-verb forms of token i, if it is a reporting verb in this use
        (memoised: the rules ask about the same tokens again and again)."""
        if i < 0 or i >= len(self.tokens):
            return None
        norm = self.tokens[i].norm
        if norm not in self.lex.verbs and norm not in self.lex.phrases:
            return None
        if i not in self._verbs:
            self._verbs[i] = self._reporting_forms(i)
        return self._verbs[i]

    def _reporting_forms(self, i: int):
        """The forms of token i as a reporting verb, unless its context makes it a noun, a
        name, a participle without auxiliary or an infinitive nothing governs."""
        toks, lex = self.tokens, self.lex
        if toks[i].kind != "w":
            return None
        forms = lex.forms(toks[i].norm)
        if not forms and toks[i].norm in lex.phrases:
            forms = [phrase_head(toks[i].norm)]  # a literal phrase head ("far sapere")
        if not forms:
            return None
        if any(f.phrase_only for f in forms) or toks[i].norm in lex.phrases:
            lemma = forms[0].lemma
            if self._phrase_rest(i, lemma) is None:
                if all(f.phrase_only for f in forms):
                    return None
        forms = [f for f in forms if f.use in ("fin3", "part", "ger", "inf")]
        if not forms:
            return self._phrase_forms(i)
        if i > 0 and toks[i - 1].kind == "w" and ((toks[i - 1].norm in lex.determiners)
                                                  or (toks[i - 1].norm in lex.articulated)):
            return None  # "such claims", "la nota", "nella dichiarazione": nouns
        if toks[i].cap and i > 0 and toks[i - 1].sent == toks[i].sent and \
                self.m.ending_at.get(i) is not None and not toks[i].text.isupper():
            return None  # a name that looks like a verb ("Dice", "Sostiene")
        uses = {f.use for f in forms}
        if lex.lang == "en" and uses == {"ger"} and not self._english_gerund(i):
            return None  # "the fire service's wildfire warning": a noun
        if lex.lang == "en" and all(f.lemma == toks[i].norm for f in forms) and \
                not self._english_finite_base(i):
            return None  # "the FT report", "a claim": a noun, not "officials report"
        if uses <= {"part"} and not self._has_auxiliary(i):
            return None
        if uses <= {"inf"} and not self._governed_infinitive(i):
            return None
        return forms

    def _english_gerund(self, i: int) -> bool:
        """"…, saying", "was saying", "after telling": the -ing form is a verb."""
        toks = self.tokens
        k = i - 1
        while k >= 0 and toks[k].kind == "w" and (toks[k].norm in self.lex.adverbs or _adverb_like(toks[k], "en")):
            k -= 1
        if k < 0 or toks[k].sent != toks[i].sent:
            return True
        prev = toks[k]
        return prev.kind != "w" or prev.norm in self.lex.aux or prev.norm in self.lex.conjunctions \
            or prev.norm in self.lex.prepositions or prev.norm in ("while", "without", "when")

    def _english_finite_base(self, i: int) -> bool:
        """A bare English verb ("say") is a verb after "they", "to", "will", "officials"."""
        toks, lex = self.tokens, self.lex
        k = i - 1
        while k >= 0 and toks[k].kind == "w" and ((toks[k].norm in lex.adverbs) or _adverb_like(toks[k], "en")):
            k -= 1
        if k >= 0 and self._inverted_after_quote(k, i):
            return True  # "“…,” reply Tim Ross and Ann Lee": the verb before its subjects
        if k < 0 or toks[k].kind != "w" or toks[k].sent != toks[i].sent:
            return False
        prev = toks[k]
        if prev.norm in ("i", "we", "they", "you", "to", "who") or (prev.norm in lex.aux):
            return True
        return not prev.cap and prev.norm.endswith("s") and not (prev.norm in lex.articles) \
            and not lex.forms(prev.norm) and prev.norm not in ("his", "its", "this", "was", "has", "is")

    def _inverted_after_quote(self, k: int, i: int) -> bool:
        """Is the bare verb at i right after a quote (and its comma), with a name next?"""
        toks = self.tokens
        if toks[k].text == "," and k > 0:
            k -= 1
        if toks[k].kind != "q" or i + 1 >= len(toks):
            return False
        m = self.m.starting_at.get(i + 1)
        return m is not None and personlike(m)

    def _phrase_forms(self, i: int):
        """A phrase head used in its phrase ("mettere in evidenza") as a verb form."""
        rest = self._phrase_rest(i, self.tokens[i].norm)
        return [phrase_head(self.tokens[i].norm)] if rest is not None else None

    def _phrase_rest(self, i: int, lemma: str) -> int | None:
        """Length of the fixed words after a phrase head ("in evidenza"), or None."""
        toks = self.tokens
        for key in (lemma, toks[i].norm):
            for rest in self.lex.phrases.get(key, []):
                got = tuple(t.norm for t in toks[i + 1:i + 1 + len(rest)])
                if got == rest:
                    return len(rest)
        return None

    def _has_auxiliary(self, i: int) -> bool:
        toks, lex = self.tokens, self.lex
        for k in range(i - 1, max(i - 5, -1), -1):
            if toks[k].sent != toks[i].sent:
                return False
            if (toks[k].norm in lex.aux) or toks[k].norm in ("quanto", "come", "as"):
                return True
            if not ((toks[k].norm in lex.adverbs) or (toks[k].norm in lex.clitics)
                    or (toks[k].norm in lex.negations) or _adverb_like(toks[k], lex.lang)):
                return False
        return False

    def _governed_infinitive(self, i: int) -> bool:
        toks = self.tokens
        k = i - 1
        while k >= 0 and toks[k].kind == "w" and (toks[k].norm in self.lex.adverbs):
            k -= 1
        return k >= 0 and toks[k].norm in ("di", "a", "ad", "per", "to", "d'")

    def verb_end(self, i: int) -> int:
        """The last token of the verb at i, with the fixed words of its phrase."""
        forms = self.lex.forms(self.tokens[i].norm)
        lemma = forms[0].lemma if forms else self.tokens[i].norm
        rest = self._phrase_rest(i, lemma)
        return i + (rest or 0)

    def cue_start(self, v: int, lo: int) -> int:
        """Auxiliaries, clitics and adverbs before a verb belong to the cue ("ha poi detto")."""
        k = v
        while k - 1 >= lo and self.tokens[k - 1].kind == "w" and (
                (self.tokens[k - 1].norm in self.lex.aux)
                or (self.tokens[k - 1].norm in self.lex.clitics)
                or (self.tokens[k - 1].norm in self.lex.negations)):
            k -= 1
        return k

    def outer_verb(self, v: int, lo: int) -> int:
        """"Tajani ha ribadito che l'Italia sostiene «…»": a reporting verb inside a clause
        that another reporting verb introduces is part of what is reported."""
        toks = self.tokens
        for k in range(v - 1, max(lo - 1, v - 8), -1):
            if toks[k].kind == "q" or toks[k].text in ".;:":
                return v
            if (toks[k].norm in self.lex.complementizers):
                for outer in range(k - 1, max(lo - 1, k - 6), -1):
                    if self.verb_at(outer) and not any(f.use == "ger" for f in self.verb_at(outer)):
                        return outer
                    if toks[outer].kind != "w":
                        break
                return v
        return v

    def starts_clause(self, k: int) -> bool:
        tok, lex = self.tokens[k], self.lex
        return tok.kind == "w" and ((tok.norm in lex.conjunctions) or (tok.norm in lex.complementizers)
                                    or lex.has("relatives", tok.norm))

    def skip_back(self, j: int, lo: int) -> int:
        """Skip, leftwards, what may stand between a subject and its verb."""
        toks, lex = self.tokens, self.lex
        while j >= lo:
            tok = toks[j]
            if tok.kind == "w" and ((tok.norm in lex.aux) or (tok.norm in lex.adverbs)
                                    or (tok.norm in lex.negations) or (tok.norm in lex.clitics)
                                    or _adverb_like(tok, lex.lang)):
                j -= 1
                continue
            if tok.kind == "w" and tok.norm in ("di", "a", "ad", "to") and j - 1 >= lo and \
                    toks[j - 1].kind == "w" and not toks[j - 1].cap and \
                    not (toks[j - 1].norm in lex.articles) and \
                    not (toks[j - 1].norm in lex.prepositions):
                j -= 2  # "non ha mancato di (esprimere)", "è tornato a (chiedere)"
                continue
            if self.m.description_ending_at.get(j) is not None:
                return j  # "L'allenatore della Lazio": the phrase belongs to the description
            pp = self._pp_before(j, lo)
            if pp is not None:
                j = pp  # "lo stesso comandante in capo nei giorni scorsi ha affermato"
                continue
            m = self.m.ending_at.get(j)
            title = self.m.ending_at.get(m.np_first - 2) if m is not None else None
            if title is not None and title.kind == TITLE:
                return title.last  # "Analysts at Peel Hunt said": the analysts are the subject
            if m is not None and m.kind != PERSON and m.np_first - 1 >= lo and \
                    (toks[m.np_first - 1].norm in self.lex.prepositions or toks[m.np_first - 1].norm in self.lex.articulated):
                j = m.np_first - 2  # "Andrii Sybiga su X ha chiesto", "che ai microfoni di Dazn ha elogiato"
                continue
            if tok.text == "," and j - 1 >= lo:
                k = j - 1
                while k >= lo and toks[k].kind == "w" and ((toks[k].norm in lex.adverbs) or _adverb_like(toks[k], lex.lang)):
                    k -= 1
                if k < j - 1 and k >= lo and toks[k].text == ",":
                    j = k - 1  # ", tuttavia," / ", however,"
                    continue
            return j
        return j

    def _pp_before(self, j: int, lo: int) -> int | None:
        """If token j ends a short lowercase phrase opened by a preposition ("nei giorni
        scorsi", "in passato", "per ora"), the index just before it."""
        toks, lex = self.tokens, self.lex
        if toks[j].kind != "w" or toks[j].cap or self.m.description_ending_at.get(j) \
                or self.m.ending_at.get(j) or (lex.forms(toks[j].norm) and not self.after_article(j)):
            return None
        for k in range(j - 1, max(lo - 1, j - 4), -1):
            tok = toks[k]
            if tok.kind != "w" or tok.cap or (lex.forms(tok.norm) and not self.after_article(k)):
                return None
            if (tok.norm in lex.prepositions) or (tok.norm in lex.articulated):
                return k - 1
        return None

    def after_article(self, k: int) -> bool:
        """Is token k right after an article ("una nota", "the report"), so a noun?"""
        return k > 0 and ((self.tokens[k - 1].norm in self.lex.articles)
                          or (self.tokens[k - 1].norm in self.lex.articulated))

    def skip_modifiers(self, j: int, hi: int, clitics: bool = True) -> int:
        """Skip auxiliaries and adverbs (and clitics, before a verb) rightwards."""
        toks, lex = self.tokens, self.lex
        while j < hi and toks[j].kind == "w" and (
                (toks[j].norm in lex.aux) or (toks[j].norm in lex.adverbs)
                or (clitics and (toks[j].norm in lex.clitics)) or _adverb_like(toks[j], lex.lang)):
            j += 1
        return j

    def skip_pp(self, j: int, hi: int) -> int:
        """Skip "ai giornalisti", "alla Cnn", "to reporters", "nella sede del ministero"."""
        toks = self.tokens
        k = j + 1
        if k < hi and (toks[k].norm in self.lex.articles):
            k += 1
        m = self.m.starting_at.get(k)
        if m is not None:
            # "ha detto all'Adnkronos Luca Di Biase": the medium ends the phrase, the person follows
            return m.first if m.kind == PERSON and m.first > k else m.last + 1
        end = k + 1 if k < hi and toks[k].kind == "w" else k
        if end < hi and toks[end].norm in POSSESSIVES:
            end += 1  # "ha detto dal canto suo Fiorello", "ha scritto per parte sua X"
        return end

    def in_pp(self, m: Mention) -> bool:
        """Is the mention inside a phrase such as "con Putin", "al presidente"?"""
        k = m.np_first - 1
        sent = self.tokens[m.first].sent
        modified = False  # adjectives seen: only an article may come before them
        while k >= 0 and k >= m.np_first - 5 and self.tokens[k].sent == sent:
            tok = self.tokens[k]
            if tok.kind != "w":
                return False
            determiner = (tok.norm in self.lex.articles) or tok.norm in POSSESSIVES
            if (tok.norm in self.lex.prepositions) or (tok.norm in self.lex.articulated):
                # a capital "Di", "De", "La" right before a name is part of it ("Di Biase")
                return not (tok.cap and k == m.np_first - 1) and not modified
            if modified and determiner:
                modified = False
            elif self._modifier(k) and not determiner:
                modified = True
            elif not determiner:
                return False
            k -= 1
        return False

    def in_pp_at(self, k: int, lo: int) -> bool:
        return k - 1 >= lo and self.tokens[k - 1].kind == "w" and (self.tokens[k - 1].norm in self.lex.prepositions)

    def _modifier(self, k: int) -> bool:
        """A lower-case word that may stand between a preposition and its noun ("su un
        possibile sesto Festival", "with the newly elected Smith"): no verb, conjunction
        or relative, so the phrase goes on."""
        tok, lex = self.tokens[k], self.lex
        return tok.kind == "w" and not tok.cap and not lex.forms(tok.norm) \
            and tok.norm not in lex.conjunctions and tok.norm not in lex.complementizers \
            and not lex.has("relatives", tok.norm) and tok.norm not in lex.aux

    def np_start(self, m: Mention, lo: int) -> int:
        """Where the noun phrase of a name begins: before "il governo" in "il governo
        Meloni", a name used to qualify an institution's common noun."""
        toks, lex = self.tokens, self.lex
        k = m.np_first
        if k - 2 >= lo and toks[k - 1].kind == "w" and toks[k - 1].norm in lex.org_nouns \
                and (toks[k - 2].norm in lex.determiners or toks[k - 2].norm in lex.articulated):
            return k - 2
        return k

    def after_nonfinite(self, k: int, lo: int) -> bool:
        """Is token k right after an infinitive or a gerund (and its article), so the
        noun phrase there is that verb's object?"""
        endings = self.lex.words.get("nonfinite_endings")
        if not endings:
            return False
        toks = self.tokens
        v = k - 1
        if v >= lo and toks[v].kind == "w" and toks[v].norm in self.lex.articles:
            v -= 1
        if v < lo or toks[v].kind != "w" or toks[v].cap or len(toks[v].norm) < 6:
            return False
        return any(toks[v].norm.endswith(e) for e in endings)

    def match(self, i: int, group: str) -> int:
        """Length of the longest phrase of `group` starting at token i (0 if none)."""
        toks = self.tokens
        if i >= len(toks):
            return 0
        for phrase in self.lex.multi_first.get(group, {}).get(toks[i].norm, ()):
            size = len(phrase)
            if i + size <= len(toks) and all(toks[i + n].norm == w for n, w in enumerate(phrase)):
                return size
        return 0

    def match_back(self, j: int, group: str) -> int:
        """Length of the longest phrase of `group` ending at token j (0 if none)."""
        toks = self.tokens
        if j < 0:
            return 0
        for phrase in self.lex.multi_last.get(group, {}).get(toks[j].norm, ()):
            size = len(phrase)
            start = j - size + 1
            if start >= 0 and all(toks[start + n].norm == w for n, w in enumerate(phrase)):
                return size
        return 0
