"""Groups of quotes that report one utterance, built without comparing all pairs.

Blocking: every quote is filed under each of its content words (stop words left out). A
quote is compared only with the quotes filed under enough of its rarest few words (and of
the rarest three of each of its long sentences) —
near-duplicates share most of their words, so they share their rare ones — and with the
quotes that wait for words it has: a long quote finds the short fragments of it quoted
elsewhere through their rarest words, even when its own lie outside the fragment.
Rarity is read from the language (`rarity.py`), never from the corpus, so whether two
quotes are compared depends on those two quotes alone, whatever came before them: added
one article at a time or all at once, the same pairs are compared. Candidates are checked
with `pairs.evidence`.

Grouping, from the links found:
1. A long quote may string together several utterances that other articles quote
   separately. It joins the group of the earliest of its sentences that has a match
   elsewhere; its other links are dropped (otherwise one long quote would glue unrelated
   groups together).
2. Quotes linked by what is left are one group.
3. A short quote (a few words, too few to be evidence) that nothing joined to a group
   joins the group of one quote of a same-story article of its speaker that has its words
   (`stories.py`; two articles are one story once they share a long quote matched on its
   own words) — one, so that a stock phrase never joins two groups together.
4. A quote with no evidence of its own anywhere (a fragment, the second part of a split
   statement, a headline) joins the group of one quote of its article it belongs with
   (`pairs.affinity`) — one, so that it can never join two groups together. So does a
   quote whose matches all lie in later sentences of long quotes (rule 1), but only as
   the other part of its split statement, and never into the group of those quotes.

New quotes are added incrementally: only they are compared; the groups are then
recomputed from the links, which is linear in the number of links. A store keeps the
links (`links()`) and gives them back with its quotes (`restore`), so that opening it
does not compare anything again.
"""

from __future__ import annotations

import itertools
import operator
from collections import _count_elements, defaultdict
from collections.abc import Iterable, Mapping

from ..perf import no_gc
from .pairs import AFFINITY_RULES, SHINGLE_MIN_WORDS, Link, affinity, evidence
from ..extract.rarity import rarest
from .stories import STORY_RULE, find_phrase, is_short, same_speaker, story_link
from .text import QuoteText, quote_text

BLOCKING_WORDS = 6  # a quote's rarest content words in its language, it is looked up by
# (six, not four: recall of the links every-pair comparison finds, dev 0.94 and check 1.00
# with six, 0.91 and 0.98 with four; eight found more but files 56 word sets per quote)
SHARED = 3  # blocking words in common that make two quotes worth comparing…
SHARED_SHORT = 2  # …two for a quote of few content words, where one typo is a third of them
SHORT = 4  # content words (six compared 2.4 times as many pairs at 10,000 synthetic quotes
# for links 0.983 of every-pair comparison against 0.980; dev and check lost none)
MIN_WORDS = 3  # shorter quotes are never evidence (pairs.py): not looked up
# A quote of several sentences is also looked up by the rarest words of each long sentence:
# two long quotes that share one sentence and nothing else (each outlet quotes more of the
# statement around it) have their rarest words elsewhere. All of them must be in the other
# quote. Only sentences long enough to be evidence on their own (five runs of four words).
SENTENCE_BLOCKING = 3
SENTENCE_SHARED = 2  # of them in the other quote (outlets quote a clause of a sentence)
SENTENCE_MIN_WORDS = SHINGLE_MIN_WORDS
DISTINCTIVE_WORDS = 8  # a part this long found in two quotes makes them one utterance
SUPPORT_SHARE = 0.6  # of a statement part's content words, found in the group elsewhere
AFFINITY_ORDER = {rule: n for n, rule in enumerate(AFFINITY_RULES)}
# A blocking word filed for more quotes than this finds nothing: in a corpus that repeats
# a few words endlessly, comparing every quote that has three of them is all pairs. The one
# place where the corpus counts, so the same pairs are compared whatever the order of
# ingests as long as no blocking word is in more than this many quotes.
MAX_LIST = 5000
_ENTRY_PARTS = operator.methodcaller("split", "|", 2)  # an entry of `index()`: content|blocking|sentences
_ID_ARTICLE = operator.itemgetter("id", "article")
_FIRST, _SECOND = operator.itemgetter(0), operator.itemgetter(1)


class Grouper:
    def __init__(self) -> None:
        self.records: dict[str, dict] = {}  # quote id → record, for every quote filed
        self.texts: dict[str, QuoteText] = {}  # quote id → prepared text, made when needed
        self._saved: dict[str, str] = {}  # quote id → its entry of the index it was restored from
        # quote id → its content words (read from `_saved` when first needed, for a quote
        # restored for coming quotes: most never are)
        self.content: dict[str, frozenset[str]] = _SavedContent(self._saved)
        self.filed: dict[str, set[str]] = defaultdict(set)  # content word → quote ids
        self.lookups: dict[str, tuple[str, ...]] = {}  # quote id → its blocking words
        # quote id → the blocking words of each of its long sentences (SENTENCE_BLOCKING)
        self.sentence_lookups: dict[str, tuple[tuple[str, ...], ...]] = {}
        # the quotes to tell when a new quote has enough of their blocking words
        # (`_shared`): blocking word → the quotes waiting with it, and how many they need;
        # a sentence of a quote waits as "quote id<newline>sentence number" (`_entry`)
        self.waiting: dict[str, set[str]] = defaultdict(set)
        self.need: dict[str, int] = {}
        self.needing: dict[int, set[str]] = defaultdict(set)  # the same, by how many they need
        self._vocabulary: frozenset[str] | None = None  # while restoring for coming quotes
        # word → how many quotes have it that are not in `filed[word]`: the quotes restored
        # for coming quotes are counted under the words that only count (`_restore_for`)
        self._unfiled: dict[str, int] = {}
        # quote id → its blocking words and those of its sentences, chosen while restoring
        # for it (a coming quote) and not chosen again when it is filed
        self._chosen: dict[str, tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]] = {}
        self.by_article: dict[str, list[str]] = defaultdict(list)
        self.links: dict[str, list[Link]] = defaultdict(list)  # evidence, under both ends
        self.partners: dict[str, list[Link]] = defaultdict(list)  # affinity, under both ends
        self.stories: dict[str, list[Link]] = defaultdict(list)  # short quotes of one story (stories.py)
        # two articles of one story: they share a quote matched on its own words (not a
        # short part). Article pair (in order) → how many such links; article → the others
        self.story_links: dict[tuple[str, str], int] = defaultdict(int)
        self.same_story: dict[str, set[str]] = defaultdict(set)
        self.compared = 0  # candidate pairs checked (for the benchmark)
        # the links `add` kept, in order: with the links it restored, `all_links()` (a
        # store keeps those it saved and saves these)
        self.added: list[Link] = []

    def text(self, key: str) -> QuoteText:
        """A quote prepared for comparing (restored quotes are prepared when first needed:
        most never are)."""
        text = self.texts.get(key)
        if text is None:
            text = self.texts[key] = quote_text(self.records[key])
        return text

    # -- adding and removing quotes ------------------------------------------------------
    def add(self, records: Iterable[dict]) -> list[str]:
        """Compare new quotes with everything filed so far; return their ids."""
        with no_gc():
            keys = self._file(records)
            new = [self.text(key) for key in keys]
            done: set[tuple[str, str]] = set()  # pairs of two new quotes: compared once
            found: list[Link] = []
            for text in new:
                self.compared += self._compare(text, done, found)
            stories = set()  # article pairs that became one story
            for link in found:
                if self._keep(link):
                    stories.add(self._pair_of_articles(link))
            story_links = self._story_links(keys, stories)
            for link in story_links:
                self._keep(link)
            self.added += found
            self.added += story_links
            self._wait(keys)
        return keys

    def _story_links(self, keys: list[str], stories: set[tuple[str, str]]) -> list[Link]:
        """The links of short quotes (stories.py) between articles of one story: of every
        pair of two articles that became one story, and of the new quotes with the
        articles their article was one story with already — so that every pair of quotes
        of two articles of one story is compared once, whatever the order. A short quote
        is looked for in all the other article's words at once first: most are not there."""
        found: dict[tuple[str, str], Link] = {}
        shorts: dict[str, list[str]] = {}
        words: dict[str, str] = {}

        def shorts_of(article: str) -> list[str]:
            if article not in shorts:
                shorts[article] = [key for key in self.by_article[article] if is_short(self.text(key))]
            return shorts[article]

        def words_of(article: str) -> str:  # " | " between quotes: no phrase spans two
            if article not in words:
                words[article] = " | ".join(self.text(key).norm for key in self.by_article[article])
            return words[article]

        def speakers_of(keys: list[str]) -> dict[str, list[str]]:
            found: dict[str, list[str]] = defaultdict(list)
            for key in keys:
                found[self.records[key].get("speaker") or ""].append(key)
            return found

        def look(short_keys: Iterable[str], targets: list[str], text: str) -> None:
            by_speaker = speakers_of(targets)
            for key in short_keys:
                speaker = self.records[key].get("speaker")
                targets_ = [t for name, keys_ in by_speaker.items() if same_speaker(speaker, name or None)
                            for t in keys_]
                if not targets_ or find_phrase(self.text(key).norm, text) is None:
                    continue
                for target in targets_:
                    link = story_link(self.text(key), self.text(target))
                    if link is not None and not self._linked(link.a, link.b):
                        found[(link.a, link.b)] = link

        for first, second in sorted(stories):
            look(shorts_of(first), self.by_article[second], words_of(second))
            look(shorts_of(second), self.by_article[first], words_of(first))
        for key in keys:
            article = self.records[key]["article"]
            for other in sorted(self.same_story.get(article, ())):
                if (min(article, other), max(article, other)) in stories:
                    continue  # compared whole above
                if is_short(self.text(key)):
                    look([key], self.by_article[other], words_of(other))
                look(shorts_of(other), [key], self.text(key).norm)
        return list(found.values())

    def _linked(self, a: str, b: str) -> bool:
        """Is there evidence between these two quotes (then it decides, not their story)?"""
        return any(b in (link.a, link.b) for link in self.links.get(a, ()))

    def _pair_of_articles(self, link: Link) -> tuple[str, str]:
        first, second = self.records[link.a]["article"], self.records[link.b]["article"]
        return (first, second) if first < second else (second, first)

    def restore(self, records: Iterable[dict], links: Iterable[Link],
                index: Mapping[str, str] | None = None,
                coming: Iterable[dict] | None = None) -> None:
        """File quotes compared before, with the links found then (a store reopened).
        `index`: quote id → its content words and blocking words, as `index()` gave them
        (nothing is worked out again for those quotes). `coming`: the only quotes that will
        be added afterwards (and none removed); the stored quotes are then filed under
        those quotes' words alone, which is all their comparisons look up (filing every
        word of 100,000 quotes took a second of a 1,000-quote ingest), and with an index
        only as far as those comparisons need (`_restore_for`)."""
        texts = None
        if coming is not None:
            texts = [quote_text(record) for record in coming]
            self.texts.update((text.key, text) for text in texts)
            self._vocabulary = frozenset().union(*(text.content for text in texts))
        with no_gc():
            if texts is not None and index:
                self._restore_for(records, index, texts)
            else:
                self._wait(self._file(records, index or {}))
            records_, keep = self.records, self._keep
            for link in links:
                if link.a in records_ and link.b in records_:
                    keep(link)
        self._vocabulary = None

    def _restore_for(self, records: Iterable[dict], index: Mapping[str, str], coming: list[QuoteText]) -> None:
        """`restore` for the coming quotes, from the saved entries: what their comparisons
        look up, and nothing else. A stored quote with an entry is filed under the words
        the coming quotes are looked up by (their blocking words), counted under their
        other words (`_unfiled`: all that matters of those is whether a word is crowded,
        `MAX_LIST`), and waits with the blocking words a coming quote has; its content
        words are read from its entry only when needed (`content`). Every word of 100,000
        quotes filed and every quote waiting took two seconds of a 1,000-quote ingest.
        A quote without an entry, or with an entry of before sentences were looked up, is
        filed as `restore` files it. Needs `_vocabulary`: the coming quotes' words."""
        vocabulary = self._vocabulary
        looked_up: set[str] = set()  # the blocking words of the coming quotes
        for text in coming:
            if len(text.words) < MIN_WORDS or text.key in self.records:
                continue
            chosen = self._chosen[text.key] = self._blocking(text)
            looked_up.update(chosen[0])
            for words in chosen[1]:
                looked_up.update(words)
        records_, by_article = self.records, self.by_article
        records = list(records)
        # loops over every stored quote run in C (map, filter, compress, groupby); Python
        # code runs for a quote only when it has words that matter to a coming quote
        pairs = list(map(_ID_ARTICLE, records))
        ids = list(map(_FIRST, pairs))
        filed_before, fresh = len(records_), records_.keys().isdisjoint(ids)
        if fresh:
            records_.update(zip(ids, records))
        if fresh and len(records_) == filed_before + len(ids):
            for article, run in itertools.groupby(pairs, key=_SECOND):
                by_article[article].extend(map(_FIRST, run))
        else:  # some filed already, or twice: the first is filed
            if fresh:
                for key in ids:
                    records_.pop(key, None)
            ids = self._register(records)
        entries = list(map(index.get, ids, itertools.repeat("")))
        parts = list(map(_ENTRY_PARTS, entries))
        whole = list(map((3).__eq__, map(len, parts)))  # else no entry, or one of before sentences
        keys, other = ids, []
        if not all(whole):
            keys, entries = list(itertools.compress(ids, whole)), list(itertools.compress(entries, whole))
            other, parts = list(itertools.compress(ids, map(operator.not_, whole))), list(itertools.compress(parts, whole))
        self._saved.update(zip(keys, entries))
        contents_, blockings_, sentences_ = zip(*parts) if keys else ((), (), ())
        del parts
        contents = list(map(str.split, contents_))
        counts = _counts(contents, vocabulary)
        # crowded as stored: crowded whatever comes (its words are never looked up by)
        usable = frozenset(word for word in vocabulary if counts.get(word, 0) <= MAX_LIST)
        filing = usable.intersection(looked_up)
        unfiled = self._unfiled
        for word, n in counts.items():
            if word not in filing:
                unfiled[word] = unfiled.get(word, 0) + n
        filed, waiting, need_of, needing = self.filed, self.waiting, self.need, self.needing
        waits = usable.__contains__
        # only a quote with words a coming quote has and that are not crowded matters more
        # (the words looked up by and the blocking words are among those)
        for key, words, blocking in itertools.compress(
                zip(keys, contents, blockings_), map(operator.not_, map(usable.isdisjoint, contents))):
            for word in filing.intersection(words):
                filed[word].add(key)
            # waiting as `_wait` has them wait, with the words that are not crowded
            blocking = blocking.split()
            if usable.isdisjoint(blocking):
                continue
            need = _shared(len(words), len(blocking))
            blocking = list(filter(waits, blocking))
            if len(blocking) >= need:
                need_of[key] = need
                needing[need].add(key)
                for word in blocking:
                    waiting[word].add(key)
        for key, sentences in itertools.compress(zip(keys, sentences_), sentences_):
            for n, sentence in enumerate(part for part in sentences.split(";") if part):
                sentence = list(filter(waits, sentence.split()))
                if len(sentence) >= SENTENCE_SHARED:
                    entry = _entry(key, n)
                    need_of[entry] = SENTENCE_SHARED
                    needing[SENTENCE_SHARED].add(entry)
                    for word in sentence:
                        waiting[word].add(entry)
        if other:
            self._file_words(other, index)
            self._wait(other)

    def index(self, changed: bool = False) -> dict[str, str]:
        """Quote id → its content words and blocking words, as one string ("w1 w2|b1"):
        what `restore` needs to file a quote without preparing its text (a string is
        far quicker to save and read than lists). `changed`: only the entries that are not
        the ones the quotes were restored from (the quotes added, or restored without an
        entry of today's kind), to update a saved index with."""
        saved, lookups, sentences, content = self._saved, self.lookups, self.sentence_lookups, self.content
        keys = (key for key in self.records if key not in saved) if changed else self.records
        return {key: saved.get(key) or f"{' '.join(content[key])}|{' '.join(lookups[key])}|"
                f"{';'.join(' '.join(words) for words in sentences.get(key, ()))}"
                for key in keys}

    def remove(self, keys: Iterable[str]) -> None:
        """Forget quotes (of an article replaced by a new version) and their links."""
        gone = {key for key in keys if key in self.records}
        if not gone:
            return
        touched = set()
        self._forget_stories(gone)
        for key in gone:
            record = self.records.pop(key)
            self.texts.pop(key, None)
            content = self.content[key]
            counted = key in self._saved and key not in self.lookups  # restored for coming quotes
            lookups, sentence_lookups = self._lookups_of(key)
            del self.content[key]
            self._saved.pop(key, None)
            self.by_article[record["article"]].remove(key)
            for word in content:
                posting = self.filed[word]
                if key in posting:
                    posting.discard(key)
                elif counted and word in self._unfiled:
                    self._unfiled[word] -= 1
            entries = [(key, lookups)]
            entries += [(_entry(key, n), words) for n, words in enumerate(sentence_lookups)]
            for entry, words in entries:
                need = self.need.pop(entry, None)
                if need is not None:
                    self.needing[need].discard(entry)
                for word in words:
                    waiting = self.waiting.get(word)
                    if waiting is not None:  # not registered when restored for a few coming quotes
                        waiting.discard(entry)
                        if not waiting:
                            del self.waiting[word]
            for table in (self.links, self.partners, self.stories):
                for link in table.pop(key, []):
                    touched.add(link.b if link.a == key else link.a)
        for key in touched - gone:
            for table in (self.links, self.partners, self.stories):
                if key in table:
                    table[key] = [l for l in table[key] if l.a not in gone and l.b not in gone]

    def _lookups_of(self, key: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
        """A quote's blocking words and those of its sentences, forgotten (read from its
        entry for a quote restored for coming quotes: never worked out for it)."""
        if key in self.lookups or key not in self._saved:
            return self.lookups.pop(key, ()), self.sentence_lookups.pop(key, ())
        _, blocking, sentences = self._saved[key].split("|", 2)
        return tuple(blocking.split()), tuple(tuple(part.split()) for part in sentences.split(";") if part)

    def _forget_stories(self, gone: set[str]) -> None:
        """Before quotes are forgotten: two articles that no longer share a quote matched
        on its own words are no longer one story, and the links of their short quotes go."""
        lost = {link for key in gone for link in self.links.get(key, ())
                if _tells_story(link) and link.a in self.records and link.b in self.records}
        ended = set()
        for link in lost:
            pair = self._pair_of_articles(link)
            if pair[0] == pair[1]:
                continue
            self.story_links[pair] -= 1
            if self.story_links[pair] <= 0:
                del self.story_links[pair]
                self.same_story[pair[0]].discard(pair[1])
                self.same_story[pair[1]].discard(pair[0])
                ended.add(pair)
        for first, second in ended:
            for key in self.by_article[first] + self.by_article[second]:
                if key in self.stories:
                    self.stories[key] = [l for l in self.stories[key] if self._pair_of_articles(l) not in ended]

    def _file(self, records: Iterable[dict], index: Mapping[str, str] | None = None) -> list[str]:
        """File quotes under their content words, then choose their blocking words (all
        filed first, so that the quotes of one batch meet)."""
        keys = self._register(records)
        self._file_words(keys, index)
        return keys

    def _register(self, records: Iterable[dict]) -> list[str]:
        """Keep the records of quotes not filed yet; their ids."""
        keys = []
        records_, by_article = self.records, self.by_article
        for record in records:
            key = record["id"]
            if key in records_:
                continue
            records_[key] = record
            by_article[record["article"]].append(key)
            keys.append(key)
        return keys

    def _file_words(self, keys: list[str], index: Mapping[str, str] | None = None) -> None:
        """`_file` for quotes with their records in place."""
        choose = []
        filed, index, vocabulary = self.filed, index or {}, self._vocabulary
        lookups, saved_, contents = self.lookups, self._saved, self.content
        for key in keys:
            saved = index.get(key)
            if saved is None:
                content = self.text(key).content
                choose.append(key)
            else:
                words, blocking, *sentences = saved.split("|")
                content = frozenset(words.split())
                lookups[key] = tuple(blocking.split())
                if sentences:
                    self.sentence_lookups[key] = tuple(
                        tuple(part.split()) for part in sentences[0].split(";") if part)
                    saved_[key] = saved
                else:  # saved before sentences were looked up: chosen now, saved again
                    self.sentence_lookups[key] = self._sentence_blocking(self.text(key))
            contents[key] = content
            for word in content if vocabulary is None else content & vocabulary:
                filed[word].add(key)
        for key in choose:
            chosen = self._chosen.pop(key, None)
            text = self.text(key)
            if chosen is None and len(text.words) < MIN_WORDS:
                self.lookups[key] = ()  # never evidence: neither looks nor waits
                continue
            self.lookups[key], self.sentence_lookups[key] = chosen or self._blocking(text)

    def _blocking(self, text: QuoteText) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
        """A quote's rarest words in the language (rarity.py: not in the corpus), and
        those of each of its long sentences."""
        return rarest(text.content, text.lang, BLOCKING_WORDS), self._sentence_blocking(text)

    @staticmethod
    def _sentence_blocking(text: QuoteText) -> tuple[tuple[str, ...], ...]:
        """The rarest words of each long sentence of a quote of several sentences (none
        for a quote of one: its own blocking words are that sentence's)."""
        if len(text.words) < SENTENCE_MIN_WORDS + MIN_WORDS:
            return ()  # too short for a long sentence and another
        sentences = text.sentences()
        if len(sentences) < 2:
            return ()
        found = []
        for words in sentences:
            if len(words) < SENTENCE_MIN_WORDS:
                continue
            content = text.content.intersection(words)
            blocking = rarest(content, text.lang, SENTENCE_BLOCKING)
            if len(blocking) == SENTENCE_BLOCKING:  # fewer: too common to look up
                found.append(blocking)
        return tuple(found)

    def _wait(self, keys: list[str]) -> None:
        """Register quotes as waiting for later ones with their words. Done after a batch
        is compared: within a batch, of a quote and a part of it quoted elsewhere, the part
        finds the whole by its own blocking words."""
        vocabulary, lookups, contents = self._vocabulary, self.lookups, self.content
        waiting, need_of, needing = self.waiting, self.need, self.needing
        for key in keys:
            entries = [(key, lookups[key], _shared(len(contents[key]), len(lookups[key])))]
            entries += [(_entry(key, n), words, SENTENCE_SHARED)
                        for n, words in enumerate(self.sentence_lookups.get(key, ()))]
            for entry, words, need in entries:
                if vocabulary is not None:
                    words = [word for word in words if word in vocabulary]
                if not need or len(words) < need:
                    continue  # no coming quote can have enough of these words
                need_of[entry] = need
                needing[need].add(entry)
                for word in words:
                    waiting[word].add(entry)

    def _keep(self, link: Link) -> bool:
        """File a link under both its ends; True when it makes two articles one story."""
        if link.rule in AFFINITY_ORDER:
            table = self.partners
        elif link.rule == STORY_RULE:
            table = self.stories
        else:
            table = self.links
        table[link.a].append(link)
        table[link.b].append(link)
        if table is not self.links or not _tells_story(link):
            return False
        pair = self._pair_of_articles(link)
        if pair[0] == pair[1]:
            return False
        self.story_links[pair] += 1
        if self.story_links[pair] > 1:
            return False
        self.same_story[pair[0]].add(pair[1])
        self.same_story[pair[1]].add(pair[0])
        return True

    def _candidates(self, text: QuoteText) -> set[str]:
        """The quotes with three of this quote's blocking words (all of them if it has
        fewer), and the quotes with three of their blocking words (or all) in this quote:
        near-duplicates share most words, and a quote has all the words of a part of it
        quoted elsewhere. Set intersections and dictionary look-ups: no loop over long
        lists in Python."""
        if len(text.words) < MIN_WORDS:
            return set()
        words = self.lookups[text.key]
        need = _shared(len(text.content), len(words))
        postings = self._postings(words)
        found: set[str] = set()
        for combination in itertools.combinations(sorted(postings, key=len), need) if need else ():
            found |= _common(combination)
        for sentence in self.sentence_lookups.get(text.key, ()):
            postings = self._postings(sentence)
            for combination in itertools.combinations(sorted(postings, key=len), SENTENCE_SHARED):
                found |= _common(combination)
        found |= self._waiting_for(text)
        found.discard(text.key)
        return found

    def _postings(self, words: Iterable[str]) -> list[set[str]]:
        """The quotes filed under each of these words, but for the words too crowded to
        look anything up by."""
        filed = self.filed
        if not self._unfiled:
            return [posting for posting in map(filed.__getitem__, words) if len(posting) <= MAX_LIST]
        return [filed[word] for word in words if not self._crowded(word, filed[word])]

    def _waiting_for(self, text: QuoteText) -> set[str]:
        """Quotes that wait for as many of their blocking words as they need (`_shared`),
        found in this quote: the waiting quotes of each of its words, counted with set
        operations — `seen[n]`: the entries waiting for n + 1 of the words so far. (Most
        entries wait for one word of a quote only; counting each in Python took half the
        time of adding 1,000 quotes to 100,000.)"""
        waiting, filed, needing = self.waiting, self.filed, self.needing
        most = max(needing, default=0)
        if not most:
            return set()
        seen: list[set[str]] = [set() for _ in range(most)]
        for word in text.content:
            entries = waiting.get(word)
            if not entries or self._crowded(word, filed.get(word, ())):
                continue  # as in `_candidates`
            for n in range(most - 1, 0, -1):
                if seen[n - 1]:
                    seen[n] |= entries & seen[n - 1]
            seen[0] |= entries
        found = seen[most - 1]  # no entry needs more
        for n in range(1, most):
            if seen[n - 1] and needing.get(n):
                found |= seen[n - 1] & needing[n]
        return {entry.partition("\n")[0] for entry in found}

    def _crowded(self, word: str, posting: set[str]) -> bool:
        """Is a word filed for too many quotes to look anything up by (`MAX_LIST`)? The
        quotes restored only for their count (`_restore_for`) count too."""
        return len(posting) + self._unfiled.get(word, 0) > MAX_LIST

    def _compare(self, text: QuoteText, done: set[tuple[str, str]], found: list[Link]) -> int:
        """Add to `found` the links of one new quote; return the pairs compared."""
        me, compared = text.key, 0
        for other_key in self._candidates(text):
            pair = (me, other_key) if me < other_key else (other_key, me)
            if pair in done:
                continue  # two new quotes found each other: compared once
            done.add(pair)
            other = self.text(other_key)
            if len(other.words) < MIN_WORDS:
                continue  # found by its words, but too short to be evidence (pairs.py)
            if other.article == text.article and other.norm != text.norm:
                continue  # within an article only the same words twice are evidence
            compared += 1
            # in the order of their ids: the link (and where in each quote it lies) must
            # not depend on which of the two was filed first
            link = evidence(text, other) if me < other_key else evidence(other, text)
            if link is not None:
                found.append(link)
        for other_key in self.by_article[text.article]:
            if other_key == me:
                break  # each pair of an article once: with the quotes filed before
            why = affinity(text, self.text(other_key))
            if why is not None:
                found.append(Link(me, other_key, why))
        return compared

    def all_links(self) -> list[Link]:
        """Every link (evidence and affinity), once: what a store saves."""
        seen = []
        for table in (self.links, self.partners, self.stories):
            for key, links in table.items():
                seen += [link for link in links if link.a == key]
        return seen

    def versions(self) -> set[str]:
        """Quotes matched on their own words (not only through a quote of their article)."""
        return {key for key, links in self.links.items() if links}

    # -- groups --------------------------------------------------------------------------
    def group_ids(self, around: Iterable[str] | None = None) -> dict[str, str]:
        """Quote id → group id (the smallest quote id of the group; a quote alone is a
        group of one). Only quotes with links take part: the work grows with the links,
        not with the store. `around`: only the quotes linked, directly or not, to these
        (the groups an ingest can have changed; the others are as they were)."""
        links, partners, stories, records = self.links, self.partners, self.stories, self.records
        if around is not None:
            reach = self.reach(around)
            links = {key: links[key] for key in reach if key in links}
            partners = {key: partners[key] for key in reach if key in partners}
            stories = {key: stories[key] for key in reach if key in stories}
            records = reach
        parent: dict[str, str] = {}

        def find(key: str) -> str:
            root = key
            while parent.get(root, root) != root:
                root = parent[root]
            while key != root:  # path compression
                parent[key], key = root, parent[key]
            return root

        def union(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        earliest = {key: min(self._at(link, key) for link in key_links)
                    for key, key_links in links.items() if key_links}
        kept = [link for key, key_links in links.items() for link in key_links
                if link.a == key and self._at(link, link.a) == earliest[link.a]
                and self._at(link, link.b) == earliest[link.b]]
        for link in kept:
            if link.part is None or link.part_words >= DISTINCTIVE_WORDS:
                union(link.a, link.b)
        # A short part found inside several quotes that nothing else links may be a common
        # phrase ("we will not raise taxes"): it joins the group it matches best, and the
        # groups of quotes of the same speaker in the same article (a headline and the
        # body repeating one statement), no other (`_offer`: an ingest must give the
        # groups a regroup gives).
        story_parts = self._story_parts(stories, links, find)  # before the parts join
        containers: dict[str, dict[str, tuple[float, str]]] = defaultdict(dict)
        for link in kept:
            if link.part is not None and link.part_words < DISTINCTIVE_WORDS:
                self._offer(containers, link, find)
        for part_root in sorted(containers):
            options = containers[part_root]
            best = min(options, key=lambda root: (-options[root][0], options[root][1]))
            source = self._source(options[best][1])
            for root, (_, whole) in options.items():
                if self._source(whole) == source:
                    union(part_root, root)
        # A short quote found in a quote of another article of its story (stories.py), if
        # nothing joined it to a group yet, joins the group it is found in best: one, even
        # when other quotes of that article have the words too.
        in_story: dict[str, dict[str, tuple[float, str]]] = defaultdict(dict)
        for link in story_parts:
            if link.part not in containers:
                self._offer(in_story, link, find)
        for part_root in sorted(in_story):
            options = in_story[part_root]
            union(part_root, min(options, key=lambda root: (-options[root][0], options[root][1])))
        linked = {key for table in (links, partners, stories) for key, key_links in table.items() if key_links}
        matched = {key: find(key) for key in linked}  # the groups of evidence alone
        members: dict[str, list[str]] = defaultdict(list)
        for key, root in matched.items():
            members[root].append(key)
        for key, key_partners in partners.items():
            # a quote with no evidence of its own goes with a quote of its article; so does
            # a quote whose matches all lie in later sentences of long quotes (rule 1), but
            # only as the other part of a split statement
            if key_partners and len(members[matched[key]]) == 1:
                partner = self._partner(key, key_partners, members, matched, links.get(key, ()))
                if partner is not None:
                    union(key, partner)
        groups = dict(zip(records, records))
        groups.update((key, find(key)) for key in linked)
        return groups

    @staticmethod
    def _offer(options: dict[str, dict[str, tuple[float, str]]], link: Link, find) -> None:
        """Record the group of the whole of a part link as an option for the part's group:
        for each group, the whole that holds the part best (highest score, then smallest
        id, so that the choice never depends on the order links were found in)."""
        whole = link.b if link.part == link.a else link.a
        part_root, whole_root = find(link.part), find(whole)
        if part_root != whole_root:
            held = options[part_root].get(whole_root)
            if held is None or _holds_better(link.score, whole, held):
                options[part_root][whole_root] = (link.score, whole)

    @staticmethod
    def _story_parts(stories: Mapping[str, list[Link]], links: Mapping[str, list[Link]], find) -> list[Link]:
        """The links of short quotes of one story whose short quote is in no group yet."""
        sizes: dict[str, int] = defaultdict(int)
        for key, key_links in links.items():
            if key_links:
                sizes[find(key)] += 1
        return [link for key, key_links in stories.items() for link in key_links
                if link.a == key and sizes.get(find(link.part), 0) <= 1]

    def reach(self, keys: Iterable[str]) -> set[str]:
        """These quotes and every quote linked to them, directly or through others."""
        seen = set(keys) & self.records.keys()
        todo = list(seen)
        while todo:
            key = todo.pop()
            for table in (self.links, self.partners, self.stories):
                for link in table.get(key, ()):
                    other = link.b if link.a == key else link.a
                    if other not in seen:
                        seen.add(other)
                        todo.append(other)
        return seen

    def _partner(self, key: str, partners: list[Link], members: dict[str, list[str]],
                 matched: dict[str, str], dropped: Iterable[Link] = ()) -> str | None:
        """The quote of its article an unmatched quote goes with. The other part of a
        split statement is taken only if the group it would join, when quoted in other
        articles, has the quote's words there too: outlets often quote one half of a
        statement, and the other half is then a different utterance. A quote with
        `dropped` links (matched only in later sentences of other quotes) takes only the
        other part of its statement, and never into the group of those quotes: its own
        words say it is not their utterance."""
        article, content = self.records[key]["article"], self.content[key]
        ranked = sorted((AFFINITY_ORDER[link.rule], link.b if link.a == key else link.a)
                        for link in partners)
        matched_in = {link.b if link.a == key else link.a for link in dropped}
        for order, other in ranked:
            if order != AFFINITY_ORDER["statement"]:
                if matched_in:
                    continue
                return other
            elsewhere = [m for m in members[matched[other]] if self.records[m]["article"] != article]
            if matched_in.intersection(elsewhere):
                continue
            if not elsewhere or any(_covers(self.content[m], content) for m in elsewhere):
                return other
        return None

    def _source(self, key: str) -> tuple[str, str]:
        """Who reports a quote where: its article and its speaker ("" when unknown — a
        speaker may be missing, and None must never meet a name in a comparison)."""
        record = self.records[key]
        return record["article"], record.get("speaker") or ""

    @staticmethod
    def _at(link: Link, key: str) -> int:
        return link.at_a if link.a == key else link.at_b


def _counts(contents: list[list[str]], vocabulary: frozenset[str], batch: int = 5000) -> dict[str, int]:
    """How many of these quotes (their content words) have each word of `vocabulary`;
    a word is counted no further once it is crowded (`MAX_LIST`: all that is asked of a
    crowded word), most of the words counted being those few in every other quote."""
    counts: dict[str, int] = {}
    counting = set(vocabulary)
    for start in range(0, len(contents), batch):
        _count_elements(counts, filter(counting.__contains__,
                                       itertools.chain.from_iterable(contents[start:start + batch])))
        counting.difference_update([word for word in counting if counts.get(word, 0) > MAX_LIST])
        if not counting:
            break
    return counts


class _SavedContent(dict):
    """Quote id → content words; those of a quote restored from its saved entry alone
    (`Grouper._restore_for`) are read from the entry when first asked for."""

    def __init__(self, saved: Mapping[str, str]) -> None:
        super().__init__()
        self.saved = saved

    def __missing__(self, key: str) -> frozenset[str]:
        entry = self.saved[key]
        content = self[key] = frozenset(entry[:entry.index("|")].split())
        return content


def _holds_better(score: float, whole: str, held: tuple[float, str]) -> bool:
    """Does `whole` hold a part better than the whole already chosen for its group?"""
    held_score, held_whole = held
    return score > held_score or (score == held_score and whole < held_whole)


def _shared(content: int, blocking: int) -> int:
    """How many of its blocking words another quote needs to be compared with a quote of
    `content` content words and `blocking` blocking words."""
    return min(SHARED_SHORT if content <= SHORT else SHARED, blocking)




def _tells_story(link: Link) -> bool:
    """Does this link make the articles of its quotes one story? Evidence on a quote's
    own words, not a short part (a stock phrase is in many stories)."""
    return link.part is None or link.part_words >= DISTINCTIVE_WORDS


def _entry(key: str, sentence: int) -> str:
    """A sentence of a quote as it waits for words (`Grouper.waiting`)."""
    return f"{key}\n{sentence}"


def _common(postings) -> set[str]:
    """The quotes filed under every one of these words (the shortest list first)."""
    common = postings[0]
    for posting in postings[1:]:
        common = common & posting
    return common


def _covers(longer: frozenset[str], shorter: frozenset[str]) -> bool:
    """Has `longer` most of the content words `shorter` has?"""
    if not shorter:
        return False
    return len(shorter & longer) >= SUPPORT_SHARE * len(shorter)


def group(records: list[dict]) -> dict[str, str | None]:
    """Quote id → group id for a batch of quote records (extractor output or store);
    None for a quote reported in no other quote."""
    grouper = Grouper()
    grouper.add(records)
    return shared_groups(grouper.group_ids())


def shared_groups(group_ids: dict[str, str]) -> dict[str, str | None]:
    """Group ids with the groups of one quote made None."""
    sizes: dict[str, int] = defaultdict(int)
    for gid in group_ids.values():
        sizes[gid] += 1
    return {key: gid if sizes[gid] > 1 else None for key, gid in group_ids.items()}
