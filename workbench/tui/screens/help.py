"""The help screen: every key of the screen it was opened from, generated from bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def key_rows(screen: Screen) -> list[tuple[str, str, str]]:
    """(where, keys, what) for every binding active on `screen`, in declaration order:
    the screen's, its focused widget's and the app's."""
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    sources = [("list", _declared(type(screen.focused)) if screen.focused else []),
               ("screen", _declared(type(screen))), ("app", _declared(type(screen.app)))]
    for where, bindings in sources:
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            keys = ", ".join(screen.app.get_key_display(Binding(key, ""))
                             for key in binding.key.split(","))
            if (keys, binding.description) not in seen:
                seen.add((keys, binding.description))
                rows.append((where, keys, binding.description))
    return rows


def _declared(cls: type) -> list:
    """The bindings a class and its bases of this package declare (a table screen's
    moves are its base's), the class's own first; Textual's own widgets' are not ours to
    document."""
    return [binding for klass in cls.__mro__ if klass.__module__.startswith("workbench")
            for binding in vars(klass).get("BINDINGS", [])]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close help")]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table(title="Keys", expand=True, show_edge=False)
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("what it does")
        table.add_column("where", style="dim")
        for where, keys, what in self.rows:
            table.add_row(Text(keys), Text(what), Text(where))
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(table)
            yield Static(Text("esc, q or ? closes · ctrl+p finds any action by name", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
