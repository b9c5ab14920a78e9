"""The one-line status bar: who reviews, the last save, what the list shows and why,
progress, sort."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

ALWAYS = 0  # a part's priority: shown whatever the width (cut at the end if need be)


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of the status line: its text, its style (a component class name, "" for
    none), and how much it matters (ALWAYS, then 1, 2, … kept in that order while they
    fit). `short` is a shorter text used when the full one does not fit."""

    text: str
    style: str = ""
    priority: int = ALWAYS
    short: str = ""


def fit_parts(parts: list[Part], width: int) -> list[str]:
    """The texts of the parts shown at `width`, in order: every ALWAYS part, then the
    others by priority as long as they fit (in full, else their short form)."""
    chosen = {n: p.text for n, p in enumerate(parts) if p.priority == ALWAYS}
    used = sum(cell_len(t) for t in chosen.values())
    for n, part in sorted(enumerate(parts), key=lambda np: np[1].priority):
        if part.priority == ALWAYS:
            continue
        for text in filter(None, (part.text, part.short)):
            if used + cell_len(text) <= width:
                chosen[n] = text
                used += cell_len(text)
                break
    return [chosen.get(n, "") for n in range(len(parts))]


class StatusBar(Widget):
    """A line of text that repaints itself only (Static.update lays the screen out again,
    which cost more than the rest of a review key at 100,000 claims); fitted to its width
    when drawn, so a narrow terminal drops the least useful parts, never the counts of
    what is shown or why."""

    COMPONENT_CLASSES = {"status-bar--reviewer", "status-bar--message", "status-bar--notice",
                         "status-bar--count", "status-bar--needle"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.parts: list[Part] = []

    def show(self, parts: list[Part]) -> None:
        self.parts = parts
        self.refresh()

    def style(self, name: str) -> Style:
        """A part's style from the theme (styles/workbench.tcss: `.status-bar--NAME`)."""
        return self.get_component_rich_style(f"status-bar--{name}", partial=True)

    @property
    def plain(self) -> str:
        return self.render().plain

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for part, shown in zip(self.parts, fit_parts(self.parts, self.size.width or 80)):
            if shown:
                text.append(shown, style=self.style(part.style) if part.style else "")
        return text
