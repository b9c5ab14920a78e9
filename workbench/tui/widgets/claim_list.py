"""The claims list: a virtual list that renders only the lines on screen.

A widget per row (or the stock DataTable, which measures every row) froze the terminal for
seconds at 100,000 quotes; a Line-API ScrollView draws the 40 visible lines and nothing
else, so opening, scrolling and marking cost the same at 100 or 100,000 claims.
"""

from __future__ import annotations

from math import ceil

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip

from ..keys import in_order
from ...views import ClaimRow, Claims, display_line
from ...vocab import FLAG_LABELS, FLAG_SHORT, REVIEW_STATES, STATUSES_IN_ORDER, UNREVIEWED  # noqa: F401

STATUS_LABELS = {UNREVIEWED: "·"} | {s.name: s.name for s in STATUSES_IN_ORDER}
STATUS_SHORT = {UNREVIEWED: "·"} | {s.name: s.short for s in STATUSES_IN_ORDER}
WIDE = 100  # from this width on, the list has room for full labels and the source


def fit(text: str, width: int) -> str:
    """`text` cut (with an ellipsis) or padded to exactly `width` cells."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    out, used = [], 0
    for char in text:
        size = cell_len(char)
        if used + size > width - 1:
            break
        out.append(char)
        used += size
    return "".join(out) + "…" + " " * (width - 1 - used)


class ClaimList(ScrollView, can_focus=True):
    """One line per claim under a fixed header line; `cursor` is the highlighted row."""

    BINDINGS = in_order([
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("pagedown,ctrl+d", "page(1)", "Page down", show=False),
        Binding("pageup,ctrl+u", "page(-1)", "Page up", show=False),
        Binding("home,g", "first", "First claim", show=False),
        Binding("end,G", "last", "Last claim", key_display="G", show=False),
    ])  # keys in the order typed: see tui.keys
    COMPONENT_CLASSES = {
        "claim-list--header", "claim-list--cursor", "claim-list--flag", "claim-list--dim",
        *(f"claim-list--{state}" for state in REVIEW_STATES),
    }

    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)  # watch_cursor repaints
    team_view: reactive[bool] = reactive(False)  # every reviewer's verdict instead of source/date

    class Highlighted(Message):
        """The highlighted claim changed (None: the list is empty)."""

        def __init__(self, row: ClaimRow | None) -> None:
            super().__init__()
            self.row = row

    def __init__(self, claims: Claims, **kwargs) -> None:
        super().__init__(**kwargs)
        self.claims = claims
        self._style_key: tuple | None = None
        self._style_cache: dict[str, Style] = {}
        # The rows drawn lately, by quote id: (row, status, width, highlighted, strip).
        # Scrolling by a line draws every line again, all but one of them as it was.
        self._drawn: dict[str, tuple] = {}

    # -- data ---------------------------------------------------------------------------
    @property
    def current(self) -> ClaimRow | None:
        shown = self.claims.shown
        return shown[self.cursor] if 0 <= self.cursor < len(shown) else None

    def reload(self, keep: str | None = None) -> None:
        """The rows changed (filters, sort): size the list again and put the cursor on
        `keep` if it is still shown, else on the first row."""
        position = self.claims.position(keep) if keep else None
        self.virtual_size = Size(self.size.width, len(self.claims.shown) + 1)
        self.cursor = position if position is not None else 0
        self._drawn.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_key = None  # CSS or theme changed
        self._drawn.clear()

    def watch_team_view(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.claims.shown) + 1)
        self._follow_cursor()

    # -- cursor ---------------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.claims.shown) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        top = int(self.scroll_y)
        self._follow_cursor()
        if int(self.scroll_y) == top:  # else the scroll repaints every line
            # the two rows whose highlight changed, not the whole list: the screen
            # redraws only what is refreshed, and a list of 47 lines was half of a move
            self._refresh_row(old)
            self._refresh_row(new)
        # Straight to the screen, not bubbled up through the panes: it gets there before
        # this list's repaint does, so the row and the detail it shows are drawn in one
        # frame (bubbled, the row was drawn first and the detail a frame, 17 ms, later).
        (self.screen if self.is_attached else self).post_message(self.Highlighted(self.current))

    def _refresh_row(self, index: int) -> None:
        y = index - int(self.scroll_y) + 1  # under the header
        if 1 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def watch_scroll_y(self, old: float, new: float) -> None:
        """ScrollView's, except that the scrollbar is repainted only when its thumb is
        drawn elsewhere: at 100,000 claims a line of scroll moves it by a 2,000th of a
        cell, and repainting the bar each time was a third of a scrolling move."""
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            position = bar.validate_position(new)
            drawn = _thumb(bar, position)
            if drawn is not None and drawn == _thumb(bar, bar.position):
                bar.set_reactive(ScrollBar.position, position)
            else:
                bar.position = position
        if round(old) != round(new):
            self.refresh(self.size.region)

    def _follow_cursor(self) -> None:
        visible = max(1, self.size.height - 1)  # rows under the header
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.size.height - 2)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.claims.shown) - 1

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.cursor = int(self.scroll_y) + event.y - 1

    # -- drawing --------------------------------------------------------------------------
    def _team_columns(self, room: int) -> list[tuple[str, int]]:
        """A column per reviewer (this one first) and the final verdict, as many as fit."""
        columns = [("final", 5)]
        for name in self.claims.reviewers:
            if (len(columns) + 1) * 6 > room:
                break
            columns.append((f"@{name}", 5))
        return columns[1:] + columns[:1]

    def _columns(self, width: int) -> list[tuple[str, int]]:
        """Column names and widths for this width: the quote takes what is left; the source
        is dropped below 100 cells (readable at 80×24)."""
        if width < WIDE:
            fixed, tail = [("status", 4), ("speaker", 14)], [("date", 10), ("group", 3), ("flag", 2)]
        else:
            fixed = [("status", 10), ("speaker", 18)]
            tail = [("source", 16 if width < 140 else 24), ("date", 10), ("group", 3), ("flag", 11)]
        if self.team_view:
            fixed = [("speaker", 14)]
            tail = [*self._team_columns(max(12, width // 2)), ("group", 3), ("flag", 2)]
        used = sum(w for _, w in fixed + tail) + len(fixed + tail) + 1  # a space after each, quote too
        return [*fixed, ("quote", max(10, width - used)), *tail]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        index = int(self.scroll_y) + y - 1
        shown = self.claims.shown
        if index >= len(shown):
            return Strip.blank(width, self._styles()["base"])
        row, highlighted = shown[index], index == self.cursor
        if self.team_view:  # columns of the whole team: drawn afresh
            return self._row(row, width, highlighted)
        drawn = self._drawn.get(row.id)
        if drawn is not None and drawn[0] is row and drawn[1:4] == (row.status, width, highlighted):
            return drawn[4]
        strip = self._row(row, width, highlighted)
        if len(self._drawn) > 8 * max(1, self.size.height):
            self._drawn.clear()
        self._drawn[row.id] = (row, row.status, width, highlighted, strip)
        return strip

    def _styles(self) -> dict[str, Style]:
        """The row styles, worked out once per theme and focus (asking the DOM for each
        line's style was a tenth of a review key at 100,000 claims)."""
        key = (self.app.theme, self.has_focus)
        if self._style_key != key:
            self._style_key = key
            self._drawn.clear()
            self._style_cache = {"base": self.rich_style, **{
                name: self.get_component_rich_style(f"claim-list--{name}", partial=name != "cursor"
                                                    and name != "header")
                for name in ("header", "cursor", "dim", "flag", *STATUS_SHORT)}}
        return self._style_cache

    def _header(self, width: int) -> Strip:
        style = self._styles()["header"]
        names = {"final": "final", **{c: c[1:6] for c, _ in self._columns(width) if c.startswith("@")},
                 "group": "grp", "flag": "flag" if width >= WIDE else "⚠", "status": "status" if width >= WIDE else "st"}
        text = " ".join(fit(names.get(name, name), w) for name, w in self._columns(width))
        return Strip([Segment(fit(text, width), style)])

    def _row(self, row: ClaimRow, width: int, highlighted: bool) -> Strip:
        styles = self._styles()
        base = styles["base"]
        cursor = styles["cursor"] if highlighted else None
        dim = styles["dim"]
        wide = width >= WIDE and not self.team_view
        flags = " ".join(FLAG_LABELS[f] for f in row.flags) if wide else "".join(FLAG_SHORT[f] for f in row.flags)
        cells = {
            "status": ((STATUS_LABELS if wide else STATUS_SHORT).get(row.status, row.status),
                       styles.get(row.status)),
            "speaker": (display_line(row.speaker) or "?", None if row.speaker else dim),
            "quote": (display_line(row.text), dim if row.kind == "scare" else None),
            "source": (display_line(row.source), dim),
            "date": (row.date, dim),
            "group": (str(row.group_size) if row.group_size > 1 else "", None),
            "flag": (flags, styles["flag"]),
        }
        segments: list[Segment] = []
        for name, size in self._columns(width):
            if name.startswith("@") or name == "final":
                verdict = row.verdicts.get(name[1:]) if name != "final" else row.final
                status = (verdict.status if name != "final" else verdict["status"]) if verdict else UNREVIEWED
                value, style = STATUS_SHORT[status], styles.get(status)
            else:
                value, style = cells[name]
            segments.append(Segment(fit(value, size) + " ", _merge(base, style, cursor)))
        # measured, not told the width: a row one cell too long was drawn cut by the screen
        return Strip(segments).crop(0, width).extend_cell_length(width, cursor or base)


def _thumb(bar: ScrollBar, position: float) -> list[Segment] | None:
    """The segments of a vertical scrollbar with its thumb at `position`, as the bar
    draws them (ScrollBar._render_bar); None for a bar drawn some other way."""
    if not (isinstance(bar.renderer, type) and issubclass(bar.renderer, ScrollBarRender)):
        return None
    window = bar.window_size if bar.window_size < bar.window_virtual_size else 0
    return bar.renderer.render_bar(size=bar.size.height, virtual_size=ceil(bar.window_virtual_size),
                                   window_size=ceil(window), position=position,
                                   thickness=bar.thickness, vertical=True).segments


def _merge(base: Style, style: Style | None, cursor: Style | None) -> Style:
    combined = base + style if style else base
    return combined + cursor if cursor else combined

