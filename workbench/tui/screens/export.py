"""The export dialog: reviewed claims as JSON, ClaimReview JSON-LD or CSV, to a file."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

from ...views import Filters
from ..keys import in_order
from ...services import Workbench
from ...store import OutputExists, OutputRefused, StoreError
from .prompts import Confirm, open_dialog

FORMATS = {"json": "json", "claimreview": "jsonld", "csv": "csv"}


class ExportScreen(ModalScreen[Path | None]):
    """Writes the export and returns its path (None when cancelled)."""

    # esc is not a priority binding: with the format list open it closes the list first
    BINDINGS = [Binding("escape", "cancel", "Cancel"), *in_order([Binding("ctrl+s", "export", "Export")])]

    def __init__(self, wb: Workbench, filters: Filters) -> None:
        super().__init__()
        self.wb, self.filters = wb, filters

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
            yield Checkbox("Only the claims of the current speaker, source and kind filters",
                           bool(self.filters.speaker or self.filters.source or self.filters.names
                                or self.filters.article or self.filters.kind), id="export-filtered")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export (ctrl+s)", id="export", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#export-path", Input))

    def on_select_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#export-path", Input)
        stem = Path(path.value or "claims").with_suffix("")
        path.value = f"{stem}.{FORMATS[event.value]}"

    async def on_input_submitted(self) -> None:
        await self.action_export()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            await self.action_export()
        else:
            self.dismiss(None)

    async def action_export(self) -> None:
        """Write the export through the store's guarded writer (never into the store, never
        over a file unasked, atomically); ask before replacing a file."""
        fmt = self.query_one("#export-format", Select).value
        path = Path(self.query_one("#export-path", Input).value.strip() or "claims.json").expanduser()
        filtered = self.query_one("#export-filtered", Checkbox).value
        try:
            data = self.wb.exchange.export(fmt, filters=self.filters if filtered else None,
                                           notice=lambda message: self.app.notify(message, title="Left out", timeout=10))
        except (OSError, ValueError, StoreError) as error:
            self.notify(f"{error}", title="Not exported", severity="error", timeout=8)
            return

        def write(replace: bool) -> Path | None:
            try:
                written = self.wb.exchange.write(path, data, replace=replace)
            except OutputExists:
                raise
            except (OutputRefused, OSError, StoreError) as error:
                self.notify(f"{error}", title="Not exported", severity="error", timeout=10)
                return None
            self.app.notify(f"{len(data):,} bytes written to {written}", title="Exported")
            self.dismiss(written)
            return written

        def answered(replace: bool | None) -> None:
            if replace:
                write(True)
            else:
                self.notify(f"{path.resolve()} left as it was.", title="Not exported")

        try:
            write(False)
        except OutputExists as exists:
            await open_dialog(self.app, Confirm(f"{exists.path} exists. Replace it with this export?"), answered)

    def action_cancel(self) -> None:
        self.dismiss(None)
