"""The speakers and sources screens, driven with the pilot; checked in the store."""

from __future__ import annotations

import json
import shutil

import pytest
from textual.widgets import DataTable, Input

from workbench.services import Workbench
from workbench.views import Filters, quote_list
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
    Workbench.open(root, REVIEWER).ingest.add([path])
    return root


@pytest.fixture
def store(built, tmp_path):
    shutil.copytree(built, tmp_path / "store")
    return Workbench.open(tmp_path / "store", REVIEWER)


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
        assert store.speakers.speaker_of("Mario Rossi") == lavrov
        assert Workbench.open(store.root, REVIEWER).speakers.speaker_of("Mario Rossi") == lavrov  # saved
        rows = {r[0]: r for r in cells(app.screen)}
        assert "Mario Rossi" not in rows and rows[lavrov][2] == "3"
        # split it off again
        highlight(app.screen, lavrov)
        await pilot.press("p", "ctrl+a", "ctrl+k", *"Mario Rossi", "enter")
        await pilot.pause()
        assert Workbench.open(store.root, REVIEWER).speakers.speaker_of("Mario Rossi") == "Mario Rossi"
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
    assert Workbench.open(store.root, REVIEWER).speakers.corrections() == {}


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
        assert store.reviewing.source_notes("Agi") == []
        assert isinstance(app.screen, TextPrompt) and "1 to 5" in app.screen.error
        await pilot.press("backspace", "2", "enter")
        await pilot.press("e", *"often late", "enter")
        await pilot.pause()
        [note] = Workbench.open(store.root, REVIEWER).reviewing.source_notes("Agi")
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
    saved = Workbench.open(store.root, REVIEWER)
    assert saved.reviewing.source_notes("Agi") == []
    assert quote_list(saved, Filters(status="unreviewed")) == quote_list(saved)  # no verdict saved


async def test_the_filters_dialog_at_80x24(store):
    """Its fields had no visible box, the first tab went to the wrong field and Apply
    was below the screen at 80×24."""
    from textual.widgets import Button

    from workbench.tui.screens.filters import FilterScreen

    app = WorkbenchApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FilterScreen)
        assert dialog.focused.id == "speaker"
        await pilot.press("tab")
        assert dialog.focused.id == "source"
        apply = dialog.query_one("#apply", Button)
        screen_area = dialog.region
        assert apply.region.height and screen_area.contains_region(apply.region)
        surface = dialog.query_one("#filters").styles.background
        for field in dialog.query(Input):
            assert field.styles.background != surface, field.id  # a box to type into
        await pilot.press("shift+tab", *"lavrov")
        await pilot.click("#apply")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        shown = app.screen.claims.shown
        assert shown and all("Lavrov" in r.speaker for r in shown)


@pytest.mark.parametrize("key, screen_type", [("f2", "SourcesScreen"), ("f3", "SpeakersScreen"),
                                              ("f4", "AgreementScreen")])
async def test_table_screens_move_with_j_and_k_and_list_their_keys(store, key, screen_type):
    from workbench.tui.screens.help import HelpScreen

    if key == "f4":  # two reviewers who disagree on two claims, so the table has rows
        ids = [q["id"] for q in quote_list(store)[:2]]
        other = Workbench.open(store.root, "other")
        for qid in ids:
            store.reviewing.mark(qid, "confirmed")
            other.reviewing.mark(qid, "disputed")
    app = WorkbenchApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == screen_type
        table = screen.query_one(DataTable)
        assert table.row_count >= 2
        await pilot.press("j")
        assert table.cursor_row == 1
        await pilot.press("k")
        assert table.cursor_row == 0
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {what for _, _, what in app.screen.rows}
        assert {"Down", "Up", "Back"} <= described
        await pilot.press("escape")
        assert type(app.screen).__name__ == screen_type


async def test_the_sources_table_fits_80_columns(seeded_root):
    """The seed articles' ids are 20 characters: the last column (ratings) was cut."""
    app = WorkbenchApp(Workbench.open(seeded_root, REVIEWER))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        needed = sum(column.get_render_width(table) for column in table.columns.values())
        assert needed <= table.scrollable_content_region.width, needed


async def test_the_status_bar_at_80_columns_says_what_is_shown_and_why(store):
    from workbench.tui.widgets.status_bar import StatusBar

    app = WorkbenchApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        total = len(screen.claims.shown)
        screen.apply(Filters(status="disputed"))
        await pilot.pause()
        line = screen.query_one(StatusBar).plain
        assert len(line) <= 80
        assert f"showing 0 of {total}" in line and "filter: disputed" in line, line


async def test_the_statistics_screen_at_80_columns(store):
    from textual.widgets import Label

    app = WorkbenchApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        caption = str(screen.query_one("#timeline-caption").content)
        assert "Quotes per day, 2025-10-20 to 2025-10-21" in caption and "at most 2 a day (2025-10-20)" in caption
        ends = [str(label.content) for label in screen.query("#timeline-axis Label")]
        assert ends == ["2025-10-20", "2025-10-21"]
        for row in screen.query(".stats-row Static"):
            assert row.region.width <= 80 and row.region.x >= 0
        assert screen.has_class("-narrow")  # the tables one under the other
        await pilot.press("j", "question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


def test_agreement_with_fewer_than_two_reviewers_says_why_there_is_no_alpha():
    from workbench.tui.screens.agreement import alpha_caption

    one = {"coders": 1, "alpha": None, "reason": "", "pairable_items": 0, "items": 1, "values": 1,
           "observed_disagreement": None, "expected_disagreement": None}
    assert "needs verdicts of two reviewers" in alpha_caption(one)
    assert "only one reviewer" in alpha_caption(one)
    two = one | {"coders": 2, "alpha": 0.5, "items": 1, "values": 2}
    caption = alpha_caption(two)
    assert "over 2 reviewers" in caption and "of 1 claim reviewed" in caption


async def test_statistics_say_1_article_not_1_articles(tmp_path):
    import json

    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(ARTICLES[1]) + "\n", encoding="utf-8")
    store = Workbench.open(tmp_path / "store", REVIEWER)
    store.ingest.add([path])
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        head = str(app.screen.query_one("#screen-title").content)
        assert head.startswith("1 claim in 1 article ·"), head
