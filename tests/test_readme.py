"""The README's key table lists every key the review workbench binds."""

from __future__ import annotations

from pathlib import Path

from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.claim_list import ClaimList

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
NAMES = {"slash": "/", "question_mark": "?", "right_square_bracket": "]",
         "left_square_bracket": "[", "pagedown": "pgdn", "pageup": "pgup"}


def test_every_key_is_in_the_readme_key_table():
    table = README[README.index("## The review workbench"):README.index("## Measured")]
    for binding in [*ReviewScreen.BINDINGS, *ClaimList.BINDINGS, *WorkbenchApp.BINDINGS]:
        for key in binding.key.split(","):
            shown = NAMES.get(key, key)
            variants = {f"`{shown}`", shown.replace("ctrl+", "ctrl+"), shown.upper()}
            if key in ("down", "up"):
                variants = {"arrows"}
            assert any(v in table for v in variants), f"{key} ({binding.description}) not in README"
