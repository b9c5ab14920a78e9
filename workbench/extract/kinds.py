"""Direct, partial or scare: what a quotation is, decided from evidence.

- `direct`: a statement of its own. It stands where a sentence begins (the start of the
  reporter's sentence, after a colon, after a quote that ended a sentence, after "che" /
  "that" following a reporting verb, after a comma before a capital), or right after a
  reporting verb while reading as a clause with its own subject ("adding ‘you have shown
  no remorse’").
- `partial`: a fragment of someone's words inside the reporter's sentence ("la «delusione
  e la frustrazione»"): a reporting verb or pattern of its sentence governs it, a speaker
  is tied to it, it repeats an attributed quote, it reads as a clause, or it is a phrase of
  several words that nothing marks as a label.
- `scare`: a term nobody is reported as saying: a label, a nickname, a title ('stand-by',
  "the so-called “golden visa”", “The Salt Year”), a name set in the reporter's noun
  phrase ("the “Anthology” series"), a lone word that no cue ties to anybody.

The evidence: the quote's words (how many, whether they hold a finite verb, a capital, a
first person), where it stands in the sentence (what comes right before and right after
its marks), and what the attribution found (a cue, a speaker, and how the link was made).
"""

from __future__ import annotations

import re

from .attribution import Attribution
from .document import Document

MAX_LABEL_WORDS = 8  # a label, a title: a few words
MAX_TERM_WORDS = 4
MIN_PHRASE_WORDS = 2  # words of a fragment taken for somebody's with no cue  # a term ("city killer", "pain in my tummy"): fewer words than a clause
ECHO_REACH = 60  # quotes either side searched for the words of a fragment (bounds huge articles)
VERB_REACH = 4  # words (adverbs, "to say", "that") between a reporting verb and its quote
WORD_RE = re.compile(r"\w+")
QUOTE_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+")
SENTENCE_END = ".!?…"
# Links to a speaker that come from the context, not from a cue of the quote's own clause.
CONTEXT_RULES = ("continuation", "cataphora", "left-person", "statement")


def is_scare_candidate(doc: Document, si: int, att: Attribution) -> bool:
    """Nobody is reported as saying it, and it does not read like anybody's words."""
    return not (att.governed or att.speaker or doc.is_statement_like(si))


def words_of(doc: Document, si: int) -> str:
    """The quote's words, lower case, one space apart and padded: for containment tests."""
    return " " + " ".join(WORD_RE.findall(doc.quoted_text(si).lower())) + " "


def echo_of(doc: Document, si: int, results: dict[int, Attribution],
            words: dict[int, str], rank: dict[int, int] | None = None) -> Attribution | None:
    """An attributed quote of the article that contains the words of quote `si`.
    `words` maps the attributed quotes to `words_of` them, `rank` each to its place in
    `words` (pass it when calling for many quotes: it is the order they are tried in)."""
    needle = words_of(doc, si)
    if not needle.strip():
        return None
    span = doc.spans[si]
    rank = rank if rank is not None else {k: n for n, k in enumerate(words)}
    near = sorted((k for k in range(si - ECHO_REACH, si + ECHO_REACH + 1) if k in words), key=rank.__getitem__)
    for other in near:  # in the order `words` lists them, only those within reach
        if other == si or doc.spans[other].parent == si or span.parent == other:
            continue
        if needle in words[other]:
            return results[other]
    return None


# == the quote's own words ===============================================================
def quote_words(text: str) -> list[str]:
    """The quote's words, lower case, contractions and hyphenated words whole ("don't", "stand-by")."""
    return QUOTE_WORD_RE.findall(text.lower().replace("’", "'"))


def _has_ending(word: str, endings) -> bool:
    return any(len(word) > len(e) + 1 and word.endswith(e) for e in endings)


def _is_finite(doc: Document, word: str) -> bool:
    lex = doc.lex
    if lex.has("finite_verbs", word) or _has_ending(word, lex.words.get("finite_endings", ())):
        return True
    # a reporting verb's finite form: «raccomanda fortemente» (not English "said", a participle too)
    return any(f.use == "first" or f.use == "fin3" and lex.lang == "it" for f in lex.forms(word))


def reads_as_clause(doc: Document, text: str) -> bool:
    """Does the quote hold a finite verb of its own ("there is no science", "sembra un
    documento autentico"), rather than being a noun phrase, perhaps with a relative
    clause ("il collega che ha portato avanti le indagini"), or a prepositional phrase?"""
    words = quote_words(text)
    if not words:
        return False
    lex = doc.lex
    if lex.has("subject_pronouns", words[0]) or lex.has("clause_openers", words[0]):
        return True  # "you have…", «non parlo…», «si tratta…»
    if (words[0] in lex.prepositions or words[0] in lex.articulated) and not text[:1].isupper():
        return False  # "in everything I do", "a tutte le sopravvissute": a phrase
    for n, word in enumerate(words):
        if n and lex.has("relative_openers", word):
            return False  # the first verb is a relative clause's: "a war that we lost"
        if _is_finite(doc, word):
            return True
    return False


def first_verb_in_first_person(doc: Document, text: str) -> bool:
    """Is the quote's first subject or finite verb of the first person ("aspettiamo…", "I do
    believe…"), not a verb agreeing with the reporter's subject ("Le condizioni di X «sono
    compatibili… Abbiamo trovato…»")?"""
    lex = doc.lex
    endings = lex.words.get("first_person_endings", ())
    for word in quote_words(text):
        if lex.has("first_person_verbs", word) or _has_ending(word, endings):
            return True
        if _is_finite(doc, word) or lex.has("subject_pronouns", word):
            return False
    return False


def is_term(doc: Document, text: str) -> bool:
    """A few words that are not a clause and not the speaker's own voice: a term, a label,
    a modifier, a short fragment ("city killer", "deadly", "not good enough")."""
    words = quote_words(text)
    if len(words) > MAX_TERM_WORDS or text.rstrip()[-1:] in "!?":
        return False
    return not reads_as_clause(doc, text) and not any(w in doc.lex.first_person for w in words)


def _capitalised(text: str) -> bool:
    """Every longer word capitalised, not shouting: "Anthology", "Blue Screen of Death"."""
    words = [w for w in text.strip(" ,.;:").split() if len(w) > 3 and w[0].isalpha()]
    return bool(words) and not text.isupper() and all(w[0].isupper() for w in words)


# == the quote in its sentence ===========================================================
class Place:
    """Where a quote stands: its token, its sentence, the tokens either side."""

    def __init__(self, doc: Document, si: int) -> None:
        self.doc, self.si = doc, si
        self.q = doc.token_of_span[si]
        self.lo, self.hi = doc.sentence_of(self.q)
        self.text = doc.quoted_text(si).strip()

    def before(self, n: int = 1):
        k = self.q - n
        return self.doc.tokens[k] if k >= self.lo else None

    def after(self, n: int = 1):
        k = self.q + n
        return self.doc.tokens[k] if k < self.hi else None

    @property
    def headline(self) -> bool:
        """A sentence in Title Case: its capitals say nothing about the quote's."""
        words = [t for t in self.doc.tokens[self.lo:self.hi] if t.kind == "w" and len(t.text) > 3]
        return len(words) >= 3 and sum(t.cap for t in words) >= 0.7 * len(words)


def _reporting_form(doc: Document, k: int) -> bool:
    """Is token k a reporting verb in a verbal use (not "the post", "la nota")?"""
    toks, lex = doc.tokens, doc.lex
    forms = [f for f in lex.forms(toks[k].norm) if f.use in ("fin3", "part", "ger", "inf") and not f.phrase_only]
    if not forms or toks[k].kind != "w":
        return False
    prev = toks[k - 1] if k > 0 else None
    return prev is None or not (prev.kind == "w" and (prev.norm in lex.determiners or prev.norm in lex.articulated))


def _skippable(doc: Document, tok) -> bool:
    """Words a reporter puts between a reporting verb and its quote: adverbs, "that"."""
    lex = doc.lex
    if tok.kind == "p":
        return tok.text == ","
    return tok.kind == "w" and (tok.norm in lex.adverbs or tok.norm in lex.complementizers
                                or (lex.lang == "en" and tok.norm.endswith("ly") and len(tok.norm) > 4))


def verb_right_before(doc: Document, place: Place) -> int | None:
    """The reporting verb the quote follows, with at most a few adverbs, commas or a
    "that" between: "adding ‘…’", "went on to say ‘…’", "responded, quite solemnly, that “…”"."""
    toks = doc.tokens
    skipped = 0
    for k in range(place.q - 1, place.lo - 1, -1):
        if toks[k].kind == "w" and _reporting_form(doc, k):
            return k
        if not _skippable(doc, toks[k]) or skipped == VERB_REACH:
            return None
        skipped += 1
    return None


def _cue_follows(doc: Document, place: Place) -> bool:
    """A reporting verb in the few words after the quote, with at most its subject before
    it ("“…” Mark Carney told CNN", "«…», ha detto", "“…,” he said")."""
    lex = doc.lex
    headline = place.headline
    for k in range(place.q + 1, min(place.hi, place.q + 6)):
        tok = doc.tokens[k]
        if tok.kind == "w" and _reporting_form(doc, k):
            return True
        subject_like = tok.text in ",–—-" or tok.kind == "w" and (
            (tok.cap and not headline) or tok.norm in lex.articles or tok.norm in lex.aux
            or tok.norm in lex.adverbs or lex.has("pronouns", tok.norm)
            or lex.has("subject_pronouns", tok.norm))
        if not subject_like:
            return False
    return False


def runs_on(doc: Document, place: Place) -> bool:
    """Do the reporter's words go on right after the closing mark, with no comma, dash or
    cue between ("‘No Science’ Supports Calls…", "the “Anthology” series")?"""
    nxt = place.after()
    return nxt is not None and nxt.kind in ("w", "n") and not _cue_follows(doc, place)


def _after_finished_quote(doc: Document, place: Place) -> bool:
    """Right after a quote whose own mark ended a sentence ("‘…Death.’ "This was…"")."""
    prev = place.before()
    if prev is None or prev.kind != "q" or prev.span is None:
        return False
    return doc.quoted_text(prev.span).rstrip()[-1:] in SENTENCE_END


def verb_in_clause_before(doc: Document, place: Place, att: Attribution) -> bool:
    """A reporting verb earlier in the quote's clause ("Trump said he had “terminated”").
    A verb of naming counts only with someone doing the naming: a subject the attribution
    found, or an agent after the quote ("definito «…» dal sindaco"); alone, it names a thing
    ("a song called “Now And Then”")."""
    toks = doc.tokens
    for k in range(place.q - 1, place.lo - 1, -1):
        if toks[k].kind == "p" and toks[k].text in ".;:()":
            return False
        if _reporting_form(doc, k):
            return not _naming(doc, k) or bool(att.speaker) or _agent_follows(doc, place)
    return False


def _according_to_before(doc: Document, place: Place) -> bool:
    """"Secondo gli analisti, le sinergie sono «realistiche»": a source named for the clause."""
    heads = doc.lex.multi_first.get("according_to", {})
    toks = doc.tokens
    for k in range(place.lo, place.q):
        for phrase in heads.get(toks[k].norm, ()):
            if tuple(t.norm for t in toks[k:k + len(phrase)]) == phrase:
                return True
    return False


def _said_right_before(doc: Document, place: Place, att: Attribution) -> bool:
    """A reporting verb right before the quote (or its article) that says it: "ha
    gridato «Vergogna»", not a verb of naming with no one naming ("a song called “…”")."""
    k = verb_right_before(doc, place)
    if k is None:
        prev = place.before()
        if prev is None or not (prev.norm in doc.lex.articles or prev.norm in doc.lex.determiners):
            return False
        before = place.before(2)
        if before is None or not _reporting_form(doc, before.index):
            return False
        k = before.index
    return not _naming(doc, k) or bool(att.speaker) or _agent_follows(doc, place)


def _naming(doc: Document, k: int) -> bool:
    forms = doc.lex.forms(doc.tokens[k].norm)
    return bool(forms) and all(f.naming for f in forms)


def _agent_follows(doc: Document, place: Place) -> bool:
    """"… dal sindaco", "… by Senator Hill": the agent of a passive verb of naming."""
    nxt = place.after()
    if nxt is not None and nxt.text == ",":
        nxt = place.after(2)
    return nxt is not None and nxt.kind == "w" and doc.lex.has("agent_markers", nxt.norm)


def cue_ends_sentence(doc: Document, place: Place) -> bool:
    """", the BBC noted." / ", claims a new study.": a reporting verb in the last clause
    of the sentence, with only its subject around it, tells whose words come before."""
    toks = doc.tokens
    comma = None
    for k in range(place.hi - 1, place.q, -1):
        if toks[k].text == ",":
            comma = k
            break
        if toks[k].kind == "q" or toks[k].text in ".;:()" and k < place.hi - 1:
            return False
    if comma is None or place.hi - comma > 8:
        return False
    return any(_reporting_form(doc, k) and not any(f.use == "ger" for f in doc.lex.forms(toks[k].norm))
               for k in range(comma + 1, place.hi))


def _modifier(doc: Document, place: Place) -> bool:
    """Between a determiner and a noun of the reporter's noun phrase: "the “Anthology”
    series", "a "work hard" mentality", "three ‘deadly’ cancers"."""
    lex = doc.lex
    prev, nxt = place.before(), place.after()
    if prev is None or nxt is None or nxt.kind != "w" or nxt.cap or place.text[-1:] in ",.;:!?":
        return False  # a mark of the phrase's end inside the quote: not a modifier
    if not (prev.kind == "n" or prev.norm in lex.determiners or prev.norm in lex.indefinite):
        return False
    function_word = (nxt.norm in lex.prepositions or nxt.norm in lex.conjunctions or nxt.norm in lex.aux
                     or nxt.norm in lex.complementizers or nxt.norm in lex.adverbs
                     or lex.has("relatives", nxt.norm) or lex.has("finite_verbs", nxt.norm)
                     or (lex.lang == "en" and nxt.norm.endswith(("ly", "ing"))) or bool(lex.forms(nxt.norm))
                     or nxt.norm.rstrip("'") in lex.not_names)
    return not function_word


def _named_right_before(doc: Document, place: Place) -> bool:
    """A reporting (naming) verb right before the quote or its article: "what he called a
    "fake" ad", "ha definito «…»"."""
    for n in (1, 2):
        tok = place.before(n)
        if tok is None:
            return False
        if tok.kind == "w" and _reporting_form(doc, tok.index):
            return True
        if not (tok.norm in doc.lex.determiners or tok.norm in doc.lex.articles):
            return False
    return False


def _after_determiner(doc: Document, place: Place) -> bool:
    prev = place.before()
    return prev is not None and prev.kind == "w" and prev.norm in doc.lex.determiners


# == the decision ========================================================================
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
    if att.governed and att.rule not in CONTEXT_RULES:
        return False
    return _title_case(doc.quoted_text(si))


def _title_case(text: str) -> bool:
    """"The Salt Year", "A Temperate Atmosphere with Methane": the title of a work."""
    text = text.strip().rstrip(",.")
    words = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    if len(words) < 2 or len(text.split()) > MAX_LABEL_WORDS or text.isupper() or text[-1:] in ".!?,":
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def kind_of(doc: Document, si: int, att: Attribution, kinds: dict[int, str]) -> str:
    """`kinds` holds the kinds decided so far (for statements split in parts)."""
    span = doc.spans[si]
    if span.continues is not None and span.continues in kinds:
        return kinds[span.continues]
    if span.parent is not None:
        return "direct" if att.governed or att.speaker or not is_scare_candidate(doc, si, att) else "scare"
    if span.open_mark is None or si not in doc.token_of_span:
        return "direct"  # the opening mark was missing: it began a sentence of its own
    place = Place(doc, si)
    if is_label(doc, si, att) and not reads_as_clause(doc, place.text):
        return "scare"
    if _opens_statement(doc, place, att, kinds):
        return "direct"
    return "partial" if said_by_someone(doc, place, att) else "scare"


def said_by_someone(doc: Document, place: Place, att: Attribution) -> bool:
    """Someone's words rather than a term of the reporter's: an echo of an attributed
    quote, a clause, a fragment that a reporting verb of its sentence governs."""
    text = place.text
    if att.rule == "echo":
        return True
    if len(text.split()) <= MAX_LABEL_WORDS and _modifier(doc, place) \
            and not _named_right_before(doc, place) and not _speaker_of_clause(att):
        return False  # "the “Anthology” series": a name in the reporter's noun phrase
    if not is_term(doc, text):
        return True
    if _capitalised(text) and place.q != place.lo and not place.headline \
            and not _said_right_before(doc, place, att):
        return False  # 'TeleMeloni', “Blue Screen of Death.”: a name
    if _after_determiner(doc, place):
        # "the “blackout challenge”": a noun phrase of the reporter's, someone's words only
        # when a speaker is named for it or a verb names it
        return (bool(att.speaker) and att.how != "inherited" and att.rule not in CONTEXT_RULES) \
            or _named_right_before(doc, place) or cue_ends_sentence(doc, place)
    if (att.governed or att.speaker) and att.rule not in CONTEXT_RULES:
        return True
    if verb_in_clause_before(doc, place, att) or _according_to_before(doc, place) \
            or (place.q != place.lo and cue_ends_sentence(doc, place)):
        return True
    # No cue either way: a lone word set in marks is a term singled out ('griffato',
    # “superheroes”); a phrase of several words is somebody's, named or not.
    return len(quote_words(text)) >= MIN_PHRASE_WORDS


def _speaker_of_clause(att: Attribution) -> bool:
    """A speaker named as the subject of a reporting verb before the quote, in its clause."""
    return bool(att.speaker) and att.how != "inherited" and att.rule in ("cue-before", "according-to", "colon")


def _opens_statement(doc: Document, place: Place, att: Attribution, kinds: dict[int, str]) -> bool:
    """Does the quote stand as a statement of its own (`direct`)?"""
    statement = not is_term(doc, place.text)
    if place.q == place.lo or _after_finished_quote(doc, place):
        # a sentence of its own, unless a term the reporter's sentence goes on from;
        # "cue-after": «…» – è la constatazione del presidente – «…»
        return statement or doc.is_whole_sentence(place.si) or _cue_follows(doc, place) \
            or att.rule == "cue-after"
    found = _after_boundary(doc, place, statement, kinds)
    if found is not None:
        return found
    return _statement_after_cue(doc, place, statement)


def _after_boundary(doc: Document, place: Place, statement: bool, kinds: dict[int, str]) -> bool | None:
    """Where the reporter's clause ends right before the quote (a colon, "che"/"that"
    after a reporting verb, a comma before a capital, another quote): True or False when
    that decides, None when it does not."""
    toks, lex, text = doc.tokens, doc.lex, place.text
    q, lo = place.q, place.lo
    prev = toks[q - 1]
    capital = _capital(place)
    words = quote_words(text)
    if prev.text in (":", "(", "[") or prev.text in "–—-" and text[:1].isupper():
        return statement or not runs_on(doc, place)
    if prev.kind == "q":
        return kinds.get(prev.span) == "direct"
    if prev.text == "," and (capital or (words and words[0] in lex.first_person)) \
            and (statement or capital and not runs_on(doc, place)):
        k = q - 2
        if k >= lo and toks[k].kind == "q" and kinds.get(toks[k].span):
            return kinds[toks[k].span] == "direct"
        return True
    if prev.kind == "w" and prev.norm == "come" and not reads_as_clause(doc, text):
        pass  # "ha descritto la riforma come «un passo avanti»": as, not how
    elif prev.kind == "w" and (prev.norm in lex.complementizers or prev.norm == "come"):
        if (statement or not runs_on(doc, place)) and _after_reporting_verb(doc, q - 1, lo):
            return True  # "ha ricordato come «…»" too
    if prev.norm in ("cui", "whom"):
        return True  # "secondo cui «…»": according to whom, a statement follows
    if prev.text == "," and _after_cue_of(doc, q, lo, kinds):
        return True  # «…», ha detto X, «e chiederemo…»: the statement goes on
    if prev.kind == "w" and prev.norm in lex.conjunctions and q - 2 >= lo and toks[q - 2].kind == "q":
        return kinds.get(toks[q - 2].span) == "direct"
    return None


def _statement_after_cue(doc: Document, place: Place, statement: bool) -> bool:
    """A clause of the speaker's own after a reporting verb ("adding ‘you have shown no
    remorse’", "told reporters “Russia is ready”"), or a capitalised statement that
    nothing of the reporter's follows."""
    text, capital = place.text, _capital(place)
    if verb_right_before(doc, place) is not None and (_own_clause(doc, text) or capital and statement):
        return True
    if capital and _own_clause(doc, text) and verb_in_clause_before(doc, place, Attribution()):
        return True
    prev = doc.tokens[place.q - 1]
    return capital and statement and not runs_on(doc, place) and not _function_word(doc, prev)


def _capital(place: Place) -> bool:
    """A capital that says something: not shouting, not a headline's Title Case."""
    return place.text[:1].isupper() and not place.text.isupper() and not place.headline


def _own_clause(doc: Document, text: str) -> bool:
    """A clause with its own subject, not a verb agreeing with the reporter's subject
    ("Il suo assistito, ha aggiunto, «è distrutto»")."""
    words = quote_words(text)
    return reads_as_clause(doc, text) and (not _is_finite(doc, words[0]) or first_verb_in_first_person(doc, text))


def _function_word(doc: Document, tok) -> bool:
    """An article, a preposition or a determiner: a noun phrase goes on after it."""
    lex = doc.lex
    return tok.kind == "w" and (tok.norm in lex.prepositions or tok.norm in lex.articles
                                or tok.norm in lex.determiners)


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
    than a relative pronoun ("qualcosa che «porta…»")? Adverbs and commas may stand
    between ("She responded, quite solemnly, that “…”")."""
    toks, lex = doc.tokens, doc.lex
    if che - 1 >= lo and toks[che - 1].norm in ("e", "ed", "and", "o", "or"):
        # "… che Israele ha obbedito e che «nessuno…»": like the first "che"
        for k in range(che - 2, max(lo - 1, che - 14), -1):
            if toks[k].kind == "w" and (toks[k].norm in lex.complementizers):
                return _after_reporting_verb(doc, k, lo)
        return False
    for k in range(che - 1, max(lo - 1, che - 8), -1):
        tok = toks[k]
        if tok.kind == "p" and tok.text == "," or tok.kind == "w" and _skippable(doc, tok) \
                and not (tok.norm in lex.complementizers):
            continue
        if tok.kind != "w" or (tok.norm in lex.complementizers):
            return False
        if any(f.use in ("fin3", "part", "ger", "inf") for f in lex.forms(tok.norm)):
            return True
    return False
