"""The statistics screen: progress at a glance for a team lead — claims by status (this
reviewer's and final), by reviewer, by speaker and by source, agreement, and a timeline of
quotes by publication date."""

from __future__ import annotations

import datetime as dt

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Sparkline, Static

from ...services import Workbench
from ...vocab import REVIEW_STATES
from ..keys import in_order
from .agreement import plural, summary
from ...views import tallies

STATUS_KEYS = REVIEW_STATES
TOP = 10


def counts_table(title: str, rows: dict, key: str = "status", top: int = TOP) -> Table:
    table = Table(title=title, expand=True)
    table.add_column("")
    for status in STATUS_KEYS:
        table.add_column(status, justify="right")
    ranked = sorted(rows.items(), key=lambda kv: -sum(kv[1].get(key, {}).values()))[:top]
    for name, row in ranked:
        counts = row.get(key, {})
        table.add_row(Text(str(name)), *(str(counts.get(s, 0)) for s in STATUS_KEYS))
    return table


def timeline_text(timeline: dict) -> Text:
    months = timeline.get("month", {})
    text = Text()
    if not months:
        return Text("No dated quotes.", style="dim")
    largest = max(months.values())
    for month, count in months.items():
        bar = "█" * max(1, round(30 * count / largest))
        text.append(f"{month} ", style="bold")
        text.append(bar)
        text.append(f" {count}\n")
    if timeline.get("undated"):
        text.append(f"undated {timeline['undated']}\n", style="dim")
    return text


def daily_series(days: dict[str, int]) -> tuple[list[int], str, str]:
    """Quotes per calendar day from the first dated day to the last, days without quotes
    as 0 (a sparkline of the dated days alone would put a week's gap next to the day
    before), with the first and the last day."""
    known = sorted(d for d in days if len(d) == 10)
    if not known:
        return [], "", ""
    first, last = dt.date.fromisoformat(known[0]), dt.date.fromisoformat(known[-1])
    series = [days.get((first + dt.timedelta(n)).isoformat(), 0) for n in range((last - first).days + 1)]
    return series, known[0], known[-1]


def timeline_caption(days: dict[str, int]) -> Text:
    series, first, last = daily_series(days)
    if not series:
        return Text("Quotes per day: no quote is dated to the day", style="bold")
    peak = max(series)
    on = next(k for k in sorted(days) if days[k] == peak and len(k) == 10)
    return Text(f"Quotes per day, {first} to {last} ({plural(len(series), 'day')}): "
                f"at most {peak} a day ({on}); the bars are scaled to that", style="bold")


class StatisticsScreen(Screen):
    BINDINGS = in_order([
        Binding("down,j", "scroll(1)", "Scroll down", show=False),
        Binding("up,k", "scroll(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll(10)", "Page down", show=False),
        Binding("pageup", "scroll(-10)", "Page up", show=False),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("escape", "back", "Back"),
    ])

    def __init__(self, wb: Workbench) -> None:
        super().__init__()
        self.stats = tallies.statistics(wb)

    def compose(self) -> ComposeResult:
        s = self.stats
        mine = s["status"]
        final = s["final"]
        head = Text()
        head.append(f"{plural(s['quotes'], 'claim')} in {plural(s['articles'], 'article')} · ", style="bold")
        head.append(" · ".join(f"{k} {mine.get(k, 0)}" for k in STATUS_KEYS))
        head.append("\nfinal verdicts: " + " · ".join(f"{k} {v}" for k, v in final.items()))
        head.append(f"\nreviewed by anyone {s['reviewed_by_anyone']} · reviewers disagree on "
                    f"{s['disagreements']}")
        reviewers = Table(title="By reviewer", expand=True)
        reviewers.add_column("reviewer")
        reviewers.add_column("reviewed", justify="right")
        for status in STATUS_KEYS[1:]:
            reviewers.add_column(status, justify="right")
        for name, row in s["by_reviewer"].items():
            reviewers.add_row(Text(name), str(row["reviewed"]),
                              *(str(row["status"].get(k, 0)) for k in STATUS_KEYS[1:]))
        days = s["timeline"].get("day", {})
        series, first, last = daily_series(days)
        with VerticalScroll(id="statistics"):
            yield Static(head, id="screen-title")
            yield Static(timeline_caption(days), id="timeline-caption")
            if series:
                yield Sparkline(series, id="timeline-sparkline")
                with Horizontal(id="timeline-axis"):  # the dates at both ends of the bars
                    yield Label(first)
                    yield Label(last, id="timeline-last")
            yield Static(Text("Quotes per month", style="bold"))
            yield Static(timeline_text(s["timeline"]), id="timeline")
            with Horizontal(classes="stats-row"):
                yield Static(reviewers)
                yield Static(summary(s["agreement"]) if s["agreement"] else "")
            with Horizontal(classes="stats-row"):
                yield Static(counts_table(f"Top {TOP} speakers", s["by_speaker"]))
                yield Static(counts_table(f"Top {TOP} sources", s["by_source"]))
        yield Footer()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 120, "-narrow")  # the tables one under another

    def action_scroll(self, lines: int) -> None:
        self.query_one("#statistics", VerticalScroll).scroll_relative(y=lines, animate=False)

    async def action_help(self) -> None:
        from .help import HelpScreen, key_rows
        from .prompts import open_dialog

        await open_dialog(self.app, HelpScreen(key_rows(self)))

    def action_back(self) -> None:
        self.dismiss(None)
