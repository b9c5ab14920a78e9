"""The statistics screen: progress at a glance for a team lead — claims by status (this
reviewer's and final), by reviewer, by speaker and by source, agreement, and a timeline of
quotes by publication date."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Sparkline, Static

from ...store import Store
from .agreement import summary

STATUS_KEYS = ("unreviewed", "attributed", "disputed", "confirmed")
TOP = 10


def counts_table(title: str, rows: dict, key: str = "status", top: int = TOP) -> Table:
    table = Table(title=title, expand=True)
    table.add_column("")
    for status in STATUS_KEYS:
        table.add_column(status[:8], justify="right")
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


class StatisticsScreen(Screen):
    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.stats = store.statistics()

    def compose(self) -> ComposeResult:
        s = self.stats
        mine = s["status"]
        final = s["final"]
        head = Text()
        head.append(f"{s['quotes']} claims in {s['articles']} articles · ", style="bold")
        head.append(" · ".join(f"{k} {mine.get(k, 0)}" for k in STATUS_KEYS))
        head.append("\nfinal verdicts: " + " · ".join(f"{k} {v}" for k, v in final.items()))
        head.append(f"\nreviewed by anyone {s['reviewed_by_anyone']} · reviewers disagree on "
                    f"{s['disagreements']}")
        reviewers = Table(title="By reviewer", expand=True)
        reviewers.add_column("reviewer")
        reviewers.add_column("reviewed", justify="right")
        for status in STATUS_KEYS[1:]:
            reviewers.add_column(status[:8], justify="right")
        for name, row in s["by_reviewer"].items():
            reviewers.add_row(Text(name), str(row["reviewed"]),
                              *(str(row["status"].get(k, 0)) for k in STATUS_KEYS[1:]))
        days = list(s["timeline"].get("day", {}).values())
        with VerticalScroll(id="statistics"):
            yield Static(head, id="screen-title")
            yield Static(Text("Quotes per day", style="bold"))
            yield Sparkline(days or [0], id="timeline-sparkline")
            yield Static(timeline_text(s["timeline"]), id="timeline")
            with Horizontal(classes="stats-row"):
                yield Static(reviewers)
                yield Static(summary(s["agreement"]) if s["agreement"] else "")
            with Horizontal(classes="stats-row"):
                yield Static(counts_table(f"Top {TOP} speakers", s["by_speaker"]))
                yield Static(counts_table(f"Top {TOP} sources", s["by_source"]))
        yield Footer()

    def action_back(self) -> None:
        self.app.pop_screen()
