"""Direct, partial or scare: what a quotation is.

- `direct`: a statement of its own: it opens the reporter's sentence, follows a colon, a
  "che"/"that" after a reporting verb ("ha ripetuto che «abbiamo bisogno…»"), or starts with
  a capital after a comma or a verb ("He said, “We…”"), or speaks in the first person.
- `partial`: a fragment inside the reporter's sentence ("la «delusione e la frustrazione»").
- `scare`: a short term that nobody is reported as saying: no reporting verb or pattern
  governs it, it does not speak in the first person and no attributed quote of the same
  article contains its words ('stand-by', a nickname, a title).
"""

from __future__ import annotations

import re

from .attribution import Attribution
from .document import Document

MAX_LABEL_WORDS = 8  # a label, a title: a few words
ECHO_REACH = 60  # quotes either side searched for the words of a fragment (bounds huge articles)
WORD_RE = re.compile(r"\w+")


def is_scare_candidate(doc: Document, si: int, att: Attribution) -> bool:
    """Nobody is reported as saying it, and it does not read like anybody's words."""
    return not (att.governed or att.speaker or doc.is_statement_like(si))


def words_of(doc: Document, si: int) -> str:
    """The quote's words, lower case, one space apart and padded: for containment tests."""
    return " " + " ".join(WORD_RE.findall(doc.quoted_text(si).lower())) + " "


def echo_of(doc: Document, si: int, results: dict[int, Attribution],
            words: dict[int, str]) -> Attribution | None:
    """An attributed quote of the article that contains the words of quote `si`.
    `words` maps the attributed quotes to `words_of` them."""
    needle = words_of(doc, si)
    if not needle.strip():
        return None
    span = doc.spans[si]
    for other, haystack in words.items():
        if abs(other - si) > ECHO_REACH or other == si or doc.spans[other].parent == si or span.parent == other:
            continue
        if needle in haystack:
            return results[other]
    return None


def is_label(doc: Document, si: int, att: Attribution) -> bool:
    """A title or a name: introduced by "the nickname", "il cosiddetto", "under the
    title", or written in Title Case, and no reporting verb governs it."""
    q = doc.token_of_span.get(si)
    if q is not None and len(doc.quoted_text(si).split()) <= MAX_LABEL_WORDS:
        lo, _ = doc.sentence_of(q)
        labels = doc.lex.multi_last.get("label_nouns", {})
        for k in range(q - 1, max(lo, q - 3) - 1, -1):
            tok = doc.tokens[k]
            for phrase in labels.get(tok.norm, ()):  # "la cosiddetta «…»", "known as “…”"
                first = k - len(phrase) + 1
                if first >= lo and tuple(t.norm for t in doc.tokens[first:k + 1]) == phrase:
                    return True
            if not ((tok.norm in doc.lex.articles) or (tok.norm in doc.lex.prepositions)
                    or (tok.norm in doc.lex.articulated)):
                break
    if att.governed and att.rule not in ("continuation", "cataphora", "left-person"):
        return False
    return _title_case(doc.quoted_text(si))


def _title_case(text: str) -> bool:
    """"The Salt Year", "A Temperate Atmosphere with Methane": the title of a work."""
    words = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    if len(words) < 2 or len(text.split()) > MAX_LABEL_WORDS or text.isupper() or text.rstrip()[-1:] in ".!?,":
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def kind_of(doc: Document, si: int, att: Attribution, kinds: dict[int, str]) -> str:
    """`kinds` holds the kinds decided so far (for statements split in parts)."""
    span = doc.spans[si]
    if span.continues is not None and span.continues in kinds:
        return kinds[span.continues]
    if is_label(doc, si, att):
        return "scare"
    text = doc.quoted_text(si).strip()
    if span.parent is not None:
        return "direct" if att.governed or att.speaker or not is_scare_candidate(doc, si, att) else "scare"
    if is_scare_candidate(doc, si, att):
        return "scare"
    if span.open_mark is None:
        return "direct"  # the opening mark was missing: it began a sentence of its own
    return "direct" if _opens_statement(doc, si, text, kinds) else "partial"


def _opens_statement(doc: Document, si: int, text: str, kinds: dict[int, str]) -> bool:
    toks, lex = doc.tokens, doc.lex
    q = doc.token_of_span[si]
    lo, _ = doc.sentence_of(q)
    if q == lo:
        return True
    prev = toks[q - 1]
    capital = text[:1].isupper()
    first_word = text.split()[0].lower().strip(",.;:") if text.split() else ""
    if prev.text in (":", "(", "[") or prev.text in "–—-" and capital:
        return True
    if prev.kind == "q":
        return kinds.get(prev.span) == "direct"
    if prev.text == "," and (capital or (first_word in lex.first_person)):
        k = q - 2
        if k >= lo and toks[k].kind == "q" and kinds.get(toks[k].span):
            return kinds[toks[k].span] == "direct"
        return True
    if prev.kind == "w" and (prev.norm in lex.complementizers or prev.norm == "come"):
        return _after_reporting_verb(doc, q - 1, lo)  # "ha ricordato come «…»" too
    if prev.norm in ("cui", "whom"):
        return True  # "secondo cui «…»": according to whom, a statement follows
    if prev.text == "," and _after_cue_of(doc, q, lo, kinds):
        return True  # «…», ha detto X, «e chiederemo…»: the statement goes on
    if prev.kind == "w" and ((prev.norm in lex.conjunctions)) and q - 2 >= lo \
            and toks[q - 2].kind == "q":
        return kinds.get(toks[q - 2].span) == "direct"
    if prev.kind == "w" and lex.forms(prev.norm) and capital:
        return True  # Voi dite "I have a dream"; He said "We…"
    return False


def _after_cue_of(doc: Document, q: int, lo: int, kinds: dict[int, str]) -> bool:
    """Does a direct quote stand before this one in the sentence, with only a cue between?"""
    toks, lex = doc.tokens, doc.lex
    for k in range(q - 2, lo - 1, -1):
        tok = toks[k]
        if tok.kind == "q":
            return kinds.get(tok.span) == "direct" and any(lex.forms(t.norm) for t in toks[k + 1:q])
        if tok.norm in lex.complementizers or tok.text in ".;:":
            return False
    return False


def _after_reporting_verb(doc: Document, che: int, lo: int) -> bool:
    """Is this "che"/"that" the one after a reporting verb (a complement clause), rather
    than a relative pronoun ("qualcosa che «porta…»")?"""
    toks, lex = doc.tokens, doc.lex
    if che - 1 >= lo and toks[che - 1].norm in ("e", "ed", "and", "o", "or"):
        # "… che Israele ha obbedito e che «nessuno…»": like the first "che"
        for k in range(che - 2, max(lo - 1, che - 14), -1):
            if toks[k].kind == "w" and (toks[k].norm in lex.complementizers):
                return _after_reporting_verb(doc, k, lo)
        return False
    for k in range(che - 1, max(lo - 1, che - 6), -1):
        tok = toks[k]
        if tok.kind != "w" or (tok.norm in lex.complementizers):
            return False
        if any(f.use in ("fin3", "part", "ger", "inf") for f in lex.forms(tok.norm)):
            return True
    return False
