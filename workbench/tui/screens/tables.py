"""Shared pieces of the table screens (speakers, sources): a DataTable whose cells are
`Text` objects (a plain string cell would be read as markup) and the status columns."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable

from ...views import STATUS_ORDER, Claims, Filters, Tally, display_line
from ...services import Workbench
from ...vocab import STATUSES_IN_ORDER
from ..keys import in_order

# The short labels of the claims list (st column at 80 columns): the table fits 80.
STATUS_HEADERS = ("unrev", *(s.short for s in STATUSES_IN_ORDER))


@dataclass(frozen=True, slots=True)
class ShowClaims:
    """What a table screen returns (`dismiss`) when the reviewer picks a row: show the
    claims list with these filters, the cursor on `quote_id` if it is shown."""

    filters: Filters
    quote_id: str | None = None


def cell(value: object, style: str = "", width: int | None = None) -> Text:
    """A table cell: untrusted text as one plain line, cut with "…" past `width` cells."""
    text = Text(display_line(str(value)), style=style, no_wrap=True, overflow="ellipsis")
    if width is not None and text.cell_len > width:
        text.truncate(width, overflow="ellipsis")
    return text


def status_cells(tally: Tally) -> list[Text]:
    return [cell(tally.by_status.get(status, 0) or "", "dim" if status == STATUS_ORDER[0] else "")
            for status in STATUS_ORDER]


def new_table(columns: list[str]) -> DataTable:
    table = DataTable(cursor_type="row", zebra_stripes=True)
    for column in columns:
        table.add_column(column, key=column)
    return table


class TableScreen(Screen):
    """A screen over one DataTable: j/k and the arrows move, g/G first/last, ? lists the
    keys, esc goes back — in the order typed (tui.keys), like the review screen's."""

    BINDINGS = in_order([
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("pagedown,ctrl+d", "page(1)", "Page down", show=False),
        Binding("pageup,ctrl+u", "page(-1)", "Page up", show=False),
        Binding("home,g", "edge(False)", "First row", show=False),
        Binding("end,G", "edge(True)", "Last row", show=False),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("escape", "back", "Back"),
    ])

    @property
    def table(self) -> DataTable:
        return self.query_one(DataTable)

    def action_move(self, step: int) -> None:
        table = self.table
        if table.row_count:
            table.move_cursor(row=max(0, min(table.cursor_row + step, table.row_count - 1)))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.table.size.height - 2))

    def action_edge(self, last: bool) -> None:
        if self.table.row_count:
            self.table.move_cursor(row=self.table.row_count - 1 if last else 0)

    async def action_help(self) -> None:
        from .help import HelpScreen, key_rows
        from .prompts import open_dialog

        await open_dialog(self.app, HelpScreen(key_rows(self)))

    def action_back(self) -> None:
        self.dismiss(None)



class TallyScreen(TableScreen):
    """A table of speakers or sources (`Tally` rows) over the claims list: `rows()` gives
    the tallies, `add_row()` draws one; enter runs `action_claims`, esc goes back."""

    def __init__(self, wb: Workbench, claims: Claims) -> None:
        super().__init__()
        self.wb, self.claims = wb, claims
        self.tallies: list[Tally] = []

    def rows(self) -> list[Tally]:
        raise NotImplementedError

    def add_row(self, table: DataTable, tally: Tally) -> None:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.fill()
        self.query_one(DataTable).focus()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self.tallies = self.rows()
        for tally in self.tallies:
            self.add_row(table, tally)
        if self.tallies:
            table.move_cursor(row=min(row, len(self.tallies) - 1))

    @property
    def current(self) -> Tally | None:
        row = self.query_one(DataTable).cursor_row
        return self.tallies[row] if 0 <= row < len(self.tallies) else None

    def on_data_table_row_selected(self) -> None:  # a click on a row
        self.action_claims()

    def action_claims(self) -> None:
        raise NotImplementedError

    def show_claims(self, **filters) -> None:
        """Back to the claims list, filtered to this row's claims."""
        self.dismiss(ShowClaims(self.claims.with_filters(**filters)))

