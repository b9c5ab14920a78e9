"""The review workbench application: opens the store and the review screen."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from ..views import Claims
from ..resources import stylesheets
from ..services import Workbench
from .commands import ScreenActions
from .screens.review import ReviewScreen

THEMES = ("textual-dark", "textual-light")
FIRST_PAGE_FROM = 20_000  # quotes


class WorkbenchApp(App):
    TITLE = "Quote Workbench"
    CSS_PATH = stylesheets()
    COMMANDS = App.COMMANDS | {ScreenActions}
    BINDINGS = [
        Binding("q", "quit_top", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("ctrl+t", "toggle_theme", "Dark/light theme", show=False),
        Binding("ctrl+p", "command_palette", "Commands", show=False),
    ]

    def __init__(self, wb: Workbench, theme: str = "textual-dark") -> None:
        super().__init__()
        self.wb = wb
        self.theme = theme
        # A large store opens on its first page; the review screen reads the rest right
        # after the first paint (a second at 100,000 claims).
        large = len(wb.store.corpus.quotes) > FIRST_PAGE_FROM
        self.claims = Claims.first_page(wb) if large else Claims.load(wb)

    def get_default_screen(self) -> ReviewScreen:
        return ReviewScreen(self.wb, self.claims)

    def action_quit_top(self) -> None:
        """q quits from the top screen; over a dialog it closes the dialog."""
        if len(self.screen_stack) > 1:
            self.screen.dismiss(None)
        else:
            self.exit()

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[(THEMES.index(self.theme) + 1) % 2] if self.theme in THEMES else THEMES[0]
