"""The final verdict dialog (lead reviewers): the verdict that settles a claim, and why."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from ...views import ClaimRow
from ..keys import in_order
from ...vocab import STATUSES


class FinalScreen(ModalScreen[tuple[str, str] | None]):
    """Returns (verdict, reason), ("clear", "") to withdraw the final verdict, or None."""

    # esc is not a priority binding: with the verdict list open it closes the list first
    BINDINGS = [Binding("escape", "cancel", "Cancel"), *in_order([
                         Binding("ctrl+s", "save", "Save"),
                         *(Binding(str(number), f"choose('{status}')", status.capitalize())
                           for number, status in enumerate(STATUSES, 1))])]  # see tui.keys

    def __init__(self, row: ClaimRow, final: dict | None) -> None:
        super().__init__()
        self.row, self.final = row, final

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Final verdict", classes="dialog-title")
            yield Label(Text(f"“{self.row.text[:200]}” — {self.row.speaker or 'unknown'}"))
            team = ", ".join(f"{name}: {r.status}" for name, r in self.row.verdicts.items())
            yield Label(Text(f"Verdicts: {team or 'none yet'}", style="dim"))
            yield Label(Text(" · ".join(f"{n} {s}" for n, s in enumerate(STATUSES, 1)) + ", then the reason",
                             style="dim"))
            current = self.final["status"] if self.final else Select.NULL
            yield Select([(s, s) for s in STATUSES], value=current, prompt="verdict", id="final-status")
            yield Input(self.final.get("reason", "") if self.final else "",
                        placeholder="why (shown to the team and exported)", id="final-reason")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Withdraw final", id="clear")
                yield Button("Cancel (esc)", id="cancel")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and isinstance(self.focused, Input):
            return False  # a digit typed into the reason
        return True

    def on_mount(self) -> None:
        # The verdict first (1/2/3 pick it), focused at once: see prompts.open_dialog.
        self.set_focus(self.query_one("#final-status", Select))

    def on_input_submitted(self) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "clear":
            self.dismiss(("clear", ""))
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        status = self.query_one("#final-status", Select).value
        reason = self.query_one("#final-reason", Input).value.strip()
        if status is Select.NULL:
            self.notify("Choose the verdict.", severity="warning")
        elif not reason:
            self.notify("Say why: the reason is recorded with the verdict.", severity="warning")
        else:
            self.dismiss((status, reason))

    def action_choose(self, status: str) -> None:
        """1/2/3 pick the verdict and move on to the reason (typed digits go to the reason)."""
        self.query_one("#final-status", Select).value = status
        self.set_focus(self.query_one("#final-reason", Input))  # now, not after a refresh

    def action_cancel(self) -> None:
        self.dismiss(None)
