"""Property tests of the whole pipeline — extraction, grouping, the store's incremental
ingest and regroup — on random corpora built from the shapes of real news
(`news_shapes.py`): nothing raises, every offset points at its text, every group member
exists, and grouping article by article gives the groups of grouping everything at once.
What the workbench shows of each claim is built too. The failing examples hypothesis
found are kept as explicit tests in services/test_no_traceback.py."""

from __future__ import annotations

import tempfile
from collections import defaultdict

from hypothesis import HealthCheck, given, settings

from helpers.news_shapes import corpora
from workbench.articles import load_text
from workbench.views import Filters, quote_list
from workbench.extract import extract_quotes
from workbench.matching import Grouper, analyse, group, shared_groups
from workbench.views import Claims, claim_detail
from workbench.services import Workbench
from workbench.tui.widgets.claim_detail import detail_text

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STORE = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def records_of(corpus: list[tuple[str, str]]) -> list[list[dict]]:
    """Each article's quote records, keyed as `workbench extract` keys them; the offsets
    of every quote are checked on the way."""
    per_article = []
    for n, (lang, text) in enumerate(corpus):
        article = load_text(text, f"a{n}", lang=lang)
        records = []
        for q in extract_quotes(article):
            assert article.text[q.start:q.end] == q.text
            assert q.kind in ("direct", "partial", "scare")
            record = q.to_dict() | {"id": f"a{n}#{q.index}"}
            record["nested_in"] = None if q.nested_in is None else f"a{n}#{q.nested_in}"
            records.append(record)
        per_article.append(records)
    return per_article


def partition(group_ids: dict[str, str | None]) -> set[frozenset[str]]:
    members = defaultdict(set)
    for key, gid in group_ids.items():
        if gid is not None:
            members[gid].add(key)
    return {frozenset(m) for m in members.values()}


@FAST
@given(corpora)
def test_extraction_grouping_and_reports_never_fail(corpus):
    records = [r for article in records_of(corpus) for r in article]
    groups = group(records)
    keys = {r["id"] for r in records}
    assert groups.keys() == keys
    assert {gid for gid in groups.values() if gid is not None} <= keys  # a group id is a member
    for report in analyse(records):
        assert set(report.members) <= keys and report.earliest in report.members


@FAST
@given(corpora)
def test_grouping_article_by_article_equals_grouping_at_once(corpus):
    per_article = records_of(corpus)
    at_once = Grouper()
    at_once.add([r for article in per_article for r in article])
    one_by_one = Grouper()
    for article in per_article:
        one_by_one.add(article)
    assert partition(shared_groups(one_by_one.group_ids())) == partition(shared_groups(at_once.group_ids()))


def store_partition(store: Workbench) -> set[frozenset[str]]:
    quotes = store.store.corpus.current_quotes()
    ids = {q["id"] for q in quotes}
    for record in store.store.corpus.groups.values():
        assert set(record["members"]) <= ids  # every member of a stored group exists
    return partition({q["id"]: q.get("group") for q in quotes})


@STORE
@given(corpora)
def test_the_stores_incremental_ingest_equals_a_regroup(corpus):
    with tempfile.TemporaryDirectory() as folder:
        for n, (lang, text) in enumerate(corpus):
            path = f"{folder}/a{n}_{lang}.txt"
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
        store = Workbench.open(f"{folder}/store", "prop")
        for n, (lang, _) in enumerate(corpus):  # one ingest per article: incremental
            report = store.ingest.add([f"{folder}/a{n}_{lang}.txt"])
            assert not report.rejected and report.grouping_failed is None
        incremental = store_partition(Workbench.open(f"{folder}/store", "prop"))
        store.groups.regroup()
        reopened = Workbench.open(f"{folder}/store", "prop")
        assert store_partition(reopened) == incremental
        # what the workbench shows of every claim can be built and drawn
        rows = Claims.load(reopened)
        for q in quote_list(reopened, Filters(scare=True)):
            assert detail_text(claim_detail(reopened, q["id"])).plain
        assert len(rows.shown) <= len(reopened.store.corpus.current_quotes())
