"""What the text as a whole says about who speaks: the state between quotes, and the
passes after the per-quote rules.

It decides:
- while the article is read, sentence by sentence: a reporting verb with a named subject
  outside any quote makes that subject the one the text is about (`narrative_events`:
  "Buckingham Palace confirmed …"), and a person named at the start of a sentence becomes
  salient, and the topic when no quote of the sentence says otherwise (`note_subject`);
- after all quotes: `cataphora`, a quote before any speaker is named takes the next one
  named (else the nearest person before it: `left-person/inherited`);
- `nested`, a quote inside a quote: the outer speaker's words if they say "I say", "dico"
  before it; someone else's (unknown) if another verb introduces it.
"""

from __future__ import annotations

from .clauses import Clauses
from .document import Document
from .mentions import ORG, PERSON
from .records import Attribution, State, confidence_of
from .resolution import Resolver
from .subjects import Subjects
from .tokens import tokenize

SUBJECT_WINDOW = 8  # a sentence's subject is named among its first tokens


def _last_clause_start(text: str, start: int, end: int) -> int:
    """Where the words that introduce a nested quote begin: after the last sentence end."""
    cut = max(text.rfind(". ", start, end), text.rfind("? ", start, end), text.rfind("! ", start, end))
    return cut + 1 if cut >= 0 else start


class Discourse:
    """The article-level passes over one article."""

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
            subject = self.subjects.preverbal_np(i, lo)
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
        subject = self.subjects.first_subject(lo, min(hi, start + SUBJECT_WINDOW), persons_only=True)
        if subject is None:  # "Per il sindaco Marco Tanini, il bilancio…": a topic in a phrase
            opening = next((m for m in self.m.between(lo, lo + 5) if m.kind == PERSON), None)
            subject = self.resolver.named(opening) if opening is not None else None
        if subject is not None:
            self.state.sentence_subjects.append((s, subject))
            if topic:
                self.state.set_topic(subject)

    def cataphora(self) -> None:
        """Quotes before any speaker is named take the next one named."""
        results = self.state.results
        order = sorted(results, key=lambda si: self.doc.spans[si].start)
        for n, si in enumerate(order):
            att = results[si]
            if att.speaker or att.how == "indefinite" or self.doc.spans[si].parent is not None:
                continue
            if not (self.doc.is_statement_like(si) or att.governed):
                continue
            for later in order[n + 1:n + 6]:
                other = results[later]
                if other.speaker and other.rule not in ("continuation", "cataphora"):
                    results[si] = Attribution(other.speaker, other.speaker_kind, "cataphora",
                                              "inherited", via=other.via)
                    results[si].confidence = confidence_of(results[si])
                    break
            else:
                q = self.doc.token_of_span[si]
                nearest = next(self.m.persons_before(q), None)
                if nearest is not None:
                    named = self.resolver.named(nearest)
                    results[si] = Attribution(named.name, PERSON, "left-person", "inherited")
                    results[si].confidence = confidence_of(results[si])

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
