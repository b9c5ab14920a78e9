"""The speakers screen: every speaker after aliases, the names they are quoted under,
their claims by status; merge, split and reset aliases (recorded like verdicts)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from ...views import Tally, speaker_tallies
from ..keys import in_order
from .prompts import TextPrompt, open_dialog
from .tables import STATUS_HEADERS, TallyScreen, cell, new_table, status_cells

class SpeakersScreen(TallyScreen):
    BINDINGS = in_order([
        Binding("enter", "claims", "Their claims"),
        Binding("m", "merge", "Merge into…"),
        Binding("p", "split", "Split a name off"),
        Binding("r", "reset", "Reset a name"),
    ])  # keys in the order typed: see tui.keys

    def compose(self) -> ComposeResult:
        yield Static("Speakers — enter shows their claims; m merges, p splits a name off, "
                     "r resets a name to the automatic aliases", id="screen-title")
        yield new_table(["speaker", "also quoted as", "quotes", *STATUS_HEADERS])
        yield Footer()

    def rows(self) -> list[Tally]:
        return speaker_tallies(self.wb, self.claims)

    def add_row(self, table: DataTable, tally: Tally) -> None:
        others = [n for n in tally.names if n != tally.name]
        table.add_row(cell(tally.name, "bold"), cell(", ".join(others)), cell(tally.total),
                      *status_cells(tally))

    def _changed(self, what: str, alias) -> None:
        self.claims.reload(self.wb)  # conflict flags depend on the aliases
        self.fill()
        self.notify(f"{alias.name} → {alias.speaker}", title=what)

    async def action_merge(self) -> None:
        await self._ask("merge", lambda tally: (f"Merge {tally.name} into which speaker?", ""),
                  lambda tally, into: self.wb.speakers.merge(tally.name, into))

    async def action_split(self) -> None:
        def prompt(tally: Tally) -> tuple[str, str]:
            others = [n for n in tally.names if n != tally.name]
            return f"Which name of {tally.name} is a speaker of its own?", others[0] if others else ""

        await self._ask("split", prompt, lambda tally, name: self.wb.speakers.split(name))

    async def action_reset(self) -> None:
        await self._ask("reset", lambda tally: ("Back to the automatic aliases for which name?", tally.name),
                  lambda tally, name: self.wb.speakers.reset(name))

    async def _ask(self, what: str, prompt, change) -> None:
        """Ask for a name about the highlighted speaker (`prompt(tally)` gives the question
        and the answer offered), then record `change(tally, name)`; a name the store
        refuses (unknown, already one speaker) keeps the dialog open with the reason."""
        tally = self.current
        if tally is None:
            return
        saved = []

        def accept(name: str) -> str | None:
            if not name.strip():
                return "Type a speaker's name (esc cancels)."
            saved.append(change(tally, name.strip()))
            return None

        def done(name: str | None) -> None:
            if name is not None and saved:
                self._changed(what, saved[-1])

        question, offered = prompt(tally)
        await open_dialog(self.app, TextPrompt(question, offered, accept=accept), done)

    def action_claims(self) -> None:
        tally = self.current
        if tally is not None:
            self.show_claims(names=frozenset({tally.name, *tally.names}))
