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


from .records import Attribution, Speaker, State, confidence_of
from .clauses import Clauses
from .resolution import Resolver
from .clauses import personlike
from .dashes import is_shaped_cue
from .document import Document
from .mentions import MEDIA, ORG, PERSON, PLACE, TITLE, UNKNOWN, Mention
from .tokens import tokenize

CLAUSE_STOPS = frozenset(";")
# Words that are prepositions and also open a clause whose subject follows them.
SUBORDINATORS = frozenset(("after", "before", "since", "until", "as", "dopo", "prima", "mentre"))
SUBJECT_WINDOW = 8  # a sentence's subject is named among its first tokens
APPOSITION_TOKENS = 16
RIGHT_CUE_TOKENS = 9
PERSON_AHEAD_TOKENS = 9
GENITIVE_WORDS = frozenset(("di", "del", "dello", "della", "dei", "degli", "delle", "dell'", "d'", "of"))  # "…," said / the company's chief executive … said  # how far back a name may stand before its appositions
AGENT_PREPOSITIONS = frozenset(("da", "dal", "dallo", "dalla", "dai", "dagli", "dalle", "dall'", "by"))
DASHES = frozenset("–—-")
# Words that may stand in a lower-case title before a name: "union president", "city
# spokesperson", "former deputy mayor".
PAIR_WORDS = frozenset(("and", "e"))  # two speakers of one statement: "X and Y said"
PRE_ROLE_WORDS = frozenset(("former", "deputy", "acting", "interim", "senior", "chief", "vice",
                            "union", "city", "county", "state", "federal", "provincial", "party",
                            "company", "police", "team", "club", "board", "council", "school",
                            "hospital", "local", "regional", "national", "assistant", "associate"))




class Attributor:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        self.lex = doc.lex
        self.m = doc.mentions
        self.state = State()
        self._quote_index: int | None = None  # the quote being attributed
        self.clauses = Clauses(doc)
        self.resolver = Resolver(doc, self.clauses, self.state)

    def run(self) -> dict[int, Attribution]:
        doc = self.doc
        by_sentence: dict[int, list[int]] = {}
        for span_index, tok_index in sorted(doc.token_of_span.items(), key=lambda kv: kv[1]):
            by_sentence.setdefault(self.tokens[tok_index].sent, []).append(span_index)
        for s, (lo, hi) in enumerate(doc.sentences):
            quotes = by_sentence.get(s, [])
            first_q = doc.token_of_span[quotes[0]] if quotes else hi
            self.narrative_events(lo, first_q)
            for span_index in quotes:
                att = self.attribute(span_index)
                self.state.results[span_index] = att
                if att.speaker:
                    self.state.last_quote = att
                    self.state.remember(Speaker(att.speaker, att.speaker_kind or PERSON, att.how),
                                   self.tokens[doc.token_of_span[span_index]].para)
            self.narrative_events(first_q, hi)
            attributed = any(self.state.results[si].speaker for si in quotes)
            self.note_subject(s, lo, hi, topic=not attributed)
        self.cataphora()
        self.nested()
        return self.state.results

    def attribute(self, si: int) -> Attribution:
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
        if att is None and self.state.topic is not None and self.doc.is_statement_like(si) \
                and self.tokens[q].para - self.state.last_para <= 2:
            att = Attribution(self.state.topic.name, self.state.topic.kind, "continuation", "inherited")
        att = att or Attribution()
        if att.via is None and (att.rule in ("continuation", "statement", "split") or att.how == "inherited") \
                and self.state.last_via():
            att.via = self.state.last_via()
        att.confidence = confidence_of(att)
        return att

    def _inherit(self, other: Attribution, rule: str) -> Attribution:
        return Attribution(other.speaker, other.speaker_kind, rule, "inherited", cue=other.cue,
                           via=other.via, governed=other.governed, weak=other.weak)

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
            subject = self.postverbal(end + 1, hi)
            if subject is None and self._is_quote_as_saying(k, hi):
                subject = self.postverbal(k + 1, hi)
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
            subject = self.preverbal_np(k, j)
            if self._is_quote_as_saying(k, hi):  # "BBC quoted him as saying": him, via BBC
                obj = self.np_from(k + 1, hi)
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
            np = self.np_from(k, end)
            if np is not None and np[0] is not None and np[0].kind != PLACE:
                subject = np[0]
                break
        return self._make("cue-after", subject, j, end - 1, None, fallback=True)

    def _ends_in_exclamation(self, q: int) -> bool:
        span = self.doc.spans[self.tokens[q].span]
        return self.doc.text[span.start:span.end].rstrip()[-1:] in ("!", "?")

    def _noun_cue(self, j: int, hi: int) -> Attribution | None:
        """"…», è la constatazione del presidente" / "…», le parole di X": a noun for words
        said, and whose they are."""
        toks = self.tokens
        for k in range(j, min(j + 4, hi)):
            if toks[k].norm not in self.lex.speech_nouns:
                continue
            if k + 1 < hi and toks[k + 1].kind == "w" and (toks[k + 1].norm in self.lex.prepositions):
                np = self.np_from(k + 2, hi) or self.np_from(k + 1, hi)
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
            np = self.np_from(k + size, hi)
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
                subject = self.subject_of(i, end, lo, q)
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
                subject = self.subject_of(k, end, q + 1, hi)
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
            subject = self.first_subject(begin, q - 1)
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
                subject = self.postverbal(end + 1, nhi) or self.preverbal_np(k, nlo)
                return self._make("anaphora", subject, nlo, end, verb)
        # "A dirlo è Amadeus": the phrase names the speaker next, whatever kind of name
        np = self.np_from(nlo + size, nhi)
        subject = np[0] if np is not None and np[0] is not None and np[0].kind != PLACE else None
        subject = subject or self.first_subject(nlo, nhi)
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
        for m in self.m.between(lo, q):
            if m.last < q and m.kind == PERSON:
                return self._make("left-person", self.resolver.named(m), m.first, m.last, None)
        return None

    def cataphora(self) -> None:
        """Quotes before any speaker is named take the next one named."""
        order = sorted(self.state.results, key=lambda si: self.doc.spans[si].start)
        for n, si in enumerate(order):
            att = self.state.results[si]
            if att.speaker or att.how == "indefinite" or self.doc.spans[si].parent is not None:
                continue
            if not (self.doc.is_statement_like(si) or att.governed):
                continue
            for later in order[n + 1:n + 6]:
                other = self.state.results[later]
                if other.speaker and other.rule not in ("continuation", "cataphora"):
                    self.state.results[si] = Attribution(other.speaker, other.speaker_kind, "cataphora",
                                                  "inherited", via=other.via)
                    self.state.results[si].confidence = confidence_of(self.state.results[si])
                    break
            else:
                q = self.doc.token_of_span[si]
                nearest = next(self.m.persons_before(q), None)
                if nearest is not None:
                    named = self.resolver.named(nearest)
                    self.state.results[si] = Attribution(named.name, PERSON, "left-person", "inherited")
                    self.state.results[si].confidence = confidence_of(self.state.results[si])

    def nested(self) -> None:
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
                outer = self.state.results.get(span.parent)  # nested spans hang from a top-level one
                if first and outer is not None and outer.speaker:
                    att.speaker, att.speaker_kind, att.how = outer.speaker, outer.speaker_kind, "inherited"
                att.cue = (words[n].start, words[n].end)
            else:
                previous = self.state.results.get(si - 1)
                if previous is not None and doc.spans[si - 1].parent == span.parent and \
                        doc.text[doc.spans[si - 1].outer_end:span.outer_start].strip() in (",", ""):
                    att.speaker, att.governed = previous.speaker, previous.governed
                    att.speaker_kind, att.how = previous.speaker_kind, previous.how
            att.confidence = confidence_of(att) if att.speaker else 0.0
            self.state.results[si] = att

    def narrative_events(self, lo: int, hi: int) -> None:
        """A reporting verb with a named subject outside any quote still makes its subject
        the one the text is about: "Buckingham Palace confirmed …"."""
        toks, verbs, phrases = self.tokens, self.lex.verbs, self.lex.phrases
        for i in range(lo, hi):
            norm = toks[i].norm
            if (norm not in verbs and norm not in phrases) or toks[i].kind != "w":
                continue  # the cheap test first: this loop sees every token
            forms = self.clauses.verb_at(i)
            if forms is None or any(f.use == "ger" for f in forms):
                continue
            j = self.clauses.skip_back(i - 1, lo)
            if j >= lo and self.clauses.match_back(j, "relatives"):
                continue  # "… che aveva detto": a clause about someone else
            subject = self.preverbal_np(i, lo)
            if subject is not None and subject.how in ("name", "surname") and subject.kind in (PERSON, ORG):
                self.state.remember(subject, toks[i].para)

    def note_subject(self, s: int, lo: int, hi: int, topic: bool) -> None:
        """A person named at the start of a sentence is salient; when no quote of the
        sentence says otherwise, the text is now about them."""
        start = lo
        for k in range(lo, min(hi, lo + SUBJECT_WINDOW + 4)):
            if self.tokens[k].text == ",":  # after a leading "A margine del vertice,"
                start = k + 1
                break
        subject = self.first_subject(lo, min(hi, start + SUBJECT_WINDOW), persons_only=True)
        if subject is None:  # "Per il sindaco Marco Tanini, il bilancio…": a topic in a phrase
            opening = next((m for m in self.m.between(lo, lo + 5) if m.kind == PERSON), None)
            subject = self.resolver.named(opening) if opening is not None else None
        if subject is not None:
            self.state.sentence_subjects.append((s, subject))
            if topic:
                self.state.set_topic(subject)

    def subject_of(self, v: int, v_end: int, lo: int, q: int) -> Speaker | None:
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

    def preverbal_np(self, v: int, lo: int) -> Speaker | None:
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
                if named is None or self.clauses.in_pp(named):
                    continue
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
                      and (m.kind == PERSON or self.resolver.known_surname(m) or (m.kind == ORG and not persons_only))), None)
        described = None
        if not persons_only:  # "Il tecnico viola ha difeso Moise Kean: «…»": the description first
            described = next((d for d in self.m.free_descriptions_between(lo, hi)
                              if not (d.first - 1 >= lo and self.tokens[d.first - 1].norm in self.lex.prepositions)), None)
        if described is not None and (named is None or described.first < named.np_first):
            return self.resolver.resolve_description(described, described.first)
        return self.resolver.named(named) if named is not None else None

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
        if subject is None and fallback and self.state.topic is not None and not naming and not label_like:
            subject = Speaker(self.state.topic.name, self.state.topic.kind, "inherited")
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
            if k >= lo and (self.clauses.match_back(k, "via") or near_verb) or near_verb:
                distance = min(abs(m.first - last), abs(m.first - first))
                if best is None or distance < best[0]:
                    best = (distance, m.text)
        return best[1] if best else None


def _last_clause_start(text: str, start: int, end: int) -> int:
    """Where the words that introduce a nested quote begin: after the last sentence end."""
    cut = max(text.rfind(". ", start, end), text.rfind("? ", start, end), text.rfind("! ", start, end))
    return cut + 1 if cut >= 0 else start
