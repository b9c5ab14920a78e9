"""The agreement screen: percent agreement and Cohen's kappa for each pair of reviewers,
Krippendorff's alpha over all of them, with the counts behind each figure, and the claims
on which reviewers disagree — enter reviews one of them."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from ...views import Claims
from ...services import Workbench
from ..keys import in_order
from .tables import ShowClaims, TableScreen, cell, new_table
from ...views import tallies


def figure(value: float | None, reason: str = "") -> str:
    return f"{value:.3f}" if value is not None else f"— ({reason})" if reason else "—"


def summary(result: dict) -> Table:
    table = Table(title="Agreement on the claims both reviewers reviewed", expand=True)
    for column in ("reviewers", "claims", "agree", "percent", "Cohen's κ", "p_o", "p_e"):
        table.add_column(column)
    for pair in result["pairs"]:
        table.add_row(Text(f"{pair['a']} × {pair['b']}"), str(pair["items"]), str(pair["agreements"]),
                      "—" if pair["percent"] is None else f"{100 * pair['percent']:.1f} %",
                      Text(figure(pair["kappa"], pair["reason"])), figure(pair["observed"]),
                      figure(pair["expected"]))
    if not result["pairs"]:
        table.add_row("no two reviewers yet", "", "", "", "", "", "")
    alpha = result["alpha"]
    table.caption = alpha_caption(alpha)
    return table


def alpha_caption(alpha: dict) -> str:
    """Krippendorff's alpha with the counts behind it; with fewer than two reviewers, why
    there is none ("α over 0 reviewers" said nothing a new user could act on)."""
    coders = alpha["coders"]
    if coders < 2:
        have = "no reviewer has" if coders == 0 else "only one reviewer has"
        return (f"Krippendorff's α needs verdicts of two reviewers or more on the same claims: "
                f"{have} reviewed so far.")
    return (f"Krippendorff's α (nominal) over {plural(coders, 'reviewer')}: "
            f"{figure(alpha['alpha'], alpha['reason'])} — {alpha['pairable_items']} of "
            f"{plural(alpha['items'], 'claim')} reviewed by two or more, "
            f"{plural(alpha['values'], 'pairable verdict')}; D_o {figure(alpha['observed_disagreement'])}, "
            f"D_e {figure(alpha['expected_disagreement'])}")


def plural(count: int, noun: str) -> str:
    """ "1 claim", "2 claims"."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


class AgreementScreen(TableScreen):
    BINDINGS = in_order([Binding("enter", "review", "Review this claim")])

    def __init__(self, wb: Workbench, claims: Claims) -> None:
        super().__init__()
        self.wb, self.claims = wb, claims
        self.result = tallies.agreement(wb)

    def compose(self) -> ComposeResult:
        yield Static(summary(self.result), id="agreement-summary")
        count = len(self.result["disagreements"])
        yield Static(f"{plural(count, 'claim')} on which reviewers disagree — "
                     "enter reviews the highlighted one", id="screen-title")
        yield new_table(["speaker", "quote", "verdicts", "final"])
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for item in self.result["disagreements"]:
            verdicts = " ".join(f"{name}:{status}" for name, status in sorted(item["verdicts"].items()))
            final = item["final"]["status"] if item.get("final") else ""
            table.add_row(cell(item.get("speaker") or "?"), cell(item["text"][:80]), cell(verdicts),
                          cell(final))
        table.focus()

    def on_data_table_row_selected(self) -> None:
        self.action_review()

    def action_review(self) -> None:
        row = self.query_one(DataTable).cursor_row
        items = self.result["disagreements"]
        if not 0 <= row < len(items):
            return
        self.dismiss(ShowClaims(self.claims.with_filters(team="disagree", status=None, scare=False),
                                items[row]["id"]))
