"""The sources screen: every outlet and article with its claims by status, and the team's
annotations of each (a reliability rating from 1 to 5 and a note, kept per reviewer)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from ...views import Tally, display_line, source_tallies
from ..keys import in_order
from .prompts import TextPrompt, open_dialog
from .tables import STATUS_HEADERS, TallyScreen, cell, new_table, status_cells

NAME_WIDTH, OUTLET_WIDTH, RATINGS_WIDTH = 16, 10, 12  # cells: the table fits 80 columns


class SourcesScreen(TallyScreen):
    BINDINGS = in_order([
        Binding("enter", "claims", "Its claims"),
        Binding("r", "rate", "Rate 1–5"),
        Binding("e", "note", "Note"),
    ])  # keys in the order typed: see tui.keys

    def compose(self) -> ComposeResult:
        yield Static("Sources — outlets, then articles. enter shows the claims; r rates the "
                     "source's reliability (1 unreliable … 5 very reliable); e adds a note",
                     id="screen-title")
        yield new_table(["source", "kind", "outlet", "quotes", *STATUS_HEADERS, "ratings"])
        yield Static(id="source-notes")
        yield Footer()

    def fill(self) -> None:
        self.notes = self.wb.reviewing.source_notes()
        super().fill()
        self.show_notes()

    def rows(self) -> list[Tally]:
        return source_tallies(self.claims)

    def add_row(self, table: DataTable, tally: Tally) -> None:
        ratings = [f"{n.reviewer}:{n.reliability}" for n in self.notes
                   if n.source == tally.name and n.kind == tally.kind and n.reliability]
        # the name and outlet are cut to fit 80 columns; the notes below name it in full
        table.add_row(cell(tally.name, "bold", NAME_WIDTH), cell(tally.kind),
                      cell(", ".join(tally.names), width=OUTLET_WIDTH), cell(tally.total),
                      *status_cells(tally), cell(" ".join(ratings), width=RATINGS_WIDTH))

    def on_data_table_row_highlighted(self) -> None:
        self.show_notes()

    def show_notes(self) -> None:
        tally = self.current
        text = Text()
        if tally is not None:
            text.append(f"{tally.kind} {display_line(tally.name)}\n", style="bold")
            for note in self.wb.reviewing.source_notes(tally.name):
                if note.kind != tally.kind:
                    continue
                text.append(display_line(note.reviewer), style="bold")
                text.append(f" {note.time[:16].replace('T', ' ')}  ")
                text.append(f"reliability {note.reliability or '–'}  ")
                text.append(display_line(note.note) + "\n")
            if not any(note.kind == tally.kind for note in self.wb.reviewing.source_notes(tally.name)):
                text.append("No annotation of this source yet.")
        self.query_one("#source-notes", Static).update(text)

    def _mine(self, tally: Tally):
        return next((n for n in self.wb.reviewing.source_notes(tally.name)
                     if n.kind == tally.kind and n.reviewer == self.wb.reviewer), None)

    def _annotate(self, tally: Tally, **changes) -> None:
        """Save this reviewer's annotation of `tally` with `changes` (raises what the
        store refuses: the dialog shows it and stays open)."""
        mine = self._mine(tally)
        values = {"outlet": mine.outlet if mine else "", "url": mine.url if mine else "",
                  "reliability": mine.reliability if mine else None,
                  "note": mine.note if mine else ""} | changes
        self.wb.reviewing.annotate_source(tally.name, tally.kind, **values)

    async def action_rate(self) -> None:
        tally = self.current
        if tally is None:
            return
        mine = self._mine(tally)

        def accept(value: str) -> str | None:
            value = value.strip()
            if value not in {"1", "2", "3", "4", "5"}:
                return f"A rating is a number from 1 to 5, not {value!r}."
            self._annotate(tally, reliability=int(value))
            return None

        current = str(mine.reliability) if mine and mine.reliability else ""
        await open_dialog(self.app, TextPrompt(f"Reliability of {tally.name} (1–5)", current,
                                               accept=accept), self._saved)

    async def action_note(self) -> None:
        tally = self.current
        if tally is None:
            return
        mine = self._mine(tally)
        await open_dialog(self.app, TextPrompt(f"Note on {tally.name}", mine.note if mine else "",
                                               accept=lambda note: self._annotate(tally, note=note)),
                          self._saved)

    def _saved(self, value: str | None) -> None:
        if value is not None:
            self.fill()

    def action_claims(self) -> None:
        tally = self.current
        if tally is not None:
            self.show_claims(**({"article": tally.name} if tally.kind == "article"
                                else {"source": tally.name}))
