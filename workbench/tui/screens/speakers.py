"""The speakers screen: every speaker after aliases, the names they are quoted under,
their claims by status; merge, split and reset aliases (recorded like verdicts)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from ...claims import Tally, speaker_tallies
from .prompts import TextPrompt
from .tables import STATUS_HEADERS, TallyScreen, cell, new_table, status_cells

ERRORS = (KeyError, ValueError, OSError)


class SpeakersScreen(TallyScreen):
    BINDINGS = [
        Binding("enter", "claims", "Their claims"),
        Binding("m", "merge", "Merge into…"),
        Binding("p", "split", "Split a name off"),
        Binding("r", "reset", "Reset a name"),
        Binding("escape", "back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Speakers — enter shows their claims; m merges, p splits a name off, "
                     "r resets a name to the automatic aliases", id="screen-title")
        yield new_table(["speaker", "also quoted as", "quotes", *STATUS_HEADERS])
        yield Footer()

    def rows(self) -> list[Tally]:
        return speaker_tallies(self.store, self.claims)

    def add_row(self, table: DataTable, tally: Tally) -> None:
        others = [n for n in tally.names if n != tally.name]
        table.add_row(cell(tally.name, "bold"), cell(", ".join(others)), cell(tally.total),
                      *status_cells(tally))

    def _changed(self, what: str, change) -> None:
        try:
            alias = change()
        except ERRORS as error:
            message = error.args[0] if error.args else str(error)
            self.notify(str(message), title=f"Not saved: {what}", severity="error")
            return
        self.claims.reload(self.store)  # conflict flags depend on the aliases
        self.fill()
        self.notify(f"{alias.name} → {alias.speaker}", title=what)

    def action_merge(self) -> None:
        tally = self.current
        if tally is None:
            return

        def done(into: str | None) -> None:
            if into:
                self._changed("merge", lambda: self.store.merge_speakers(tally.name, into.strip()))

        self.app.push_screen(TextPrompt(f"Merge {tally.name} into which speaker?"), done)

    def action_split(self) -> None:
        tally = self.current
        if tally is None:
            return
        others = [n for n in tally.names if n != tally.name]

        def done(name: str | None) -> None:
            if name:
                self._changed("split", lambda: self.store.split_speaker(name.strip()))

        self.app.push_screen(TextPrompt(f"Which name of {tally.name} is a speaker of its own?",
                                        others[0] if others else ""), done)

    def action_reset(self) -> None:
        tally = self.current
        if tally is None:
            return

        def done(name: str | None) -> None:
            if name:
                self._changed("reset", lambda: self.store.reset_speaker(name.strip()))

        self.app.push_screen(TextPrompt("Back to the automatic aliases for which name?", tally.name), done)

    def action_claims(self) -> None:
        tally = self.current
        if tally is not None:
            self.dismiss_to_claims(names=frozenset({tally.name, *tally.names}))

    def dismiss_to_claims(self, **filters) -> None:
        self.app.pop_screen()
        self.app.screen.apply(self.claims.with_filters(**filters))
