"""Grouping near-duplicate quotes at scale: speed, memory, blocking recall against an
exhaustive comparison, and precision/recall on planted near-duplicates.

    python benchmarks/bench_grouping.py [--quotes 100000] [--sample 5000] [--new 1000]
        [--vocab 4000] [--phrases 0.06] [--workers N] [--runs 1] [--examples 3] [--profile]
        [--skip sample,store,incremental]
    python benchmarks/bench_grouping.py --quick        # 10,000 quotes, sample 1,000: smoke test

The corpus is synthetic and seeded (the same every run): Italian and English news stories,
each of 10-30 articles of 8-30 quotes, written from a Zipf-like vocabulary (`--vocab` lemmas
per language, most with two to five inflected forms, the top of the list real news words;
the stop words of `workbench.language`; names, places, numbers; a few stock phrases of
four to six words, `--phrases` per sentence). Quotes are 4-60 words, the longer ones of
several sentences. About a quarter of the quotes are planted near-duplicates: an
utterance of one article is quoted by 2-5 other articles of its story, each copy with one
change: other punctuation and quotation marks, a fragment (a run of six words or more, or
one sentence), one or two words replaced or swapped, one or two typos, or a name spelt in
another transliteration (Sergei/Serghei/Sergey). Hard negatives: another statement of the
same speaker in the same story that shares several content words ("topic") or one run of
five or six words ("phrase") with a planted utterance.

1. Full run: `Grouper().add(all)` then `group_ids()` on `--quotes` quotes. Target: <= 20 s
   for 100,000 on a 2-core machine (the grouping uses one core). Figures: time, pairs
   compared, links, groups, peak memory (RSS), precision and recall of planted pairs
   (pairs of quotes of different articles), the largest group (a large one is gluing).
2. Blocking recall: on a sample of whole articles (`--sample` quotes, whole stories first
   so planted groups are kept), `pairs.evidence` on every pair versus the Grouper's links.
   Target: recall of links >= 0.99; also recall of same-group pairs.
3. Incremental: `--new` quotes of new articles (with copies of planted utterances) added
   to the Grouper of the full run, then `group_ids()`. Target: <= 2 s; the groups must
   equal those of grouping everything from scratch.
4. Store path: what an ingest of the `--new` quotes does in a store (`services.groups.update_groups`):
   the groups file of the full run is saved and loaded again, and a fresh Grouper is
   restored from its links and words for the new quotes, which are then added; the groups
   touched are recomputed, the links and words saved, the groups reported. Target: <= 1 s
   (`--profile` profiles it too). Its groups must equal those of the incremental run.
Prints the figures; asserts nothing (tests never assert wall-clock times).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import io
import itertools
import math
import multiprocessing
import os
import pstats
import random
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.language import stopwords  # noqa: E402
from workbench.matching.groups import Grouper, shared_groups  # noqa: E402
from workbench.matching.pairs import evidence  # noqa: E402
from workbench.matching.text import quote_text  # noqa: E402
from workbench.services.groups import _group_records, _link_record, update_groups  # noqa: E402
from workbench.store.grouping import GroupIndex  # noqa: E402

# -- vocabulary ---------------------------------------------------------------------------
# The most frequent content words are real news words; the rest of the `--vocab` lemmas are
# made of syllables, each with its inflected forms (Italian o/i, a/e, are/a/ano/ato...;
# English -s, -ed, -ing), so that a language has several thousand distinct words.
REAL = {
    "it": """governo ministro presidente accordo guerra pace paese europa sanzioni
        tregua negoziati colloqui cremlino russia ucraina stati uniti alleati esercito
        attacco droni missili armi sostegno sicurezza crisi economia mercato prezzi energia
        gas petrolio bilancio tasse riforma legge parlamento voto elezioni partito
        maggioranza opposizione sindaco regione comune città cittadini famiglie lavoro
        lavoratori sindacati imprese scuola sanità ospedali medici pazienti giustizia
        tribunale sentenza indagine procura polizia migranti confine porto trasporti treni
        strade ponte ambiente clima acqua emergenza soccorsi vittime feriti morti ostaggi
        cessate fuoco ritiro truppe territorio regioni fronte difesa vertice incontro
        dialogo proposta piano progetto risorse fondi miliardi milioni euro dollari
        settimana giorni mese anni momento situazione problema soluzione decisione
        responsabilità futuro storia popolo democrazia libertà diritti garanzie
        condizioni passo strada tempo modo parte punto fine inizio lungo nuovo nuova
        grande importante necessario possibile difficile chiaro pronti pronto abbiamo
        dobbiamo possiamo vogliamo deciso detto chiesto spiegato ribadito""".split(),
    "en": """government minister president deal agreement war peace country europe
        sanctions truce ceasefire talks negotiations kremlin russia ukraine united states
        allies army attack drones missiles weapons support security crisis economy market
        prices energy gas oil budget taxes reform law parliament vote election party
        majority opposition mayor region city citizens families work workers unions
        companies school health hospitals doctors patients justice court ruling
        investigation prosecutors police migrants border port transport trains roads
        bridge environment climate water emergency rescue victims wounded dead hostages
        withdrawal troops territory front defence summit meeting dialogue proposal plan
        project resources funds billion million dollars euros week days month years
        moment situation problem solution decision responsibility future history people
        democracy freedom rights guarantees conditions step road time way part point end
        beginning long new great important necessary possible difficult clear ready
        going want need believe think said asked explained""".split(),
}
ONSETS = {"it": "b c d f g l m n p r s t v z br cr pr tr st sc gr fr gl ch sp pl".split(),
          "en": "b c d f g h l m n p r s t v w br cr pr tr st sh gr fr bl ch sp pl th".split()}
VOWELS = {"it": "a e i o u a e i o".split(), "en": "a e i o u ea ai ou oo".split()}
CODAS = {"it": ["", "", "", "n", "r", "l", "s"], "en": ["", "n", "r", "l", "t", "d", "s", "ck", "nd", "st"]}
FORMS = {"it": [("o", "i"), ("a", "e"), ("e", "i"), ("are", "a", "ano", "ato", "ati"),
                ("o", "a", "i", "e"), ("ione", "ioni")],
         "en": [("", "s"), ("", "s", "ed", "ing"), ("",), ("", "s"), ("", "ly")]}
FORM_SHARE = [0.5, 0.25, 0.12, 0.08, 0.05]

# Stock phrases of news speech: two quotes that both use one of four words or more share
# word 4-grams without reporting one utterance.
PHRASES = {
    "it": ["il presidente del consiglio", "presidente del consiglio dei ministri",
           "per quanto riguarda il", "nel corso degli ultimi anni", "da parte del governo",
           "in questo momento storico", "la comunità internazionale deve",
           "non è più possibile", "il cessate il fuoco", "dal nostro punto di vista",
           "nei prossimi giorni e settimane", "alla fine della giornata",
           "il nostro paese non può", "questo è il momento di", "lo abbiamo detto fin dall'inizio",
           "non ci sono le condizioni", "faremo tutto il possibile per", "in modo chiaro e netto",
           "gli stati uniti d'america", "l'unione europea deve fare"],
    "en": ["the prime minister said", "the united states of america", "at the end of the day",
           "in the coming days and weeks", "the international community must",
           "we are going to continue", "i want to be very clear", "as soon as possible",
           "there is no doubt that", "on the other hand", "we will continue to work",
           "the european union has to", "from the very beginning", "we have always said that",
           "this is not the time", "we will do everything we can", "in the best interest of",
           "the people of this country", "it is very important that", "we are ready to talk"],
}

# One name, several transliterations (the first is the canonical spelling).
TRANSLIT = [["Sergei", "Serghei", "Sergey", "Sergej"], ["Zelensky", "Zelenskyy", "Zelenskij", "Zelenskiy"],
            ["Volodymyr", "Wolodymyr", "Volodimir"], ["Dmitry", "Dmitrij", "Dmitri"],
            ["Alexei", "Aleksei", "Alexey"], ["Navalny", "Navalnyj", "Navalnij"],
            ["Shoigu", "Shoygu", "Sciogu"], ["Kharkiv", "Kharkov", "Charkiv"],
            ["Gaddafi", "Gheddafi", "Qaddafi"], ["Mohammed", "Muhammad", "Mohamed"],
            ["Yulia", "Julia", "Iulia"], ["Mykhailo", "Mikhail", "Mychajlo"],
            ["Andriy", "Andrii", "Andrij"], ["Tikhanovskaya", "Tichanovskaja", "Tsikhanouskaya"]]
VARIANT = {name: group for group in TRANSLIT for name in group}
FIRST = ["Marco", "Giulia", "Paolo", "Anna", "Luca", "Sara", "Mark", "Helen", "David", "Olga",
         "Giorgia", "Matteo", "Elly", "Antonio", "Emmanuel", "Friedrich", "Ursula", "Keir", "Kaja",
         "Pedro", "Donald", "Marine", "Viktor", "Recep", "Benjamin", "Yoav", "Kamala", "JD"]
LAST = ["Rossi", "Bianchi", "Conti", "Greco", "Lopez", "Harris", "Petrova", "Melnyk", "Quinn",
        "Price", "Meloni", "Salvini", "Tajani", "Schlein", "Macron", "Merz", "Starmer", "Kallas",
        "Sanchez", "Trump", "Orban", "Netanyahu", "Gallant", "Vance", "Rubio", "Lavrov",
        "Peskov", "Sybiga", "Witkoff", "Costa", "Metsola", "Guterres", "Grossi", "Crosetto"]
PLACES = ["Roma", "Milano", "Kiev", "Mosca", "Bruxelles", "Washington", "Parigi", "Berlino",
          "Londra", "Gaza", "Istanbul", "Ginevra", "Napoli", "Torino", "Odessa", "Doha",
          "Riad", "Pechino", "Varsavia", "Budapest", "Helsinki", "Strasburgo", "Bologna"]
MARKS = [("«", "»"), ("“", "”"), ('"', '"'), ("‘", "’")]


class Lexicon:
    """Words of one language, drawn with Zipf-Mandelbrot weights 1 / (rank + 10)."""

    def __init__(self, lang: str, lemmas: int, rng: random.Random) -> None:
        self.lang = lang
        stop = sorted(stopwords(lang))
        rng.shuffle(stop)
        self.stop = stop
        self.stop_cum = list(itertools.accumulate(1 / (r + 2) for r in range(len(stop))))
        taken = set(stop)
        self.lemmas: list[list[str]] = []
        for word in REAL[lang]:
            if word not in taken:
                taken.add(word)
                self.lemmas.append([word])
        while len(self.lemmas) < lemmas:
            stem = "".join(rng.choice(ONSETS[lang]) + rng.choice(VOWELS[lang])
                           for _ in range(rng.choice((1, 2, 2, 3)))) + rng.choice(CODAS[lang])
            if lang == "it" and stem[-1] in "aeiou":
                stem = stem[:-1]
            forms = [stem + ending for ending in rng.choice(FORMS[lang])]
            if len(stem) < 3 or any(f in taken or len(f) < 4 for f in forms):
                continue
            taken.update(forms)
            self.lemmas.append(forms)
        self.words, weights = [], []
        for rank, forms in enumerate(self.lemmas):
            shares = FORM_SHARE[:len(forms)]
            for form, share in zip(forms, shares):
                self.words.append(form)
                weights.append(share / sum(shares) / (rank + 10))
        self.cum = list(itertools.accumulate(weights))
        self.lemma_of = {form: forms for forms in self.lemmas for form in forms}

    def content(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum, k=k)

    def stops(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.stop, cum_weights=self.stop_cum, k=k)


def use_frequency_lists(generator: Generator) -> None:
    """The matcher ranks words by their frequency in the language (rarity.py). The corpus
    is written in two made-up languages of `--vocab` lemmas each, whose frequencies the
    generator knows: the matcher gets their lists, most frequent first, as it gets the
    lists of Italian and English (without them every made-up word would look as rare as a
    name, and the Zipf head of a 4,000-lemma vocabulary is in thousands of quotes)."""
    from workbench.extract import rarity

    lists = {}
    for lang, lex in generator.lex.items():
        order = sorted(range(len(lex.words)), key=lambda k: -(lex.cum[k] - (lex.cum[k - 1] if k else 0)))
        lists[lang] = {word: rank for rank, word in enumerate(lex.stop + [lex.words[k] for k in order])}
    real = rarity.ranks
    rarity.ranks = lambda lang: lists.get(lang) or real(lang)


# -- quotes, articles, stories --------------------------------------------------------------
@dataclass
class Utterance:
    """What a speaker said: sentences of words (punctuation comes at rendering)."""

    sentences: list[list[str]]
    speaker: str | None
    kind: str
    key: str  # the id of the quote that first reports it
    uid: int  # planted utterance number (ground truth), -1 for unplanted
    source: Utterance | None = None  # for a hard negative: the utterance it resembles


@dataclass
class Story:
    lang: str
    topic: list[str]
    cast: list[str]
    articles: list[str] = field(default_factory=list)
    planted: list[Utterance] = field(default_factory=list)


@dataclass
class Corpus:
    records: list[dict] = field(default_factory=list)
    utterance: dict[str, int] = field(default_factory=dict)  # quote id → planted utterance
    change: dict[str, str] = field(default_factory=dict)  # copy id → what was changed
    negatives: list[tuple[str, str, str]] = field(default_factory=list)  # (first report, sibling, how)
    sibling_of: dict[str, int] = field(default_factory=dict)  # hard negative → utterance it resembles
    story_of: dict[str, int] = field(default_factory=dict)  # article → story


class Generator:
    """Deterministic news-like quotes; keeps its state so that more can be made later."""

    P_ORIGINAL = 0.075 # of eligible fresh quotes, the share quoted again by other articles
    P_NEGATIVE = 0.35  # of planted utterances, the share with a hard negative

    def __init__(self, seed: int, lemmas: int, phrases: float) -> None:
        self.rng = random.Random(seed)
        self.lex = {lang: Lexicon(lang, lemmas, random.Random(f"{seed}-{lang}")) for lang in ("it", "en")}
        self.phrase_rate = phrases
        self.stories: list[Story] = []
        self.next_uid = 0
        self.corpus = Corpus()

    # words ------------------------------------------------------------------------------
    def sentence(self, story: Story, n: int) -> list[str]:
        rng, lex = self.rng, self.lex[story.lang]
        words: list[str] = []
        phrase, at = [], -1
        if rng.random() < self.phrase_rate:  # in a sentence with words of its own around it
            phrase = rng.choice(PHRASES[story.lang]).split()
            if n >= len(phrase) + 4:
                at = rng.randint(0, n - len(phrase))
                n -= len(phrase)
            else:
                phrase = []
        stop_share = 0.45 if n > 6 else 0.3  # short quotes are rarely all function words
        kinds = [rng.random() for _ in range(max(n, 0))]
        n_stop = sum(1 for x in kinds if x < stop_share)
        stops = iter(lex.stops(rng, n_stop))
        contents = iter(lex.content(rng, len(kinds) - n_stop))
        for x in kinds:
            if x < stop_share:
                words.append(next(stops))
                continue
            word = next(contents)
            y = rng.random()
            if y < 0.14:
                word = rng.choice(lex.lemma_of[rng.choice(story.topic)])
            elif y < 0.17:
                word = rng.choice(story.cast).split()[-1] if rng.random() < 0.6 else rng.choice(PLACES)
            elif y < 0.19:
                word = str(rng.choice((rng.randint(2, 99), rng.randint(100, 999), rng.randint(1990, 2026))))
            words.append(word)
        if phrase:
            words[at:at] = phrase
        if story.lang == "it":  # elisions: "l'accordo", "dell'esercito"
            for i in range(len(words) - 1):
                if words[i] in ("la", "lo", "della", "dello", "alla", "nella", "una") \
                        and words[i + 1][:1] in "aeiou" and rng.random() < 0.7:
                    words[i] = {"la": "l", "lo": "l", "una": "un"}.get(words[i], words[i][:-1]) + "'"
        return words

    def fresh(self, story: Story, key: str) -> Utterance:
        rng = self.rng
        roll = rng.random()
        if roll < 0.05:
            kind, n = "scare", rng.randint(1, 4)
        elif roll < 0.28:
            kind, n = "partial", min(60, max(4, round(rng.lognormvariate(2.1, 0.5))))
        else:
            kind, n = "direct", min(60, max(4, round(rng.lognormvariate(2.7, 0.55))))
        if n >= 14 and rng.random() < 0.6:
            cuts = sorted(rng.sample(range(5, n - 4), k=min(rng.choice((1, 1, 2)), max(1, (n - 9) // 5))))
            lengths = [b - a for a, b in zip([0, *cuts], [*cuts, n])]
        else:
            lengths = [n]
        sentences = [self.sentence(story, m) for m in lengths if m > 0]
        if kind != "scare" and rng.random() < 0.12:  # a name with several transliterations
            sentence = rng.choice(sentences)
            sentence.insert(rng.randint(0, len(sentence)), rng.choice(TRANSLIT)[0])
        speaker = None if kind == "scare" or rng.random() < 0.08 else rng.choice(story.cast)
        return Utterance(sentences, speaker, kind, key, -1)

    # rendering ----------------------------------------------------------------------------
    @staticmethod
    def render(utterance: Utterance, rng: random.Random) -> str:
        """Words to text: capitals, commas, sentence ends, apostrophes, an inner quoted term."""
        apostrophe = rng.choice(("'", "'", "’"))
        opening, closing = rng.choice(MARKS)
        out = []
        last = len(utterance.sentences) - 1
        for s, words in enumerate(utterance.sentences):
            words = list(words)
            if not words:
                continue
            if utterance.kind == "direct" or s > 0:
                words[0] = words[0][:1].upper() + words[0][1:]
            for i in range(len(words) - 1):
                if not words[i].endswith("'") and rng.random() < 0.07:
                    words[i] += rng.choice((",", ",", ",", ";", " -", ":"))
            if len(words) >= 6 and rng.random() < 0.05:
                i = rng.randint(1, len(words) - 3)
                words[i] = opening + words[i]
                words[i + 1] = words[i + 1] + closing
            text = " ".join(words).replace("' ", "'").replace("'", apostrophe)
            if s < last:
                text += rng.choice((".", ".", ".", "!", "?", "…"))
            elif utterance.kind == "direct":
                text += rng.choice((".", ".", "", "!", "...", "?"))
            out.append(text)
        return " ".join(out)

    # changes made by the outlets quoting an utterance again -------------------------------
    def changed(self, utterance: Utterance, lex: Lexicon) -> tuple[str, Utterance]:
        rng = self.rng
        words = [w for s in utterance.sentences for w in s]
        names = [w for w in words if w in VARIANT]
        options = ["punctuation", "reword", "typo"]
        weights = [2, 2, 2]
        if len(words) >= 8 or (len(utterance.sentences) > 1 and
                               max(len(s) for s in utterance.sentences) >= 5):
            options.append("fragment")
            weights.append(3)
        if names:
            options.append("transliteration")
            weights.append(4)
        how = rng.choices(options, weights=weights)[0]
        sentences = [list(s) for s in utterance.sentences]
        kind = utterance.kind
        if how == "fragment":
            long_enough = [s for s in sentences if len(s) >= 5]
            if len(sentences) > 1 and long_enough and (len(words) < 8 or rng.random() < 0.4):
                sentences = [rng.choice(long_enough)]
            else:
                size = rng.randint(6, max(6, len(words) - 2))
                start = rng.randint(0, len(words) - size)
                sentences, at = [], 0
                for s in utterance.sentences:
                    part = s[max(0, start - at):max(0, start + size - at)]
                    if part:
                        sentences.append(list(part))
                    at += len(s)
            kind = "partial" if rng.random() < 0.6 else kind
        elif how == "reword":
            for _ in range(rng.choice((1, 1, 2))):
                s = rng.choice([s for s in sentences if len(s) >= 2] or sentences)
                i = rng.randrange(len(s))
                if rng.random() < 0.35 and len(s) >= 2:
                    j = i + 1 if i + 1 < len(s) else i - 1
                    s[i], s[j] = s[j], s[i]
                else:
                    s[i] = lex.content(rng, 1)[0] if rng.random() < 0.7 else lex.stops(rng, 1)[0]
        elif how == "typo":
            for _ in range(rng.choice((1, 2))):
                s = rng.choice(sentences)
                candidates = [i for i, w in enumerate(s) if len(w) >= 4 and w.isalpha()]
                if not candidates:
                    continue
                i = rng.choice(candidates)
                s[i] = typo(s[i], rng)
        elif how == "transliteration":
            name = rng.choice(names)
            other = rng.choice([v for v in VARIANT[name] if v != name])
            sentences = [[other if w == name else w for w in s] for s in sentences]
        return how, Utterance(sentences, utterance.speaker, kind, utterance.key, utterance.uid)

    def negative(self, utterance: Utterance, story: Story) -> tuple[str, Utterance]:
        """Another statement of the same speaker on the same subject."""
        rng, lex = self.rng, self.lex[story.lang]
        stop = set(lex.stop)
        words = [w for s in utterance.sentences for w in s]
        content = list(dict.fromkeys(w for w in words if w not in stop and len(w) >= 3))
        new = self.sentence(story, max(14, len(words) + rng.randint(0, 8)))
        if len(words) >= 15 and rng.random() < 0.5:
            how = "phrase"  # a run of five or six words of a long statement, repeated
            size = rng.choice((5, 6))
            start = rng.randint(0, len(words) - size)
            at = rng.randint(0, len(new))
            new[at:at] = words[start:start + size]
            new.extend(self.sentence(story, max(4, size)))
        else:
            how = "topic"  # several of the same content words, in other sentences
            shared = rng.sample(content, k=min(len(content), rng.randint(3, 5)))
            for word in shared:
                new.insert(rng.randint(0, len(new)), word)
        return how, Utterance([new], utterance.speaker, "direct", "", -1, utterance)

    # stories and articles -------------------------------------------------------------------
    def new_story(self) -> Story:
        rng = self.rng
        lang = "it" if rng.random() < 0.55 else "en"
        lex = self.lex[lang]
        topic = [lex.lemmas[rng.randint(20, min(2000, len(lex.lemmas) - 1))][0] for _ in range(15)]
        cast = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(5, 9))]
        if rng.random() < 0.5:
            group = rng.choice(TRANSLIT[:6])
            cast.append(f"{group[0]} {rng.choice(LAST)}")
        story = Story(lang, topic, cast)
        self.stories.append(story)
        return story

    def add_articles(self, count: int, quota: int, story: Story | None = None,
                     copy_existing: float = 0.0) -> list[dict]:
        """`count` articles (of a new story unless given), at most `quota` quotes in all.
        Fresh quotes are planted into other articles of the batch; with `copy_existing`,
        that share of each article's quotes are copies of utterances planted earlier."""
        rng = self.rng
        story = story or self.new_story()
        number = self.stories.index(story)
        lex = self.lex[story.lang]
        bodies: dict[str, list[tuple[Utterance, str | None]]] = {}
        for _ in range(count):
            article = f"s{number:04d}-a{len(story.articles):03d}"
            story.articles.append(article)
            self.corpus.story_of[article] = number
            size = rng.randint(8, 24)
            body = []
            for i in range(size):
                if copy_existing and story.planted and rng.random() < copy_existing:
                    how, copy = self.changed(rng.choice(story.planted), lex)
                    body.append((copy, how))
                else:
                    body.append((self.fresh(story, ""), None))
            bodies[article] = body
        names = list(bodies)
        for article in names:  # plant: quoted again by 2-5 other articles of the batch
            for utterance, how in list(bodies[article]):
                if how is not None or utterance.kind == "scare" or len(names) < 3 \
                        or rng.random() >= self.P_ORIGINAL:
                    continue
                utterance.uid = self.next_uid
                self.next_uid += 1
                story.planted.append(utterance)
                others = rng.sample([a for a in names if a != article], k=min(len(names) - 1, rng.randint(2, 5)))
                for other in others:
                    how, copy = self.changed(utterance, lex)
                    bodies[other].insert(rng.randint(0, len(bodies[other])), (copy, how))
                if rng.random() < self.P_NEGATIVE:
                    how, sibling = self.negative(utterance, story)
                    other = rng.choice([a for a in names if a != article])
                    bodies[other].insert(rng.randint(0, len(bodies[other])), (sibling, "negative:" + how))
        records, pending = [], []
        for article in names:
            for index, (utterance, how) in enumerate(bodies[article]):
                if len(records) >= quota:
                    break
                key = f"{article}#{index:02d}"
                text = self.render(utterance, rng)
                records.append({"id": key, "article": article, "text": text, "kind": utterance.kind,
                                "lang": story.lang, "speaker": utterance.speaker, "statement": key,
                                "nested_in": None})
                if how is None:
                    utterance.key = key
                elif how.startswith("negative:"):
                    pending.append((utterance.source, key, how.split(":")[1]))
                    continue
                if utterance.uid >= 0:
                    self.corpus.utterance[key] = utterance.uid
                    if how is not None:
                        self.corpus.change[key] = how
        for source, key, how in pending:  # the sibling against the first report of its source
            self.corpus.sibling_of[key] = source.uid
            if source.key in self.corpus.utterance:
                self.corpus.negatives.append((source.key, key, how))
        self.corpus.records.extend(records)
        return records

    def build(self, quotes: int) -> Corpus:
        while len(self.corpus.records) < quotes:
            self.add_articles(self.rng.randint(10, 30), quotes - len(self.corpus.records))
        return self.corpus

    def more(self, quotes: int) -> list[dict]:
        """New articles in existing stories, a quarter of their quotes copies of planted
        utterances (the rest fresh, some planted among the new articles)."""
        start = len(self.corpus.records)
        stories = [s for s in self.stories if s.planted]
        while len(self.corpus.records) - start < quotes:
            self.add_articles(self.rng.randint(3, 6), quotes - (len(self.corpus.records) - start),
                              self.rng.choice(stories), copy_existing=0.25)
        return self.corpus.records[start:]


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    letters = "aeioulnrstcdmp"
    what = rng.randrange(4)
    if what == 0:
        return word[:i] + rng.choice(letters) + word[i + 1:]
    if what == 1:
        return word[:i] + word[i + 1:]
    if what == 2:
        return word[:i] + rng.choice(letters) + word[i:]
    return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]
# -- measuring ------------------------------------------------------------------------------
def memory() -> tuple[float, float]:
    """(resident now, peak since the last reset) in MB."""
    with open("/proc/self/status") as handle:
        status = dict(line.split(":", 1) for line in handle if ":" in line)
    return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


def reset_peak() -> bool:
    """Reset the peak RSS of this process (Linux clear_refs), so that the next peak is the
    grouping's own; False where that is not allowed (then ru_maxrss deltas are printed)."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


class GcTimer:
    """Time spent in the cyclic garbage collector while active."""

    def __init__(self) -> None:
        self.seconds, self.collections, self._started = 0.0, 0, 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started
            self.collections += 1

    def __enter__(self) -> GcTimer:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc) -> None:
        gc.callbacks.remove(self)


def pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def link_pairs(grouper: Grouper) -> dict[tuple[str, str], str]:
    return {pair(link.a, link.b): link.rule for links in grouper.links.values() for link in links}


def pairs_of(counts) -> int:
    return sum(n * (n - 1) // 2 for n in counts)


def planted_scores(ids: dict[str, str], corpus: Corpus) -> dict:
    """Precision and recall of planted pairs (quotes of different articles), counted per
    group with counters, never by listing the pairs of a group."""
    article = {r["id"]: r["article"] for r in corpus.records if r["id"] in ids}
    truth_by_utt: dict[int, list[str]] = defaultdict(list)
    for key, uid in corpus.utterance.items():
        if key in ids:
            truth_by_utt[uid].append(key)
    truth = sum(pairs_of([len(keys)]) - pairs_of(Counter(article[k] for k in keys).values())
                for keys in truth_by_utt.values())
    members: dict[str, list[str]] = defaultdict(list)
    for key, gid in ids.items():
        members[gid].append(key)
    predicted = right = 0
    for keys in members.values():
        if len(keys) < 2:
            continue
        predicted += pairs_of([len(keys)]) - pairs_of(Counter(article[k] for k in keys).values())
        planted = [(corpus.utterance[k], article[k]) for k in keys if k in corpus.utterance]
        right += pairs_of(Counter(u for u, _ in planted).values()) - pairs_of(Counter(planted).values())
    sizes = sorted((len(k) for k in members.values()), reverse=True)
    return {"truth": truth, "predicted": predicted, "right": right,
            "recall": right / truth if truth else 1.0, "precision": right / predicted if predicted else 1.0,
            "groups": sum(1 for n in sizes if n >= 2), "largest": sizes[:5],
            "grouped": sum(n for n in sizes if n >= 2)}


def print_scores(label: str, scores: dict) -> None:
    print(f"{label}: planted pairs {scores['truth']}, recall {scores['recall']:.3f}; predicted "
          f"cross-article same-group pairs {scores['predicted']}, precision {scores['precision']:.3f}; "
          f"{scores['groups']} groups of >= 2 holding {scores['grouped']} quotes; largest groups "
          f"{scores['largest']}")


def diagnose(grouper: Grouper, ids: dict[str, str], corpus: Corpus, examples: int) -> None:
    """Why planted copies were missed, which rules made wrong links, hard negatives merged."""
    texts = grouper.texts
    origin = {uid: key for key, uid in corpus.utterance.items() if key not in corpus.change}
    missed: dict[str, Counter] = defaultdict(Counter)
    samples: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    linked = link_pairs(grouper)
    for key, how in corpus.change.items():
        first = origin.get(corpus.utterance[key])
        if key not in ids or first not in ids:
            continue
        if ids[key] == ids[first]:
            missed[how]["grouped"] += 1
            continue
        if pair(key, first) in linked:
            why = "linked, not grouped"
        elif evidence(texts[key], texts[first]) is not None:
            why = "blocking (rule would link)"
        else:
            why = "rule: no evidence"
        missed[how][why] += 1
        samples[(how, why)].append((first, key))
    print("planted copy vs its first report, by change (grouped / missed and why):")
    for how, counts in sorted(missed.items()):
        total = sum(counts.values())
        reasons = ", ".join(f"{why} {n}" for why, n in counts.most_common() if why != "grouped")
        print(f"  {how:16} {counts['grouped']}/{total} grouped ({counts['grouped'] / total:.3f})"
              + (f"; missed: {reasons}" if reasons else ""))
    rng = random.Random(3)
    text_of = {r["id"]: r["text"] for r in corpus.records}
    for (how, why), found in sorted(samples.items()):
        for first, key in rng.sample(found, k=min(examples, len(found))):
            print(f"    missed {how} ({why}):\n      {first}: {text_of[first]!r}\n      {key}: {text_of[key]!r}")

    by_rule: dict[str, Counter] = defaultdict(Counter)
    wrong: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    sibling = corpus.sibling_of
    stock = stock_shingles()
    for (a, b), rule in linked.items():
        ua, ub = corpus.utterance.get(a), corpus.utterance.get(b)
        if ua is not None and ua == ub:
            by_rule[rule]["right"] += 1
            continue
        if (a in sibling and sibling[a] == ub) or (b in sibling and sibling[b] == ua):
            kind = "hard negative"
        else:
            common = shingles(texts[a].words) & shingles(texts[b].words)
            kind = "stock phrase" if common and common <= stock else "other"
        by_rule[rule][kind] += 1
        wrong[(rule, kind)].append((a, b))
    print("links by rule (right: both quotes report one planted utterance; wrong: hard negative, "
          "only a stock phrase in common, other):")
    for rule, counts in sorted(by_rule.items()):
        total = sum(counts.values())
        print(f"  {rule:8} {total} links: right {counts['right']}, wrong: hard negative "
              f"{counts['hard negative']}, stock phrase {counts['stock phrase']}, other "
              f"{counts['other']} (precision {counts['right'] / total:.3f})")
    for (rule, kind), found in sorted(wrong.items()):
        for a, b in rng.sample(found, k=min(examples, len(found))):
            print(f"    wrong {rule} link ({kind}):\n      {a}: {text_of[a]!r}\n      {b}: {text_of[b]!r}")
    merged = Counter(how for a, b, how in corpus.negatives if a in ids and b in ids and ids[a] == ids[b])
    total = Counter(how for a, b, how in corpus.negatives if a in ids and b in ids)
    print("hard negatives put in the group of the utterance they resemble: "
          + ", ".join(f"{how} {merged[how]}/{n}" for how, n in sorted(total.items())))


def shingles(words: list[str]) -> set[tuple[str, ...]]:
    return set(zip(words, words[1:], words[2:], words[3:]))


def stock_shingles() -> set[tuple[str, ...]]:
    found = set()
    for lang, phrases in PHRASES.items():
        for phrase in phrases:
            record = {"id": "p", "article": "p", "text": phrase, "kind": "direct", "lang": lang}
            found |= shingles(quote_text(record).words)
    return found


# -- 1. full run ------------------------------------------------------------------------------
def full_run(records: list[dict], runs: int) -> tuple[Grouper, dict[str, str]]:
    best_add = best_ids = math.inf
    for run in range(runs):
        gc.collect()
        before_rss, _ = memory()
        exact_peak = reset_peak()
        before_max = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        grouper = Grouper()
        with GcTimer() as gc_time:
            started = time.perf_counter()
            grouper.add(records)
            added = time.perf_counter() - started
            started = time.perf_counter()
            ids = grouper.group_ids()
            grouped = time.perf_counter() - started
        best_add, best_ids = min(best_add, added), min(best_ids, grouped)
        after_rss, peak = memory()
        if not exact_peak:
            peak = before_rss + resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before_max
        links = sum(len(v) for v in grouper.links.values()) // 2
        print(f"  run {run + 1}: add {added:.2f} s + group_ids {grouped:.2f} s = {added + grouped:.2f} s; "
              f"{grouper.compared} pairs compared ({grouper.compared / len(records):.0f} per quote), "
              f"{links} links; cyclic GC {gc_time.seconds:.2f} s in {gc_time.collections} collections; "
              f"RSS {before_rss:.0f} MB before, {after_rss:.0f} MB after, peak {peak:.0f} MB "
              f"(+{peak - before_rss:.0f} MB{'' if exact_peak else ', from ru_maxrss'})")
    print(f"full run: {len(records)} quotes grouped in {best_add + best_ids:.2f} s (add {best_add:.2f} s, "
          f"group_ids {best_ids:.2f} s; best of {runs}) on one core of {os.cpu_count()} "
          f"(target <= 20 s for 100,000 on 2 cores)")
    return grouper, ids


def profile(records: list[dict], top: int = 25) -> None:
    """cProfile of the full run (a fresh Grouper: add + group_ids), by own time."""
    gc.collect()
    profiler = cProfile.Profile()
    grouper = Grouper()
    profiler.enable()
    grouper.add(records)
    grouper.group_ids()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    print(f"profile of the full run, {len(records)} quotes (cProfile, by own time; the time of "
          f"rapidfuzz and of set operations counts in their caller's own time):")
    print("\n".join("    " + line for line in out.getvalue().splitlines() if line.strip()))


# -- 2. blocking recall against all pairs -------------------------------------------------------
def sample_articles(corpus: Corpus, size: int, seed: int = 17) -> list[dict]:
    """Whole stories (their planted groups whole), then whole articles of one more story."""
    by_story: dict[int, list[str]] = defaultdict(list)
    count = Counter(r["article"] for r in corpus.records)
    for article in count:
        by_story[corpus.story_of[article]].append(article)
    order = sorted(by_story)
    random.Random(seed).shuffle(order)
    chosen, total = set(), 0
    for story in order:
        quotes = sum(count[a] for a in by_story[story])
        if total + quotes <= size:
            chosen.update(by_story[story])
            total += quotes
            continue
        for article in by_story[story]:
            if total + count[article] <= size:
                chosen.add(article)
                total += count[article]
        break
    return [r for r in corpus.records if r["article"] in chosen]


_TEXTS: list = []


def _exhaustive_rows(rows: list[int]) -> list[tuple[int, int]]:
    texts, found = _TEXTS, []
    n = len(texts)
    for i in rows:
        a = texts[i]
        for j in range(i + 1, n):
            b = texts[j]
            if a.article == b.article and a.norm != b.norm:
                continue  # as Grouper._compare: within an article only the same words twice
            if evidence(a, b) is not None:
                found.append((i, j))
    return found


def exhaustive(records: list[dict], workers: int) -> set[tuple[str, str]]:
    global _TEXTS
    _TEXTS = [quote_text(r) for r in records]
    n = len(_TEXTS)
    chunks = max(1, workers) * 16
    tasks = [list(range(k, n, chunks)) for k in range(chunks)]  # interleaved: even work
    if workers > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_exhaustive_rows, tasks, chunksize=1)
    else:
        parts = [_exhaustive_rows(rows) for rows in tasks]
    keys = [t.key for t in _TEXTS]
    return {pair(keys[i], keys[j]) for part in parts for i, j in part}


def blocking_recall(corpus: Corpus, size: int, workers: int, examples: int) -> None:
    records = sample_articles(corpus, size)
    n = len(records)
    started = time.perf_counter()
    every = exhaustive(records, workers)
    slow = time.perf_counter() - started
    started = time.perf_counter()
    grouper = Grouper()
    grouper.add(records)
    ids = grouper.group_ids()
    fast = time.perf_counter() - started
    found = set(link_pairs(grouper))
    print(f"sample: {n} quotes of {len({r['article'] for r in records})} whole articles; exhaustive "
          f"evidence on all {n * (n - 1) // 2} pairs in {slow:.1f} s with {workers} worker(s): "
          f"{len(every)} linked pairs; Grouper in {fast:.2f} s: {grouper.compared} pairs compared, "
          f"{len(found)} linked pairs")
    both = every & found
    print(f"blocking recall of links: {len(both)}/{len(every)} = {len(both) / max(1, len(every)):.4f} "
          f"(target >= 0.99); Grouper links not found exhaustively: {len(found - every)}")
    # Groups from every exhaustive link: the Grouper's own links and affinities, plus the
    # links blocking missed.
    full = Grouper()
    full.add(records)
    texts = full.texts
    for a, b in every - found:
        link = evidence(texts[a], texts[b])
        full.links[a].append(link)
        full.links[b].append(link)
    every_ids = full.group_ids()
    article = {r["id"]: r["article"] for r in records}
    together = Counter((every_ids[k], ids[k]) for k in every_ids)
    same_art = Counter((every_ids[k], ids[k], article[k]) for k in every_ids)
    ex_groups = Counter(every_ids.values())
    ex_art = Counter((every_ids[k], article[k]) for k in every_ids)
    ex_pairs = pairs_of(ex_groups.values()) - pairs_of(ex_art.values())
    kept = pairs_of(together.values()) - pairs_of(same_art.values())
    print(f"blocking recall of groups: of {ex_pairs} cross-article pairs in one group when every "
          f"pair is compared, {kept} are in one Grouper group = {kept / max(1, ex_pairs):.4f}")
    rules = Counter(evidence(texts[a], texts[b]).rule for a, b in every - found)
    if rules:
        print(f"  links blocking missed, by rule: {dict(rules.most_common())}")
        text_of = {r["id"]: r["text"] for r in records}
        for a, b in random.Random(5).sample(sorted(every - found), k=min(examples, len(every - found))):
            print(f"    missed by blocking ({evidence(texts[a], texts[b]).rule}):\n      {a}: {text_of[a]!r}\n"
                  f"      {b}: {text_of[b]!r}")
    print_scores("  sample, Grouper", planted_scores(ids, _restricted(corpus, records)))
    print_scores("  sample, every pair", planted_scores(every_ids, _restricted(corpus, records)))


def _restricted(corpus: Corpus, records: list[dict]) -> Corpus:
    keys = {r["id"] for r in records}
    return Corpus(records, {k: u for k, u in corpus.utterance.items() if k in keys},
                  {k: c for k, c in corpus.change.items() if k in keys},
                  [n for n in corpus.negatives if n[0] in keys and n[1] in keys], corpus.story_of,
                  {k: u for k, u in corpus.sibling_of.items() if k in keys})


# -- 3. incremental --------------------------------------------------------------------------
def incremental(holder: dict, generator: Generator, new: list[dict], runs: int,
                store_groups: dict[str, str | None] | None = None) -> None:
    """`holder["grouper"]` is the Grouper of the full run; it is let go before grouping
    everything again from scratch, so that the two are never in memory together.
    `store_groups`: the groups the store path found (part 4), compared with these."""
    grouper = holder.pop("grouper")
    before = len(grouper.records)
    records = list(generator.corpus.records)
    planted = sum(1 for r in new if r["id"] in generator.corpus.change)
    compared, links = grouper.compared, sum(len(v) for v in grouper.links.values()) // 2
    started = time.perf_counter()
    grouper.add(new)
    added = time.perf_counter() - started
    started = time.perf_counter()
    ids = grouper.group_ids()
    grouped = time.perf_counter() - started
    for _ in range(runs - 1):
        started = time.perf_counter()
        grouper.group_ids()
        grouped = min(grouped, time.perf_counter() - started)
    print(f"incremental: {len(new)} new quotes ({planted} planted copies, "
          f"{len({r['article'] for r in new})} new articles) added to {before}: add {added:.2f} s "
          f"({grouper.compared - compared} pairs compared, "
          f"{sum(len(v) for v in grouper.links.values()) // 2 - links} new links) + group_ids "
          f"{grouped:.2f} s = {added + grouped:.2f} s (target <= 2 s)")
    ours = link_pairs(grouper)
    if store_groups is not None:
        same = store_groups == shared_groups(ids)
        print(f"store path groups == incremental groups: {'yes' if same else 'NO'}")
    del grouper
    gc.collect()
    started = time.perf_counter()
    scratch = Grouper()
    scratch.add(records)
    again = scratch.group_ids()
    print(f"from scratch: {len(records)} quotes in {time.perf_counter() - started:.2f} s "
          f"({scratch.compared} pairs compared)")
    if again == ids:
        print("incremental groups == groups from scratch: yes")
    else:
        differ = sum(1 for k in ids if ids[k] != again[k])
        theirs = link_pairs(scratch)
        print(f"incremental groups == groups from scratch: NO ({differ} quotes in another group; "
              f"links only incremental {len(set(ours) - set(theirs))}, only from scratch "
              f"{len(set(theirs) - set(ours))})")
        text_of = {r["id"]: r["text"] for r in records}
        for a, b in sorted(set(theirs) - set(ours))[:3]:
            print(f"    only from scratch ({theirs[(a, b)]}):\n      {a}: {text_of[a]!r}\n      {b}: {text_of[b]!r}")
    print_scores("  after the increment", planted_scores(ids, generator.corpus))


# -- 4. the store's path -------------------------------------------------------------------------
def store_path(grouper: Grouper, ids: dict[str, str], new: list[dict], runs: int,
               profile_it: bool, top: int = 30) -> dict[str, str | None]:
    """`services.groups.update_groups` of the new quotes into a store holding the full run: the
    groups file is written from the full run's Grouper (links, words, a report of every
    group), read back, and regrouped with the new quotes, as an ingest does (the speaker
    aliases are not resolved: every name is its own speaker). Returns the groups."""
    speaker = str  # every name its own speaker
    quotes = {key: dict(record, current=True, group=None) for key, record in grouper.records.items()}
    for key, gid in shared_groups(ids).items():
        quotes[key]["group"] = gid
    with tempfile.TemporaryDirectory(prefix="bench-grouping-") as folder:
        saved = GroupIndex(Path(folder))
        saved.links = [_link_record(link) for link in grouper.all_links()]
        saved.words = grouper.index()
        started = time.perf_counter()
        saved.groups = _group_records({}, quotes, {key: q["group"] for key, q in quotes.items()},
                                      set(quotes), speaker, grouper.versions())
        reported = time.perf_counter() - started
        saved.save()
        size = saved.path.stat().st_size
        del saved
        keys = {r["id"] for r in new}
        best, best_load, found = math.inf, math.inf, None
        for run in range(runs + (1 if profile_it else 0)):
            records = {key: dict(q) for key, q in quotes.items()}
            records.update((r["id"], dict(r, current=True, group=None)) for r in new)
            gc.collect()
            started = time.perf_counter()
            index = GroupIndex(Path(folder))
            index.load()
            loaded = time.perf_counter() - started
            profiler = cProfile.Profile() if profile_it and run == runs else None
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            update_groups(index, records, keys, speaker)
            if profiler:
                profiler.disable()
            elapsed = time.perf_counter() - started
            if profiler is None:
                best, best_load = min(best, elapsed), min(best_load, loaded)
            found = {key: q["group"] for key, q in records.items()}
            links, groups = len(index.links), len(index.groups)
            del index, records
        if profile_it:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
            print("profile of the store path (services.groups.update_groups, cProfile, by cumulative time):")
            print("\n".join("    " + line for line in out.getvalue().splitlines() if line.strip()))
    print(f"store path: groups file of {len(quotes)} quotes ({size / 1e6:.1f} MB; every group reported "
          f"in {reported:.1f} s) read in {best_load:.2f} s; services.groups.update_groups of {len(new)} new quotes "
          f"{best:.2f} s (best of {runs}; target <= 1 s): {links} links, {groups} groups saved")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000, help="quotes of the full run")
    parser.add_argument("--sample", type=int, default=5_000, help="quotes compared exhaustively")
    parser.add_argument("--new", type=int, default=1_000, help="quotes added incrementally")
    parser.add_argument("--vocab", type=int, default=4_000, help="content lemmas per language")
    parser.add_argument("--phrases", type=float, default=0.06, help="stock phrases per sentence")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes for the exhaustive comparison")
    parser.add_argument("--runs", type=int, default=1, help="full runs (the best is the figure)")
    parser.add_argument("--examples", type=int, default=3, help="example pairs printed per kind")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--quick", action="store_true", help="10,000 quotes, sample 1,000, 200 new")
    parser.add_argument("--profile", action="store_true",
                        help="profile the store path, and at the end the full run once more (cProfile; slower)")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: sample,store,incremental")
    args = parser.parse_args()
    if args.quick:
        args.quotes, args.sample, args.new = 10_000, 1_000, 200
    skip = set(filter(None, args.skip.split(",")))
    started_all = time.perf_counter()

    started = time.perf_counter()
    generator = Generator(args.seed, args.vocab, args.phrases)
    use_frequency_lists(generator)
    corpus = generator.build(args.quotes)
    records = list(corpus.records)
    words = [len(r["text"].split()) for r in records]
    distinct = {lang: len({w for r in records if r["lang"] == lang for w in quote_text(r).words})
                for lang in ("it", "en")} if len(records) <= 20_000 else None
    print(f"corpus: {len(records)} quotes, {len(corpus.story_of)} articles, {len(generator.stories)} "
          f"stories, generated in {time.perf_counter() - started:.1f} s; words per quote median "
          f"{sorted(words)[len(words) // 2]}, max {max(words)}; planted: "
          f"{len(corpus.utterance)} quotes ({len(corpus.utterance) / len(records):.1%}) of "
          f"{len(set(corpus.utterance.values()))} utterances, copies by change "
          f"{dict(Counter(corpus.change.values()).most_common())}; hard negatives "
          f"{dict(Counter(h for _, _, h in corpus.negatives))}"
          + (f"; distinct words {distinct}" if distinct else ""))
    source = b"".join(p.read_bytes() for p in sorted((ROOT / "workbench" / "matching").glob("*.py")))
    print(f"cpu: {os.cpu_count()} cores; the grouping runs in this one process (one core); "
          f"workbench/matching sources sha1 {hashlib.sha1(source).hexdigest()[:12]}")

    grouper, ids = full_run(records, args.runs)
    print_scores("planted pairs", planted_scores(ids, corpus))
    diagnose(grouper, ids, corpus, args.examples)
    if "sample" not in skip:
        blocking_recall(corpus, args.sample, args.workers, args.examples)
    new = generator.more(args.new)
    found = None
    if "store" not in skip:
        found = store_path(grouper, ids, new, args.runs, args.profile)
    holder = {"grouper": grouper}
    del grouper, ids
    if "incremental" not in skip:
        incremental(holder, generator, new, args.runs, found)
    holder.clear()
    if args.profile:
        profile(records)
    print(f"whole benchmark: {time.perf_counter() - started_all:.1f} s")


if __name__ == "__main__":
    main()
