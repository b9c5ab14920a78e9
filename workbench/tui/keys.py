"""Keys are handled in the order they were typed, each against the state the previous one
left — however fast they come (a paste into the terminal, a fast typist, a slow disk).

Textual runs a screen's (non-priority) bindings only once the key has travelled through
the focused widget and bubbled back up to the app, one message queue at a time; by then
the keys typed after it have been dispatched to the widget that was focused when they
arrived. So "/ c a d" sent c, a and d to the list, not to the search field that / opened,
and a dialog opened by one key missed the letters typed next. Priority bindings run when
the key arrives, in order: the review screen and the table screens declare every binding
through `in_order`, and each action that opens a field focuses it at once (Screen.set_focus)
or awaits its dialog's mount (prompts.open_dialog) before the next key is looked at.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding


def in_order(bindings: list[Binding]) -> list[Binding]:
    """`bindings` as priority bindings (see the module's docstring)."""
    return [replace(binding, priority=True) for binding in bindings]
