"""Shared pieces of the table screens (speakers, sources): a DataTable whose cells are
`Text` objects (a plain string cell would be read as markup) and the status columns."""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import DataTable

from ...claims import STATUS_ORDER, Claims, Tally, display_line
from ...store import Store

STATUS_HEADERS = ("unrev.", "attrib.", "disput.", "confirm.")


def cell(value: object, style: str = "") -> Text:
    return Text(display_line(str(value)), style=style)


def status_cells(tally: Tally) -> list[Text]:
    return [cell(tally.by_status.get(status, 0) or "", "dim" if status == STATUS_ORDER[0] else "")
            for status in STATUS_ORDER]


def new_table(columns: list[str]) -> DataTable:
    table = DataTable(cursor_type="row", zebra_stripes=True)
    for column in columns:
        table.add_column(column, key=column)
    return table


class TallyScreen(Screen):
    """A table of speakers or sources (`Tally` rows) over the claims list: `rows()` gives
    the tallies, `add_row()` draws one; enter runs `action_claims`, esc goes back."""

    def __init__(self, store: Store, claims: Claims) -> None:
        super().__init__()
        self.store, self.claims = store, claims
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

    def on_data_table_row_selected(self) -> None:  # enter on the table
        self.action_claims()

    def action_claims(self) -> None:
        raise NotImplementedError

    def show_claims(self, **filters) -> None:
        """Back to the claims list, filtered to this row's claims."""
        self.app.pop_screen()
        self.app.screen.apply(self.claims.with_filters(**filters))

    def action_back(self) -> None:
        self.app.pop_screen()
