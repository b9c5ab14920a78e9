"""The corpus: articles, their quotes, speakers and near-duplicate groups — large, and
written only by ingest.

Files (TinyDB, written atomically): `corpus/articles.json`, `corpus/quotes.json`,
`corpus/speakers.json`, `corpus/groups.json` (grouping.py). Reviews live elsewhere
(reviews.py), so marking a claim never rewrites these.

Identity: an article is its id (the file name, or the JSON line's `id`) plus a content
hash; ingesting the same content again changes nothing, changed content becomes a new
version of the article. A quote's id is a hash of its article id, its words and how many
times those words came before in the article — so a quote that survives an edit of its
article keeps its id, and the reviews that point at it.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..articles import LoadProblem
from ..matching import resolve
from ..models import Article, Quote
from ..pipeline import GROUP, Extracted, extract_article, internal_error
from .files import StoreError, locked
from .grouping import GroupIndex
from .reviews import now
from .storage import AtomicStorage

PARALLEL_FROM = 64  # articles: below this, starting worker processes costs more than it saves


@dataclass(slots=True)
class IngestReport:
    added: list[str] = field(default_factory=list)  # new article ids
    updated: list[str] = field(default_factory=list)  # articles stored as a new version
    unchanged: list[str] = field(default_factory=list)
    rejected: list[LoadProblem] = field(default_factory=list)
    quotes_added: int = 0
    quotes_kept: int = 0  # quotes of updated articles that kept their id (and reviews)
    groups: int = 0  # groups of near-duplicate quotes in the store after the ingest
    grouping_seconds: float = 0.0  # time spent grouping the new quotes with the others
    grouping_failed: LoadProblem | None = None  # the articles and quotes are stored anyway


def content_hash(article: Article) -> str:
    parts = [article.text, str(article.published or ""), article.url or "", article.outlet or "",
             article.title or ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def quote_id(article_id: str, text: str, occurrence: int) -> str:
    words = " ".join(text.split()).lower()
    return hashlib.sha1(f"{article_id}\x1f{words}\x1f{occurrence}".encode("utf-8")).hexdigest()[:16]


class Corpus:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.articles_path = folder / "articles.json"
        self.quotes_path = folder / "quotes.json"
        self.speakers_path = folder / "speakers.json"
        self._articles: dict[str, dict] | None = None  # article id → its current version
        self._old_versions: list[dict] = []
        self.quotes: dict[str, dict] = {}  # quote id → record (current and retired)
        self.grouping = GroupIndex(folder)
        self.load()

    def load(self) -> None:
        """Read the quotes (and check every file). Articles, with their texts, are read
        on first use: listing quotes does not need them, and they are the bulk."""
        from operator import itemgetter

        quotes = _table(self.quotes_path, "quotes", "quotes")
        self.quotes = dict(zip(map(itemgetter("id"), quotes), quotes))  # id → record
        self._derived: dict[str, object] = {}  # speaker counts and rows, until the next save
        _table(self.speakers_path, "speakers", "speakers")  # read to check it, like the others
        self._articles = None
        _looks_whole(self.articles_path)
        _looks_whole(self.grouping.path)
        self.grouping.loaded = False

    @property
    def articles(self) -> dict[str, dict]:
        if self._articles is None:
            articles = _table(self.articles_path, "articles", "articles")
            self._articles = {a["id"]: a for a in articles if a.get("current")}
            self._old_versions = [a for a in articles if not a.get("current")]
        return self._articles

    @property
    def old_versions(self) -> list[dict]:
        self.articles  # noqa: B018 — reads the file if not read yet
        return self._old_versions

    # -- ingest --------------------------------------------------------------------------
    def ingest(self, items: Iterable[Article | LoadProblem],
               progress: Callable[[int], None] | None = None,
               corrections: dict[str, tuple[str, str | None]] | None = None) -> IngestReport:
        """Add what is new or changed, and group the new quotes with the others; under the
        corpus lock, from a fresh read. `corrections`: reviewers' speaker aliases."""
        report = IngestReport()
        with locked(self.folder / "corpus"):
            self.load()
            todo: list[Article] = []
            for item in items:
                if isinstance(item, LoadProblem):
                    report.rejected.append(item)
                elif self._is_unchanged(item):
                    report.unchanged.append(item.id)
                    if progress:
                        progress(1)
                else:
                    todo.append(item)
            for extracted in _extract_all(todo, progress):
                if extracted.problem is not None:  # that article is left as it was
                    report.rejected.append(extracted.problem)
                else:  # one id twice: the second is a new version
                    self._store(extracted.article, extracted.quotes, report)
            self.grouping.ensure_loaded()
            if report.added or report.updated or self.grouping.pending:
                changed = set(report.added) | set(report.updated)
                new = {qid for qid, q in self.quotes.items() if q["article"] in changed}
                started = time.perf_counter()
                report.grouping_failed = self._group(new, corrections)
                report.grouping_seconds = time.perf_counter() - started
                self.save()
            report.groups = len(self.groups)
        return report

    def _group(self, new: set[str], corrections) -> LoadProblem | None:
        """Group the new quotes with the others. A failure must not lose the ingest: the
        groups stay as they were, the new quotes wait ungrouped (the next ingest or
        `workbench regroup` compares them), and the problem says so."""
        try:
            aliases = resolve(self.speaker_counts(), corrections)
            self.grouping.regroup(self.quotes, new, lambda name: aliases[name].speaker)
            return None
        except Exception as error:  # noqa: BLE001 — the boundary of the grouping stage
            self.grouping.defer(self.quotes, new)
            return internal_error(str(self.folder.parent), GROUP, error)

    def regroup(self, corrections: dict[str, tuple[str, str | None]] | None = None) -> int:
        """Forget the links found so far and compare every current quote again. On a
        failure the store is left as it was (the error is raised: nothing was saved)."""
        with locked(self.folder / "corpus"):
            self.load()
            aliases = resolve(self.speaker_counts(), corrections)
            self.grouping.regroup(self.quotes, set(), lambda name: aliases[name].speaker, again=True)
            self.save()
        return len(self.groups)

    def validate(self) -> None:
        """Read the articles file now (opening the store checks every file)."""
        self.articles  # noqa: B018

    def _is_unchanged(self, article: Article) -> bool:
        current = self.articles.get(article.id)
        return current is not None and current["hash"] == content_hash(article)

    def _store(self, article: Article, quotes: list[Quote], report: IngestReport) -> None:
        previous = self.articles.get(article.id)
        version = 1
        if previous is not None:
            version = previous["version"] + 1
            previous["current"] = False
            self.old_versions.append(previous)
            for q in self.quotes.values():
                if q["article"] == article.id:
                    q["current"] = False
            report.updated.append(article.id)
        else:
            report.added.append(article.id)
        self.articles[article.id] = _article_record(article, version)
        for record in _quote_records(article, version, quotes):
            if record["id"] in self.quotes:
                report.quotes_kept += 1
            else:
                report.quotes_added += 1
            self.quotes[record["id"]] = record

    def save(self) -> None:
        """Write the corpus files, each atomically."""
        self._derived.clear()  # the quotes changed: counts are worked out again
        articles = list(self.articles.values()) + self.old_versions
        _write_table(self.articles_path, "articles", "articles", articles)
        _write_table(self.quotes_path, "quotes", "quotes", list(self.quotes.values()))
        _write_table(self.speakers_path, "speakers", "speakers", self.speakers())
        self.grouping.save()

    # -- reading -------------------------------------------------------------------------
    def current_quotes(self) -> list[dict]:
        return [q for q in self.quotes.values() if q.get("current")]

    @property
    def groups(self) -> dict[str, dict]:
        """Group id → group record (as of the last ingest), read on first use."""
        self.grouping.ensure_loaded()
        return self.grouping.groups

    def speaker_counts(self) -> Counter[str]:
        """Every speaker name of a current quote, with its number of quotes (kept until
        the quotes change: the review screen asks for every claim it shows)."""
        if "counts" not in self._derived:
            self._derived["counts"] = Counter(q["speaker"] for q in self.current_quotes() if q["speaker"])
        return self._derived["counts"]

    def speakers(self) -> list[dict]:
        """Every speaker name of a current quote, with how many quotes and articles, and
        the speaker it is an alias of (automatically; reviewers' corrections apply on top)."""
        if "speakers" not in self._derived:
            self._derived["speakers"] = self._speakers()
        return self._derived["speakers"]

    def _speakers(self) -> list[dict]:
        quotes, articles = Counter(), {}
        for q in self.current_quotes():
            if q["speaker"]:
                quotes[q["speaker"]] += 1
                articles.setdefault(q["speaker"], set()).add(q["article"])
        aliases = resolve(quotes)
        return [{"name": name, "quotes": n, "articles": len(articles[name]),
                 "speaker": aliases[name].speaker} for name, n in quotes.most_common()]


def _extract_all(articles: list[Article], progress: Callable[[int], None] | None) -> Iterator[Extracted]:
    """Extraction in worker processes when there is enough to do (it is the slow part).
    An article that fails is an `Extracted` with its problem; a worker process that dies
    (out of memory, killed) leaves the articles it had to this process, one by one."""
    workers = min(os.cpu_count() or 1, 8)
    done = 0
    if len(articles) >= PARALLEL_FROM and workers >= 2:
        try:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                for result in pool.map(extract_article, articles, chunksize=32):
                    yield result
                    done += 1
                    if progress:
                        progress(1)
        except BrokenProcessPool:
            pass
    for article in articles[done:]:
        yield extract_article(article)
        if progress:
            progress(1)


def _article_record(article: Article, version: int) -> dict:
    return {
        "id": article.id, "version": version, "hash": content_hash(article), "text": article.text,
        "published": article.published.isoformat() if article.published else None,
        "lang": article.lang, "url": article.url, "outlet": article.outlet, "title": article.title,
        "source": article.source, "paragraphs": [list(p) for p in article.paragraphs],
        "ingested": now(), "current": True,
    }


def _quote_records(article: Article, version: int, quotes: list[Quote]) -> list[dict]:
    seen: Counter[str] = Counter()
    ids = []
    for q in quotes:
        words = " ".join(q.text.split()).lower()
        ids.append(quote_id(article.id, q.text, seen[words]))
        seen[words] += 1
    by_statement = {}
    records = []
    for q, qid in zip(quotes, ids):
        record = q.to_dict()
        p_start, p_end = article.paragraph_at(q.start)
        del record["paragraph"]  # the article's text holds it: keep offsets, not a copy
        by_statement.setdefault(q.statement, qid)
        record |= {"id": qid, "version": version, "current": True, "outlet": article.outlet,
                   "statement": by_statement[q.statement], "paragraph_start": p_start,
                   "paragraph_end": p_end,
                   "nested_in": ids[q.nested_in] if q.nested_in is not None else None}
        records.append(record)
    return records


def _looks_whole(path: Path) -> None:
    """A cheap check of a file read only later: a truncated JSON file does not end in "}"."""
    if not path.exists():
        return
    with open(path, "rb") as handle:
        head = handle.read(1)
        handle.seek(max(0, path.stat().st_size - 64))
        tail = handle.read().rstrip()
    if head != b"{" or not tail.endswith(b"}"):
        raise StoreError(f"{path}: not a whole store file (truncated or damaged); the file is left as it is")


def _table(path: Path, kind: str, name: str) -> list[dict]:
    """The records of one table of a corpus file (none if the file does not exist yet).

    A file as `_write_table` writes it — {"NAME":{"1":{…},"2":{…},…},"_meta":{"1":{…}}} —
    is read and parsed a slice of records at a time, and each slice's repeated values are
    made one object (an outlet, an article id, a kind: one string, not one per quote).
    Parsed whole, the 55 MB of quotes of a 100,000-quote store held the file's bytes and
    a 130 MB parse tree besides the records, whose repeated values were a quarter of
    them. The slices parse exactly when the whole does; any other file, or one whose
    slices do not parse, is read whole as before (which says what is wrong with it)."""
    import re
    from collections import deque
    from itertools import repeat
    from operator import itemgetter, setitem

    import orjson

    from .storage import SCHEMA

    head = b'{"%s":{' % name.encode()
    tail = b'},"_meta":{"1":{"schema":%d,"kind":"%s"}}}' % (SCHEMA, kind.encode())
    boundary = re.compile(rb'\},"\d+":\{')  # between two records (none inside a string)
    table: dict = {}  # doc id → record, as a whole parse has it (a repeated id: the last)
    shared: dict = {}  # one object for each repeated string value
    fields: list[str] | None = None  # the fields whose values repeat (in the first slice)

    def take(piece: memoryview) -> None:
        nonlocal fields
        part = orjson.loads(piece)
        chunk = list(part.values())
        if chunk and set(map(type, chunk)) == {dict}:
            if fields is None:
                fields = []
                for key in list(chunk[0]):
                    try:
                        values = list(map(itemgetter(key), chunk))
                        distinct = set(values) - {None}
                    except (KeyError, TypeError):  # not in every record; a list
                        continue
                    if (distinct and {type(v) for v in distinct} == {str}
                            and len(distinct) * 2 <= len(values) - values.count(None)):
                        fields.append(key)  # each value twice or more: an outlet, a kind…
            for key in fields:
                try:
                    values = list(map(itemgetter(key), chunk))
                except KeyError:
                    continue
                if set(map(type, values)) <= {str, type(None)}:  # (never 1 for True, or 1.0)
                    deque(map(setitem, chunk, repeat(key), map(shared.setdefault, values, values)), 0)
        table.update(part)

    def parse(buffer: bytearray, start: int, cut: int) -> None:
        """Parse buffer[start:cut + 1] in place as {records}: the character before its
        first record ("{" or ",") made "{", the one after its last ("," or "}") "}"."""
        buffer[start], buffer[cut] = 0x7B, 0x7D
        with memoryview(buffer) as view, view[start:cut + 1] as piece:
            take(piece)

    try:
        with open(path, "rb") as handle:
            buffer = bytearray(handle.read(len(head)))
            if buffer != head:
                raise ValueError(f"{path}: not as _write_table writes it")
            start = len(head) - 1  # where the slice being read begins
            while block := handle.read(1 << 18):
                buffer += block
                cut = buffer.rfind(b'},"', start + 1)
                while cut >= 0 and not boundary.match(buffer, cut):
                    cut = buffer.rfind(b'},"', start + 1, cut)
                if cut >= 0:
                    parse(buffer, start, cut + 1)
                    del buffer[:cut + 1]  # the next slice begins at the "," that was cut
                    start = 0
            if not buffer.endswith(tail):
                raise ValueError(f"{path}: not as _write_table writes it")
            parse(buffer, start, len(buffer) - len(tail))
        return list(table.values())
    except (OSError, ValueError):  # orjson.JSONDecodeError is a ValueError
        pass
    tables = AtomicStorage(path, kind=kind).read() or {}
    return list(tables.get(name, {}).values())


def _write_table(path: Path, kind: str, name: str, records: list[dict]) -> None:
    """One table, written in one atomic replace (TinyDB's document ids: 1, 2, …)."""
    AtomicStorage(path, kind=kind).write({name: {str(n): r for n, r in enumerate(records, 1)}})
