"""Quotation spans: which characters of a paragraph are inside quotation marks.

One left-to-right pass over the quotation marks of each paragraph with a stack of open
marks, so the work is linear in the length of the text whatever the marks are (a 1 MB line
of unbalanced marks included). Whether a mark opens or closes is read from its neighbours:
an opening mark follows a space or a bracket and precedes a word; a closing mark follows a
word or punctuation. Apostrophes (l'esercito, un'opzione, Kiev's, don't) have a letter on
both sides, and are never marks.

Handled besides plain pairs:
- nested quotes (a ‘…’ or "…" inside “…”), kept with their parent;
- a closing mark with no opening one ("…", then «Anche se … astensionismo».): the span runs
  back to the previous quote or the paragraph start;
- the English multi-paragraph quote: an opening mark at the start of each paragraph and a
  closing mark only at the end; each paragraph's part is a span of one statement;
- a mark left open at the end of a paragraph: the span stops at the paragraph end (or at the
  end of its first sentence when the paragraph is long), never later;
- doubled marks: `""…""`, `""…"` and the wire style `''…''` are one pair of marks (read as
  one double mark two characters wide), not an outer and an identical inner quote; in
  `l''operazione''` the first mark ends the elided article and the second opens.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .dashes import cue_dashes, glued_cue_is_safe

DOUBLE, SINGLE = "double", "single"

# What each opening mark can be closed by. Typography on the web is often mixed up (“…“,
# „…“, “…"), so a closer of the same family that is not the textbook one is accepted too.
CLOSERS: dict[str, str] = {
    "«": "»",
    "“": "”“\"",
    "„": "“”\"",
    '"': '"”“',
    "‘": "’‘'",
    "‚": "‘’",
    "'": "'’",
    "‹": "›",
}
OPENERS = frozenset(CLOSERS)
FAMILY = {c: DOUBLE for c in "«»“”„\""} | {c: SINGLE for c in "‘’‚'‹›"}
DEDICATED_CLOSERS = frozenset("»”’›")  # never open a quote
MARK_RE = re.compile("``|''|\"\"|‘‘|’’|[\"'«»“”„‘’‚‹›]")

OPEN_CONTEXT = frozenset("([{<—–-/:;,") | frozenset(FAMILY)
CLOSE_PUNCT = frozenset(".,;:!?)]}>…")
CLOSE_CONTEXT = CLOSE_PUNCT | frozenset("—–-") | frozenset(FAMILY)
SENTENCE_END_RE = re.compile(r"[.!?…](?=\s+[^\W\d_])")

MAX_DEPTH = 4  # deeper nesting is unheard of in news; bounding it keeps the pass linear
ORPHAN_CUE_RE = re.compile(r"\s*,\s*(?:[^\W\d_]+\s+){0,5}[^\W\d_]+[.!?…]\s+(?=[^\W\d_])")
MAX_OPEN_SPAN = 600  # characters an unclosed or orphaned span may run before it is cut
MIN_ORPHAN_WORDS = 3


@dataclass(slots=True)
class Span:
    """The text between one pair of quotation marks (offsets into the article's text)."""

    start: int  # first character of the quoted text
    end: int  # one past its last character
    open_mark: int | None  # offset of the opening mark; None when it was missing
    close_mark: int | None  # offset of the closing mark; None when it was missing
    parent: int | None = None  # index of the enclosing span in the article's list
    continues: int | None = None  # index of the span this one continues (multi-paragraph)
    close_width: int = 1  # characters of the closing mark ('' and "" are two)

    @property
    def outer_start(self) -> int:
        return self.open_mark if self.open_mark is not None else self.start

    @property
    def outer_end(self) -> int:
        return self.close_mark + self.close_width if self.close_mark is not None else self.end


@dataclass(slots=True)
class _Open:
    char: str
    pos: int
    children: list[int]  # spans closed inside this mark
    continues: int | None = None
    width: int = 1  # characters of the mark ('' and "" are two)


# One quotation mark as the scanner reads it, a character or a doubled one: (char, pos,
# width). A doubled mark reads as one double mark: '' and "" as ", ‘‘ as “, ’’ as ”. (A
# tuple, not a record: the scanner reads one per mark, a million in the worst line.)
_Mark = tuple[str, int, int]


DOUBLED = {"'": '"', '"': '"', "‘": "“", "’": "”", "`": "“"}
DOUBLED_RE = re.compile("''|\"\"|‘‘|’’|``")


def find_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[Span]:
    """All quotation spans of `text`, ordered by their start."""
    spans: list[Span] = []
    pending: int | None = None  # a span left open at the end of the previous paragraph
    for p_start, p_end in paragraphs:
        pending = _ParagraphScanner(text, p_start, p_end, spans).scan(pending)
    return _sorted(spans)


def _sorted(spans: list[Span]) -> list[Span]:
    """Spans are created inner-first as their marks close; order them by start and
    renumber the parent and continuation links. A top-level span overlapping an earlier
    one (only possible with badly broken marks) is dropped, with its quotes inside."""
    order = sorted(range(len(spans)), key=lambda k: spans[k].start)
    kept, reach = [], -1
    for k in order:
        top = k
        while spans[top].parent is not None:
            top = spans[top].parent
        if spans[k].parent is None:
            if spans[k].outer_start < reach:
                continue
            reach = spans[k].outer_end
        elif top not in kept:
            continue
        kept.append(k)
    order = kept
    new_index = {old: new for new, old in enumerate(order)}
    result = []
    for old in order:
        s = spans[old]
        s.parent = new_index[s.parent] if s.parent is not None else None
        s.continues = new_index.get(s.continues) if s.continues is not None else None
        result.append(s)
    return result


class _ParagraphScanner:
    def __init__(self, text: str, start: int, end: int, spans: list[Span]) -> None:
        self.text, self.start, self.end, self.spans = text, start, end, spans
        self.stack: list[_Open] = []
        self.last_close = start  # where the span of an orphaned closing mark may start

    def scan(self, pending: int | None) -> int | None:
        """Scan the paragraph; return the index of a span left open at its end."""
        text, start, end, stack, first = self.text, self.start, self.end, self.stack, True
        for mark in self._marks():
            c, i, width = mark
            prev = text[i - 1] if i > start else "\n"
            after = i + width
            nxt = text[after] if after < end else "\n"
            at_start = first and not text[start:i].strip()
            first = False
            family = FAMILY[c]
            if family == SINGLE and (_is_apostrophe(c, prev, nxt) or prev.isdigit()):
                continue  # l'esercito, Kiev's, 5' (feet, minutes)
            # (the test _close_one starts with, made here first: most marks close nothing)
            if stack and (c in CLOSERS[stack[-1].char] or family == DOUBLE and len(stack) >= 2
                          and FAMILY[stack[-1].char] == SINGLE) and self._close(mark, prev, nxt):
                self.last_close = after
            elif c in OPENERS and _can_open(prev, nxt):
                self._open(mark, pending if at_start else None)
            elif family == DOUBLE and _can_close(prev, nxt) and not prev.isdigit() \
                    and not any(FAMILY[o.char] == DOUBLE for o in stack):
                self._orphan(i, pending if not self.spans_in_paragraph() else None)
                self.last_close = after
        return self._finish()

    def _marks(self) -> Iterator[_Mark]:
        """The paragraph's marks, a doubled one as one mark. `l''operazione''`: a doubled
        single mark glued between two letters is the elided article's apostrophe and an
        opening mark when a doubled mark closes later in the paragraph, else an apostrophe
        typed twice. (A generator read as the scan goes: it sees the marks open so far.)"""
        text, end = self.text, self.end
        for m in MARK_RE.finditer(text, self.start, end):
            c = m.group()
            if len(c) == 1:
                yield c, m.start(), 1
                continue
            i = m.start()
            if c[0] in "'’" and self.stack and FAMILY[self.stack[-1].char] == SINGLE:
                yield c[0], i, 1  # 'the Rojiblancos'': a possessive, then the closer
                yield c[1], i + 1, 1
                continue
            prev = text[i - 1] if i > self.start else "\n"
            nxt = text[i + 2] if i + 2 < end else "\n"
            if c[0] in "'’" and prev.isalpha() and nxt.isalnum():
                closes_later = any(_can_close(text[d.start() - 1], text[d.end()] if d.end() < end else "\n")
                                   for d in DOUBLED_RE.finditer(text, i + 2, end))
                if closes_later:
                    yield DOUBLED[c[0]], i + 1, 1  # l' + the opening mark
                else:
                    yield "'", i, 2  # an apostrophe typed twice: never a mark
                continue
            yield DOUBLED[c[0]], i, 2

    def spans_in_paragraph(self) -> bool:
        return self.last_close > self.start

    def _open(self, mark: _Mark, continues: int | None) -> None:
        c, i, width = mark
        if len(self.stack) >= MAX_DEPTH:
            del self.stack[0]
        self.stack.append(_Open(c, i, [], continues, width))

    def _close(self, mark: _Mark, prev: str, nxt: str) -> bool:
        """Close the innermost open mark that `mark` can close, if its context allows. A
        doubled mark closing a quote nested in one of the same marks ("…"fake"") closes
        both."""
        c, i, width = mark
        before = len(self.spans)
        if not self._close_one(c, i, prev, nxt, width):
            return False
        stack, spans = self.stack, self.spans
        if width == 2 and len(spans) > before and stack and stack[-1].width == 1 \
                and c in CLOSERS[stack[-1].char] and spans[-1].start - spans[-1].open_mark == 1:
            spans[-1].close_width = 1
            self._close_one(c, i + 1, self.text[i], nxt, 1)
        return True

    def _close_one(self, c: str, i: int, prev: str, nxt: str, width: int) -> bool:
        """Close the innermost open mark that `c` can close, if its context allows."""
        stack = self.stack
        if not stack:
            return False
        target = None
        if c in CLOSERS[stack[-1].char]:
            target = len(stack) - 1
        elif (len(stack) >= 2 and FAMILY[stack[-1].char] == SINGLE and FAMILY[c] == DOUBLE
              and c in CLOSERS[stack[-2].char]):
            # A single mark opened inside and never closed was a stray ('90s, 'em): drop
            # it rather than let it hold the outer quote open.
            target = len(stack) - 2
        if target is None:
            return False
        if c in DEDICATED_CLOSERS:
            if _can_open(prev, nxt) and not _can_close(prev, nxt):
                return False  # ” or ’ glued to the next word: not a closer here
        elif not _can_close(prev, nxt):
            return False
        opened = stack[target]
        del stack[target:]
        self._add(Span(opened.pos + opened.width, i, opened.pos, i, close_width=width), opened)
        return True

    def _add(self, span: Span, opened: _Open | None) -> int | None:
        if not self.text[span.start:span.end].strip():
            return None  # “” holds no quote
        index = len(self.spans)
        if opened is not None:
            for child in opened.children:
                self.spans[child].parent = index
            span.continues = opened.continues
        self.spans.append(span)
        if self.stack:
            self.stack[-1].children.append(index)
        return index

    def _orphan(self, i: int, continues: int | None) -> None:
        """A closing mark with no opening one: the quote began after the previous quote
        (or at the paragraph start, continuing a quote left open above)."""
        text, start = self.text, self.last_close
        # '"…", ha detto. Ora serve…".': the reporter's words after the previous quote
        # end with their sentence; the orphaned quote starts after them.
        tail = ORPHAN_CUE_RE.match(text, start, i)
        if tail and self.last_close > self.start:
            start = tail.end()
        while start < i and (text[start].isspace() or text[start] in ".,;:!?—–-"):
            start += 1
        if i - start > MAX_OPEN_SPAN or len(text[start:i].split()) < MIN_ORPHAN_WORDS:
            return
        span = Span(start, i, None, i)
        span.continues = continues
        self._add(span, None)

    def _finish(self) -> int | None:
        """Marks still open at the paragraph end: keep the outermost double one, cut at
        the paragraph end (or its first sentence end, when the paragraph is long)."""
        if not self.stack:
            return None
        opened = self.stack[0]
        for inner in self.stack[1:]:  # inner marks left open are dropped; keep their quotes
            opened.children.extend(inner.children)
        self.stack.clear()
        if FAMILY[opened.char] != DOUBLE:
            return None
        text, end, first = self.text, self.end, opened.pos + opened.width
        while end > first and text[end - 1].isspace():
            end -= 1
        if end - opened.pos > MAX_OPEN_SPAN:
            m = SENTENCE_END_RE.search(text, first, opened.pos + MAX_OPEN_SPAN)
            if not m:
                return None
            end = m.end()
        if end <= first:
            return None
        return self._add(Span(first, end, opened.pos, None), opened)


def _is_apostrophe(c: str, prev: str, nxt: str) -> bool:
    return FAMILY[c] == SINGLE and c not in "‘‚‹" and prev.isalnum() and nxt.isalnum()


def _can_open(prev: str, nxt: str) -> bool:
    return (prev.isspace() or prev in OPEN_CONTEXT) and not nxt.isspace() and nxt not in CLOSE_PUNCT


def _can_close(prev: str, nxt: str) -> bool:
    right = nxt.isspace() or nxt in CLOSE_CONTEXT
    return right and (not prev.isspace() or nxt in CLOSE_PUNCT)


MAX_CUE_CHARS = 200


def split_inserted_cues(text: str, spans: list[Span], is_cue) -> list[Span]:
    """«Sarò imparziale – ha detto Mattarella – ma che…»: the words between the dashes are
    the reporter's, not the speaker's. Split such a span in two parts of one statement,
    leaving the cue outside both; `is_cue(words)` decides whether the inserted words
    report speech (the speaker's own asides between dashes stay in the quote)."""
    result: list[Span] = []
    remap: dict[int, int] = {}
    nested: dict[int, list[tuple[int, int]]] = {}
    for span in spans:
        if span.parent is not None:
            nested.setdefault(_top_of(spans, span), []).append((span.outer_start, span.outer_end))
    for index, span in enumerate(spans):
        remap[index] = len(result)
        if span.parent is None:
            result.extend(_cut(text, span, nested.get(index, []), is_cue))
        else:
            result.append(span)
    for k, span in enumerate(result):
        if span.continues == _PREVIOUS_PART:
            span.continues = k - 1
        elif span.continues is not None:
            span.continues = remap[span.continues]
    tops = [k for k, s in enumerate(result) if s.parent is None]
    starts = [result[k].start for k in tops]
    for span in result:
        if span.parent is not None:
            span.parent = _container(result, tops, starts, span)
    return result


_PREVIOUS_PART = -1


def _top_of(spans: list[Span], span: Span) -> int:
    index = span.parent
    while spans[index].parent is not None:
        index = spans[index].parent
    return index


def _cut(text: str, span: Span, nested: list[tuple[int, int]], is_cue) -> list[Span]:
    dashes = [d for d in cue_dashes(text, span.start, span.end)
              if not any(a <= d.start < b for a, b in nested)]
    for first, second in zip(dashes, dashes[1:] + [None]):
        cue_end = second.start if second is not None else span.end
        words = text[first.end:cue_end]
        if len(words) > MAX_CUE_CHARS or not words.strip() or not is_cue(words):
            continue
        if not glued_cue_is_safe(text, first, second, words, is_cue):
            continue
        # The head loses its closing mark, so that masking the quote leaves the cue visible.
        head = Span(span.start, _rstrip(text, span.start, first.start), span.open_mark, None)
        head.continues = span.continues
        if second is None:
            return [head]
        tail = Span(_lstrip(text, second.end, span.end), span.end, None, span.close_mark)
        tail.continues = _PREVIOUS_PART
        return [head, tail]
    return [span]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _lstrip(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _container(spans: list[Span], tops: list[int], starts: list[int], child: Span) -> int | None:
    """The top-level span (after splitting) that holds `child`."""
    k = bisect.bisect_right(starts, child.start) - 1
    if k >= 0 and spans[tops[k]].start <= child.start and child.end <= spans[tops[k]].end:
        return tops[k]
    return None
