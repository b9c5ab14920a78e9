"""Team work in the review workbench: the team view, team filters, adjudication by a lead,
the agreement, statistics and export screens — checked in the store and the files."""

from __future__ import annotations

import json
import shutil

import orjson
import pytest
from textual.widgets import DataTable, Input, Select, Sparkline

from workbench.resources import seeds_dir
from workbench.views import quote_list
from workbench.services import Workbench
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.agreement import AgreementScreen
from workbench.tui.screens.export import ExportScreen
from workbench.tui.screens.final import FinalScreen
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.screens.statistics import StatisticsScreen

ANNA = ["confirmed", "confirmed", "confirmed", "disputed", "confirmed", "attributed"]
BRUNO = ["confirmed", "disputed", "confirmed", "attributed", "confirmed", "confirmed"]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    root = tmp_path_factory.mktemp("team") / "store"
    anna = Workbench.open(root, "anna")
    anna.ingest.add([seeds_dir()])
    anna.team.add_lead("anna")
    ids = [q["id"] for q in quote_list(anna)]
    bruno = Workbench.open(root, "bruno")
    for quote_id, a, b in zip(ids, ANNA, BRUNO):
        anna.reviewing.mark(quote_id, a)
        bruno.reviewing.mark(quote_id, b)
    return root


@pytest.fixture
def root(seeded, tmp_path):
    shutil.copytree(seeded, tmp_path / "store")
    return tmp_path / "store"


def disagreeing(store: Workbench) -> set[str]:
    ids = [q["id"] for q in quote_list(store)]
    return {i for i, a, b in zip(ids, ANNA, BRUNO) if a != b}


async def test_team_view_shows_every_reviewer_side_by_side(root):
    app = WorkbenchApp(Workbench.open(root, "anna"))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("T")
        claims = app.screen.claim_list
        header = claims.render_line(0).text
        assert "anna" in header and "bruno" in header and "final" in header
        second = claims.render_line(2).text  # anna confirmed, bruno disputed, no final
        assert second.index("conf") < second.index("disp")


async def test_team_filters(root):
    store = Workbench.open(root, "anna")
    app = WorkbenchApp(store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = app.screen
        await pilot.press("t")  # reviewed by me
        assert screen.claims.filters.team == "mine" and len(screen.claims.shown) == len(ANNA)
        await pilot.press("t")  # reviewed by others, not me: none
        assert screen.claims.filters.team == "others" and screen.claims.shown == []
        await pilot.press("t")  # reviewers disagree
        assert {r.id for r in screen.claims.shown} == disagreeing(store)
        await pilot.press("t", "t")
        assert screen.claims.filters.team is None


async def test_a_lead_adjudicates_and_a_non_lead_cannot(root):
    store = Workbench.open(root, "anna")
    target = sorted(disagreeing(store))[0]
    app = WorkbenchApp(store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = app.screen
        screen.claim_list.cursor = screen.claims.position(target)
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, FinalScreen)
        await pilot.press("2", "ctrl+s")  # disputed; no reason yet: refused
        await pilot.pause()
        assert isinstance(app.screen, FinalScreen)
        await pilot.press(*"the video shows otherwise", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert screen.claims.by_id[target].final["status"] == "disputed"
    final = Workbench.open(root, "bruno").team.final(target)
    assert (final["status"], final["how"], final["by"], final["reason"]) == (
        "disputed", "adjudicated", "anna", "the video shows otherwise")

    bruno = WorkbenchApp(Workbench.open(root, "bruno"))
    async with bruno.run_test(size=(160, 48)) as pilot:
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(bruno.screen, ReviewScreen)  # no dialog for a non-lead
        assert any("lead" in n.message for n in bruno._notifications)


async def test_agreement_screen_and_review_a_disagreement(root):
    store = Workbench.open(root, "anna")
    app = WorkbenchApp(store)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AgreementScreen)
        [pair] = screen.result["pairs"]
        assert (pair["items"], pair["agreements"]) == (6, 3)
        assert screen.query_one(DataTable).row_count == len(disagreeing(store))
        chosen = screen.result["disagreements"][1]["id"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.current.id == chosen
        assert app.screen.claims.filters.team == "disagree"
        await pilot.press("c")  # reviewing it is one key away
        await pilot.pause()
    assert Workbench.open(root, "anna").reviewing.review(chosen).status == "confirmed"


async def test_statistics_screen(root):
    app = WorkbenchApp(Workbench.open(root, "anna"))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatisticsScreen)
        assert screen.stats["by_reviewer"]["bruno"]["reviewed"] == 6
        assert sum(screen.query_one(Sparkline).data) == sum(screen.stats["timeline"]["day"].values())
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_export_from_the_workbench_round_trips(root, tmp_path):
    out = tmp_path / "claims.json"
    app = WorkbenchApp(Workbench.open(root, "anna"))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-path", Input).value = str(out)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+e")
        await pilot.pause()
        app.screen.query_one("#export-format", Select).value = "claimreview"
        await pilot.pause()
        assert app.screen.query_one("#export-path", Input).value == "claims.jsonld"
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "claims.jsonld")
        await pilot.press("ctrl+s")
        await pilot.pause()
    document = orjson.loads(out.read_bytes())
    assert document["schema"] == "quote-workbench/export" and len(document["claims"]) == 6
    reviews = json.loads((tmp_path / "claims.jsonld").read_text(encoding="utf-8"))
    assert reviews and all(r["@type"] == "ClaimReview" for r in reviews)
    # the export goes back into a fresh store of the same articles
    fresh = Workbench.open(tmp_path / "fresh", "carla")
    fresh.ingest.add([seeds_dir()])
    fresh.exchange.import_file(out)
    assert {name: r.status for name, r in fresh.team.reviews_of(document["claims"][1]["id"]).items()} == {
        "anna": ANNA[1], "bruno": BRUNO[1]}


async def test_the_export_dialog_refuses_the_store_and_asks_before_replacing(root, tmp_path):
    """ctrl+e wrote over any file without asking, the store's own files included."""
    from workbench.tui.screens.prompts import Confirm

    quotes_file = root / "corpus" / "quotes.json"
    store_bytes = quotes_file.read_bytes()
    existing = tmp_path / "old.json"
    existing.write_text("keep me", encoding="utf-8")
    app = WorkbenchApp(Workbench.open(root, "anna"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(quotes_file)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # refused, the dialog stays
        assert any("inside the store" in n.message for n in app._notifications)
        app.screen.query_one("#export-path", Input).value = str(existing)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and str(existing) in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert existing.read_text(encoding="utf-8") == "keep me"
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert any(f"written to {existing.resolve()}" in n.message for n in app._notifications)
    assert quotes_file.read_bytes() == store_bytes
    assert orjson.loads(existing.read_bytes())["schema"] == "quote-workbench/export"
    assert quote_list(Workbench.open(root, "anna"))  # the store still opens
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


async def test_the_export_message_names_the_folder(root, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = WorkbenchApp(Workbench.open(root, "anna"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the default name, claims.json, in the current folder
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    assert any(m.endswith(f"written to {tmp_path.resolve() / 'claims.json'}") for m in messages), messages
