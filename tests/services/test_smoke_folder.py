"""A folder of varied news articles written for this test (tests/data/smoke: Italian and
English, every quoting style of real news, typographic slips, markup-looking text and
emoji inside quotes), taken the way a new user takes their first folder: extract, ingest,
dupes, regroup, then the workbench opened on the store and walked claim by claim."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from workbench.views import claim_detail
from workbench.views import Filters, quote_list
from workbench.cli import main
from workbench.services import Workbench
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.claim_detail import detail_text
from workbench.tui.widgets.claim_list import ClaimList

SMOKE = Path(__file__).parents[1] / "data" / "smoke"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("smoke") / "store"
    result = invoke("--store", root, "ingest", SMOKE)
    assert result.exit_code == 0, result.output
    return root


def test_the_folder_is_varied_enough():
    articles = [p for p in SMOKE.iterdir() if p.suffix in (".txt", ".jsonl")]
    assert len(articles) >= 40
    langs = {p.name.split("_")[1] for p in articles if p.suffix == ".txt"}
    assert {"it", "en"} <= langs


def test_extract_prints_every_quote_with_groups():
    result = invoke("extract", SMOKE, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    quotes = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert len({q["article"] for q in quotes}) >= 40
    assert sum(q["group"] is not None for q in quotes) >= 10  # the families quoted across articles
    members = {f"{q['article']}#{q['index']}" for q in quotes}
    assert {q["group"] for q in quotes if q["group"]} <= members


def test_ingest_stores_every_article_and_groups_as_extract_does(store_dir):
    store = Workbench.open(store_dir, "smoke")
    extracted = [orjson.loads(line) for line in invoke("extract", SMOKE, "--format", "jsonl").stdout.splitlines()]
    assert len(store.store.corpus.current_quotes()) == len(extracted)
    grouped_in_store = sum(q["group"] is not None for q in store.store.corpus.current_quotes())
    assert grouped_in_store == sum(q["group"] is not None for q in extracted)


def test_dupes_and_regroup_run_on_the_store(store_dir):
    before = {q["id"]: q["group"] for q in Workbench.open(store_dir, "smoke").store.corpus.current_quotes()}
    for args in (("dupes",), ("dupes", "--format", "json"), ("dupes", "--flagged"), ("speakers",)):
        result = invoke("--store", store_dir, *args)
        assert result.exit_code == 0, (args, result.output)
    assert invoke("--store", store_dir, "regroup").exit_code == 0
    after = {q["id"]: q["group"] for q in Workbench.open(store_dir, "smoke").store.corpus.current_quotes()}
    assert after == before  # the ingest's groups are the groups of comparing everything again


def test_every_claims_detail_can_be_drawn(store_dir):
    store = Workbench.open(store_dir, "smoke")
    for q in quote_list(store, Filters(scare=True)):
        assert detail_text(claim_detail(store, q["id"])).plain


async def test_the_workbench_opens_walks_every_claim_and_saves(store_dir, tmp_path):
    import shutil

    root = tmp_path / "store"
    shutil.copytree(store_dir, root)
    store = Workbench.open(root, "smoke")
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        claims = app.screen.query_one(ClaimList)
        count = len(claims.claims.shown)
        assert count >= 100
        for index in range(count):  # every row and its detail drawn at least once
            claims.cursor = index
            if index % 25 == 0:
                await pilot.pause()
        await pilot.press("home", "c")
        await pilot.pause()
        first = claims.claims.shown[0].id
    assert Workbench.open(root, "smoke").reviewing.review(first).status == "confirmed"
