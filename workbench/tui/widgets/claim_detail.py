"""The detail pane: everything about the highlighted claim.

Article text is untrusted: it only ever enters `rich.text.Text` objects as plain strings
(never markup), after control characters are removed, so "[link=…]" or an escape
sequence in a quote is shown as typed and does nothing.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import messages
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..keys import in_order
from ...vocab import STATUSES
from ...views import ClaimDetail, display_line, display_text
from ...render import drift_text
from .claim_list import FLAG_LABELS, FLAG_SHORT

FLAG_NAMES = {"attribution": "Attribution conflict", "misquote": "Possible misquote"}

# The styles of the detail, by name. These defaults carry no colour (a detail rendered
# outside the workbench); the pane takes each from its component class
# `claim-detail--NAME` in styles/workbench.tcss, i.e. from the theme's variables.
PLAIN_STYLES = {
    "heading": "bold underline", "label": "bold", "quote": "bold", "muted": "", "speaker": "italic",
    **{status: "bold" for status in STATUSES}, "warning": "bold",
    "warning-text": "", "highlight": "bold reverse", "cue": "bold underline",
    "insert": "bold", "delete": "strike", "respelling": "underline", "edge": "",
}
DRIFT_NAMES = ("insert", "delete", "respelling", "edge")


def safe(text: str | None) -> str:
    """Article text for display: control characters removed (ingest removes them too;
    this guards records written by other means), emoji sequences made plain
    (claims.terminal_safe)."""
    return display_text(text)


def detail_text(detail: ClaimDetail, styles: dict | None = None) -> Text:
    q, article = detail.quote, detail.article
    st = PLAIN_STYLES | (styles or {})
    out = Text()

    def heading(title: str) -> None:
        out.append(f"\n{title}\n", style=st["heading"])

    def field(label: str, value: str | None, style: str = "") -> None:
        if value:
            out.append(f"{label}: ", style=st["label"])
            out.append(safe(value), style=style)
            out.append("\n")

    out.append("“", style=st["muted"])
    out.append(safe(q["text"]), style=st["quote"])
    out.append("”\n", style=st["muted"])
    field("Speaker", detail.speaker or "unknown")
    if detail.aliases:
        field("Also quoted as", ", ".join(detail.aliases))
    if q.get("speaker") and q["speaker"] != detail.speaker:
        field("Named here", q["speaker"])
    field("Kind", q.get("kind"))
    field("Cue", q.get("cue"))
    field("Via", q.get("via"))
    source = article.get("outlet") or article.get("title")
    field("Source", source)
    field("Article", q["article"])
    field("URL", article.get("url"))
    field("Published", str(article.get("published") or q.get("published") or ""))
    field("Said on", " ".join(filter(None, [q.get("said_on"), q.get("said_on_text") and
                                            f"({display_line(q['said_on_text'])})"])))

    heading("In the article")
    out.append_text(_paragraph(detail, st))
    out.append("\n")

    heading("Verdicts")
    if detail.final:
        final = detail.final
        out.append("Final: ", style=st["label"])
        out.append(final["status"], style=st.get(final["status"], ""))
        if final.get("how") == "adjudicated":
            out.append(f"  adjudicated by {safe(str(final.get('by') or ''))}", style=st["muted"])
            if final.get("reason"):
                out.append(" — ")
                out.append(safe(final["reason"]))
        else:
            by = final.get("by") or []
            out.append(f"  agreed by {safe(', '.join(by))}" if len(by) > 1 else
                       f"  {safe(', '.join(by))}'s verdict, no one disagrees", style=st["muted"])
        out.append("\n")
    if not detail.reviews:
        out.append("No verdict yet.\n", style=st["muted"])
    for review in detail.reviews:
        out.append(f"{safe(review.reviewer)}: ", style=st["label"])
        out.append(review.status, style=st.get(review.status, ""))
        out.append(f"  {review.time[:16].replace('T', ' ')}\n", style=st["muted"])
        if review.note:
            out.append("  note: ", style=st["muted"])
            out.append(safe(review.note) + "\n")
        for url in review.evidence:
            out.append("  evidence: ", style=st["muted"])
            out.append(safe(url) + "\n")

    if detail.group is not None:
        group = detail.group
        heading(f"Also reported ({len(group.members) - 1} other version"
                f"{'s' if len(group.members) > 2 else ''}, {group.articles} "
                f"article{'s' if group.articles != 1 else ''})")
        for flag in group.flags:
            out.append(f"⚠ {FLAG_NAMES.get(flag, flag)} ({FLAG_LABELS.get(flag)}, "
                       f"{FLAG_SHORT.get(flag)} in a narrow list): ", style=st["warning"])
            out.append(_flag_text(flag, group) + "\n", style=st["warning-text"])
        for version in detail.versions:
            other = version.quote
            earliest = " (earliest)" if other["id"] == group.earliest else ""
            out.append(f"• {safe(other.get('outlet') or other['article'])}", style=st["label"])
            out.append(f" {other.get('published') or ''}{earliest} — ", style=st["muted"])
            out.append(safe(other.get("speaker") or "unknown speaker") + "\n", style=st["speaker"])
            out.append("  ")
            out.append_text(drift_text(version.drift, clean=safe,
                                       styles={name: st[name] for name in DRIFT_NAMES}))
            out.append("\n")
        hidden = len(group.members) - 1 - len(detail.versions)
        if hidden > 0:
            out.append(f"… and {hidden} more version{'s' if hidden != 1 else ''} "
                       "(workbench dupes --group lists them all)\n", style=st["muted"])
    return out


def _flag_text(flag: str, group) -> str:
    if flag == "attribution":
        return "the versions name different speakers: " + ", ".join(safe(s) for s in group.speakers)
    return "the earliest version's words differ from later ones (possible misquote)"


def _paragraph(detail: ClaimDetail, st: dict) -> Text:
    """The paragraph with the quote and the cue highlighted. Made safe piece by piece
    between the highlight's edges: `safe` may drop characters, and the spans are offsets
    into the paragraph as stored."""
    paragraph = detail.paragraph
    styles = []
    start, end = detail.quote_span
    if 0 <= start < end <= len(paragraph):
        styles.append((start, end, st["highlight"]))
    if detail.cue_span:
        styles.append((*detail.cue_span, st["cue"]))
    edges = sorted({0, len(paragraph), *(n for a, b, _ in styles for n in (a, b)
                                         if 0 <= n <= len(paragraph))})
    text = Text()
    for left, right in zip(edges, edges[1:]):
        style = Style.combine([Style(), *(Style.parse(x) if isinstance(x, str) else x
                                          for a, b, x in styles if a <= left and right <= b)])
        text.append(safe(paragraph[left:right]), style=style)
    return text


class ClaimDetailPane(ScrollView, can_focus=True):
    """Scrollable detail of one claim, drawn line by line: changing the claim re-wraps one
    text and repaints this pane (a Static of changing height cost 30 ms of layout on every
    key; a virtual size change only refreshes the scrollbars of this widget)."""

    BINDINGS = in_order([
        Binding("down,j", "scroll_down", "Scroll down", show=False),
        Binding("up,k", "scroll_up", "Scroll up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ])  # keys in the order typed: see tui.keys

    COMPONENT_CLASSES = {f"claim-detail--{name}" for name in PLAIN_STYLES}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = Text()
        self.detail: ClaimDetail | None = None
        self.lines: list[Strip] = []
        self._wrapped_at = -1
        self._base = Style()
        self._style_cache: dict[str, Style] | None = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._wrapped_at = -1  # the theme changed: colour and wrap the lines again
        self._style_cache = None
        if self.detail is not None and self.is_mounted:
            self.text = detail_text(self.detail, self.styles_by_name())

    def styles_by_name(self) -> dict[str, Style]:
        """The detail's styles from the theme (component classes), worked out once per theme."""
        if self._style_cache is None:
            self._style_cache = {name: self.get_component_rich_style(f"claim-detail--{name}", partial=True)
                                 for name in PLAIN_STYLES}
        return self._style_cache

    @property
    def plain(self) -> str:
        return self.text.plain

    def show_waiting(self) -> None:
        self.detail = None
        self._set(Text("Reading the articles…", style=self.styles_by_name()["muted"]))

    def show(self, detail: ClaimDetail | None) -> None:
        self.detail = detail
        self._set(detail_text(detail, self.styles_by_name()) if detail else
                  Text("No claim to show.", style=self.styles_by_name()["muted"]))

    def _set(self, text: Text) -> None:
        self.text = text
        self._wrapped_at = -1
        self.scroll_to(y=0, animate=False, immediate=True)
        self._wrap()
        self.refresh()
        if self.is_mounted:
            # The screen is told now, not when this pane next idles: the new detail is
            # drawn in the frame that draws the row the cursor moved to, not a frame
            # (17 ms) after it.
            self.screen.post_message(messages.Update(self))

    def _wrap(self) -> None:
        """Wrap the text to the width the lines are drawn in: the content region less the
        scrollbar's gutter, which is kept whether or not the scrollbar shows (CSS
        `scrollbar-gutter: stable`), so a scrollbar appearing never hides the last letter
        of a line. The virtual height is the number of lines: the end of the scroll is
        the end of the text, not blank space."""
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._wrapped_at:
            return
        console = self.app.console
        options = console.options.update_width(width)
        style = self._base = self.rich_style
        self.lines = [Strip(line).crop(0, width).apply_style(style)
                      for line in console.render_lines(self.text, options, pad=False)]
        self._wrapped_at = width
        size = Size(width, len(self.lines))
        if size != self.virtual_size:
            # Not `self.virtual_size = size`: that reactive lays the whole screen out
            # again (10 ms a cursor move at 160×48); this pane's scrollbars are all that
            # depend on it (one showing or hiding still lays out, as it must).
            self.set_reactive(ClaimDetailPane.virtual_size, size)
            self._scroll_update(size)
            self.refresh()

    def on_resize(self) -> None:
        self._wrap()

    def render_line(self, y: int) -> Strip:
        self._wrap()
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if index >= len(self.lines):
            return Strip.blank(width, self._base)
        return self.lines[index].extend_cell_length(width, self._base)
