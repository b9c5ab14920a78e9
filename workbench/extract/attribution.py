"""Who said each quote: rules over the reporter's sentence around it.

The rules, tried in this order for each quote (the `rule` field of the output names the one
that decided, and how the speaker was resolved):

- `statement`   a part of a statement split around its cue takes the speaker of its head;
- `cue-after`   a reporting verb right after the quote: "…", ha detto Lavrov / Zakharova said;
- `according-to` "secondo il Dipartimento di Stato", "according to X" in the sentence;
- `cue-before`  the nearest reporting verb before the quote in its sentence, and its subject
                (before the verb, after it for "Lo ha detto X", the main clause's for a
                gerund: "…, sottolineando che «…»");
- `colon`       "Lavrov: «…»", "President Trump on Israel and Iran: “…”";
- `anaphora`    the next sentence says who spoke: "Lo ha detto X", "È quanto dichiarato da X";
- `byline`      "“…” – Donald Trump";
- `split`       “…,” she said. “…” — the second part of a statement;
- `left-person` a statement after a named person with no verb: "Nicola Fox, head of …, “…”";
- `continuation` a quote with no cue goes on with the last speaker of the text;
- `cataphora`   a quote opening the article is said by the next speaker named;
- `echo`        a short fragment that repeats words of another attributed quote.

A subject is resolved to a name through the article: a surname to the fullest form of the
name ("Rubio" → "Marco Rubio"), a pronoun to the last speaker, a description ("il titolare
della diplomazia americana", "the PM") to the person whose title matches, else to the most
salient person (the last speaker, then the subjects of the preceding sentences).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from .dashes import is_shaped_cue
from .document import Document
from .lexicon import fold, lexicon, phrase_head
from .mentions import MEDIA, ORG, PERSON, PLACE, TITLE, UNKNOWN, Description, Mention
from .tokens import Token, tokenize

CONFIDENCE = {
    "statement": 0.9, "cue-after": 0.95, "cue-later": 0.7, "according-to": 0.85, "cue-before": 0.9,
    "colon": 0.8, "anaphora": 0.85, "byline": 0.9, "split": 0.9, "left-person": 0.6,
    "continuation": 0.7, "cataphora": 0.55, "echo": 0.6, "nested": 0.7, "none": 0.0,
}
HOW_FACTOR = {"name": 1.0, "surname": 1.0, "pronoun": 0.85, "description": 0.8, "unnamed": 0.7,
              "relative": 0.85, "main-clause": 0.85, "inherited": 0.75, "document": 0.7}
CLAUSE_STOPS = frozenset(";")
# Words that are prepositions and also open a clause whose subject follows them.
SUBORDINATORS = frozenset(("after", "before", "since", "until", "as", "dopo", "prima", "mentre"))
PRONOUN_GENDER = {"he": "m", "him": "m", "lui": "m", "egli": "m", "she": "f", "her": "f",
                  "lei": "f", "ella": "f"}
SALIENT_SENTENCES = 8  # how far back the subjects of sentences stay salient
POSSESSIVES = frozenset(("his", "her", "its", "their", "suo", "sua", "suoi", "sue", "loro"))
SUBJECT_WINDOW = 8  # a sentence's subject is named among its first tokens
APPOSITION_TOKENS = 16
RIGHT_CUE_TOKENS = 9
PERSON_AHEAD_TOKENS = 9
GENITIVE_WORDS = frozenset(("di", "del", "dello", "della", "dei", "degli", "delle", "dell'", "d'", "of"))  # "…," said / the company's chief executive … said  # how far back a name may stand before its appositions
LOOKBACK = 200  # mentions searched back for a referent: bounds the work in huge articles
AGENT_PREPOSITIONS = frozenset(("da", "dal", "dallo", "dalla", "dai", "dagli", "dalle", "dall'", "by"))
DASHES = frozenset("–—-")
# Words that may stand in a lower-case title before a name: "union president", "city
# spokesperson", "former deputy mayor".
PAIR_WORDS = frozenset(("and", "e"))  # two speakers of one statement: "X and Y said"
COPULAS = frozenset(("be", "is", "was", "were", "are", "been", "being", "become", "became", "as",
                     "remains", "remained", "named", "appointed"))
UNNAMED_ROLES = frozenset(("plural",))  # role groups (lexicons) that are never one named person
PRE_ROLE_WORDS = frozenset(("former", "deputy", "acting", "interim", "senior", "chief", "vice",
                            "union", "city", "county", "state", "federal", "provincial", "party",
                            "company", "police", "team", "club", "board", "council", "school",
                            "hospital", "local", "regional", "national", "assistant", "associate"))


@dataclass(slots=True)
class Speaker:
    name: str
    kind: str  # person, org, place, media, unknown
    how: str  # name, surname, pronoun, description, unnamed, relative, main-clause, inherited


@dataclass(slots=True)
class Attribution:
    speaker: str | None = None
    speaker_kind: str | None = None
    rule: str = "none"
    how: str = ""
    confidence: float = 0.0
    cue: tuple[int, int] | None = None  # offsets of the cue words in the article
    via: str | None = None
    governed: bool = False  # a reporting verb or pattern governs the quote
    weak: bool = False  # … but a verb that reports words loosely (ask, accuse)
    part_of: int | None = None  # the quote whose statement this one continues

    def label(self) -> str:
        return f"{self.rule}/{self.how}" if self.how and self.how != "name" else self.rule


class Attributor:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        self.lex = doc.lex
        self.m = doc.mentions
        self.last: Speaker | None = None  # the last speaker of the text so far
        self.last_para: int = -1
        # Who the text is about now: the last speaker, or a person introduced since by a
        # sentence without quotes ("Di tutt'altro avviso Giulia Ferraro, …").
        self.topic: Speaker | None = None
        self.topic_person: Speaker | None = None
        self.subjects: list[tuple[int, Speaker]] = []  # (sentence, subject) in text order
        self.result: dict[int, Attribution] = {}
        self.last_quote: Attribution | None = None
        self._verbs: dict[int, list | None] = {}
        self._quote_index: int | None = None  # the quote being attributed
        self.unnamed: dict[str, tuple[str, set[str]]] = {}  # described speakers → role, countries

    # == driver ========================================================================
    def run(self) -> dict[int, Attribution]:
        doc = self.doc
        by_sentence: dict[int, list[int]] = {}
        for span_index, tok_index in sorted(doc.token_of_span.items(), key=lambda kv: kv[1]):
            by_sentence.setdefault(self.tokens[tok_index].sent, []).append(span_index)
        for s, (lo, hi) in enumerate(doc.sentences):
            quotes = by_sentence.get(s, [])
            first_q = doc.token_of_span[quotes[0]] if quotes else hi
            self._narrative_events(lo, first_q)
            for span_index in quotes:
                att = self._attribute(span_index)
                self.result[span_index] = att
                if att.speaker:
                    self.last_quote = att
                    self._remember(Speaker(att.speaker, att.speaker_kind or PERSON, att.how),
                                   self.tokens[doc.token_of_span[span_index]].para)
            self._narrative_events(first_q, hi)
            attributed = any(self.result[si].speaker for si in quotes)
            self._note_subject(s, lo, hi, topic=not attributed)
        self._cataphora()
        self._nested()
        return self.result

    def _remember(self, speaker: Speaker, para: int) -> None:
        self.last = speaker
        self.last_para = para
        self._set_topic(speaker)

    def _set_topic(self, speaker: Speaker) -> None:
        self.topic = speaker
        if speaker.kind == PERSON:
            self.topic_person = speaker

    # == one quote =======================================================================
    def _attribute(self, si: int) -> Attribution:
        self._quote_index = si
        doc, span = self.doc, self.doc.spans[si]
        q = doc.token_of_span[si]
        lo, hi = doc.sentence_of(q)
        head = self.result.get(span.continues) if span.continues is not None else None
        att = self._right_cue(q, hi)
        if att is None:
            att = self._according_to(q, lo, hi)
        if att is None:
            att = self._left_cue(q, lo)
        if att is None:
            att = self._later_cue(q, hi)
        if att is None and head is not None and head.speaker:
            att = self._inherit(head, "statement")
        if att is None:
            att = self._colon(q, lo)
        if att is None and self.doc.is_statement_like(si):
            att = self._anaphora(q, hi)
        if att is None:
            att = self._byline(q, hi)
        if att is None:
            att = self._split(q, lo)
        if att is None and self.doc.is_statement_like(si):
            att = self._left_person(q, lo)
        if att is None and self.topic is not None and self.doc.is_statement_like(si) \
                and self.tokens[q].para - self.last_para <= 2:
            att = Attribution(self.topic.name, self.topic.kind, "continuation", "inherited")
        att = att or Attribution()
        if att.via is None and (att.rule in ("continuation", "statement", "split") or att.how == "inherited") \
                and self.last_via():
            att.via = self.last_via()
        att.confidence = self._confidence(att)
        return att

    def last_via(self) -> str | None:
        """The medium of the last attributed quote, if its speaker is still the last one."""
        att = self.last_quote
        if att is not None and self.last is not None and att.speaker == self.last.name:
            return att.via
        return None

    def _confidence(self, att: Attribution) -> float:
        if not att.speaker:
            return 0.0
        value = CONFIDENCE.get(att.rule, 0.5) * HOW_FACTOR.get(att.how or "name", 0.8)
        if att.weak:
            value *= 0.85
        return round(value, 2)

    def _inherit(self, other: Attribution, rule: str) -> Attribution:
        return Attribution(other.speaker, other.speaker_kind, rule, "inherited", cue=other.cue,
                           via=other.via, governed=other.governed, weak=other.weak)

    # == rules =========================================================================
    def _right_cue(self, q: int, hi: int) -> Attribution | None:
        """"…", ha detto X / "…," Zakharova said / "…" ha poi aggiunto."""
        toks = self.tokens
        j = q + 1
        skipped = 0
        while j < hi and toks[j].kind == "p" and toks[j].text in ",–—-" and skipped < 2:
            j, skipped = j + 1, skipped + 1
        if j >= hi and j < len(toks) and self._ends_in_exclamation(q) and toks[j].para == toks[q].para:
            # “…!” Smith told reporters. / “…?” Rossi asked: the quote's own mark ended
            # the sentence; the cue is the next one, if it begins with one.
            hi = self.doc.sentence_of(j)[1]
        if j >= hi:
            return None
        if toks[j].norm in ("come", "as", "così"):
            j += 1  # "…", come ha ironizzato Ferraro / "…", as she put it
        k = self._skip_modifiers(j, hi)
        verb = self._verb_at(k)
        if verb is not None:
            end = self._verb_end(k)
            subject = self._postverbal(end + 1, hi)
            if subject is None and self._is_quote_as_saying(k, hi):
                subject = self._postverbal(k + 1, hi)
            return self._make("cue-after", subject, j, end, verb, fallback=True)
        shaped = self._shaped_cue(q, j, hi)
        if shaped is not None:
            return shaped
        # "…," Zakharova said / "…," area commander Fiona Baird said / "…," BBC quoted him
        for k in range(j, min(hi, j + RIGHT_CUE_TOKENS)):
            if toks[k].kind == "q" or toks[k].text in ".;:!?()" or self._starts_clause(k):
                break  # "…", while Chris Philp said: another clause, another speaker
            verb = self._verb_at(k)
            if verb is None:
                continue
            end = self._verb_end(k)
            subject = self._preverbal_np(k, j)
            if self._is_quote_as_saying(k, hi):  # "BBC quoted him as saying": him, via BBC
                obj = self._np_from(k + 1, hi)
                att = self._make("cue-after", obj[0] if obj else None, j, end + 3, verb)
                att.via = subject.name if subject and subject.kind == MEDIA else att.via
                return att
            if subject is None:
                return None
            return self._make("cue-after", subject, j, end, verb)
        return self._noun_cue(j, hi)

    def _shaped_cue(self, q: int, j: int, hi: int) -> Attribution | None:
        """«…» – ha proseguito il tecnico – «…»: words between dashes after a quote that
        have the shape of a reporting clause (extract/dashes.py), whatever their verb."""
        toks = self.tokens
        if toks[j - 1].text not in DASHES:
            return None
        end = next((k for k in range(j, min(hi, j + RIGHT_CUE_TOKENS)) if toks[k].text in DASHES), None)
        if end is None or end == j or not is_shaped_cue(toks[j:end], self.lex):
            return None
        subject = None
        for k in range(j, end):
            np = self._np_from(k, end)
            if np is not None and np[0] is not None and np[0].kind != PLACE:
                subject = np[0]
                break
        return self._make("cue-after", subject, j, end - 1, None, fallback=True)

    def _ends_in_exclamation(self, q: int) -> bool:
        span = self.doc.spans[self.tokens[q].span]
        return self.doc.text[span.start:span.end].rstrip()[-1:] in ("!", "?")

    def _starts_clause(self, k: int) -> bool:
        tok, lex = self.tokens[k], self.lex
        return tok.kind == "w" and ((tok.norm in lex.conjunctions) or (tok.norm in lex.complementizers)
                                    or lex.has("relatives", tok.norm))

    def _noun_cue(self, j: int, hi: int) -> Attribution | None:
        """"…», è la constatazione del presidente" / "…», le parole di X": a noun for words
        said, and whose they are."""
        toks = self.tokens
        for k in range(j, min(j + 4, hi)):
            if toks[k].norm not in self.lex.speech_nouns:
                continue
            if k + 1 < hi and toks[k + 1].kind == "w" and (toks[k + 1].norm in self.lex.prepositions):
                np = self._np_from(k + 2, hi) or self._np_from(k + 1, hi)
                if np is not None and np[0] is not None:
                    return self._make("cue-after", np[0], j, np[1], None)
            return None
        return None

    def _is_quote_as_saying(self, k: int, hi: int) -> bool:
        toks = self.tokens
        return any(toks[x].norm == "as" and x + 1 < hi and toks[x + 1].norm == "saying"
                   for x in range(k + 1, min(k + 5, hi - 1)))

    def _according_to(self, q: int, lo: int, hi: int) -> Attribution | None:
        heads = self.lex.multi_first.get("according_to", {})
        for k in range(lo, min(hi, q + 6)):
            if self.tokens[k].norm not in heads:
                continue
            size = self._match(k, "according_to")
            if not size:
                continue
            if k > q and k > q + 3:
                break
            if k + size < hi and self.tokens[k + size].norm in ("cui", "whom", "which"):
                subject = self._antecedent(k, lo)  # "Marco Rubio, secondo cui «…»"
                if subject is None:
                    continue
                att = self._make("according-to", subject, k, k + size, None)
                att.governed = True
                return att
            np = self._np_from(k + size, hi)
            if np is None or np[0] is None:
                continue
            subject = np[0]
            if subject.kind == MEDIA:
                continue  # "secondo Bloomberg": the medium, not the speaker
            att = self._make("according-to", subject, k, k + size - 1, None)
            att.governed = True
            return att
        return None

    def _left_cue(self, q: int, lo: int) -> Attribution | None:
        """The nearest reporting verb before the quote, in its sentence."""
        toks = self.tokens
        i = q - 1
        while i >= lo:
            tok = toks[i]
            if tok.kind == "p" and tok.text in CLAUSE_STOPS:
                return None
            verb = self._verb_at(i)
            if verb is not None:
                i = self._outer_verb(i, lo)
                verb = self._verb_at(i)
                end = self._verb_end(i)
                subject = self._subject_of(i, end, lo, q)
                return self._make("cue-before", subject, self._cue_start(i, lo), end, verb,
                                  fallback=True)
            i -= 1
        return None

    def _outer_verb(self, v: int, lo: int) -> int:
        """"Tajani ha ribadito che l'Italia sostiene «…»": a reporting verb inside a clause
        that another reporting verb introduces is part of what is reported."""
        toks = self.tokens
        for k in range(v - 1, max(lo - 1, v - 8), -1):
            if toks[k].kind == "q" or toks[k].text in ".;:":
                return v
            if (toks[k].norm in self.lex.complementizers):
                for outer in range(k - 1, max(lo - 1, k - 6), -1):
                    if self._verb_at(outer) and not any(f.use == "ger" for f in self._verb_at(outer)):
                        return outer
                    if toks[outer].kind != "w":
                        break
                return v
        return v

    def _later_cue(self, q: int, hi: int) -> Attribution | None:
        """"The EU is “ready for all scenarios” in its talks, the bloc's trade chief said":
        a reporting verb later in the sentence, when no other quote follows."""
        toks = self.tokens
        if any(t.kind == "q" for t in toks[q + 1:hi]):
            return None  # a later verb belongs to the later quote
        for k in range(q + 1, hi):
            if toks[k].text in CLAUSE_STOPS:
                return None
            verb = self._verb_at(k)
            if verb is not None and not any(f.use == "ger" for f in verb):
                end = self._verb_end(k)
                subject = self._subject_of(k, end, q + 1, hi)
                return self._make("cue-later", subject, self._cue_start(k, q + 1), end, verb)
        return None

    def _colon(self, q: int, lo: int) -> Attribution | None:
        """"Lavrov: «…»" — the person named before the colon (no verb in between)."""
        toks = self.tokens
        if q - 1 < lo or toks[q - 1].text != ":":
            return None
        start = q - 2
        while start > lo and toks[start].kind != "q" and toks[start].text not in CLAUSE_STOPS:
            start -= 1
        for begin in dict.fromkeys((start, lo)):  # the last clause, then the whole sentence
            subject = self._first_subject(begin, q - 1)
            if subject is not None and subject.kind in (PERSON, ORG):
                return self._make("colon", subject, q - 1, q - 1, None)
        # "Fiorello durante la conferenza stampa: «…»": a name of unknown kind opening
        # the clause before the colon speaks, when nothing else in it is a person
        first = next((m for m in self.m.between(start, q - 1) if not self._in_pp(m)), None)
        if first is not None and first.kind == UNKNOWN and first.np_first == start:
            return self._make("colon", self._named(first), q - 1, q - 1, None)
        return None

    def _anaphora(self, q: int, hi: int) -> Attribution | None:
        """"«…». Lo ha detto X" — the next sentence names the speaker of this one."""
        toks, doc = self.tokens, self.doc
        if hi >= len(toks) or toks[hi].para != toks[q].para:
            return None
        # Only for a sentence in which nothing else says who speaks.
        lo, _ = doc.sentence_of(q)
        if any(self._verb_at(k) is not None for k in range(lo, hi)):
            return None
        nlo, nhi = doc.sentence_of(hi)
        size = self._match(nlo, "anaphoric")
        if not size:
            return None
        for k in range(nlo, min(nhi, nlo + 8)):
            verb = self._verb_at(k)
            if verb is not None:
                end = self._verb_end(k)
                subject = self._postverbal(end + 1, nhi) or self._preverbal_np(k, nlo)
                return self._make("anaphora", subject, nlo, end, verb)
        # "A dirlo è Amadeus": the phrase names the speaker next, whatever kind of name
        np = self._np_from(nlo + size, nhi)
        subject = np[0] if np is not None and np[0] is not None and np[0].kind != PLACE else None
        subject = subject or self._first_subject(nlo, nhi)
        if subject is None:
            return None
        return self._make("anaphora", subject, nlo, nlo + size - 1, None)

    def _byline(self, q: int, hi: int) -> Attribution | None:
        toks = self.tokens
        j = q + 1
        if j < hi and toks[j].text == ".":
            j += 1
        if j >= hi or toks[j].text not in DASHES:
            return None
        m = self.m.starting_at.get(j + 1)
        if m is not None and m.kind in (PERSON, ORG, UNKNOWN) and m.last + 1 >= hi - 1:
            return self._make("byline", self._named(m), j, m.last, None)
        return None

    def _split(self, q: int, lo: int) -> Attribution | None:
        """“…,” she said. “…” — a quote opening the sentence right after a cued quote."""
        if q != lo or q == 0:
            return None
        toks = self.tokens
        plo, _ = self.doc.sentence_of(q - 1)
        if toks[q - 1].para != toks[q].para or toks[plo].kind != "q":
            return None
        head = self.result.get(toks[plo].span)
        if head is None or not head.speaker or head.rule != "cue-after":
            return None
        quoted = self.doc.quoted_text(toks[plo].span).rstrip()
        if quoted[-1:] in ".!?…":
            return None  # the first part ended its statement
        att = self._inherit(head, "split")
        att.part_of = toks[plo].span
        return att

    def _left_person(self, q: int, lo: int) -> Attribution | None:
        for m in self.m.between(lo, q):
            if m.last < q and m.kind == PERSON:
                return self._make("left-person", self._named(m), m.first, m.last, None)
        return None

    # == passes after the first ============================================================
    def _cataphora(self) -> None:
        """Quotes before any speaker is named take the next one named."""
        order = sorted(self.result, key=lambda si: self.doc.spans[si].start)
        for n, si in enumerate(order):
            att = self.result[si]
            if att.speaker or att.how == "indefinite" or self.doc.spans[si].parent is not None:
                continue
            if not (self.doc.is_statement_like(si) or att.governed):
                continue
            for later in order[n + 1:n + 6]:
                other = self.result[later]
                if other.speaker and other.rule not in ("continuation", "cataphora"):
                    self.result[si] = Attribution(other.speaker, other.speaker_kind, "cataphora",
                                                  "inherited", via=other.via)
                    self.result[si].confidence = self._confidence(self.result[si])
                    break
            else:
                q = self.doc.token_of_span[si]
                nearest = next(self.m.persons_before(q), None)
                if nearest is not None:
                    named = self._named(nearest)
                    self.result[si] = Attribution(named.name, PERSON, "left-person", "inherited")
                    self.result[si].confidence = self._confidence(self.result[si])

    def _nested(self) -> None:
        """A quote inside a quote: the outer speaker's words if they say "I say", "dico"
        before it; someone else's (unknown) if another verb introduces it."""
        doc, lex = self.doc, self.lex
        for si, span in enumerate(doc.spans):
            if span.parent is None:
                continue
            parent = doc.spans[span.parent]
            clause_start = _last_clause_start(doc.text, parent.start, span.outer_start)
            words = [t for t in tokenize(doc.text, clause_start, span.outer_start) if t.kind == "w"]
            att = Attribution(rule="nested")
            verbs = [(n, f) for n, t in enumerate(words) for f in lex.forms(t.norm)]
            if verbs:
                n, form = verbs[-1]
                att.governed = True
                first = form.use == "first" or any((w.norm in lex.first_person) for w in words[max(0, n - 3):n])
                outer = self.result.get(span.parent)  # nested spans hang from a top-level one
                if first and outer is not None and outer.speaker:
                    att.speaker, att.speaker_kind, att.how = outer.speaker, outer.speaker_kind, "inherited"
                att.cue = (words[n].start, words[n].end)
            else:
                previous = self.result.get(si - 1)
                if previous is not None and doc.spans[si - 1].parent == span.parent and \
                        doc.text[doc.spans[si - 1].outer_end:span.outer_start].strip() in (",", ""):
                    att.speaker, att.governed = previous.speaker, previous.governed
                    att.speaker_kind, att.how = previous.speaker_kind, previous.how
            att.confidence = self._confidence(att) if att.speaker else 0.0
            self.result[si] = att

    # == narrative =========================================================================
    def _narrative_events(self, lo: int, hi: int) -> None:
        """A reporting verb with a named subject outside any quote still makes its subject
        the one the text is about: "Buckingham Palace confirmed …"."""
        toks, verbs, phrases = self.tokens, self.lex.verbs, self.lex.phrases
        for i in range(lo, hi):
            norm = toks[i].norm
            if (norm not in verbs and norm not in phrases) or toks[i].kind != "w":
                continue  # the cheap test first: this loop sees every token
            forms = self._verb_at(i)
            if forms is None or any(f.use == "ger" for f in forms):
                continue
            j = self._skip_back(i - 1, lo)
            if j >= lo and self._match_back(j, "relatives"):
                continue  # "… che aveva detto": a clause about someone else
            subject = self._preverbal_np(i, lo)
            if subject is not None and subject.how in ("name", "surname") and subject.kind in (PERSON, ORG):
                self._remember(subject, toks[i].para)

    def _note_subject(self, s: int, lo: int, hi: int, topic: bool) -> None:
        """A person named at the start of a sentence is salient; when no quote of the
        sentence says otherwise, the text is now about them."""
        start = lo
        for k in range(lo, min(hi, lo + SUBJECT_WINDOW + 4)):
            if self.tokens[k].text == ",":  # after a leading "A margine del vertice,"
                start = k + 1
                break
        subject = self._first_subject(lo, min(hi, start + SUBJECT_WINDOW), persons_only=True)
        if subject is None:  # "Per il sindaco Marco Tanini, il bilancio…": a topic in a phrase
            opening = next((m for m in self.m.between(lo, lo + 5) if m.kind == PERSON), None)
            subject = self._named(opening) if opening is not None else None
        if subject is not None:
            self.subjects.append((s, subject))
            if topic:
                self._set_topic(subject)

    # == subjects ==========================================================================
    def _subject_of(self, v: int, v_end: int, lo: int, q: int) -> Speaker | None:
        toks = self.tokens
        forms = self._verb_at(v) or []
        if any(f.use == "ger" for f in forms):
            return self._main_subject(v, lo)
        j = self._skip_back(v - 1, lo)
        lo_clitic = any(toks[x].norm in ("lo", "l'") for x in range(max(j + 1, lo), v))
        clause_initial = j < lo or toks[j].kind == "q" or toks[j].text in (",", ":", "(") \
            or (toks[j].kind == "w" and (toks[j].norm in self.lex.conjunctions))
        post = self._postverbal(v_end + 1, q) if self.lex.lang != "en" else None
        if post is not None and post.how == "pronoun":
            post = None  # "said he had…": the pronoun is the reported clause's subject
        if post is not None and (lo_clitic or clause_initial):
            return post
        pre = self._preverbal_np(v, lo)
        if pre is not None:
            return pre
        if post is not None:
            return post
        if j >= lo and toks[j].kind == "w" and (toks[j].norm in self.lex.conjunctions):
            return self._main_subject(j, lo)
        return None

    def _preverbal_np(self, v: int, lo: int) -> Speaker | None:
        toks = self.tokens
        j = self._skip_back(v - 1, lo)
        if j < lo:
            return None
        if toks[j].text == "," and j - 1 >= lo:
            # "Maria Zakharova, the ministry spokeswoman, said", "Franco Gentile, 58 anni,
            # impiegato a Frosinone, racconta": the name before the appositions.
            person = org = None
            for k in range(j - 1, max(lo, j - APPOSITION_TOKENS) - 1, -1):
                tok = toks[k]
                forms = self._verb_at(k)
                if tok.text in (";", ":") or (forms and not self._after_article(k)
                                               and not any(f.use == "ger" for f in forms)):
                    break
                named = self.m.ending_at.get(k)
                if named is None and toks[k + 1].text == ",":
                    phrase = self._org_phrase(k, lo)
                    if phrase is not None:
                        org = phrase  # "Il ministero dell'Interno georgiano, citato da …,"
                if named is None or self._in_pp(named):
                    continue
                # keep going: the first name of the chain is the subject
                if named.kind == PERSON or (named.kind == UNKNOWN and named.first < named.last):
                    person = named
                elif named.kind == ORG and toks[k + 1].text == ",":
                    org = self._named(named)
            if person is not None:
                return self._named(person)
            return org
        return self._np_ending(j, lo)

    def _np_ending(self, j: int, lo: int) -> Speaker | None:
        toks = self.tokens
        m = self.m.ending_at.get(j)
        d = self.m.description_ending_at.get(j)
        if d is not None and (m is None or d.first <= m.np_first):
            if m is not None and m.kind in (PERSON, ORG):
                return self._named(m)
            return self._resolve_description(d, j)
        if m is not None:
            if self._in_pp(m) and toks[m.np_first - 1].norm not in SUBORDINATORS:
                return None  # "con Putin" is no subject; "after Rachel Reeves told" is
            start = self._np_start(m, lo)
            if self._after_nonfinite(start, lo):
                return None  # "ad attaccare l'esecutivo Meloni ha aggiunto": an object
            if start < m.np_first and m.kind in (PERSON, UNKNOWN):
                return self._org_phrase(j, lo)  # "il governo Meloni ha deciso": the government
            if m.kind == TITLE:
                return self._resolve_title(m, j) or self._org_after(m)
            if _personlike(m):
                pair = self._pair_before(m, lo)
                if pair is not None:
                    return pair
            if m.kind in (PERSON, ORG, UNKNOWN, PLACE, MEDIA):
                return self._named(m)
        tok = toks[j]
        size = self._match_back(j, "relatives")
        if size:
            return self._antecedent(j - size + 1, lo)
        size = self._match_back(j, "pronouns")
        if size:
            return self._resolve_pronoun(j)
        if tok.norm in self.lex.speech_nouns and j - 1 >= lo and (toks[j - 1].norm in self.lex.articles):
            if self.last is not None:  # "A statement said": whoever issued it
                return Speaker(self.last.name, self.last.kind, "document")
        if tok.kind == "w" and not tok.cap and j - 1 >= lo:
            before = self.m.ending_at.get(j - 1)
            if before is not None and before.kind in (ORG, MEDIA) and (tok.norm,) in self.lex.roles:
                return self._named(before)  # "A Home Office source", "a White House official"
            if (toks[j - 1].norm in self.lex.determiners) or (toks[j - 1].norm in self.lex.articulated):
                org = self.m.org_with_head(tok.text)
                if org is not None:
                    return Speaker(org, ORG, "description")
        if tok.kind == "w" and not tok.cap and j - 1 >= lo and (toks[j - 1].norm in self.lex.determiners):
            person = self.m.person_called(tok.norm, j - 1)
            if person is not None:  # "il fotografo" after "il fotografo Nicola Ferretti"
                return Speaker(self._named(person).name, PERSON, "description")
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
                if (toks[k - 1].norm in lex.articulated) or self._in_pp_at(k - 1, lo):
                    return None  # "citato dall'agenzia …": inside a phrase, not a subject
                tail = toks[k + 1:j + 1]
                if any(t.cap for t in tail):
                    return Speaker(self.doc.text[tok.start:toks[j].end], ORG, "name")
                org = self.m.org_before(k)
                return Speaker(org, ORG, "description") if org is not None else None
            if lex.forms(tok.norm) and not self._after_article(k):
                return None
        return None

    def _np_start(self, m: Mention, lo: int) -> int:
        """Where the noun phrase of a name begins: before "il governo" in "il governo
        Meloni", a name used to qualify an institution's common noun."""
        toks, lex = self.tokens, self.lex
        k = m.np_first
        if k - 2 >= lo and toks[k - 1].kind == "w" and toks[k - 1].norm in lex.org_nouns \
                and (toks[k - 2].norm in lex.determiners or toks[k - 2].norm in lex.articulated):
            return k - 2
        return k

    def _after_nonfinite(self, k: int, lo: int) -> bool:
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

    def _in_pp_at(self, k: int, lo: int) -> bool:
        return k - 1 >= lo and self.tokens[k - 1].kind == "w" and (self.tokens[k - 1].norm in self.lex.prepositions)

    def _postverbal(self, j: int, hi: int) -> Speaker | None:
        """The subject after the verb: "ha detto alla Cnn la vice portavoce … Anna Kelly"."""
        toks = self.tokens
        j = self._skip_modifiers(j, hi, clitics=False)
        for _ in range(3):
            if j >= hi:
                return None
            np = self._np_from(j, hi)
            if np is not None and not (np[0] is not None and np[0].kind == PLACE):
                return np[0]
            if toks[j].kind == "w" and toks[j].norm in AGENT_PREPOSITIONS:
                np = self._np_from(j + 1, hi) or (self._np_from(j + 2, hi) if j + 2 < hi else None)
                if np is not None:  # "dichiarato dal portavoce X", "quoted by X"
                    return np[0]
            if toks[j].kind == "w" and (toks[j].norm in self.lex.prepositions):
                j = self._skip_pp(j, hi)
                j = self._skip_modifiers(j, hi, clitics=False)
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
            if tok.kind == "q" or tok.text in ".;:" or self._verb_at(k):
                return None
            m = self.m.starting_at.get(k)
            if m is not None and m.kind == PERSON:
                return self._named(m)
        return None

    def _pair(self, a: Mention, b: Mention) -> Speaker:
        return Speaker(f"{self._named(a).name} and {self._named(b).name}", PERSON, "name")

    def _pair_after(self, m: Mention, hi: int) -> tuple[Speaker, int] | None:
        """"said Tom Hanks and Rita Wilson": two people joined by "and", then the clause
        ends — the pair is the speaker."""
        toks, k = self.tokens, m.last + 1
        if k + 1 >= hi or toks[k].norm not in PAIR_WORDS:
            return None
        other = self.m.starting_at.get(k + 1)
        if other is None or not _personlike(other) or other.np_first != k + 1:
            return None
        after = other.last + 1
        if after < len(toks) and after < hi and toks[after].kind == "w" and not self._verb_at(after):
            return None  # "said Ann Lee and Bob Fry's daughter…": not the end of the phrase
        return self._pair(m, other), other.last

    def _pair_before(self, m: Mention, lo: int) -> Speaker | None:
        """"Tim Houston and Susan Holt said": the pair is the subject."""
        toks, k = self.tokens, m.np_first - 1
        if k - 1 < lo or toks[k].norm not in PAIR_WORDS:
            return None
        first = self.m.ending_at.get(k - 1)
        if first is None or not _personlike(first) or self._in_pp(first):
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
                return self._named(m) if seen_role else None
            tok = toks[k]
            if tok.kind != "w" or self._verb_at(k) or tok.norm in self.lex.complementizers:
                return None
            if tok.norm in roles:
                seen_role = True
            elif not (tok.cap or tok.norm in GENITIVE_WORDS or tok.norm in PRE_ROLE_WORDS):
                return None
        return None

    def _np_from(self, j: int, hi: int) -> tuple[Speaker | None, int] | None:
        """A noun phrase starting at token j: (speaker it names, its last token)."""
        toks = self.tokens
        if j >= hi:
            return None
        d = self.m.description_starting_at.get(j)
        m = self.m.starting_at.get(j)
        if m is not None and (d is None or m.np_first <= d.first or d.person is m):
            if m.kind == TITLE:
                return self._resolve_title(m, j) or self._org_after(m), m.last
            if _personlike(m):
                pair = self._pair_after(m, hi)
                if pair is not None:
                    return pair
            if m.kind in (ORG, UNKNOWN, PLACE, MEDIA):
                for k in range(m.last + 1, min(hi, m.last + 4)):  # "Unite regional officer Darren Platt"
                    person = self.m.starting_at.get(k)
                    if person is not None and person.kind == PERSON:
                        return self._named(person), person.last
                    if toks[k].kind != "w" or toks[k].cap:
                        break
            return self._named(m), m.last
        if d is not None:
            return self._resolve_description(d, j), d.last
        size = self._match(j, "pronouns")
        if size:
            return self._resolve_pronoun(j), j + size - 1
        tok = toks[j]
        if (tok.norm in self.lex.articles) and j + 1 < hi:
            nxt = toks[j + 1]
            m = self.m.starting_at.get(j + 1)
            if m is not None:
                return self._named(m) if m.kind != TITLE else self._resolve_title(m, j), m.last
            if nxt.kind == "w" and not nxt.cap:
                org = self.m.org_with_head(nxt.text)
                if org is not None:
                    return Speaker(org, ORG, "description"), j + 1
        if tok.norm in ("him", "her"):
            resolved = self._resolve_pronoun(j)
            return (resolved, j) if resolved is not None else None
        if (tok.norm in self.lex.determiners) and j + 1 < hi and (toks[j + 1].norm in self.lex.org_nouns):
            end = j + 1  # "il sindacato dei giornalisti", "the club"
            while end + 1 < hi and end < j + 6 and toks[end + 1].kind == "w" and not self._verb_at(end + 1) \
                    and (toks[end + 1].norm in GENITIVE_WORDS or toks[end + 1].cap or toks[end].norm in GENITIVE_WORDS):
                end += 1
            return self._org_phrase(end, j), end
        return None

    def _main_subject(self, before: int, lo: int) -> Speaker | None:
        """The subject of the sentence's main clause, for a gerund or a coordinated verb."""
        for k in range(before - 1, lo - 1, -1):
            tok = self.tokens[k]
            if tok.kind == "q" and tok.span in self.result and self.result[tok.span].speaker:
                att = self.result[tok.span]
                return Speaker(att.speaker, att.speaker_kind or PERSON, "main-clause")
        for k in range(lo, before):
            if self._verb_at(k) is not None and not any(f.use == "ger" for f in self._verb_at(k)):
                pre = self._preverbal_np(k, lo)
                if pre is not None:
                    return Speaker(pre.name, pre.kind, "main-clause")
        subject = self._first_subject(lo, before)
        if subject is not None:
            return Speaker(subject.name, subject.kind, "main-clause")
        if self.topic is not None:
            return Speaker(self.topic.name, self.topic.kind, "inherited")
        return None

    def _first_subject(self, lo: int, hi: int, persons_only: bool = False) -> Speaker | None:
        """The first person (or institution) of a clause that is not inside a phrase
        introduced by a preposition."""
        named = next((m for m in self.m.between(lo, hi) if m.last < hi and not self._in_pp(m)
                      and (m.kind == PERSON or self._known_surname(m) or (m.kind == ORG and not persons_only))), None)
        described = None
        if not persons_only:  # "Il tecnico viola ha difeso Moise Kean: «…»": the description first
            described = next((d for d in self.m.free_descriptions_between(lo, hi)
                              if not (d.first - 1 >= lo and self.tokens[d.first - 1].norm in self.lex.prepositions)), None)
        if described is not None and (named is None or described.first < named.np_first):
            return self._resolve_description(described, described.first)
        return self._named(named) if named is not None else None

    # == resolution ========================================================================
    def _known_surname(self, m: Mention) -> bool:
        """"Panetta" after "Fabio Panetta": a one-word name of unknown kind that is the
        surname of a person the article names in full."""
        return m.kind == UNKNOWN and m.first == m.last and self._named(m).how == "surname"

    def _named(self, m: Mention) -> Speaker:
        name = self.m.canonical(m)
        if m.kind in (UNKNOWN,) and len(m.text.split()) == 1:
            full = self.m.person_named(m.surname, m.first)
            if full:
                return Speaker(full, PERSON, "surname")
        how = "surname" if name != m.text else "name"
        return Speaker(name, m.kind if m.kind != UNKNOWN else PERSON, how)

    def _resolve_pronoun(self, j: int) -> Speaker | None:
        """He, she, lui, lei: the most salient person of that gender (or of unknown
        gender: the first names in lexicons/names.toml tell)."""
        want = PRONOUN_GENDER.get(self.tokens[j].norm)
        for person in self._salient(j):
            if want is None or self._gender(person.name) in (None, want):
                return Speaker(person.name, PERSON, "pronoun")
        return None

    def _gender(self, name: str) -> str | None:
        return self.doc.gaz.gender.get(fold(name.split()[0])) if name else None

    def _antecedent(self, rel: int, lo: int) -> Speaker | None:
        """"Donald Trump che ha definito …": the name right before the relative pronoun."""
        k = rel - 1
        if k >= lo and self.tokens[k].text == ",":
            k -= 1
        m = self.m.ending_at.get(k)
        if m is not None and m.kind in (PERSON, ORG, UNKNOWN, PLACE):
            s = self._named(m)
            return Speaker(s.name, s.kind, "relative")
        d = self.m.description_ending_at.get(k)
        if d is not None:
            return self._resolve_description(d, k)
        return None

    def _org_after(self, m: Mention) -> Speaker | None:
        """"Analysts at Peel Hunt", "fonti della Difesa": the organisation they speak for."""
        k = m.last + 1
        if k < len(self.tokens) and (self.tokens[k].norm in self.lex.prepositions or self.tokens[k].norm in self.lex.articulated):
            org = self.m.starting_at.get(k + 1) or self.m.starting_at.get(k + 2)
            if org is not None and org.kind in (ORG, UNKNOWN):
                return Speaker(self._named(org).name, ORG, "description")
        return None

    def _resolve_title(self, m: Mention, j: int) -> Speaker | None:
        for d in self.m.descriptions:
            if d.first >= m.np_first - 1 and d.head <= m.last:
                return self._resolve_description(d, j)
        return None

    def _resolve_description(self, d: Description, j: int) -> Speaker | None:
        if d.person is not None:
            return self._named(d.person)
        described = self._described_group(d)
        if described is not None:
            return described
        if d.indefinite:  # "un funzionario della Casa Bianca": nobody named, the institution
            for m in self.m.between(d.first, d.last + 1):
                if m.kind in (ORG, MEDIA):
                    return Speaker(self._named(m).name, ORG, "description")
            if d.role == "spokesperson":  # "The Treasury pushed back. A spokesperson said"
                org = self.m.org_before(d.first)
                if org is not None:
                    return Speaker(org, ORG, "description")
            return Speaker("", PERSON, "indefinite")  # "one researcher": someone unnamed
        if d.same:  # "lo stesso comandante in capo": the person just mentioned
            nearest = next(self.m.persons_before(d.first), None)
            if nearest is not None:
                return Speaker(self._named(nearest).name, PERSON, "description")
        candidates = []
        for m in islice(self.m.persons_before(d.first), LOOKBACK):
            if d.role not in self.lex.widen(m.roles):
                continue
            if d.nats and m.nats and not (d.nats & m.nats):
                continue
            name = self._named(m).name
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
        """English: people a description cannot make one named person ("officials",
        "protesters") or someone's ("his lawyer", unless the article introduced the lawyer
        by name): the description, as the article gives it, is the speaker (FORMAT.md).
        (An indefinite "a spokesperson" keeps its institution: on unseen news the gold
        named the institution or a person more often than the description.)"""
        if self.lex.lang != "en" or self._predicative(d):
            return None
        if d.possessive:
            person = self.m.person_called(self.tokens[d.head].norm, d.first)
            if person is not None:
                return Speaker(self._named(person).name, PERSON, "description")
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
            if prev.kind != "w" or self._verb_at(first - 1) or prev.norm in self.lex.prepositions \
                    or prev.norm in self.lex.conjunctions or prev.norm in self.lex.not_names \
                    or prev.norm in self.lex.aux or self.lex.has("relatives", prev.norm):
                break
            first -= 1
            if not prev.cap:
                break
        name = self.doc.text[toks[first].start:toks[d.last].end]
        self.unnamed.setdefault(name, (d.role, d.nats))
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
        if self.topic is None or self.topic.kind == PERSON:
            return None  # (a later sentence may name them: the first quotes take the next speaker)
        name = self.doc.text[self.tokens[d.first].start:self.tokens[d.last].end]
        self.unnamed.setdefault(name, (d.role, d.nats))
        return Speaker(name, PERSON, "unnamed")

    def _salient(self, before: int) -> Iterator[Speaker]:
        """People in order of salience at a point: last speaker, recent subjects, mentions."""
        sent = self.tokens[before].sent if before < len(self.tokens) else len(self.doc.sentences)
        if self.topic_person is not None:
            yield self.topic_person
        for s, subject in reversed(self.subjects[-SALIENT_SENTENCES:]):
            if s < sent:
                yield subject
        for m in islice(self.m.persons_before(before), LOOKBACK):
            yield self._named(m)

    def _compatible(self, name: str, d: Description) -> bool:
        """Not someone whose own titles say they have another role or country (someone
        described, not named, has the role and country of their description)."""
        roles, nats = self.m.profile(name) if name not in self.unnamed else ({self.unnamed[name][0]}, self.unnamed[name][1])
        if d.nats and nats and not (d.nats & nats):
            return False
        return not roles or d.role in self.lex.widen(roles) or d.role in ("person", "official", "leader")

    # == token helpers =====================================================================
    def _verb_at(self, i: int):
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
        return m is not None and _personlike(m)

    def _phrase_forms(self, i: int):
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

    def _verb_end(self, i: int) -> int:
        forms = self.lex.forms(self.tokens[i].norm)
        lemma = forms[0].lemma if forms else self.tokens[i].norm
        rest = self._phrase_rest(i, lemma)
        return i + (rest or 0)

    def _cue_start(self, v: int, lo: int) -> int:
        """Auxiliaries, clitics and adverbs before a verb belong to the cue ("ha poi detto")."""
        k = v
        while k - 1 >= lo and self.tokens[k - 1].kind == "w" and (
                (self.tokens[k - 1].norm in self.lex.aux)
                or (self.tokens[k - 1].norm in self.lex.clitics)
                or (self.tokens[k - 1].norm in self.lex.negations)):
            k -= 1
        return k

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

    def _skip_back(self, j: int, lo: int) -> int:
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
                or self.m.ending_at.get(j) or (lex.forms(toks[j].norm) and not self._after_article(j)):
            return None
        for k in range(j - 1, max(lo - 1, j - 4), -1):
            tok = toks[k]
            if tok.kind != "w" or tok.cap or (lex.forms(tok.norm) and not self._after_article(k)):
                return None
            if (tok.norm in lex.prepositions) or (tok.norm in lex.articulated):
                return k - 1
        return None

    def _after_article(self, k: int) -> bool:
        """Is token k right after an article ("una nota", "the report"), so a noun?"""
        return k > 0 and ((self.tokens[k - 1].norm in self.lex.articles)
                          or (self.tokens[k - 1].norm in self.lex.articulated))

    def _skip_modifiers(self, j: int, hi: int, clitics: bool = True) -> int:
        """Skip auxiliaries and adverbs (and clitics, before a verb) rightwards."""
        toks, lex = self.tokens, self.lex
        while j < hi and toks[j].kind == "w" and (
                (toks[j].norm in lex.aux) or (toks[j].norm in lex.adverbs)
                or (clitics and (toks[j].norm in lex.clitics)) or _adverb_like(toks[j], lex.lang)):
            j += 1
        return j

    def _skip_pp(self, j: int, hi: int) -> int:
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

    def _in_pp(self, m: Mention) -> bool:
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

    def _modifier(self, k: int) -> bool:
        """A lower-case word that may stand between a preposition and its noun ("su un
        possibile sesto Festival", "with the newly elected Smith"): no verb, conjunction
        or relative, so the phrase goes on."""
        tok, lex = self.tokens[k], self.lex
        return tok.kind == "w" and not tok.cap and not lex.forms(tok.norm) \
            and tok.norm not in lex.conjunctions and tok.norm not in lex.complementizers \
            and not lex.has("relatives", tok.norm) and tok.norm not in lex.aux

    def _match(self, i: int, group: str) -> int:
        """Length of the longest phrase of `group` starting at token i (0 if none)."""
        toks = self.tokens
        if i >= len(toks):
            return 0
        for phrase in self.lex.multi_first.get(group, {}).get(toks[i].norm, ()):
            size = len(phrase)
            if i + size <= len(toks) and all(toks[i + n].norm == w for n, w in enumerate(phrase)):
                return size
        return 0

    def _match_back(self, j: int, group: str) -> int:
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

    def _after_determiner(self, si: int | None) -> bool:
        """Is the quote a short noun phrase after an article ("a “city killer”")?"""
        if si is None or self.doc.is_statement_like(si):
            return False
        q = self.doc.token_of_span.get(si)
        return q is not None and q > 0 and self.tokens[q - 1].norm in self.lex.determiners

    def _make(self, rule: str, subject: Speaker | None, cue_first: int, cue_last: int,
              verb, fallback: bool = False) -> Attribution:
        toks = self.tokens
        att = Attribution(rule=rule, governed=True)
        att.cue = (toks[cue_first].start, toks[cue_last].end)
        att.weak = bool(verb) and all(f.weak for f in verb)
        naming = bool(verb) and all(f.naming for f in verb)
        label_like = self._after_determiner(self._quote_index)
        if subject is None and fallback and self.topic is not None and not naming and not label_like:
            subject = Speaker(self.topic.name, self.topic.kind, "inherited")
        if subject is None and (naming or label_like):
            att.governed = False  # "what critics dubbed the “…”", "fears of a “brain drain”"
        if subject is not None:
            att.speaker, att.speaker_kind, att.how = subject.name or None, subject.kind, subject.how
        att.via = self._via(cue_first, cue_last)
        return att

    def _via(self, first: int, last: int) -> str | None:
        """The medium named near the cue: "alla Cnn", "su X", "told CNN", "on Truth Social"."""
        toks = self.tokens
        lo, hi = self.doc.sentence_of(first)
        best = None
        for m in self.m.between(lo, hi):
            if m.kind != MEDIA:
                continue
            k = m.np_first - 1
            while k >= lo and toks[k].kind == "w" and (toks[k].norm in ("his", "her", "its", "their", "suo", "sua", "suoi", "sue")
                                                      or (toks[k].norm in self.lex.articles)):
                k -= 1
            near_verb = first - 1 <= k <= last + 1 or first - 1 <= m.np_first <= last + 1
            if k >= lo and (self._match_back(k, "via") or near_verb) or near_verb:
                distance = min(abs(m.first - last), abs(m.first - first))
                if best is None or distance < best[0]:
                    best = (distance, m.text)
        return best[1] if best else None


def _personlike(m: Mention) -> bool:
    """A person, or a two-word name the gazetteer cannot tell ("Arlo Penn")."""
    return m.kind == PERSON or (m.kind == UNKNOWN and m.first < m.last)


def _adverb_like(tok: Token, lang: str) -> bool:
    if tok.kind != "w" or tok.cap:
        return False
    if lang == "it":
        return tok.norm.endswith("mente") and len(tok.norm) > 6
    return tok.norm.endswith("ly") and len(tok.norm) > 4 and tok.norm not in ("only", "early", "family", "july", "italy", "rally", "ally") \
        and not lexicon(lang).forms(tok.norm)  # "reply" is a verb


def _last_clause_start(text: str, start: int, end: int) -> int:
    """Where the words that introduce a nested quote begin: after the last sentence end."""
    cut = max(text.rfind(". ", start, end), text.rfind("? ", start, end), text.rfind("! ", start, end))
    return cut + 1 if cut >= 0 else start
