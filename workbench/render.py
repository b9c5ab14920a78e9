"""Rich text for what the command line and the TUI both show: a version of a quote with
its wording drift from the reference version highlighted.

Article words only ever go into `Text` objects as plain strings, never through markup, so
"[bold]" in a quote is shown as typed.
"""

from __future__ import annotations

from rich.text import Text

from .matching import Drift

STYLES = {
    "insert": "bold green",  # words this version has and the reference does not
    "delete": "red strike",  # words of the reference this version dropped
    "respelling": "yellow",  # the same word spelt otherwise (a typo, a transliteration)
    "edge": "dim",  # context this version quotes beyond the reference
}
# Markers for output without colour (a pipe, a file): the convention of `git diff --word-diff`.
MARKERS = {"insert": ("{+", "+}"), "delete": ("[-", "-]"), "respelling": ("{~", "~}"), "edge": ("", "")}


def drift_text(drift: Drift, markers: bool = False, clean=None,
               styles: dict[str, str] | None = None) -> Text:
    """The other version's words, with what changed from the reference marked: added
    words, dropped words (struck through), respellings; trimmed context dimmed. `clean`
    (optional) makes each run of words safe to display; `styles` replaces STYLES (the
    workbench's come from its theme)."""
    text = Text()
    styles = styles or STYLES

    def add(words: str, kind: str | None) -> None:
        if clean is not None:
            words = clean(words)
        if not words:
            return
        if text:
            text.append(" ")
        if kind is None:
            text.append(words)
            return
        start, end = MARKERS[kind] if markers else ("", "")
        text.append(f"{start}{words}{end}", style=styles[kind])

    for segment in drift.segments:
        if segment.op == "equal":
            add(segment.b, None)
        elif segment.edge:
            add(segment.b, "edge")  # the reference's own extra words are not this version's
        elif segment.respelling:
            add(segment.b, "respelling")
        else:
            add(segment.a, "delete")
            add(segment.b, "insert")
    return text
