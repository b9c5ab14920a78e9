"""The export dialog: reviewed claims as JSON, ClaimReview JSON-LD or CSV, to a file."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

from ...claims import Filters
from ...store import Store
from ...store.files import StoreError

FORMATS = {"json": "json", "claimreview": "jsonld", "csv": "csv"}


class ExportScreen(ModalScreen[Path | None]):
    """Writes the export and returns its path (None when cancelled)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"),
                Binding("ctrl+s", "export", "Export", priority=True)]

    def __init__(self, store: Store, filters: Filters) -> None:
        super().__init__()
        self.store, self.filters = store, filters

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Export reviewed claims", classes="dialog-title")
            yield Label("Format")
            yield Select([("JSON (every field; read back by workbench import)", "json"),
                          ("ClaimReview JSON-LD (claims with a final verdict)", "claimreview"),
                          ("CSV (one row per claim and reviewer)", "csv")],
                         value="json", allow_blank=False, id="export-format")
            yield Label("File")
            yield Input("claims.json", id="export-path")
            yield Checkbox("Only the speaker and source of the current filters",
                           bool(self.filters.speaker or self.filters.source), id="export-filtered")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export (ctrl+s)", id="export", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#export-path", Input))

    def on_select_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#export-path", Input)
        stem = Path(path.value or "claims").with_suffix("")
        path.value = f"{stem}.{FORMATS[event.value]}"

    def on_input_submitted(self) -> None:
        self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_export() if event.button.id == "export" else self.dismiss(None)

    def action_export(self) -> None:
        fmt = self.query_one("#export-format", Select).value
        path = Path(self.query_one("#export-path", Input).value.strip() or "claims.json").expanduser()
        filtered = self.query_one("#export-filtered", Checkbox).value
        try:
            data = self.store.export(fmt, speaker=(self.filters.speaker or None) if filtered else None,
                                     source=(self.filters.source or None) if filtered else None)
            if path.exists() and path.is_dir():
                raise IsADirectoryError(f"{path} is a folder")
            path.write_bytes(data)
        except (OSError, ValueError, StoreError) as error:
            self.notify(f"{path}: {error}", title="Not exported", severity="error", timeout=8)
            return
        self.app.notify(f"{len(data):,} bytes written to {path}", title="Exported")
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
