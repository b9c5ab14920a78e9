"""The filters dialog: which claims the list shows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

from ...views import Filters
from ...vocab import KINDS, STATUSES, TEAM_FILTERS, UNREVIEWED


class FilterScreen(ModalScreen[Filters | None]):
    """Edit the filters; ctrl+s or the Apply button applies, esc cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "apply", "Apply", priority=True),
        Binding("ctrl+r", "reset", "Clear all", priority=True),
    ]

    def __init__(self, filters: Filters) -> None:
        super().__init__()
        self.filters = filters

    def compose(self) -> ComposeResult:
        f = self.filters
        # The fields scroll (a short terminal), the buttons stay in view under them; the
        # first field is the one typed into first, and tab follows the order on screen.
        with Vertical(classes="dialog", id="filters"):
            yield Label("Filters", classes="dialog-title")
            with VerticalScroll(id="filter-fields", can_focus=False):
                with Grid(id="filter-grid"):
                    yield Label("Speaker contains")
                    yield Input(f.speaker, id="speaker", compact=True)
                    yield Label("Source contains")
                    yield Input(f.source, id="source", compact=True, placeholder="outlet or article")
                    yield Label("Status")
                    yield Select([(s, s) for s in (UNREVIEWED, *STATUSES)],
                                 value=f.status or Select.NULL, prompt="any status", id="status",
                                 compact=True)
                    yield Label("Kind")
                    yield Select([(k, k) for k in KINDS], value=f.kind or Select.NULL,
                                 prompt="any kind", id="kind", compact=True)
                    yield Label("Team")
                    yield Select([(label, key) for key, label in TEAM_FILTERS.items()],
                                 value=f.team or Select.NULL, prompt="any", id="team", compact=True)
                yield Checkbox("Conflicts only", f.conflicts, id="conflicts", compact=True)
                yield Checkbox("Unreviewed only", f.status == UNREVIEWED, id=UNREVIEWED, compact=True)
                yield Checkbox("Show scare quotes", f.scare, id="scare", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply (ctrl+s)", id="apply", variant="primary", compact=True)
                yield Button("Clear all (ctrl+r)", id="reset", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#speaker", Input))

    def chosen(self) -> Filters:
        status = self.query_one("#status", Select).value
        status = None if status is Select.NULL else status
        if self.query_one(f"#{UNREVIEWED}", Checkbox).value:
            status = UNREVIEWED
        kind = self.query_one("#kind", Select).value
        team = self.query_one("#team", Select).value
        return Filters(
            team=None if team is Select.NULL else team,
            status=status,
            speaker=self.query_one("#speaker", Input).value.strip(),
            source=self.query_one("#source", Input).value.strip(),
            kind=None if kind is Select.NULL else kind,
            conflicts=self.query_one("#conflicts", Checkbox).value,
            scare=self.query_one("#scare", Checkbox).value,
        )

    def on_input_submitted(self) -> None:
        self.action_apply()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"apply": self.action_apply, "reset": self.action_reset,
         "cancel": self.action_cancel}[event.button.id]()

    def action_apply(self) -> None:
        self.dismiss(self.chosen())

    def action_reset(self) -> None:
        self.dismiss(Filters())

    def action_cancel(self) -> None:
        self.dismiss(None)
