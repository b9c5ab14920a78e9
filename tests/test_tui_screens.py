"""The speakers and sources screens, driven with the pilot; checked in the store."""

from __future__ import annotations

import json
import shutil

import pytest
from textual.widgets import DataTable, Input

from workbench.store import Store
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.prompts import TextPrompt
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.screens.sources import SourcesScreen
from workbench.tui.screens.speakers import SpeakersScreen

REVIEWER = "pilot"
ARTICLES = [
    {"id": "a1", "outlet": "Ansa", "date": "2025-10-20",
     "text": 'Il ministro degli Esteri russo Serghei Lavrov ha detto: "Siamo pronti a parlare '
             'con chiunque voglia davvero la pace". Poi il ministro Mario Rossi ha dichiarato: '
             '"Il governo approverà la manovra entro dicembre".'},
    {"id": "a2", "outlet": "Agi", "date": "2025-10-21",
     "text": 'Il ministro russo Sergei Lavrov ha spiegato: "Non ci sono novità sul vertice '
             'di Budapest per il momento".'},
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    path = folder / "news.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    root = folder / "store"
    Store.open(root, REVIEWER).ingest([path])
    return root


@pytest.fixture
def store(built, tmp_path):
    shutil.copytree(built, tmp_path / "store")
    return Store.open(tmp_path / "store", REVIEWER)


def cells(screen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[c.plain for c in table.get_row_at(n)] for n in range(table.row_count)]


def highlight(screen, name: str) -> None:
    """Put the table's cursor on the row whose first cell is `name`."""
    screen.query_one(DataTable).move_cursor(row=[r[0] for r in cells(screen)].index(name))


async def test_speakers_screen_lists_aliases_and_merges(store):
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "f3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        rows = {r[0]: r for r in cells(screen)}
        lavrov = next(name for name in rows if "Lavrov" in name)
        assert rows[lavrov][2] == "2"  # both Lavrov quotes under one speaker
        rossi = next(r for r in rows.values() if r[0] == "Mario Rossi")
        # merge Mario Rossi into Lavrov (a test of the mechanism, not of politics)
        highlight(screen, rossi[0])
        await pilot.press("m", *lavrov, "enter")
        await pilot.pause()
        assert store.speaker_of("Mario Rossi") == lavrov
        assert Store.open(store.root, REVIEWER).speaker_of("Mario Rossi") == lavrov  # saved
        rows = {r[0]: r for r in cells(app.screen)}
        assert "Mario Rossi" not in rows and rows[lavrov][2] == "3"
        # split it off again
        highlight(app.screen, lavrov)
        await pilot.press("p", "ctrl+a", "ctrl+k", *"Mario Rossi", "enter")
        await pilot.pause()
        assert Store.open(store.root, REVIEWER).speaker_of("Mario Rossi") == "Mario Rossi"
        # enter: back to the claims of the highlighted speaker, aliases included
        highlight(app.screen, lavrov)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert {r.speaker for r in app.screen.claims.shown} == {"Serghei Lavrov", "Sergei Lavrov"}


async def test_a_merge_with_an_unknown_name_is_refused(store):
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3", "m", *"Nobody Known", "enter")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, TextPrompt) and "Nobody Known" in prompt.error  # still open
        await pilot.press("escape")
        assert isinstance(app.screen, SpeakersScreen)
    assert Store.open(store.root, REVIEWER).corrections() == {}


async def test_sources_screen_counts_rates_and_notes(store):
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourcesScreen)
        rows = cells(screen)
        outlets = [r for r in rows if r[1] == "outlet"]
        articles = [r for r in rows if r[1] == "article"]
        assert {r[0] for r in outlets} == {"Ansa", "Agi"}
        assert {r[0] for r in articles} == {"a1", "a2"}
        ansa = next(r for r in outlets if r[0] == "Ansa")
        assert ansa[3] == "2" and ansa[7] == "1"  # two quotes, one confirmed
        highlight(screen, "Agi")
        await pilot.press("r", "9", "enter")  # refused: 1 to 5, and the prompt stays open
        await pilot.pause()
        assert store.source_notes("Agi") == []
        assert isinstance(app.screen, TextPrompt) and "1 to 5" in app.screen.error
        await pilot.press("backspace", "2", "enter")
        await pilot.press("e", *"often late", "enter")
        await pilot.pause()
        [note] = Store.open(store.root, REVIEWER).source_notes("Agi")
        assert (note.kind, note.reliability, note.note) == ("outlet", 2, "often late")
        assert "pilot:2" in " ".join(cells(app.screen)[[r[0] for r in rows].index("Agi")])
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert {r.source for r in app.screen.claims.shown} == {"Agi"}


async def test_an_invalid_rating_keeps_the_prompt_open_and_the_keys_after_it_in_it(store):
    """Rating 9 was refused by closing the prompt: the letters typed next then ran as
    review keys on the claims list (c a d: three verdicts nobody gave)."""
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        highlight(app.screen, "Agi")
        await pilot.press("r", "9", "enter", "c", "a", "d")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        assert "1 to 5" in prompt.error
        assert prompt.query_one(Input).value == "9cad"
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, ReviewScreen)
    saved = Store.open(store.root, REVIEWER)
    assert saved.source_notes("Agi") == []
    assert saved.quotes(status="unreviewed") == saved.quotes()  # no verdict saved
