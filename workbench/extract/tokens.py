"""Tokens and sentences of the reporter's own text, with every quotation as one token.

Attribution reads the sentence around a quote ("…", ha detto X; X said: "…"). Inside the
quote, punctuation and names belong to the speaker, not to the sentence, so each top-level
quotation span is replaced by a placeholder run before tokenising: it becomes a single `q`
token and its full stops cannot end the reporter's sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .spans import Span

# Two placeholder characters, alternated, so that two quotes written side by side stay two
# tokens. Private-use code points: never letters, never in news text.
QUOTE_CHARS = ("\ue000", "\ue001")

# The alternatives that begin with a letter (abbreviation, domain, word) come first, as
# most tokens are words; the others begin with characters of their own, so their order
# does not change what matches, except that `q` must precede `p`. Abbreviations and
# domains are only tried where a run of letters is followed by a full stop (the
# possessive lookahead reads the run once), so a plain word costs one test, not three.
TOKEN_RE = re.compile(
    r"""
    (?=[^\W\d_]++\.)(?:
      (?P<abbr>(?:[^\W\d_]\.){2,}
        | (?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Adm|Pres|Sig|Dott
            |On|Avv|Ing|Mons|No|vs|Inc|Ltd|Corp|Mt|Ft|Sen)\.(?![^\W\d_])
        | [A-Z]\.(?=\s+[A-Z]))
    | (?P<domain>[^\W\d_]+(?:\.[^\W\d_]+)*\.(?:it|com|org|net|eu|uk|fr|de|es|ru|ua|info|news|tv)\b))
  | (?P<w>[^\W\d_]+(?:-[^\W\d_]+)*['’]?)
  | (?P<q>\ue000+|\ue001+)
  | (?P<p>[^\s\w]|_)
  | (?P<n>\d+(?:[.,:/]\d+)*)
    """,
    re.VERBOSE,
)
SENTENCE_END = frozenset(".!?…")
_BLANK_PLACEHOLDERS = {ord(c): " " for c in QUOTE_CHARS}


def norm(word: str) -> str:
    """The form words are compared in: lower case, typographic apostrophe made straight."""
    return word.lower().replace("’", "'")


class Token:
    """A word, number, punctuation mark or whole quotation (`kind` w, n, p or q)."""

    __slots__ = ("text", "norm", "start", "end", "kind", "span", "cap", "sent", "para", "index")

    def __init__(self, text: str, start: int, end: int, kind: str, span: int | None = None,
                 index: int = 0, para: int = 0, norm: str | None = None, cap: bool = False):
        """`norm` and `cap` are worked out from the text unless the caller (the tokenizer,
        which makes every token of an article) already knows them."""
        self.text, self.start, self.end, self.kind, self.span = text, start, end, kind, span
        if norm is None:
            if kind == "w" or kind == "abbr":
                low = text.lower()
                norm = low.replace("’", "'") if "’" in low else low
                cap = text[0].isupper()
            else:
                norm = text
        self.norm, self.cap = norm, cap
        self.sent = 0  # sentence number in the article
        self.para = para  # paragraph number
        self.index = index  # position in the token list it belongs to

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.kind})"


def tokenize(text: str, start: int = 0, end: int | None = None,
             quote_at: dict[int, int] | None = None, para: int = 0, first_index: int = 0) -> list[Token]:
    """Tokens of text[start:end]; a placeholder run becomes a `q` token whose `span` is
    looked up by its start offset in `quote_at`. The tokens are numbered from
    `first_index` and belong to paragraph `para`."""
    tokens: list[Token] = []
    append = tokens.append
    index = first_index
    # The loop runs for every token of every article: norm() is inlined, and the
    # commonest kinds are tested first.
    for m in TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        kind = m.lastgroup
        a, b = m.span()
        word = text[a:b]
        if kind == "w":
            low = word.lower()
            append(Token(word, a, b, kind, None, index, para,
                         low.replace("’", "'") if "’" in low else low, word[0].isupper()))
        elif kind == "p" or kind == "n":
            append(Token(word, a, b, kind, None, index, para, word))
        elif kind == "q":
            span = quote_at.get(a) if quote_at is not None else None
            append(Token(word, a, b, "p" if span is None else "q", span, index, para, word))
        else:  # "abbr", or "domain": "Fanpage.it" is one word, a medium
            low = word.lower()
            append(Token(word, a, b, "abbr" if kind == "abbr" else "w", None, index, para,
                         low.replace("’", "'") if "’" in low else low, word[0].isupper()))
        index += 1
    return tokens


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """A lexicon phrase as the tuple of normalised tokens the text tokenizer would make."""
    return tuple(t.norm for t in tokenize(phrase))


def mask_quotes(text: str, spans: Sequence[Span]) -> tuple[str, dict[int, int]]:
    """`text` with each top-level span (marks included) replaced by placeholder characters
    of the same length, and the map from each placeholder run's start to its span index."""
    # The placeholders must not occur in the text itself: blank any that do.
    if QUOTE_CHARS[0] in text or QUOTE_CHARS[1] in text:
        text = text.translate(_BLANK_PLACEHOLDERS)
    pieces, quote_at, pos, flip = [], {}, 0, 0
    for index, span in enumerate(spans):
        if span.parent is not None:
            continue
        a, b = span.outer_start, span.outer_end
        if a < pos:  # overlapping (cannot happen for well-formed spans): keep the first
            continue
        pieces.append(text[pos:a])
        pieces.append(QUOTE_CHARS[flip] * (b - a))
        quote_at[a] = index
        flip ^= 1
        pos = b
    pieces.append(text[pos:])
    return "".join(pieces), quote_at


def split_sentences(tokens: list[Token], text: str, spans: Sequence[Span]) -> list[tuple[int, int]]:
    """Sentence boundaries as [first, last+1) token ranges; sets each token's `sent`."""
    sentences: list[tuple[int, int]] = []
    begin = 0
    last = len(tokens) - 1
    for i, tok in enumerate(tokens):
        tok.sent = len(sentences)
        if i == last:
            sentences.append((begin, i + 1))
            break
        nxt = tokens[i + 1]
        # Cheap tests first: most tokens are followed by a token of their paragraph that
        # could not start a sentence after them (what _ends_sentence would say).
        if tok.para == nxt.para:
            kind = tok.kind
            if kind == "w" and tok.end == nxt.start - 1:
                continue
            if kind != "q" and (kind != "p" or tok.text not in SENTENCE_END) and \
                    (tok.end == nxt.start or "\n" not in text[tok.end:nxt.start]):
                continue
        if _ends_sentence(tok, nxt, text, spans):
            sentences.append((begin, i + 1))
            begin = i + 1
    return sentences


def _ends_sentence(tok: Token, nxt: Token, text: str, spans: Sequence[Span]) -> bool:
    if tok.para != nxt.para or "\n" in text[tok.end:nxt.start]:
        return True
    starts_anew = nxt.cap or nxt.kind in ("q", "n") or nxt.text in "([–—-"
    if tok.kind == "p" and tok.text in SENTENCE_END:
        return starts_anew
    if tok.kind == "q" and tok.span is not None and nxt.kind == "w" and nxt.cap:
        # “… the end of it.” The next sentence: the quote's own full stop ends ours.
        quoted = text[spans[tok.span].start:spans[tok.span].end].rstrip()
        return quoted[-1:] in SENTENCE_END
    return False
