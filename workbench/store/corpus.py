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
        self.quotes = {q["id"]: q for q in _table(self.quotes_path, "quotes", "quotes")}
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
    """The records of one table of a corpus file (none if the file does not exist yet)."""
    tables = AtomicStorage(path, kind=kind).read() or {}
    return list(tables.get(name, {}).values())


def _write_table(path: Path, kind: str, name: str, records: list[dict]) -> None:
    """One table, written in one atomic replace (TinyDB's document ids: 1, 2, …)."""
    AtomicStorage(path, kind=kind).write({name: {str(n): r for n, r in enumerate(records, 1)}})
