"""`workbench dupes`: near-duplicate quotes, their wording drift and their conflicts.

From the store by default; from articles given on the command line without a store
(nothing is saved then, and speaker aliases are the automatic ones).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import click
import orjson

from ..matching import ATTRIBUTION, MISQUOTE, GroupReport, compare
from ..render import drift_text
from ..services import Workbench
from ..services.ingest import analyse_paths, group_reports
from ..text_forms import plural
from .errors import EXIT_SKIPPED
from .store import store_options


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--flagged", is_flag=True, help="Only groups with an attribution conflict or a possible misquote.")
@click.option("--within", is_flag=True,
              help="Also groups whose quotes are all in one article (the parts of one statement).")
@click.option("--group", "group_id", metavar="ID", help="Only the group with this id.")
@click.option("--speaker", help="Only groups with a quote by this speaker (any of their names).")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@store_options(optional=True)
def dupes(open_store: Callable[[], Workbench], paths: tuple[str, ...], flagged: bool, within: bool,
          group_id: str | None, speaker: str | None, fmt: str) -> None:
    """Print the groups of quotes that report one utterance: every version, earliest
    first, with the words that differ from the earliest highlighted (added in green,
    dropped struck through in red, respelt in yellow, context beyond it dimmed), and the
    warnings: ATTRIBUTION CONFLICT (the versions name different speakers) and POSSIBLE
    MISQUOTE (a later wording differs from the earliest beyond typos and trimming).

    Without PATHS, the groups of the store; with PATHS (files or folders of articles), the
    groups of those articles, without a store.
    """
    problems = 0
    if paths:
        analysis = analyse_paths(paths)
        for problem in analysis.problems:
            click.echo(f"workbench: skipped {problem}", err=True)
        groups = group_reports(analysis)
        problems = len(analysis.problems)
        if analysis.grouping_failed is not None:
            problems += 1
            click.echo(f"{analysis.grouping_failed}; no groups can be shown", err=True)
        quotes = {r["id"]: r for r in analysis.records}
        speaker_of = analysis.speaker_of()
    else:
        wb = open_store()
        groups = [wb.groups.get(group_id)] if group_id else wb.groups.reports()
        quotes = {qid: wb.store.quote(qid) for g in groups for qid in g.members}
        speaker_of = wb.speakers.speaker_of
    groups = [g for g in groups
              if (within or g.articles > 1) and (g.flags or not flagged) and (not group_id or g.id == group_id)
              and (not speaker or _quotes_speaker(g, quotes, speaker, speaker_of))]
    groups.sort(key=lambda g: (-len(g.flags), -g.articles, g.id))
    if fmt == "json":
        sys.stdout.buffer.write(orjson.dumps([_as_json(g, quotes) for g in groups],
                                             option=orjson.OPT_INDENT_2) + b"\n")
    else:
        _print(groups, quotes)
    if problems:
        sys.exit(EXIT_SKIPPED)


def _quotes_speaker(group: GroupReport, quotes: dict[str, dict], speaker: str,
                    speaker_of: Callable[[str], str]) -> bool:
    wanted = speaker_of(speaker)
    return any(quotes[qid].get("speaker") and speaker_of(quotes[qid]["speaker"]) == wanted
               for qid in group.members)


def _as_json(group: GroupReport, quotes: dict[str, dict]) -> dict:
    earliest = quotes[group.earliest]
    members = []
    for qid in group.members:
        q = quotes[qid]
        member = {key: q.get(key) for key in ("id", "article", "outlet", "published", "speaker", "kind", "text")}
        if qid != group.earliest and qid in group.versions:
            drift = compare(earliest["text"], q["text"], q.get("lang") or "und")
            member["drift"] = round(drift.share, 3)
            member["differs"] = qid in group.differing
            member["changes"] = [{"op": s.op, "earliest": s.a, "this": s.b, "trimmed": s.edge,
                                  "respelling": s.respelling} for s in drift.segments if s.op != "equal"]
        members.append(member)
    return group.to_dict() | {"members": members}


def _print(groups: list[GroupReport], quotes: dict[str, dict]) -> None:
    from rich.console import Console
    from rich.padding import Padding
    from rich.text import Text

    console = Console(highlight=False)
    markers = not console.is_terminal or console.no_color
    for group in groups:
        head = Text.assemble((f"group {group.id}", "bold underline"),
                             f"  {plural(len(group.members), 'quote')} in {plural(group.articles, 'article')}  ",
                             (" / ".join(group.speakers) or "speaker unknown", "bold"))
        if ATTRIBUTION in group.flags:
            head.append("  ATTRIBUTION CONFLICT", style="bold white on red")
        if MISQUOTE in group.flags:
            head.append("  POSSIBLE MISQUOTE", style="bold black on yellow")
        console.print(head)
        earliest = quotes[group.earliest]
        for qid in group.members:
            q = quotes[qid]
            # "part": joined the group as another part of a statement, not matched on its words
            tag = "earliest" if qid == group.earliest else "version" if qid in group.versions else "part"
            facts = [q.get("published") or "date unknown", q.get("outlet") or q["article"],
                     q.get("speaker") or "speaker unknown"]
            line = Text.assemble((f"  {tag:<8} ", "dim"), (qid, "dim"), "  ", " · ".join(facts))
            if qid != group.earliest and qid in group.versions:
                drift = compare(earliest["text"], q["text"], q.get("lang") or "und")
                line.append(f"  {round(100 * drift.share)}% changed",
                            style="bold yellow" if qid in group.differing else "dim")
                body = drift_text(drift, markers=markers)
            else:
                body = Text(q["text"])
            console.print(line)
            console.print(Padding(body, (0, 0, 0, 4), expand=False))
        console.print()
    console.print(Text(plural(len(groups), "group"), style="dim"))
