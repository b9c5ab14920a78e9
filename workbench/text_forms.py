"""Words around numbers and cut text, the same in the commands and the workbench."""

from __future__ import annotations

ELLIPSIS = "…"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """"1 article", "2 articles", "0 articles"; `plural_form` when adding "s" is wrong
    ("1 reply", "2 replies")."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def clip(text: str, width: int) -> str:
    """`text` cut to at most `width` characters, ending in "…" when it was cut."""
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)].rstrip() + ELLIPSIS
