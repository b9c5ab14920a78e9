"""The export dialog: reviewed claims as JSON, ClaimReview JSON-LD or CSV, to a file."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

from ...claims import Filters
from ..keys import in_order
from ...store import Store
from ...store.files import StoreError, write_atomic
from .prompts import Confirm, open_dialog

FORMATS = {"json": "json", "claimreview": "jsonld", "csv": "csv"}


def tui_export_refusal(path: Path, store_root: Path) -> str | None:
    """Why the workbench will not write an export to `path`, or None. The TUI's own small
    guard (the command line has `--force` and a store-side writer of its own; they are to
    be one at the merge): never into the store's folder, whose files an export would
    replace or sit among (`--output store/corpus/quotes.json` broke every command), and
    never onto a folder."""
    target, root = path.resolve(), store_root.resolve()
    if target == root or root in target.parents:
        return (f"{target} is inside the store ({root}): an export there would overwrite or "
                "sit among the store's own files. Choose a file outside the store.")
    if target.is_dir():
        return f"{target} is a folder: give the name of a file."
    if not target.parent.is_dir():
        return f"{target.parent} does not exist: create the folder first, or choose another."
    return None


class ExportScreen(ModalScreen[Path | None]):
    """Writes the export and returns its path (None when cancelled)."""

    # esc is not a priority binding: with the format list open it closes the list first
    BINDINGS = [Binding("escape", "cancel", "Cancel"), *in_order([Binding("ctrl+s", "export", "Export")])]

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

    async def on_input_submitted(self) -> None:
        await self.action_export()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            await self.action_export()
        else:
            self.dismiss(None)

    async def action_export(self) -> None:
        """Check the path, ask before replacing a file, then write the export atomically
        (a temporary file moved into place: the old file or the new one, never half)."""
        fmt = self.query_one("#export-format", Select).value
        path = Path(self.query_one("#export-path", Input).value.strip() or "claims.json").expanduser()
        path = path.resolve()  # the message names the folder too, not only "claims.json"
        refusal = tui_export_refusal(path, self.store.root)
        if refusal:
            self.notify(refusal, title="Not exported", severity="error", timeout=10)
            return
        filtered = self.query_one("#export-filtered", Checkbox).value

        def write(replace: bool | None = True) -> None:
            if not replace:
                self.notify(f"{path} left as it was.", title="Not exported")
                return
            try:
                data = self.store.export(fmt, speaker=(self.filters.speaker or None) if filtered else None,
                                         source=(self.filters.source or None) if filtered else None)
                write_atomic(path, data)
            except (OSError, ValueError, StoreError) as error:
                self.notify(f"{path}: {error}", title="Not exported", severity="error", timeout=8)
                return
            self.app.notify(f"{len(data):,} bytes written to {path}", title="Exported")
            self.dismiss(path)

        if path.exists():
            await open_dialog(self.app, Confirm(f"{path} exists. Replace it with this export?"), write)
        else:
            write()

    def action_cancel(self) -> None:
        self.dismiss(None)
