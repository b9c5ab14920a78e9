"""What the workbench looks like: SVG snapshots of the review screen (80×24 and 160×48),
the help screen and the filters dialog, on a store of the seed articles.

The screens change on purpose while the UI is worked on; after checking a change by eye
(a failing run writes `snapshot_report.html`), regenerate the snapshots with

    .venv/bin/pytest tests/tui/test_tui_snapshots.py --snapshot-update

and commit `tests/tui/__snapshots__/test_tui_snapshots/`.

Deterministic by construction: a fixed reviewer name (the status bar shows it), no
verdicts (so no review times), no temporary paths on screen, the article texts read
before the picture is taken (the detail pane waits for them), no cursor blink.
"""

from __future__ import annotations


import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from workbench.services import Workbench
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.filters import FilterScreen
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.review import ReviewScreen

REVIEWER = "snapshot"


@pytest.fixture
def app(seeded_root) -> WorkbenchApp:
    return WorkbenchApp(Workbench.open(seeded_root, REVIEWER))


async def settled(pilot: Pilot) -> None:
    """Wait for the article reader (detail pane) and stop every cursor blinking."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for screen in pilot.app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False
    await pilot.pause()


def then(*keys: str, expect: type = ReviewScreen):
    """run_before: settle, press `keys`, settle again, and check the screen on top is
    `expect` over a review screen with claims (not an error screen or an empty list)."""
    async def run_before(pilot: Pilot) -> None:
        await settled(pilot)
        if keys:
            await pilot.press(*keys)
            await settled(pilot)
        stack = pilot.app.screen_stack
        assert isinstance(stack[-1], expect), stack
        review = next(screen for screen in stack if isinstance(screen, ReviewScreen))
        assert review.claims.shown, "the seed store shows no claims"
    return run_before


def test_review_screen_80x24(app, snap_compare):
    assert snap_compare(app, terminal_size=(80, 24), run_before=then())


def test_review_screen_160x48(app, snap_compare):
    assert snap_compare(app, terminal_size=(160, 48), run_before=then())


def test_help_screen(app, snap_compare):
    assert snap_compare(app, terminal_size=(120, 40),
                        run_before=then("question_mark", expect=HelpScreen))


def test_filters_dialog(app, snap_compare):
    assert snap_compare(app, terminal_size=(120, 40), run_before=then("f", expect=FilterScreen))
