"""Ingest: load → extract → persist → regroup, for a store; and the same pipeline
without a store, for `workbench extract` and `workbench dupes PATHS` (nothing saved).

Extraction runs in worker processes when there is enough to do (it is the slow part).
One article that fails is named and left out; the rest goes on (services/pipeline.py).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..articles import LoadProblem, iter_articles
from ..matching import GroupReport, lookup, resolve
from ..models import Article, Quote, article_record, content_hash, quote_records
from ..store import Store
from ..store.reviews import now
from .groups import defer_grouping, update_groups
from .pipeline import GROUP, Extracted, analyse_records, extract_article, group_records, internal_error
from .speakers import Speakers, speaker_table

PARALLEL_FROM = 64  # articles: below this, starting worker processes costs more than it saves

Progress = Callable[[int], None]


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


class Ingest:
    def __init__(self, store: Store, speakers: Speakers) -> None:
        self.store = store
        self.speakers = speakers

    def add(self, paths: Iterable[str | Path], progress: Progress | None = None) -> IngestReport:
        """Add the articles of `paths` that are new or changed, and group their quotes
        with the others; under the corpus lock, from a fresh read."""
        return self.add_articles(iter_articles(paths), progress)

    def add_articles(self, items: Iterable[Article | LoadProblem],
                     progress: Progress | None = None) -> IngestReport:
        report = IngestReport()
        corpus = self.store.corpus
        with corpus.writing():
            todo: list[Article] = []
            for item in items:
                if isinstance(item, LoadProblem):
                    report.rejected.append(item)
                elif corpus.current_hash(item.id) == content_hash(item):
                    report.unchanged.append(item.id)
                    if progress:
                        progress(1)
                else:
                    todo.append(item)
            ingested = now()
            for extracted in extract_all(todo, progress):
                if extracted.problem is not None:  # that article is left as it was
                    report.rejected.append(extracted.problem)
                else:  # one id twice: the second is a new version
                    self._store(extracted, ingested, report)
            corpus.grouping.ensure_loaded()
            if report.added or report.updated or corpus.grouping.pending:
                changed = set(report.added) | set(report.updated)
                new = {qid for qid, q in corpus.quotes.items() if q["article"] in changed}
                started = time.perf_counter()
                report.grouping_failed = self._group(new)
                report.grouping_seconds = time.perf_counter() - started
                corpus.save(speaker_table(corpus.current_quotes()))
            report.groups = len(corpus.groups)
        return report

    def _store(self, extracted: Extracted, ingested: str, report: IngestReport) -> None:
        article, corpus = extracted.article, self.store.corpus
        version = corpus.next_version(article.id)
        records = quote_records(article, version, extracted.quotes)
        was_new, kept = corpus.add_version(article_record(article, version, ingested), records)
        (report.added if was_new else report.updated).append(article.id)
        report.quotes_kept += kept
        report.quotes_added += len(records) - kept

    def _group(self, new: set[str]) -> LoadProblem | None:
        """Group the new quotes with the others. A failure must not lose the ingest: the
        groups stay as they were, the new quotes wait ungrouped (the next ingest or
        `workbench regroup` compares them), and the problem says so."""
        corpus = self.store.corpus
        try:
            update_groups(corpus.grouping, corpus.quotes, new, self.speakers.resolver())
            return None
        except Exception as error:  # noqa: BLE001 — the boundary of the grouping stage
            defer_grouping(corpus.grouping, corpus.quotes, new)
            return internal_error(str(self.store.root), GROUP, error)


def extract_all(articles: list[Article], progress: Progress | None = None) -> Iterator[Extracted]:
    """Each article's quotes (or its problem), in order; in worker processes when there
    are many. A worker process that dies (out of memory, killed) leaves the articles it
    had to this process, one by one."""
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


# -- without a store -----------------------------------------------------------------------
def quote_key(article: str, index: int) -> str:
    """A quote's id outside a store: ARTICLE#INDEX."""
    return f"{article}#{index}"


def keyed_record(quote: Quote, outlet: str | None = None) -> dict:
    """A quote as a record keyed ARTICLE#INDEX, its links (`nested_in`) keyed alike —
    the record the matcher reads when there is no store."""
    return quote.to_dict() | {
        "id": quote_key(quote.article, quote.index), "outlet": outlet,
        "nested_in": None if quote.nested_in is None else quote_key(quote.article, quote.nested_in)}


@dataclass(slots=True)
class Analysis:
    """What `extract` and `dupes PATHS` print: every quote of the articles (keyed
    ARTICLE#INDEX), the problems met on the way, and how to name a speaker."""

    quotes: list[Quote] = field(default_factory=list)
    records: list[dict] = field(default_factory=list)  # one per quote, keyed ARTICLE#INDEX
    problems: list[LoadProblem] = field(default_factory=list)
    grouping_failed: LoadProblem | None = None

    def speaker_of(self) -> Callable[[str], str]:
        """The automatic aliases of these quotes' speakers (no reviewer's corrections)."""
        return lookup(resolve(Counter(r["speaker"] for r in self.records if r.get("speaker"))))


def analyse_paths(paths: Iterable[str | Path]) -> Analysis:
    """Load and extract, without a store: one problem per article that failed."""
    found = Analysis()
    for item in iter_articles(paths):
        if not isinstance(item, LoadProblem):
            extracted = extract_article(item)
            found.quotes += extracted.quotes
            found.records += [keyed_record(q, item.outlet) for q in extracted.quotes]
            item = extracted.problem or item
        if isinstance(item, LoadProblem):
            found.problems.append(item)
    return found


def add_groups(analysis: Analysis) -> None:
    """Each record's `group` (the key of one of its members, or None); on a failure
    every group is None and `grouping_failed` says why."""
    groups, analysis.grouping_failed = group_records(analysis.records)
    for record in analysis.records:
        record["group"] = groups[record["id"]]


def group_reports(analysis: Analysis) -> list[GroupReport]:
    """The near-duplicate groups of the analysed quotes, with their flags."""
    reports, analysis.grouping_failed = analyse_records(analysis.records)
    return reports
