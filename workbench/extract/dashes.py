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
