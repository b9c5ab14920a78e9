"""Who said each quote: the passes over the reporter's sentences, run in order.

    results = Attributor(Document(article)).run()   # quote index → Attribution

Sentence by sentence, in text order: the narrative before the sentence's first quote
(`discourse`), each quote by the per-quote rules (`cues`: cue-after, according-to,
cue-before, cue-later, statement, colon, anaphora, byline, split, left-person,
continuation — the list, with examples, is in its docstring), the narrative after it, and
the sentence's subject; then, over the whole article, `cataphora` and `nested`
(`discourse`). `echo` runs after these, in `extract/__init__`.

The passes share one `records.State` (the last speaker, the topic, the subjects of
sentences, the results so far) and lean on:
- `clauses`     reporting verbs and the shallow structure of a sentence;
- `subjects`    the subject, agent or noun phrase of a predicate;
- `resolution`  a name, pronoun, title or description to a speaker: a surname to the
                fullest form of the name ("Rubio" → "Marco Rubio"), a pronoun to the last
                speaker, a description ("il titolare della diplomazia americana", "the PM")
                to the person whose title matches, else to the most salient person (the
                last speaker, then the subjects of the preceding sentences).
"""

from __future__ import annotations

from .clauses import Clauses
from .cues import Cues
from .discourse import Discourse
from .document import Document
from .mentions import PERSON
from .records import Attribution, Speaker, State
from .resolution import Resolver
from .subjects import Subjects

__all__ = ["Attribution", "Attributor", "Speaker"]


class Attributor:
    """The speaker of every quote of one article (`run`, once)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.state = State()
        clauses = Clauses(doc)
        resolver = Resolver(doc, clauses, self.state)
        subjects = Subjects(doc, clauses, resolver, self.state)
        self.cues = Cues(doc, clauses, subjects, resolver, self.state)
        self.discourse = Discourse(doc, clauses, subjects, resolver, self.state)

    def run(self) -> dict[int, Attribution]:
        doc, state, cues, discourse = self.doc, self.state, self.cues, self.discourse
        results = state.results
        by_sentence: dict[int, list[int]] = {}
        for span_index, tok_index in sorted(doc.token_of_span.items(), key=lambda kv: kv[1]):
            by_sentence.setdefault(doc.tokens[tok_index].sent, []).append(span_index)
        for s, (lo, hi) in enumerate(doc.sentences):
            quotes = by_sentence.get(s, [])
            first_q = doc.token_of_span[quotes[0]] if quotes else hi
            discourse.narrative_events(lo, first_q)
            for span_index in quotes:
                att = cues.attribute(span_index)
                results[span_index] = att
                if att.speaker:
                    state.last_quote = att
                    state.remember(Speaker(att.speaker, att.speaker_kind or PERSON, att.how),
                                   doc.tokens[doc.token_of_span[span_index]].para)
            discourse.narrative_events(first_q, hi)
            attributed = any(results[si].speaker for si in quotes)
            discourse.note_subject(s, lo, hi, topic=not attributed)
        discourse.cataphora()
        discourse.nested()
        return results
