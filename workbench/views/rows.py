"""One row of the claims list per quote: what the list, the CLI listing and the tallies
show of a claim, built once from the store's records (a 100,000-quote store: a third of
a second), and the one way untrusted article text becomes a line on screen."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..articles import sanitize
from ..services import Workbench
from ..vocab import ATTRIBUTION, MISQUOTE, UNREVIEWED


@dataclass(slots=True)
class ClaimRow:
    """What the list shows of one quote. The texts are the store's (control characters
    were removed on ingest); `display_line` makes them one line when shown."""

    id: str
    status: str  # this reviewer's verdict, or "unreviewed"
    speaker: str
    text: str
    source: str  # outlet, else article id
    date: str  # said on, else published ("" when unknown)
    group: str | None
    group_size: int  # 1 when no other quote reports it
    flags: tuple[str, ...]  # ATTRIBUTION, MISQUOTE
    kind: str
    article: str
    index: int
    haystack: str  # lower-case quote, speaker and source, for search
    verdicts: dict = field(default_factory=dict)  # reviewer → Review, the whole team's
    final: dict | None = None  # the final verdict (Store.final): adjudicated or agreed


def display_text(text: str | None) -> str:
    """Untrusted text for display, its lines kept: control characters dropped (ingest
    removes them too; this guards records written by other means), emoji sequences
    made plain (`terminal_safe`)."""
    return terminal_safe(sanitize(text or ""))


def display_line(text: str) -> str:
    """Untrusted text as one line: control characters dropped, any run of whitespace
    (newlines, tabs) one space, sequences terminals draw differently made plain
    (`terminal_safe`)."""
    return " ".join(terminal_safe(sanitize(text)).split())


def _display_table() -> dict[int, int | None]:
    table: dict[int, int | None] = {}
    for first, last in ((0x200D, 0x200D),  # zero-width joiner (👨‍👩‍👧: one glyph, or three)
                        (0xFE00, 0xFE0F),  # variation selectors (❤️: one cell, or two)
                        (0xE0100, 0xE01EF),  # variation selectors supplement
                        (0x1F3FB, 0x1F3FF),  # skin-tone modifiers (👍🏽: 2 cells, or 4)
                        (0xE0000, 0xE007F),  # tag characters (subdivision flags)
                        (0x20E3, 0x20E3)):  # combining keycap (1️⃣)
        table.update(dict.fromkeys(range(first, last + 1)))
    for n in range(26):  # regional indicators (🇮🇹: a flag, or two letters): the letters
        table[0x1F1E6 + n] = ord("A") + n
    return table


_DISPLAY_TABLE = _display_table()
_NEEDS_TABLE = frozenset(_DISPLAY_TABLE)


def terminal_safe(text: str) -> str:
    """Text for the screen only (the store keeps what was written): the characters that
    combine emoji into one glyph — joiners, variation selectors, skin tones, tags, keycaps
    — dropped, and regional-indicator flags written as their letters (🇮🇹 → IT). Each
    terminal draws those sequences in its own number of cells (tmux, the font, the
    Unicode version), so a row measured one way and drawn another shifted and left stale
    text; what is left is measured alike by Rich's `cell_len`, character by character,
    and by the terminal."""
    if not any(ord(ch) in _NEEDS_TABLE for ch in text):
        return text  # the usual case, and no copy
    return text.translate(_DISPLAY_TABLE)


def rows_of(wb: Workbench) -> Iterable[ClaimRow]:
    """A row for every current quote of the store, scare quotes included."""
    summaries = {gid: (size, tuple(f for f in (ATTRIBUTION, MISQUOTE) if f in flags))
                 for gid, (size, flags) in wb.groups.summaries().items()}
    alone = (1, ())
    team, finals = wb.team.team_reviews(), wb.team.finals()
    for q, review in wb.reviewing.current():
        group = q.get("group")
        yield _row(q, review, summaries.get(group, alone) if group else alone,
                   team.get(q["id"], {}), finals.get(q["id"]))


def quote_row(q: dict, review, verdicts: dict | None = None, final: dict | None = None) -> ClaimRow:
    """A row of a quote without its group (a first page, a listing)."""
    return _row(q, review, (1, ()), verdicts or {}, final)


def _row(q: dict, review, summary: tuple[int, tuple], verdicts: dict, final: dict | None) -> ClaimRow:
    speaker, source = q.get("speaker") or "", q.get("outlet") or q["article"]
    return ClaimRow(q["id"], review.status if review else UNREVIEWED, speaker, q["text"],
                    source, q.get("said_on") or q.get("published") or "", q.get("group"),
                    summary[0], summary[1], q["kind"], q["article"], q["index"],
                    f"{q['text']}\x00{speaker}\x00{source}".lower(), verdicts, final)


def team_of(me: str, rows: list[ClaimRow]) -> list[str]:
    """Every reviewer with a verdict on some claim, this reviewer first."""
    names = {name for row in rows for name in row.verdicts}
    return [me] + sorted(names - {me})


