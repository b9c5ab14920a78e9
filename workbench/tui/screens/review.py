"""The review screen: the claims list, the detail of the highlighted claim, and every
review key. Each change goes through the store's repository API and is shown only once
the store has saved it; a failed save is shown as an error and the screen stays as it was.
"""

from __future__ import annotations

import gc
import time
import webbrowser

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input

from ...views import SORTS, ClaimRow, Claims, Filters, claim_detail, display_line
from ...services import Change, Workbench
from ...store import StoreError
from ...vocab import STATUSES, STATUSES_IN_ORDER, UNREVIEWED
from ..keys import in_order
from ..widgets.claim_detail import ClaimDetailPane
from ..widgets.claim_list import ClaimList
from ..widgets.status_bar import Part, StatusBar
from .agreement import plural
from .filters import FilterScreen
from .help import HelpScreen, key_rows
from .prompts import Confirm, TextPrompt, open_dialog
from .tables import ShowClaims

SAVE_ERRORS = (StoreError, OSError, ValueError, KeyError)  # NotLead is a PermissionError (OSError)


# While the search field has the focus, the screen's letter keys are letters (typed into
# the search); only esc (close the search) acts.
IN_SEARCH = frozenset({"back"})
OTHER_SESSIONS_EVERY = 2.0  # seconds between looks at this reviewer's journal (a stat of two files)
# A cursor move shows its claim's detail at once, unless the last one was shown less than
# this long ago (keys waiting in a row: a held key faster than the screen): then once the
# keys stop, for the row the cursor is on. A key pressed on its own (or repeated at 30 a
# second, when each is drawn before the next) never waits.
DETAIL_GAP = 0.01  # seconds


def review_difference(undone: dict | None, now: dict | None) -> str:
    """What differs between a verdict as a change left it (`undone`) and as it is now:
    the verdict itself, an evidence URL, or the note."""
    old_status = undone["status"] if undone else UNREVIEWED
    new_status = now["status"] if now else UNREVIEWED
    if old_status != new_status or not undone or not now:
        return f"verdict {old_status} (now {new_status})"
    urls = [u for u in undone.get("evidence", []) if u not in now.get("evidence", [])] or [
        u for u in now.get("evidence", []) if u not in undone.get("evidence", [])]
    if urls:
        return f"evidence URL {display_line(urls[-1])}"
    if undone.get("note") != now.get("note"):
        return "note"
    return f"verdict {new_status}"


def change_message(change: Change, word: str) -> str:
    """What an undo or redo did, for the status bar: "undone: evidence URL https://…"."""
    if change.kind == "reviews":
        return f"{word}: {plural(len(change.changes), 'verdict')} of one group"
    if change.kind == "review":
        return f"{word}: {review_difference(change.before, change.after)}"
    if change.kind == "final":
        return f"{word}: final verdict" + (f" {change.after['status']}" if change.after else " withdrawn")
    if change.kind == "alias":
        return f"{word}: speaker correction of {display_line(change.target)}"
    return f"{word}: note on source {display_line(change.target)}"


def group_question(wb: Workbench, members: list[str], quote_id: str, status: str) -> str:
    """The question M asks: how many verdicts it gives, and which of this reviewer's own
    verdicts on other versions it replaces (by status)."""
    replaced: dict[str, int] = {}
    new = same = 0
    for member in members:
        if member == quote_id:
            continue
        review = wb.reviewing.review(member)
        if review is None:
            new += 1
        elif review.status == status:
            same += 1
        else:
            replaced[review.status] = replaced.get(review.status, 0) + 1
    parts = []
    if replaced:
        which = ", ".join(f"{n} {s}" for s, n in sorted(replaced.items()))
        parts.append(f"replaces {plural(sum(replaced.values()), 'verdict')} of yours ({which})")
    if new:
        parts.append(f"marks {plural(new, 'unreviewed version')}")
    if same:
        parts.append(f"leaves {same} already {status}")
    return (f"Mark all {len(members)} versions of this statement {status}? This "
            + "; ".join(parts or ["changes nothing"]) + ". One change: z undoes it all.")


class ReviewScreen(Screen):
    BINDINGS = in_order([
        *(Binding(f"{s.key},{number}", f"mark('{s.name}')", s.name.capitalize(), key_display=s.key)
          for number, s in enumerate(STATUSES_IN_ORDER, 1)),
        Binding("x", "clear", "Clear", show=False),
        Binding("space", "skip", "Skip to next", show=False),
        Binding("right_square_bracket", "next_unreviewed", "Next unreviewed", key_display="]",
                show=False),
        Binding("left_square_bracket", "previous_unreviewed", "Previous unreviewed",
                key_display="[", show=False),
        Binding("e", "note", "Note", show=False),
        Binding("u", "evidence", "Add evidence URL", show=False),
        Binding("o", "open_evidence", "Open evidence URL", show=False),
        Binding("y", "copy_evidence", "Copy evidence URL", show=False),
        Binding("z,ctrl+z", "undo", "Undo", key_display="z"),
        Binding("Z,ctrl+y", "redo", "Redo", key_display="Z", show=False),
        Binding("M", "mark_group", "Verdict to whole group", show=False),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("n", "find(False)", "Next match", show=False),
        Binding("N", "find(True)", "Previous match", show=False),
        Binding("f", "filters", "Filter", show=False),
        Binding("C", "toggle_conflicts", "Conflicts only", show=False),
        Binding("U", "toggle_unreviewed", "Unreviewed only", show=False),
        Binding("S", "toggle_scare", "Show/hide scare quotes", show=False),
        Binding("s", "sort", "Sort", show=False),
        Binding("tab", "switch_pane", "List/detail", show=False),
        Binding("escape", "back", "Clear search/filters", show=False),
        Binding("T", "team_view", "Team view: every reviewer's verdict", show=False),
        Binding("t", "team_filter", "Team filter: mine/others/disagree/unresolved", show=False),
        Binding("F", "final", "Final verdict (lead)", show=False),
        Binding("f2", "sources", "Sources", show=False),
        Binding("f3", "speakers", "Speakers", show=False),
        Binding("f4", "agreement", "Agreement", show=False),
        Binding("f5", "statistics", "Statistics", show=False),
        Binding("ctrl+e", "export", "Export", show=False),
    ])

    def __init__(self, wb: Workbench, claims: Claims) -> None:
        super().__init__()
        self.wb, self.claims = wb, claims
        self.needle = ""
        self.articles_ready = False  # article texts read (in a worker, at start)
        self.shown_before = False
        self.last_message = ""
        self.log_seen = len(wb.store.mine.events)  # this reviewer's events looked at (other sessions')
        self.detail_shown = 0.0  # when a cursor move last showed its detail (time.monotonic)
        self.detail_waiting = False  # a detail to show once the keys stop (DETAIL_GAP)

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield StatusBar(id="status-bar")
        with Horizontal(id="panes"):
            yield ClaimList(self.claims, id="claims")
            yield ClaimDetailPane(id="detail")
        yield Input(placeholder="search quote, speaker, source — enter keeps, esc clears",
                    id="search")
        yield Footer(show_command_palette=False)  # ctrl+p is in the help; room for q Quit at 80 columns

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.focused, Input) and action not in IN_SEARCH:
            return False  # a letter typed into the search field
        return True

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        claim_list = self.query_one(ClaimList)
        claim_list.focus()
        claim_list.reload()
        self.update_status()
        self.query_one(ClaimDetailPane).show_waiting()
        self.set_interval(OTHER_SESSIONS_EVERY, self.check_other_sessions)
        if self.claims.complete:
            self.run_worker(self._read_articles, thread=True, group="articles")
        else:
            self.call_after_refresh(self._read_every_claim)

    def _read_every_claim(self) -> None:
        """The first page is on screen: now every claim (on this thread: keys pressed
        meanwhile wait, in order, rather than race the store)."""
        keep = self.current.id if self.current else None
        self.claims.reload(self.wb)
        gc.freeze()  # 100,000 rows that live as long as the app: never scan them again
        self.claim_list.reload(keep)
        self.update_status()
        self.run_worker(self._read_articles, thread=True, group="articles")

    def _read_articles(self) -> None:
        """Read the article texts (a quarter of the store's bytes) after the list is on
        screen, then show the highlighted claim's detail; until then the detail waits."""
        current = self.current
        if current is not None:
            self.wb.store.article(current.article)
        self.app.call_from_thread(self._articles_ready)

    def _articles_ready(self) -> None:
        gc.freeze()  # the article texts, read meanwhile, live as long as the app too
        self.articles_ready = True
        self.show_detail(self.current)

    @property
    def claim_list(self) -> ClaimList:
        return self.query_one(ClaimList)

    @property
    def current(self) -> ClaimRow | None:
        return self.claim_list.current

    def update_status(self, message: str = "") -> None:
        """The status bar; `message` says what the last change was (it stays until the
        next one, also across dialogs). At 80 columns the bar keeps the reviewer, the
        message, how many claims are shown of how many and why (filters, search), and
        drops the per-status counts and the sort first."""
        counts = self.claims.counts()
        total = sum(counts.values())
        reviewed = total - counts.get(UNREVIEWED, 0)
        shown = len(self.claims.shown)
        parts = [Part(f" {display_line(self.wb.reviewer)} ", "reviewer")]
        if message:
            parts.append(Part(f" {message} ", "message"))
        parts.append(Part(f" showing {shown} of {total}" if shown != total else f" showing {total}",
                          "count"))
        filters = self.claims.filters.describe()
        if filters:
            parts.append(Part(f" — filter: {filters}", "notice"))
        if self.needle:
            parts.append(Part(f" /{display_line(self.needle)}", "needle"))
        if not self.claims.complete:
            parts.append(Part(" (reading every claim…)", "notice", 1, " (reading…)"))
        parts.append(Part(f"  {reviewed}/{total} reviewed", "", 2, f" {reviewed}/{total}"))
        parts.append(Part("".join(f" · {s} {counts.get(s, 0)}" for s in STATUSES), "", 4,
                          " " + " ".join(f"{s[0]}{counts.get(s, 0)}" for s in STATUSES)))
        parts.append(Part(f"  sort: {SORTS[self.claims.order]}", "", 3))
        self.last_message = message
        self.query_one(StatusBar).show(parts)

    def on_claim_list_highlighted(self, event: ClaimList.Highlighted) -> None:
        if self.detail_waiting:
            return  # the timer shows the row the cursor is on then
        if time.monotonic() - self.detail_shown < DETAIL_GAP:
            self.detail_waiting = True
            self.set_timer(DETAIL_GAP, self._show_waiting_detail)
            return
        self.show_detail(event.row)
        self.detail_shown = time.monotonic()

    def _show_waiting_detail(self) -> None:
        self.detail_waiting = False
        self.show_detail(self.current)
        self.detail_shown = time.monotonic()

    def show_detail(self, row: ClaimRow | None) -> None:
        pane = self.query_one(ClaimDetailPane)
        if not self.articles_ready:
            return  # _articles_ready shows it
        if row is None:
            pane.show(None)
            return
        try:
            pane.show(claim_detail(self.wb, row.id))
        except SAVE_ERRORS as error:
            self.notify(str(error), title="Cannot show the claim", severity="error")

    def refresh_claim(self, quote_id: str, message: str, detail: bool = True) -> None:
        """A saved change: the row (with the team's verdicts), the detail and the counts
        show it."""
        self.claims.refresh_team(self.wb, quote_id)
        self.claim_list.refresh()
        if detail and self.current and self.current.id == quote_id:
            self.show_detail(self.current)
        self.update_status(message)

    def _save(self, what: str, change) -> object | None:
        """Run a store change; show its error (nothing changes on screen) if it fails."""
        try:
            return change()
        except SAVE_ERRORS as error:
            self.notify(str(error), title=f"Not saved: {what}", severity="error", timeout=8)
            return None

    # -- verdicts -------------------------------------------------------------------------
    def action_mark(self, status: str) -> None:
        row = self.current
        if row is None:
            return
        review = self._save(status, lambda: self.wb.reviewing.mark(row.id, status))
        if review is not None:
            # the list moves on: the detail shown next is the next claim's (the cursor
            # watcher shows it, also on the last row, where the cursor stays)
            self.refresh_claim(row.id, f"saved: {status}", detail=False)
            self.claim_list.action_move(1)

    def action_clear(self) -> None:
        row = self.current
        if row is not None and self._save("clear", lambda: self.wb.reviewing.clear(row.id) or True):
            self.refresh_claim(row.id, "verdict cleared")

    def action_skip(self) -> None:
        self.claim_list.action_move(1)

    def action_next_unreviewed(self, backwards: bool = False) -> None:
        found = self.claims.next_unreviewed(self.claim_list.cursor, backwards)
        if found is None:
            self.notify("Every claim shown is reviewed.")
        else:
            self.claim_list.cursor = found

    def action_previous_unreviewed(self) -> None:
        self.action_next_unreviewed(backwards=True)

    async def action_note(self) -> None:
        await self._add_to_verdict(
            "note", lambda review, accept: TextPrompt("Note on this claim", review.note, accept=accept),
            lambda quote_id, note: self.wb.reviewing.note(quote_id, note))

    async def action_evidence(self) -> None:
        await self._add_to_verdict(
            "evidence URL", lambda review, accept: TextPrompt("Evidence URL", placeholder="https://…",
                                                              accept=accept),
            lambda quote_id, url: self.wb.reviewing.add_evidence(quote_id, url))

    async def _add_to_verdict(self, what: str, prompt, save) -> None:
        """Ask for a line (`prompt(review, accept)`) and `save(quote id, line)` it with this
        reviewer's verdict on the highlighted claim (a claim without one is refused). The
        save runs inside the dialog: a refused line keeps it open, with the reason."""
        row = self.current
        if row is None:
            return
        review = self.wb.reviewing.review(row.id)
        if review is None:
            self.notify(f"Mark the claim (a, d or c) before adding {'a ' if what == 'note' else 'an '}"
                        f"{what}.", severity="warning")
            return

        def accept(line: str) -> None:
            save(row.id, line)  # a refusal (ValueError, StoreError…) is shown by the dialog

        def done(line: str | None) -> None:
            if line is not None:
                self.refresh_claim(row.id, f"{what} saved")

        await open_dialog(self.app, prompt(review, accept), done)

    def _evidence_url(self) -> str | None:
        row = self.current
        review = self.wb.reviewing.review(row.id) if row else None
        if not review or not review.evidence:
            self.notify("This claim has no evidence URL yet (u adds one).", severity="warning")
            return None
        return review.evidence[-1]

    def action_open_evidence(self) -> None:
        url = self._evidence_url()
        if url is not None:
            if not url.lower().startswith(("http://", "https://")):
                self.notify("Only http and https links are opened.", severity="warning")
            elif not webbrowser.open(url):
                self.notify("No web browser could be started.", severity="warning")

    def action_copy_evidence(self) -> None:
        url = self._evidence_url()
        if url is not None:
            self.app.copy_to_clipboard(url)
            self.update_status("URL copied")

    def action_undo(self, redo: bool = False) -> None:
        """Undo (redo) this workbench's last change. A change made meanwhile in another
        workbench or command of the same reviewer is not undone from here: it is shown
        first (the rows and counts are brought up to date), and `workbench undo` undoes
        the reviewer's last change wherever it was made."""
        self.check_other_sessions()
        try:
            change = self.wb.reviewing.redo(session=True) if redo else self.wb.reviewing.undo(session=True)
        except SAVE_ERRORS as error:  # ChangedSince (a ValueError) says what changed where
            self.notify(str(error), title=f"Not {'redone' if redo else 'undone'}", severity="error",
                        timeout=8)
            return
        if change is None:
            self.notify("Nothing to redo in this session." if redo else
                        "Nothing to undo in this session (workbench undo undoes your last "
                        "change wherever it was made).")
            return
        message = change_message(change, "redone" if redo else "undone")
        quotes = [part.target for part in change.changes] if change.kind == "reviews" else (
            [change.target] if change.kind in ("review", "final") else [])
        if not quotes:
            self.update_status(message)
            return
        for quote_id in quotes[1:]:
            self.claims.refresh_team(self.wb, quote_id)
        self.refresh_claim(quotes[0], message)
        position = self.claims.position(quotes[0])
        if position is not None:
            self.claim_list.cursor = position

    def action_redo(self) -> None:
        self.action_undo(redo=True)

    def check_other_sessions(self) -> None:
        """Show the changes another session of this reviewer made since the last look
        (another workbench on the same store, a `workbench mark`): rows and counts.
        Run every few seconds, before an undo and when a screen closes."""
        try:
            found, self.log_seen = self.wb.reviewing.changes_elsewhere(self.log_seen)
        except SAVE_ERRORS as error:
            self.notify(str(error), title="Cannot read your journal", severity="error")
            return
        if not found:
            return
        keep = self.current.id if self.current else None
        changed = [part for change in found for part in change.parts()]
        if any(c.kind == "alias" for c in changed):  # conflict flags depend on the aliases
            self.claims.reload(self.wb)
        else:
            for quote_id in {c.target for c in changed if c.kind in ("review", "final")}:
                self.claims.refresh_team(self.wb, quote_id)
        self.claim_list.reload(keep)
        self.show_detail(self.current)
        self.update_status(f"{plural(len(found), 'change')} from another session of "
                          f"{self.wb.reviewer} shown")

    async def action_mark_group(self) -> None:
        row = self.current
        review = self.wb.reviewing.review(row.id) if row else None
        if row is None or row.group_size < 2:
            self.notify("This claim is not part of a group.")
            return
        if review is None:
            self.notify("Mark this claim first; M gives its verdict to the whole group.")
            return
        group = self.wb.groups.get(row.group)
        status = review.status

        def done(yes: bool | None) -> None:
            if not yes:
                return
            change = self._save(status, lambda: self.wb.reviewing.mark_many(group.members, status))
            if change is None:
                return
            for part in change.changes:
                self.claims.refresh_team(self.wb, part.target)
            self.refresh_claim(row.id, f"group marked {status}: "
                                       f"{plural(len(change.changes), 'verdict')} (z undoes them all)")

        await open_dialog(self.app, Confirm(group_question(self.wb, group.members, row.id, status)),
                          done)

    # -- search ---------------------------------------------------------------------------
    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.value = self.needle
        # Focused now, not after the next refresh (Widget.focus defers it): the letters
        # typed right after / are already queued and must go into the search, not run as
        # verdict keys on the list.
        self.set_focus(search)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.needle = event.value
            found = self.claims.search(self.needle, self.claim_list.cursor)
            if found is not None:
                self.claim_list.cursor = found
            self.update_status("" if found is not None or not self.needle else "no match")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            event.input.display = False
            self.claim_list.focus()
            matches = self.claims.matches(self.needle)
            self.update_status(f"{matches} match{'es' if matches != 1 else ''}" if self.needle else "")

    def action_find(self, backwards: bool) -> None:
        if not self.needle:
            self.notify("Search first with /.")
            return
        found = self.claims.search(self.needle, self.claim_list.cursor, backwards, include_start=False)
        if found is None:
            self.notify(f"No claim matches {self.needle!r}.")
        else:
            self.claim_list.cursor = found

    # -- filters and sort -----------------------------------------------------------------
    def show_claims(self, choice: ShowClaims | None) -> None:
        """A table screen's pick: its claims, the cursor on its claim."""
        if choice is None:
            return
        self.apply(choice.filters)
        position = self.claims.position(choice.quote_id) if choice.quote_id else None
        if position is not None:
            self.claim_list.cursor = position

    def apply(self, filters: Filters | None = None, order: str | None = None) -> None:
        keep = self.current.id if self.current else None
        if filters is not None and filters.team:
            self.claims.refresh_teams(self.wb)  # teammates' verdicts since
        self.claims.apply(filters, order)
        self.claim_list.reload(keep)
        if self.current is None:
            self.show_detail(None)
        self.update_status()

    async def action_filters(self) -> None:
        def done(filters: Filters | None) -> None:
            if filters is not None:
                self.apply(filters)

        await open_dialog(self.app, FilterScreen(self.claims.filters), done)

    def action_toggle_conflicts(self) -> None:
        self.apply(self.claims.with_filters(conflicts=not self.claims.filters.conflicts))

    def action_toggle_unreviewed(self) -> None:
        unreviewed = self.claims.filters.status == UNREVIEWED
        self.apply(self.claims.with_filters(status=None if unreviewed else UNREVIEWED))

    def action_toggle_scare(self) -> None:
        self.apply(self.claims.with_filters(scare=not self.claims.filters.scare))

    def action_sort(self) -> None:
        orders = list(SORTS)
        self.apply(order=orders[(orders.index(self.claims.order) + 1) % len(orders)])

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:
            search.display = False
            self.needle = ""
            self.claim_list.focus()
            self.update_status()
        elif self.needle:
            self.needle = ""
            self.update_status()
        elif self.claims.filters != Filters():
            self.apply(Filters())
        elif self.focused is not self.claim_list:
            self.claim_list.focus()

    def action_switch_pane(self) -> None:
        if self.focused is self.claim_list:
            self.query_one(ClaimDetailPane).focus()
        else:
            self.claim_list.focus()

    def action_team_view(self) -> None:
        if not self.claim_list.team_view:
            self.claims.refresh_teams(self.wb)
        self.claim_list.team_view = not self.claim_list.team_view

    def action_team_filter(self) -> None:
        order = [None, "mine", "others", "disagree", "unresolved"]
        current = self.claims.filters.team
        following = order[(order.index(current) + 1) % len(order)] if current in order else None
        self.apply(self.claims.with_filters(team=following))

    async def action_final(self) -> None:
        row = self.current
        if row is None:
            return
        self.claims.refresh_team(self.wb, row.id)
        if not self.wb.team.is_lead():
            leads = ", ".join(self.wb.team.leads()) or "none yet (workbench lead add NAME)"
            self.notify(f"Only a lead reviewer sets final verdicts. Leads: {leads}.",
                        severity="warning", timeout=8)
            return
        from .final import FinalScreen

        def done(choice: tuple[str, str] | None) -> None:
            if choice is None:
                return
            status, reason = choice
            if status == "clear":
                saved = self._save("final", lambda: self.wb.team.clear_final(row.id) or True)
            else:
                saved = self._save("final", lambda: self.wb.team.set_final(row.id, status, reason))
            if saved:
                self.refresh_claim(row.id, f"final: {status}")

        await open_dialog(self.app, FinalScreen(row, self.wb.team.final(row.id)), done)

    async def action_agreement(self) -> None:
        from .agreement import AgreementScreen

        await open_dialog(self.app, AgreementScreen(self.wb, self.claims), self.show_claims)

    async def action_statistics(self) -> None:
        from .statistics import StatisticsScreen

        await open_dialog(self.app, StatisticsScreen(self.wb))

    async def action_export(self) -> None:
        from .export import ExportScreen

        await open_dialog(self.app, ExportScreen(self.wb, self.claims.filters))

    async def action_sources(self) -> None:
        from .sources import SourcesScreen

        await open_dialog(self.app, SourcesScreen(self.wb, self.claims), self.show_claims)

    async def action_speakers(self) -> None:
        from .speakers import SpeakersScreen

        await open_dialog(self.app, SpeakersScreen(self.wb, self.claims), self.show_claims)

    def on_screen_resume(self) -> None:
        """Back from another screen: aliases, filters or teammates' verdicts may have changed."""
        if not self.shown_before or not self.claims.complete:
            self.shown_before = True
            return  # the first showing: on_mount does it all
        self.claims.refresh_teams(self.wb)
        self.claim_list.reload(self.current.id if self.current else None)
        self.update_status(self.last_message)
        self.check_other_sessions()

    async def action_help(self) -> None:
        await open_dialog(self.app, HelpScreen(key_rows(self)))
