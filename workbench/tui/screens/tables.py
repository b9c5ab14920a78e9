"""Shared pieces of the table screens (speakers, sources): a DataTable whose cells are
`Text` objects (a plain string cell would be read as markup) and the status columns."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from ...claims import STATUS_ORDER, Tally, display_line

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
