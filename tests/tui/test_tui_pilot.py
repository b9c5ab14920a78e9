"""The review workbench driven key by key with Textual's pilot: each test checks what the
store holds afterwards, not only what the screen shows."""

from __future__ import annotations


import pytest

from workbench.views import Filters
from workbench.views import quote_list
from workbench.services import Workbench
from workbench.store.files import StoreError
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.filters import FilterScreen
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.claim_list import ClaimList

REVIEWER = "pilot"


@pytest.fixture
def store(seeded_root) -> Workbench:
    return Workbench.open(seeded_root, REVIEWER)


def reopened(store: Workbench) -> Workbench:
    """The store as another process would read it: what was saved, not what is in memory."""
    return Workbench.open(store.root, REVIEWER)


def first_ids(store: Workbench, n: int) -> list[str]:
    return [q["id"] for q in quote_list(store)[:n]]


def screen_of(app) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen), app.screen
    return app.screen


async def test_verdict_keys_save_to_the_store(store):
    ids = first_ids(store, 6)
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "d", "c", "1", "2", "3")
        await pilot.pause()
    saved = reopened(store)
    assert [saved.reviewing.review(i).status for i in ids] == [
        "attributed", "disputed", "confirmed", "attributed", "disputed", "confirmed"]
    assert all(saved.reviewing.review(i).reviewer == REVIEWER for i in ids)


async def test_marking_moves_on_and_the_row_shows_the_verdict(store):
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        claims = app.query_one(ClaimList)
        await pilot.press("c")
        await pilot.pause()
        assert claims.cursor == 1
        assert claims.claims.shown[0].status == "confirmed"
        assert "conf" in claims.render_line(1).text  # "confirmed", or "conf" when narrow


async def test_clear_undo_and_redo(store):
    first = first_ids(store, 1)[0]
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("d")  # disputed, cursor moves to the second claim
        await pilot.press("k", "x")  # back up, clear
        await pilot.pause()
        assert reopened(store).reviewing.review(first) is None
        await pilot.press("z")  # undo the clear: disputed again
        await pilot.pause()
        assert reopened(store).reviewing.review(first).status == "disputed"
        await pilot.press("z")  # undo the verdict
        await pilot.pause()
        assert reopened(store).reviewing.review(first) is None
        await pilot.press("Z")  # redo it
        await pilot.pause()
        assert reopened(store).reviewing.review(first).status == "disputed"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert reopened(store).reviewing.review(first) is None
        assert screen_of(app).claims.by_id[first].status == "unreviewed"


async def test_note_and_evidence(store, monkeypatch):
    first = first_ids(store, 1)[0]
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")  # no verdict yet: refused with a warning, nothing saved
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)  # no prompt opened
        await pilot.press("c", "k", "e")
        await pilot.press(*"matches the transcript")
        await pilot.press("enter")
        await pilot.pause()
        assert reopened(store).reviewing.review(first).note == "matches the transcript"
        await pilot.press("e", "ctrl+a", "ctrl+k", *"edited", "enter")
        await pilot.pause()
        assert reopened(store).reviewing.review(first).note == "edited"
        await pilot.press("u", *"https://example.org/t", "enter")
        await pilot.pause()
        review = reopened(store).reviewing.review(first)
        assert review.evidence == ["https://example.org/t"] and review.status == "confirmed"
        await pilot.press("o")
        await pilot.pause()
        assert opened == ["https://example.org/t"]
        await pilot.press("u", "escape")  # cancelled: nothing added
        await pilot.pause()
        assert reopened(store).reviewing.review(first).evidence == ["https://example.org/t"]


async def test_copy_evidence(store):
    first = first_ids(store, 1)[0]
    store.reviewing.mark(first, "confirmed", evidence=["https://example.org/x"])
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == "https://example.org/x"


async def test_a_failed_save_is_shown_and_nothing_changes(store, monkeypatch):
    def fail(*args, **kwargs):
        raise StoreError("store/reviews/pilot.journal: disk full")

    monkeypatch.setattr(store.reviewing, "mark", fail)
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = screen_of(app)
        assert screen.claim_list.cursor == 0  # did not move on
        assert screen.claims.shown[0].status == "unreviewed"
        messages = [n.message for n in app._notifications]
        assert any("disk full" in m for m in messages)
    assert quote_list(reopened(store), Filters(status="unreviewed"))  # nothing saved


async def test_navigation_keys(store):
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        claims = app.query_one(ClaimList)
        last = len(claims.claims.shown) - 1
        await pilot.press("j", "j", "down")
        assert claims.cursor == 3
        await pilot.press("k", "up")
        assert claims.cursor == 1
        await pilot.press("G")
        assert claims.cursor == last
        await pilot.press("g")
        assert claims.cursor == 0
        await pilot.press("end")
        assert claims.cursor == last
        await pilot.press("home", "pagedown")
        assert claims.cursor > 1
        await pilot.press("space")  # skip
        await pilot.press("pageup", "pageup")
        assert claims.cursor == 0


async def test_next_unreviewed(store):
    ids = first_ids(store, 3)
    store.reviewing.mark(ids[1], "confirmed")
    store.reviewing.mark(ids[2], "confirmed")
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right_square_bracket")
        assert app.query_one(ClaimList).current.id not in ids


async def test_search_moves_to_matches_and_n_goes_on(store):
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        claims = app.query_one(ClaimList)
        await pilot.press("slash", *"trump")
        await pilot.pause()
        first = claims.current
        assert "trump" in first.haystack
        await pilot.press("enter")
        await pilot.press("n")
        second = claims.current
        assert "trump" in second.haystack and second.id != first.id
        await pilot.press("N")
        assert claims.current.id == first.id
        await pilot.press("slash", *"kelly", "enter")
        assert claims.current.speaker == "Anna Kelly"
        # focus is back on the list: keys mark again, and the search does not eat them
        await pilot.press("c")
        await pilot.pause()
    assert quote_list(reopened(store), Filters(status="confirmed"))[0]["speaker"] == "Anna Kelly"


async def test_search_over_speaker_and_source(store):
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        claims = app.query_one(ClaimList)
        await pilot.press("slash", *"peskov", "enter")
        assert claims.current.speaker == "Dmitrij Peskov"
        await pilot.press("slash", *"003_63792", "enter")
        assert claims.current.source.startswith("003_")
        await pilot.press("slash", *"no such words anywhere", "enter")
        assert claims.current.source.startswith("003_")  # no match: stays
        await pilot.press("escape")
        assert screen_of(app).needle == ""


async def test_filters_dialog_and_toggles(store):
    ids = first_ids(store, 2)
    store.reviewing.mark(ids[0], "disputed")
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = screen_of(app)
        total = len(screen.claims.shown)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FilterScreen)
        app.screen.query_one("#speaker").value = "trump"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.claims.shown and all("Trump" in r.speaker for r in screen.claims.shown)
        await pilot.press("escape")  # clears the filters
        assert len(screen.claims.shown) == total
        await pilot.press("U")
        assert ids[0] not in {r.id for r in screen.claims.shown}
        assert all(r.status == "unreviewed" for r in screen.claims.shown)
        await pilot.press("U", "C")
        assert all(r.flags for r in screen.claims.shown)
        await pilot.press("C", "S")
        assert len(screen.claims.shown) > total  # scare quotes shown
        assert any(r.kind == "scare" for r in screen.claims.shown)
        await pilot.press("S")
        assert len(screen.claims.shown) == total
        # a filter by status through the dialog, then marking inside the filtered view
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#unreviewed").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        target = screen.claim_list.current.id
        await pilot.press("a")
        await pilot.pause()
    assert reopened(store).reviewing.review(target).status == "attributed"


async def test_sort_cycles_and_keeps_the_claim(store):
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = screen_of(app)
        await pilot.press("j", "j")
        current = screen.claim_list.current.id
        await pilot.press("s")
        assert screen.claims.order == "date"
        assert screen.claim_list.current.id == current
        dates = [r.date for r in screen.claims.shown if r.date]
        assert dates == sorted(dates, reverse=True)
        await pilot.press("s", "s", "s", "s")
        assert screen.claims.order == "article"


async def test_help_lists_every_key(store):
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {what for _, _, what in app.screen.rows}
        for binding in ReviewScreen.BINDINGS + ClaimList.BINDINGS + WorkbenchApp.BINDINGS:
            assert binding.description in described
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")  # q closes the help, does not quit
        assert isinstance(app.screen, ReviewScreen)
        assert app.is_running


async def test_command_palette_runs_an_action(store):
    first = first_ids(store, 1)[0]
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Confirmed")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
    assert reopened(store).reviewing.review(first).status == "confirmed"


async def test_whole_group_verdict_asks_first(store):
    grouped = next(r for r in (await _rows(store)) if r.group_size > 1)
    group = store.groups.get(grouped.group)
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = screen_of(app)
        screen.claim_list.cursor = screen.claims.position(grouped.id)
        await pilot.press("d", "k", "M")  # mark, come back, give it to the group
        await pilot.pause()
        await pilot.press("n")  # declined
        await pilot.pause()
        others = [m for m in group.members if m != grouped.id]
        assert all(reopened(store).reviewing.review(m) is None for m in others)
        await pilot.press("M", "y")
        await pilot.pause()
    saved = reopened(store)
    assert all(saved.reviewing.review(m).status == "disputed" for m in group.members)


async def test_whole_group_verdict_says_what_it_replaces_and_is_one_undo(store):
    """M replaced the reviewer's own different verdicts on other versions without a word,
    one save per member (z undid one of them)."""
    grouped = next(r for r in (await _rows(store)) if r.group_size > 1)
    members = store.groups.get(grouped.group).members
    other = next(m for m in members if m != grouped.id)
    store.reviewing.mark(other, "confirmed", note="checked on video")
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = screen_of(app)
        screen.claim_list.cursor = screen.claims.position(grouped.id)
        await pilot.press("d", "k", "M")
        await pilot.pause()
        question = app.screen.question
        assert f"Mark all {len(members)} versions" in question
        assert "replaces 1 verdict of yours (1 confirmed)" in question
        await pilot.press("y")
        await pilot.pause()
        saved = reopened(store)
        assert all(saved.reviewing.review(m).status == "disputed" for m in members)
        assert saved.reviewing.review(other).note == "checked on video"
        assert screen.claims.by_id[other].status == "disputed"
        await pilot.press("z")  # one undo: every member as it was
        await pilot.pause()
        assert screen.claims.by_id[other].status == "confirmed"
        assert "undone: " in screen.last_message and "verdict" in screen.last_message
    saved = reopened(store)
    assert saved.reviewing.review(other).status == "confirmed"
    assert saved.reviewing.review(grouped.id).status == "disputed"  # the d before M stays
    assert [saved.reviewing.review(m) for m in members if m not in (other, grouped.id)] == [None] * (len(members) - 2)


async def test_two_workbenches_of_one_reviewer(store):
    """The other workbench's change is shown (rows, counts), and z undoes only this
    workbench's own change, never the other's."""
    ids = first_ids(store, 3)
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = screen_of(app)
        await pilot.press("c")  # this workbench: the first claim
        await pilot.pause()
        elsewhere = Workbench.open(store.root, REVIEWER)  # the other workbench, same reviewer
        elsewhere.reviewing.mark(ids[2], "disputed")
        screen.check_other_sessions()  # what its timer does every few seconds
        await pilot.pause()
        assert screen.claims.by_id[ids[2]].status == "disputed"
        assert screen.claims.counts().get("disputed") == 1
        assert "another session" in screen.last_message
        await pilot.press("z")
        await pilot.pause()
        assert "undone: verdict confirmed (now unreviewed)" in screen.last_message
        await pilot.press("z")  # nothing else of this workbench's: the other change stays
        await pilot.pause()
    saved = reopened(store)
    assert saved.reviewing.review(ids[0]) is None
    assert saved.reviewing.review(ids[2]).status == "disputed"


async def test_undoing_an_evidence_url_says_so(store):
    first = first_ids(store, 1)[0]
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "k", "u", *"https://example.org/v", "enter")
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()
        assert screen_of(app).last_message == "undone: evidence URL https://example.org/v"
    review = reopened(store).reviewing.review(first)
    assert review.status == "attributed" and review.evidence == []


async def _rows(store):
    from workbench.views import Claims

    return Claims.load(store).shown


async def test_q_quits_and_the_theme_switches(store):
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_narrow_terminal_stacks_the_panes(store):
    app = WorkbenchApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        assert screen.has_class("-narrow")
        claims = screen.claim_list
        assert claims.size.width == 80
        line = claims.render_line(1).text
        # exactly the room left of the scrollbar (a row one cell longer was cut on screen)
        assert len(line) == claims.scrollable_content_region.width and "·" in line


HOSTILE = [
    "[bold]bold[/bold] words",
    "[link='https://evil.example']click me[/link] now",
    "[@click=app.quit]quit[/] it",
    "a stray [/] closing tag",
    "a [$accent]variable[/] style",
    "an \x1b]0;PWNED\x07 title and \x1b[31mred\x1b[0m text",
    "C1 \x9b31m and \x07 bell and \x08 backspace",
]


async def test_article_text_is_never_markup_or_terminal_control(tmp_path):
    article = tmp_path / "hostile.txt"
    body = "\n\n".join(f'Il ministro Mario Rossi ha detto: "{s}".' for s in HOSTILE)
    article.write_text(f"2025-10-21\n\nTitolo\n\n{body}\n", encoding="utf-8")
    store = Workbench.open(tmp_path / "store", REVIEWER)
    store.ingest.add([article])
    texts = [q["text"] for q in quote_list(store)]
    assert len(texts) == len(HOSTILE)
    assert not any(ch in t for t in texts for ch in "\x1b\x9b\x07\x08")  # stripped on ingest
    app = WorkbenchApp(store)
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()  # the article texts, for the detail pane
        await pilot.pause()
        screen = screen_of(app)
        for n in range(len(HOSTILE)):
            screen.claim_list.cursor = n
            await pilot.pause()
            pane = screen.query_one("#detail")
            plain = pane.plain
            rendered = "".join(pane.render_line(y).text for y in range(pane.size.height))
            assert screen.claim_list.current.text in plain  # shown literally
            assert screen.claim_list.current.text.split()[0] in rendered
            for strip in (screen.claim_list.render_line(y) for y in range(1, len(HOSTILE) + 1)):
                for segment in strip:
                    assert not segment.style or not segment.style.link
                    assert not (segment.style and segment.style.meta), segment
        # the "quit" text is plain text, not an action: clicking it does nothing
        await pilot.click(ClaimList, offset=(40, 3))
        await pilot.pause()
        assert app.is_running
        # a hostile note is data too
        noted = screen.claim_list.current.id
        await pilot.press("c", "k", "e", *"[@click=app.quit]x[/]", "enter")
        await pilot.pause()
        assert app.is_running
    assert reopened(store).reviewing.review(noted).note == "[@click=app.quit]x[/]"


async def test_a_filter_that_shows_nothing(store):
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = screen_of(app)
        screen.apply(Filters(speaker="nobody at all"))
        await pilot.pause()
        assert screen.claims.shown == [] and screen.claim_list.current is None
        await pilot.press("c", "x", "e", "z", "j", "G", "n")  # nothing to act on: no crash
        await pilot.pause()
        assert app.is_running
    assert quote_list(reopened(store), Filters(status="confirmed")) == []


async def test_a_large_store_opens_on_its_first_page_then_reads_every_claim(store, monkeypatch):
    monkeypatch.setattr("workbench.tui.app.FIRST_PAGE_FROM", 0)
    monkeypatch.setattr("workbench.views.claims.FIRST_PAGE", 5)
    app = WorkbenchApp(store)
    assert not app.claims.complete and len(app.claims.rows) == 5
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = screen_of(app)
        assert screen.claims.complete and len(screen.claims.shown) == 18
        assert any(r.group_size > 1 for r in screen.claims.rows)  # groups read too
        first = screen.claim_list.current.id
        await pilot.press("c")
        await pilot.pause()
    assert reopened(store).reviewing.review(first).status == "confirmed"


def burst(app, *keys: str) -> None:
    """Keys arriving all at once, as a fast typist's or a paste do in a real terminal:
    queued together, with no pause for the app to handle one before the next arrives
    (pilot.press waits for the app to go idle after each key, which hides the race)."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


@pytest.mark.parametrize("opener, field", [
    ("slash", "#search"),  # search
    ("e", "#prompt-input"),  # note
    ("u", "#prompt-input"),  # evidence URL
    ("f", "#speaker"),  # filters: the first field
    ("F", "#final-reason"),  # final verdict: 1 picks the verdict, then the reason
])
async def test_keys_typed_right_after_an_opening_key_go_into_its_field(store, opener, field):
    """`/ c a d` typed fast saved confirmed, attributed and disputed: the letters were
    dispatched to the list before the search field had the focus."""
    first = first_ids(store, 1)[0]
    store.team.add_lead(REVIEWER)
    needs_verdict = opener in ("e", "u")
    if needs_verdict:
        store.reviewing.mark(first, "confirmed")
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        keys = [opener, *(["1"] if opener == "F" else []), "c", "a", "d", "x", "z"]
        burst(app, *keys)
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one(field).value.endswith("cadxz")
        assert app.screen.focused is app.screen.query_one(field)
    saved = reopened(store)
    reviewed = [q["id"] for q in quote_list(saved) if q["review"]]
    assert reviewed == ([first] if needs_verdict else [])
    if needs_verdict:
        assert saved.reviewing.review(first).status == "confirmed" and saved.reviewing.review(first).note == ""
    assert saved.team.finals() == {} or opener != "F"


async def test_keys_in_a_burst_act_in_the_order_typed(store):
    """A verdict key, a move and a note key typed at once: the note goes to the claim the
    cursor is on after the move, as typed (a key that jumped the queue would note the
    first claim)."""
    ids = first_ids(store, 3)
    app = WorkbenchApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        burst(app, "c", "c", "k", "e", *"second", "enter")
        await pilot.pause()
        await pilot.pause()
    saved = reopened(store)
    assert saved.reviewing.review(ids[0]).note == ""
    assert saved.reviewing.review(ids[1]).note == "second"
    assert saved.reviewing.review(ids[2]) is None
