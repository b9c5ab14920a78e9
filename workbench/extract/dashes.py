"""Dashes around a reporting cue that a journalist inserts inside a quote
(«Siamo pronti – ha detto Rossi – e lo dimostreremo»), as typed in real articles.

Kept apart from `typography` (which reads the quotation marks and needs `spans`) so that
`spans` can use it without an import cycle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A dash around a cue inserted in a quote. Besides ` – ha detto X – `: a dash glued to the
# word before or after it (`subito- ha detto X -`, `– ha detto X–`), and a closing dash
# followed by the punctuation that ends the reporter's words (` - aggiunge -. Poi`), which
# the dash match then takes in.
DASH_RE = re.compile(r"[–—-]{1,2}")
DASH_END_PUNCT = frozenset(".,;:")


@dataclass(slots=True)
class Dash:
    start: int
    end: int  # after the dash and any punctuation it takes in
    glued: str  # "" when spaced on both sides, else "left" or "right": the glued side


def cue_dashes(text: str, start: int, end: int) -> list[Dash]:
    """Dashes in `text[start:end]` that may open or close an inserted cue. A hyphen
    between two letters (`anti-mafia`) never does; one glued on a side (`gara- ha`, also a
    word broken at a line end: `se- gretaria`) is only a candidate, marked `glued`."""
    dashes = []
    for m in DASH_RE.finditer(text, start, end):
        a, b = m.start(), m.end()
        left = text[a - 1] if a > start else " "
        right = text[b] if b < end else " "
        if left.isspace() and right.isspace():
            dashes.append(Dash(a, b, ""))
        elif left.isspace() and right in DASH_END_PUNCT and (b + 1 >= end or text[b + 1].isspace()):
            dashes.append(Dash(a, b + 1, ""))
        elif right.isspace() and left.isalpha():
            dashes.append(Dash(a, b, "left"))
        elif left.isspace() and right.isalpha():
            dashes.append(Dash(a, b, "right"))
    return dashes


def glued_cue_is_safe(text: str, first: Dash, second: Dash | None, words: str, is_cue) -> bool:
    """A glued dash is also how a word broken at a line end is typed (`se- gretaria`):
    with one, the inserted words must start with the cue (`gara- ha detto X -`, not
    `se- gretaria ha detto`), and a glued closing dash must follow a name (`detto Rossi-`)."""
    if first.glued and not is_cue(" ".join(words.split()[:2])):
        return False
    if second is not None and second.glued == "left":
        before = text[:second.start].split()[-1:]
        return bool(before) and before[0][:1].isupper()
    return True


MAX_SHAPED_CUE_WORDS = 8
MIN_VERB_CHARS = 5  # shorter words of a verb's shape are mostly something else


def is_shaped_cue(tokens, lex) -> bool:
    """Inserted words that report speech with a verb no list has: an auxiliary and a
    participle ("ha proseguito", "il tecnico ha proseguito"), or a third-person form next
    to its subject ("prosegue il tecnico", "Rossi insiste"). The speaker's own asides
    ("lo ripeto", "e questo è il punto", "forse") have neither shape."""
    shapes = lex.cue_shapes
    if not shapes:
        return False
    words = [t for t in tokens if t.kind == "w"]
    if not words or len(words) > MAX_SHAPED_CUE_WORDS or len(words) < len(tokens) - 2:
        return False
    subject = _subject_size(words, 0, lex)
    compound = _is_compound_verb(words, subject, lex)
    if compound:
        return subject > 0 or len(words) == subject + 2 or _subject_size(words, subject + 2, lex) > 0
    if not _has_finite_shape(words, subject, lex):
        return False
    return subject > 0 or _subject_size(words, subject + 1, lex) > 0


def _subject_size(words, i: int, lex) -> int:
    """Words of a subject at `words[i]`: a name, a pronoun, or a determiner and its noun."""
    if i >= len(words):
        return 0
    w = words[i]
    if w.cap and w.norm not in lex.not_names:
        size = 1
        while i + size < len(words) and words[i + size].cap:
            size += 1
        return size
    if lex.has("pronouns", w.norm):
        return 1
    if (w.norm in lex.articles or w.norm in lex.determiners) and i + 1 < len(words) \
            and words[i + 1].norm not in lex.adverbs:
        return 2
    return 0


def _is_compound_verb(words, i: int, lex) -> bool:
    shapes = lex.cue_shapes
    if i + 1 >= len(words) or words[i].norm not in shapes.get("auxiliaries", ()):
        return False
    part = words[i + 1].norm
    return (len(part) >= MIN_VERB_CHARS and part not in lex.aux
            and _ends_with(part, shapes.get("participle_endings", ())) and _may_be_verb(part, lex))


def _has_finite_shape(words, i: int, lex) -> bool:
    if i >= len(words) or words[i].cap:
        return False
    w = words[i].norm
    return (len(w) >= MIN_VERB_CHARS and _ends_with(w, lex.cue_shapes.get("finite_endings", ()))
            and _may_be_verb(w, lex))


def _may_be_verb(word: str, lex) -> bool:
    shapes = lex.cue_shapes
    if word in shapes.get("not_verbs", ()) or _ends_with(word, shapes.get("not_verb_endings", ())):
        return False
    return not any(word in group for group in lex.words.values())


def _ends_with(word: str, endings) -> bool:
    return any(word.endswith(e) for e in endings)
