"""Who said each quote, from the cue in the reporter's sentence around it: the per-quote rules.

The rules, tried in this order for each quote (`Cues.attribute`; the `rule` field of the
output names the one that decided, and how the speaker was resolved):

- `cue-after`   a reporting verb right after the quote: "…", ha detto Lavrov / Zakharova said
                (also a dashed cue of reporting shape, "«…» – ha proseguito il tecnico –",
                and a noun for words said: "…», le parole di X");
- `according-to` "secondo il Dipartimento di Stato", "according to X" in the sentence;
- `cue-before`  the nearest reporting verb before the quote in its sentence, and its subject
                (before the verb, after it for "Lo ha detto X", the main clause's for a
                gerund: "…, sottolineando che «…»");
- `cue-later`   a reporting verb later in the sentence, when no other quote follows:
                "The EU is “ready for all scenarios”, the bloc's trade chief said";
- `statement`   a part of a statement split around its cue takes the speaker of its head;
- `colon`       "Lavrov: «…»", "President Trump on Israel and Iran: “…”";
- `anaphora`    the next sentence says who spoke: "Lo ha detto X", "È quanto dichiarato da X";
- `byline`      "“…” – Donald Trump";
- `split`       “…,” she said. “…” — the second part of a statement;
- `left-person` a statement after a named person with no verb: "Nicola Fox, head of …, “…”";
- `continuation` a quote with no cue goes on with the person the text is about (the last
                speaker, or someone a sentence since introduced), within two paragraphs.

The passes after these (`cataphora`, `nested`) are in `discourse`, `echo` in `extract/__init__`.
A rule that finds a cue but no subject takes the person the text is about (`fallback`).
"""

from __future__ import annotations

from .clauses import Clauses
from .dashes import is_shaped_cue
from .document import Document
from .mentions import MEDIA, ORG, PERSON, PLACE, UNKNOWN
from .records import Attribution, Speaker, State, confidence_of
from .resolution import Resolver
from .subjects import Subjects

CLAUSE_STOPS = frozenset(";")
RIGHT_CUE_TOKENS = 9  # "…," said / the company's chief executive … said
DASHES = frozenset("–—-")


class Cues:
    """The per-quote rules over one article, in the order `attribute` tries them."""

    def __init__(self, doc: Document, clauses: Clauses, subjects: Subjects, resolver: Resolver,
                 state: State) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        self.lex = doc.lex
        self.m = doc.mentions
        self.clauses = clauses
        self.subjects = subjects
        self.resolver = resolver
        self.state = state
        self._quote_index: int | None = None  # the quote being attributed

    def attribute(self, si: int) -> Attribution:
        """The attribution of quote `si` by the first rule that decides (see the module)."""
        self._quote_index = si
        doc, span = self.doc, self.doc.spans[si]
        q = doc.token_of_span[si]
        lo, hi = doc.sentence_of(q)
        head = self.state.results.get(span.continues) if span.continues is not None else None
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
        if att is None and self.doc.is_statement_like(si):
            att = self._continuation(q)
        att = att or Attribution()
        if att.via is None and (att.rule in ("continuation", "statement", "split") or att.how == "inherited") \
                and self.state.last_via():
            att.via = self.state.last_via()
        att.confidence = confidence_of(att)
        return att

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
        k = self.clauses.skip_modifiers(j, hi)
        verb = self.clauses.verb_at(k)
        if verb is not None:
            end = self.clauses.verb_end(k)
            subject = self.subjects.postverbal(end + 1, hi)
            if subject is None and self._is_quote_as_saying(k, hi):
                subject = self.subjects.postverbal(k + 1, hi)
            return self._make("cue-after", subject, j, end, verb, fallback=True)
        shaped = self._shaped_cue(q, j, hi)
        if shaped is not None:
            return shaped
        # "…," Zakharova said / "…," area commander Fiona Baird said / "…," BBC quoted him
        for k in range(j, min(hi, j + RIGHT_CUE_TOKENS)):
            if toks[k].kind == "q" or toks[k].text in ".;:!?()" or self.clauses.starts_clause(k):
                break  # "…", while Chris Philp said: another clause, another speaker
            verb = self.clauses.verb_at(k)
            if verb is None:
                continue
            end = self.clauses.verb_end(k)
            subject = self.subjects.preverbal_np(k, j)
            if self._is_quote_as_saying(k, hi):  # "BBC quoted him as saying": him, via BBC
                obj = self.subjects.np_from(k + 1, hi)
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
            np = self.subjects.np_from(k, end)
            if np is not None and np[0] is not None and np[0].kind != PLACE:
                subject = np[0]
                break
        return self._make("cue-after", subject, j, end - 1, None, fallback=True)

    def _noun_cue(self, j: int, hi: int) -> Attribution | None:
        """"…», è la constatazione del presidente" / "…», le parole di X": a noun for words
        said, and whose they are."""
        toks = self.tokens
        for k in range(j, min(j + 4, hi)):
            if toks[k].norm not in self.lex.speech_nouns:
                continue
            if k + 1 < hi and toks[k + 1].kind == "w" and (toks[k + 1].norm in self.lex.prepositions):
                np = self.subjects.np_from(k + 2, hi) or self.subjects.np_from(k + 1, hi)
                if np is not None and np[0] is not None:
                    return self._make("cue-after", np[0], j, np[1], None)
            return None
        return None

    def _ends_in_exclamation(self, q: int) -> bool:
        span = self.doc.spans[self.tokens[q].span]
        return self.doc.text[span.start:span.end].rstrip()[-1:] in ("!", "?")

    def _is_quote_as_saying(self, k: int, hi: int) -> bool:
        toks = self.tokens
        return any(toks[x].norm == "as" and x + 1 < hi and toks[x + 1].norm == "saying"
                   for x in range(k + 1, min(k + 5, hi - 1)))

    def _according_to(self, q: int, lo: int, hi: int) -> Attribution | None:
        heads = self.lex.multi_first.get("according_to", {})
        for k in range(lo, min(hi, q + 6)):
            if self.tokens[k].norm not in heads:
                continue
            size = self.clauses.match(k, "according_to")
            if not size:
                continue
            if k > q and k > q + 3:
                break
            if k + size < hi and self.tokens[k + size].norm in ("cui", "whom", "which"):
                subject = self.resolver.antecedent(k, lo)  # "Marco Rubio, secondo cui «…»"
                if subject is None:
                    continue
                att = self._make("according-to", subject, k, k + size, None)
                att.governed = True
                return att
            np = self.subjects.np_from(k + size, hi)
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
            verb = self.clauses.verb_at(i)
            if verb is not None:
                i = self.clauses.outer_verb(i, lo)
                verb = self.clauses.verb_at(i)
                end = self.clauses.verb_end(i)
                subject = self.subjects.subject_of(i, end, lo, q)
                return self._make("cue-before", subject, self.clauses.cue_start(i, lo), end, verb,
                                  fallback=True)
            i -= 1
        return None

    def _later_cue(self, q: int, hi: int) -> Attribution | None:
        """"The EU is “ready for all scenarios” in its talks, the bloc's trade chief said":
        a reporting verb later in the sentence, when no other quote follows."""
        toks = self.tokens
        if any(t.kind == "q" for t in toks[q + 1:hi]):
            return None  # a later verb belongs to the later quote
        for k in range(q + 1, hi):
            if toks[k].text in CLAUSE_STOPS:
                return None
            verb = self.clauses.verb_at(k)
            if verb is not None and not any(f.use == "ger" for f in verb):
                end = self.clauses.verb_end(k)
                subject = self.subjects.subject_of(k, end, q + 1, hi)
                return self._make("cue-later", subject, self.clauses.cue_start(k, q + 1), end, verb)
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
            subject = self.subjects.first_subject(begin, q - 1)
            if subject is not None and subject.kind in (PERSON, ORG):
                return self._make("colon", subject, q - 1, q - 1, None)
        # "Fiorello durante la conferenza stampa: «…»": a name of unknown kind opening
        # the clause before the colon speaks, when nothing else in it is a person
        first = next((m for m in self.m.between(start, q - 1) if not self.clauses.in_pp(m)), None)
        if first is not None and first.kind == UNKNOWN and first.np_first == start:
            return self._make("colon", self.resolver.named(first), q - 1, q - 1, None)
        return None

    def _anaphora(self, q: int, hi: int) -> Attribution | None:
        """"«…». Lo ha detto X" — the next sentence names the speaker of this one."""
        toks, doc = self.tokens, self.doc
        if hi >= len(toks) or toks[hi].para != toks[q].para:
            return None
        # Only for a sentence in which nothing else says who speaks.
        lo, _ = doc.sentence_of(q)
        if any(self.clauses.verb_at(k) is not None for k in range(lo, hi)):
            return None
        nlo, nhi = doc.sentence_of(hi)
        size = self.clauses.match(nlo, "anaphoric")
        if not size:
            return None
        for k in range(nlo, min(nhi, nlo + 8)):
            verb = self.clauses.verb_at(k)
            if verb is not None:
                end = self.clauses.verb_end(k)
                subject = self.subjects.postverbal(end + 1, nhi) or self.subjects.preverbal_np(k, nlo)
                return self._make("anaphora", subject, nlo, end, verb)
        # "A dirlo è Amadeus": the phrase names the speaker next, whatever kind of name
        np = self.subjects.np_from(nlo + size, nhi)
        subject = np[0] if np is not None and np[0] is not None and np[0].kind != PLACE else None
        subject = subject or self.subjects.first_subject(nlo, nhi)
        if subject is None:
            return None
        return self._make("anaphora", subject, nlo, nlo + size - 1, None)

    def _byline(self, q: int, hi: int) -> Attribution | None:
        """"“…” – Donald Trump": a dash after the quote, and a name ending the sentence."""
        toks = self.tokens
        j = q + 1
        if j < hi and toks[j].text == ".":
            j += 1
        if j >= hi or toks[j].text not in DASHES:
            return None
        m = self.m.starting_at.get(j + 1)
        if m is not None and m.kind in (PERSON, ORG, UNKNOWN) and m.last + 1 >= hi - 1:
            return self._make("byline", self.resolver.named(m), j, m.last, None)
        return None

    def _split(self, q: int, lo: int) -> Attribution | None:
        """“…,” she said. “…” — a quote opening the sentence right after a cued quote."""
        if q != lo or q == 0:
            return None
        toks = self.tokens
        plo, _ = self.doc.sentence_of(q - 1)
        if toks[q - 1].para != toks[q].para or toks[plo].kind != "q":
            return None
        head = self.state.results.get(toks[plo].span)
        if head is None or not head.speaker or head.rule != "cue-after":
            return None
        quoted = self.doc.quoted_text(toks[plo].span).rstrip()
        if quoted[-1:] in ".!?…":
            return None  # the first part ended its statement
        att = self._inherit(head, "split")
        att.part_of = toks[plo].span
        return att

    def _left_person(self, q: int, lo: int) -> Attribution | None:
        """"Nicola Fox, head of …, “…”": the first person named before the quote."""
        for m in self.m.between(lo, q):
            if m.last < q and m.kind == PERSON:
                return self._make("left-person", self.resolver.named(m), m.first, m.last, None)
        return None

    def _continuation(self, q: int) -> Attribution | None:
        """A statement with no cue goes on with the person the text is about, when the
        last speaker spoke at most two paragraphs before."""
        topic = self.state.topic
        if topic is None or self.tokens[q].para - self.state.last_para > 2:
            return None
        return Attribution(topic.name, topic.kind, "continuation", "inherited")

    def _inherit(self, other: Attribution, rule: str) -> Attribution:
        """The speaker, cue and medium of another quote's attribution, under `rule`."""
        return Attribution(other.speaker, other.speaker_kind, rule, "inherited", cue=other.cue,
                           via=other.via, governed=other.governed, weak=other.weak)

    def _make(self, rule: str, subject: Speaker | None, cue_first: int, cue_last: int,
              verb, fallback: bool = False) -> Attribution:
        """The attribution a rule found: its cue words, the subject, the medium near the cue.
        With `fallback`, a cue without a subject takes the person the text is about."""
        toks = self.tokens
        att = Attribution(rule=rule, governed=True)
        att.cue = (toks[cue_first].start, toks[cue_last].end)
        att.weak = bool(verb) and all(f.weak for f in verb)
        naming = bool(verb) and all(f.naming for f in verb)
        label_like = self._after_determiner(self._quote_index)
        if subject is None and fallback and self.state.topic is not None and not naming and not label_like:
            subject = Speaker(self.state.topic.name, self.state.topic.kind, "inherited")
        if subject is None and (naming or label_like):
            att.governed = False  # "what critics dubbed the “…”", "fears of a “brain drain”"
        if subject is not None:
            att.speaker, att.speaker_kind, att.how = subject.name or None, subject.kind, subject.how
        att.via = self._via(cue_first, cue_last)
        return att

    def _after_determiner(self, si: int | None) -> bool:
        """Is the quote a short noun phrase after an article ("a “city killer”")?"""
        if si is None or self.doc.is_statement_like(si):
            return False
        q = self.doc.token_of_span.get(si)
        return q is not None and q > 0 and self.tokens[q - 1].norm in self.lex.determiners

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
            if k >= lo and (self.clauses.match_back(k, "via") or near_verb) or near_verb:
                distance = min(abs(m.first - last), abs(m.first - first))
                if best is None or distance < best[0]:
                    best = (distance, m.text)
        return best[1] if best else None
