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

import contextlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..models import ArticleRecord, QuoteRecord
from .files import StoreError, locked
from .grouping import GroupIndex
from .storage import AtomicStorage

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

    # -- writing (the ingest service: services/ingest.py) ------------------------------
    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the corpus lock, from a fresh read: one ingest or regroup at a time, and
        each sees what the one before it saved."""
        with locked(self.folder / "corpus"):
            self.load()
            yield

    def validate(self) -> None:
        """Read the articles file now (opening the store checks every file)."""
        self.articles  # noqa: B018

    def current_hash(self, article_id: str) -> str | None:
        current = self.articles.get(article_id)
        return current["hash"] if current is not None else None

    def next_version(self, article_id: str) -> int:
        previous = self.articles.get(article_id)
        return 1 if previous is None else previous["version"] + 1

    def add_version(self, article: ArticleRecord, quotes: list[QuoteRecord]) -> tuple[bool, int]:
        """Store an article's new version and its quotes; the version before (if any)
        and its quotes are kept, retired. Returns (was it new, how many of the quotes
        kept an id the store had: their reviews still apply)."""
        self._derived.clear()  # the current quotes change: their counts too
        previous = self.articles.get(article["id"])
        if previous is not None:
            previous["current"] = False
            self.old_versions.append(previous)
            for q in self.quotes.values():
                if q["article"] == article["id"]:
                    q["current"] = False
        self.articles[article["id"]] = article
        kept = 0
        for record in quotes:
            kept += record["id"] in self.quotes
            self.quotes[record["id"]] = record
        return previous is None, kept

    def save(self, speakers: list[dict]) -> None:
        """Write the corpus files, each atomically; `speakers`: the speaker table (every
        name with its counts and automatic alias: services/speakers.py)."""
        self._derived.clear()  # the quotes changed: counts are worked out again
        articles = list(self.articles.values()) + self.old_versions
        _write_table(self.articles_path, "articles", "articles", articles)
        _write_table(self.quotes_path, "quotes", "quotes", list(self.quotes.values()))
        _write_table(self.speakers_path, "speakers", "speakers", speakers)
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
