"""An article prepared for attribution: its quotation spans, the reporter's sentences
around them as tokens, and the people and institutions it mentions."""

from __future__ import annotations

from ..models import Article
from .dashes import is_shaped_cue
from .lexicon import Lexicon, gazetteer, lexicon
from .mentions import Mentions
from .spans import Span, split_inserted_cues
from .tokens import Token, mask_quotes, split_sentences, tokenize
from .typography import find_spans_in


# A quote of more words than this is taken for someone's words even with no cue.
MAX_LABEL_WORDS_UNSAID = 4


class Document:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.lex: Lexicon = lexicon(article.lang)
        self.gaz = gazetteer()
        paragraphs = article.paragraphs or [(0, len(self.text))]
        spans = find_spans_in(self.text, paragraphs)  # marks read after typography repair
        self.spans: list[Span] = split_inserted_cues(self.text, spans, self.is_inserted_cue)
        masked, quote_at = mask_quotes(self.text, self.spans)
        self.masked = masked
        self.tokens: list[Token] = []
        for p, (start, end) in enumerate(paragraphs):
            self.tokens += tokenize(masked, start, end, quote_at, para=p, first_index=len(self.tokens))
        self.sentences = split_sentences(self.tokens, self.text, self.spans)
        self.token_of_span = {t.span: t.index for t in self.tokens if t.kind == "q"}
        quoted = [(s.start, s.end) for s in self.spans if s.parent is None]
        self.mentions = Mentions(self.tokens, self.text, self.lex, self.gaz, quoted)

    def is_inserted_cue(self, words: str) -> bool:
        """Words a reporter puts between dashes inside a quote to say who speaks:
        "ha detto Schlein", "è la constatazione del presidente"."""
        toks = tokenize(words)
        if len(toks) > 30:
            return False
        for tok in toks[:5]:  # the cue opens the inserted words; a relative clause may follow
            if any(f.use in ("fin3", "part", "ger") and not f.phrase_only
                   for f in self.lex.forms(tok.norm)):
                return True
            if tok.norm in self.lex.speech_nouns:
                return True
        return is_shaped_cue(toks, self.lex)  # "– ha proseguito –": a verb no list has

    def is_statement_like(self, span_index: int) -> bool:
        """Long enough, ending like a sentence, a sentence of its own, or in the first
        person: someone's words rather than a label ('stand-by', "city killer")."""
        text = self.quoted_text(span_index).strip()
        words = text.split()
        if len(words) > MAX_LABEL_WORDS_UNSAID or text[-1:] in ".!?…" or self.is_whole_sentence(span_index):
            return True
        return any(w.lower().strip(",.;:!?") in self.lex.first_person for w in words)

    def is_whole_sentence(self, span_index: int) -> bool:
        """Is the quote a sentence of the text by itself ("«La riforma passerà». Poi…")?"""
        q = self.token_of_span.get(span_index)
        if q is None:
            return False
        lo, hi = self.sentence_of(q)
        return q == lo and all(t.kind == "p" for t in self.tokens[q + 1:hi])

    def sentence_of(self, token_index: int) -> tuple[int, int]:
        return self.sentences[self.tokens[token_index].sent]

    def quoted_text(self, span_index: int) -> str:
        span = self.spans[span_index]
        return self.text[span.start:span.end]
