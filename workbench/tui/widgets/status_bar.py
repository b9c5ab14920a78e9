"""The one-line status bar: who reviews, progress, filters, the last save."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class StatusBar(Widget):
    """A line of text that repaints itself only (Static.update lays the screen out again,
    which cost more than the rest of a review key at 100,000 claims)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = Text()

    def show(self, text: Text) -> None:
        self.text = text
        self.refresh()

    def render(self) -> Text:
        return self.text
