"""Typography repair before the quotation marks are read, with a map back to the article.

`spans` reads whether a mark opens or closes from its neighbours: an opening mark follows a
space and precedes a word, a closing mark the other way round. Real articles break that
reading: a space just inside the marks (`" Siamo pronti "`, `« Ci siamo »`), a mark glued
to the word before or after it (`ha detto.“Siamo`, `oggi,”Hawley said`, `pronti"e poi`), a
closing mark typed as the opener (`affermato:”Allo`), `„"` typed for one opening mark.

`normalise` rewrites just those marks into the reading their place in the paragraph gives
them, one paragraph at a time: a mark whose neighbours do not tell is a closing mark when a
quote is open, else an opening mark (when a mark that can close it follows). The rewritten
text is only what `find_spans` reads; `Typography.to_original` maps its offsets back, so a
quote's text, start and end are always a slice of the article's own text. Linear in the
text: one pass over the marks, and edits only where a mark is rewritten.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .spans import (CLOSE_PUNCT, MARK_RE, MAX_DEPTH, OPEN_CONTEXT, Span, _can_close, _can_open,
                    find_spans)

OPEN_ONLY = frozenset("«„")  # marks that never close a quote in Italian or English news
CLOSE_ONLY = frozenset("»")
DOUBLE_MARKS = frozenset("\"“”„«»")
# Punctuation that ends the quoted words when a mark glued after it closes the quote
# (`oggi,”Hawley`); a colon before a glued mark introduces the quote instead.
GLUED_CLOSE_AFTER = frozenset(".,;!?…")


@dataclass(slots=True)
class _Edit:
    pos: int  # offset in the original text
    delete: int  # original characters removed from `pos`
    insert: str  # characters put in their place


class Typography:
    """The text `find_spans` reads, and the map from its offsets to the article's."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]], edits: list[_Edit]) -> None:
        self.original = text
        edits.sort(key=lambda e: (e.pos, e.delete))
        pieces: list[str] = []
        # segments: (start in the new text, start in the original, exact): an exact segment
        # maps character by character; an inserted one maps every character to its anchor.
        self._new_starts: list[int] = []
        self._segments: list[tuple[int, int, bool]] = []
        self._orig_edits: list[int] = []  # original offset of each edit, for from_original
        self._shift: list[int] = []  # length change of the text up to and including each edit
        pos = length = shift = 0
        for edit in edits:
            if edit.pos < pos:
                continue  # overlapping edits cannot be both honoured: the first wins
            self._copy(pieces, text, pos, edit.pos, length)
            length += edit.pos - pos
            if edit.insert:
                self._new_starts.append(length)
                self._segments.append((length, edit.pos, len(edit.insert) == edit.delete))
                pieces.append(edit.insert)
                length += len(edit.insert)
            shift += len(edit.insert) - edit.delete
            self._orig_edits.append(edit.pos)
            self._shift.append(shift)
            pos = edit.pos + edit.delete
        self._copy(pieces, text, pos, len(text), length)
        self.text = "".join(pieces) if edits else text
        self.paragraphs = [(self.from_original(a, False), self.from_original(b, True))
                           for a, b in paragraphs]

    def _copy(self, pieces: list[str], text: str, a: int, b: int, length: int) -> None:
        if b > a:
            self._new_starts.append(length)
            self._segments.append((length, a, True))
            pieces.append(text[a:b])

    def to_original(self, pos: int) -> int:
        """The article offset of the rewritten text's character at `pos`."""
        k = bisect.bisect_right(self._new_starts, pos) - 1
        if k < 0:
            return pos
        new_start, orig_start, exact = self._segments[k]
        return orig_start + (pos - new_start) if exact else orig_start

    def is_inserted(self, pos: int) -> bool:
        """Was the character at `pos` added (a space, not from the article)?"""
        k = bisect.bisect_right(self._new_starts, pos) - 1
        return k >= 0 and not self._segments[k][2]

    def from_original(self, pos: int, inclusive: bool) -> int:
        """The rewritten offset of article offset `pos` (a paragraph boundary: edits lie
        inside paragraphs; `inclusive` counts an edit at `pos` itself as before it)."""
        k = (bisect.bisect_right if inclusive else bisect.bisect_left)(self._orig_edits, pos) - 1
        return pos + (self._shift[k] if k >= 0 else 0)

    def spans_to_original(self, spans: list[Span]) -> list[Span]:
        """`spans` found in the rewritten text, with article offsets."""
        if self.text is self.original:
            return spans
        for span in spans:
            start = self.to_original(span.start)
            end = self.to_original(span.end - 1) + 1 if span.end > span.start else start
            span.start, span.end = start, max(start, end)
            if span.open_mark is not None:
                span.open_mark = self.to_original(span.open_mark)
            if span.close_mark is not None:
                span.close_mark = self.to_original(span.close_mark)
        return spans


def find_spans_in(text: str, paragraphs: list[tuple[int, int]]) -> list[Span]:
    """`spans.find_spans` on the repaired typography, with the article's offsets."""
    typo = normalise(text, paragraphs)
    return typo.spans_to_original(find_spans(typo.text, typo.paragraphs))


def normalise(text: str, paragraphs: list[tuple[int, int]]) -> Typography:
    edits: list[_Edit] = []
    for start, end in paragraphs:
        _repair_paragraph(text, start, end, edits)
    return Typography(text, paragraphs, edits)


def _repair_paragraph(text: str, start: int, end: int, edits: list[_Edit]) -> None:
    marks = [(m.start(), m.group()) for m in MARK_RE.finditer(text, start, end)]
    if not marks:
        return
    # the last mark that could close a double quote: an opening mark needs one after it
    last_closer = next((k for k in range(len(marks) - 1, -1, -1)
                        if marks[k][1] in DOUBLE_MARKS and marks[k][1] not in OPEN_ONLY), -1)
    depth = 0  # double quotes open at this point of the paragraph
    skip = -1
    for k, (i, c) in enumerate(marks):
        if i <= skip:
            continue
        prev = text[i - 1] if i > start else "\n"
        after = i + len(c)
        nxt = text[after] if after < end else "\n"
        if len(c) == 2:
            depth = _doubled(depth, prev, nxt)
            continue
        if c not in DOUBLE_MARKS or prev.isdigit():
            continue  # single marks and primes (6' 2") are left to the scanner
        if c == "„" and nxt == "\"":
            # `„"Non…"`: one opening mark typed twice; `""` is how the scanner reads one
            edits.append(_Edit(i, 1, "\""))
            depth, skip = min(depth + 1, MAX_DEPTH), after
            continue
        role = _role(c, prev, nxt, depth, k < last_closer)
        if role == "open":
            _make_opening(text, start, end, i, c, prev, nxt, edits)
            depth = min(depth + 1, MAX_DEPTH)
        elif role == "close":
            _make_closing(text, start, end, i, prev, nxt, edits)
            depth = max(depth - 1, 0)


def _doubled(depth: int, prev: str, nxt: str) -> int:
    if _can_open(prev, nxt):
        return min(depth + 1, MAX_DEPTH)
    if _can_close(prev, nxt):
        return max(depth - 1, 0)
    return depth


def _role(c: str, prev: str, nxt: str, depth: int, closer_follows: bool) -> str | None:
    """Does the double mark `c` open or close a quote here (None: leave it be)?"""
    if c in OPEN_ONLY:
        return "open"
    if c in CLOSE_ONLY:
        return "close"
    opens, closes = _can_open(prev, nxt), _can_close(prev, nxt)
    if opens and closes:
        return "close" if depth else "open"
    if opens:
        # `oggi,”Hawley said`: glued after the quote's last punctuation, with a quote open
        if depth and not prev.isspace() and prev in GLUED_CLOSE_AFTER:
            return "close"
        if depth and c == "”":  # `pronti ”e poi`: ” opens a quote only when none is open
            return "close"
        return "open"
    if closes:
        # `ha detto, " Siamo`: after a comma or colon, a space inside the opening mark
        if not depth and nxt.isspace() and prev in OPEN_CONTEXT and closer_follows:
            return "open"
        # `detto.“ Siamo`: “ closes only an open quote (`grave“,`); with none open it opens
        if not depth and c == "“" and closer_follows:
            return "open"
        return "close"
    # Neither reading: spaces on both sides, or glued on both sides.
    if depth:
        return "close"
    return "open" if closer_follows else None


def _make_opening(text: str, start: int, end: int, i: int, c: str, prev: str, nxt: str,
                  edits: list[_Edit]) -> None:
    """Rewrite the mark at `i` so that it reads as an opening mark."""
    if c == "”":
        edits.append(_Edit(i, 1, "“"))  # `affermato:”Allo`: the scanner never opens with ”
    if nxt.isspace():  # `" Siamo` -> ` "Siamo`: the spaces move before the mark
        j = i + 1
        while j < end and text[j].isspace():
            j += 1
        if j < end:
            edits.append(_Edit(i, 0, text[i + 1:j]))
            edits.append(_Edit(i + 1, j - i - 1, ""))
    elif not (prev.isspace() or prev in OPEN_CONTEXT):
        edits.append(_Edit(i, 0, " "))  # `detto.“Siamo` -> `detto. “Siamo`


def _make_closing(text: str, start: int, end: int, i: int, prev: str, nxt: str,
                  edits: list[_Edit]) -> None:
    """Rewrite the mark at `i` so that it reads as a closing mark."""
    if prev.isspace() and i > start:  # `pronti "` -> `pronti" `: the spaces move after it
        j = i
        while j > start and text[j - 1].isspace():
            j -= 1
        if j > start:
            edits.append(_Edit(j, i - j, ""))
            edits.append(_Edit(i + 1, 0, text[j:i]))
    elif not (nxt.isspace() or nxt in CLOSE_PUNCT or nxt in DOUBLE_MARKS) and i + 1 < end:
        edits.append(_Edit(i + 1, 0, " "))  # `pronti"e poi` -> `pronti" e poi`

