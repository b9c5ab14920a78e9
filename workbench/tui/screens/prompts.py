"""Small modal dialogs: a line of text (a note, an evidence URL, a rating) and a yes/no
question, and the one way every dialog is opened (`open_dialog`).

Keys typed right after the key that opens a dialog must land in the dialog's field, never
in the screen below (where letters are verdicts). `open_dialog` is awaited by the action
that opens the dialog: the app handles no further key until the dialog is mounted with its
field focused (each dialog focuses its field in `on_mount`, synchronously), so a fast
typist's next keys are queued behind the dialog, not dispatched to the list meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Static

from ...store import StoreError

# What a save may raise for a reason the user can fix: shown in the dialog, which stays open.
REFUSALS = (StoreError, OSError, ValueError, KeyError)


async def open_dialog(app: App, dialog: Screen, done: Callable | None = None) -> None:
    """Push `dialog` and return once it is mounted (its field focused): see the module's
    docstring for why the opening action awaits this."""
    await app.push_screen(dialog, done)


def refusal_text(error: BaseException) -> str:
    """The message of a refused save (a KeyError's str() would be quoted)."""
    return str(error.args[0]) if error.args else str(error)


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text; enter accepts, esc cancels (returns None).

    `accept(line)` (optional) checks or saves the line before the dialog closes: if it
    raises one of REFUSALS, or returns an error message, the message is shown under the
    field and the dialog stays open with what was typed, so the keys typed next still go
    into the field (a closed dialog would let them run as review keys)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "",
                 accept: Callable[[str], str | None] | None = None) -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder = title, value, placeholder
        self.accept = accept

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static("", id="prompt-error", classes="dialog-error")
            yield Label(Text("enter save · esc cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#prompt-input", Input))

    @property
    def error(self) -> str:
        return str(self.query_one("#prompt-error", Static).content)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        line = event.value
        if self.accept is not None:
            try:
                problem = self.accept(line)
            except REFUSALS as error:
                problem = refusal_text(error)
            if problem:
                self.query_one("#prompt-error", Static).update(Text(problem))
                self.query_one("#prompt-error").display = True
                return
        self.dismiss(line)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(ModalScreen[bool]):
    """A yes/no question; y or enter confirms, n or esc declines."""

    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.question), classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", id="yes", variant="primary")
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#yes", Button))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
