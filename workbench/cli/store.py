"""Store commands: ingest articles, list quotes, mark them, undo, history, source notes.

Every command goes through the repository API (`workbench.services.Workbench`); none touches a
file itself. `--store` and `--reviewer` are accepted before or after the command name.
"""

from __future__ import annotations

import functools
import sys

import click
import orjson

from ..services import Workbench
from ..services.pipeline import GROUP, internal_error
from ..store import StoreError
from ..text_forms import clip, plural
from ..views import Filters, quote_list
from ..vocab import KINDS, REVIEW_STATES, STATUSES, UNREVIEWED
from .errors import EXIT_SKIPPED, reported



def store_options(command=None, *, optional: bool = False, creates: bool = False):
    """--store and --reviewer on a command, and the store opened for it. `optional`: the
    command gets a function that opens the store, to call only if it needs one.
    `creates`: a folder without a store becomes one (ingest, review); every other command
    refuses it (exit 3), so that a typo in --store does not show an empty store."""
    if command is None:
        return functools.partial(store_options, optional=optional, creates=creates)

    @click.option("--store", "store_dir", metavar="DIR", help="Store folder (default: ./store).")
    @click.option("--reviewer", metavar="NAME", help="Who is reviewing (default: the login name).")
    @click.pass_context
    @functools.wraps(command)
    def wrapper(ctx: click.Context, store_dir: str | None, reviewer: str | None, **kwargs):
        settings = ctx.obj or {}

        def open_store() -> Workbench:
            return Workbench.open(store_dir or settings.get("store"), reviewer or settings.get("reviewer"), creates)

        with reported():
            return command(open_store if optional else open_store(), **kwargs)
    return wrapper


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@store_options(creates=True)
def ingest(wb: Workbench, paths: tuple[str, ...]) -> None:
    """Load the articles in PATHS, extract their quotes and save them in the store.

    Articles already in the store are skipped; an article whose text changed is stored as
    a new version, and reviews of its quotes that still exist carry over.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  transient=True, disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task("ingest", total=None)
        report = wb.ingest.add(paths, progress=lambda n: progress.advance(task, n))
    for problem in report.rejected:
        click.echo(f"workbench: rejected {problem}", err=True)
    if report.grouping_failed:
        click.echo(f"workbench: {report.grouping_failed}; the articles and quotes are stored "
                   "without their new groups: `workbench regroup` (or the next ingest) tries again", err=True)
    click.echo(f"{plural(len(report.added), 'article')} added, {len(report.updated)} updated (new version), "
               f"{len(report.unchanged)} unchanged, {len(report.rejected)} rejected; "
               f"{plural(report.quotes_added, 'new quote')}, {report.quotes_kept} kept their reviews; "
               f"{plural(report.groups, 'group')} of near-duplicates — store {wb.root}")
    if report.rejected or report.grouping_failed:
        sys.exit(EXIT_SKIPPED)


@click.command()
@click.option("--status", type=click.Choice(REVIEW_STATES), help="Only quotes with this verdict.")
@click.option("--speaker", help="Only quotes whose speaker contains this.")
@click.option("--source", help="Only quotes of an article id or outlet containing this.")
@click.option("--kind", type=click.Choice(KINDS), help="Only quotes of this kind.")
@click.option("--search", help="Only quotes whose words or speaker contain this.")
@click.option("--format", "fmt", type=click.Choice(("table", "jsonl")), default="table", show_default=True)
@store_options
def quotes(wb: Workbench, status, speaker, source, kind, search, fmt) -> None:
    """List the quotes in the store with your verdict (scare quotes only with --kind scare)."""
    found = quote_list(wb, Filters.of(status=status, speaker=speaker, source=source, kind=kind, search=search))
    if fmt == "jsonl":
        out = sys.stdout.buffer
        for q in found:
            review = q.pop("review")
            q["review"] = None if review is None else {"status": review.status, "note": review.note,
                                                       "evidence": review.evidence, "time": review.time}
            out.write(orjson.dumps(q) + b"\n")
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    for q in found:
        verdict = q["review"].status if q["review"] else UNREVIEWED
        console.print(Text.assemble((q["id"], "dim"), "  ", (f"{verdict:<10}", "bold"), "  ",
                                    q["speaker"] or "—", "  ", (clip(q["text"], 90), "italic")))
    console.print(Text(plural(len(found), "quote"), style="dim"))


@click.command()
@click.argument("quote_id")
@click.argument("status", type=click.Choice(STATUSES + ("clear",)))
@click.option("--note", help="A note on the verdict (replaces the previous one).")
@click.option("--evidence", multiple=True, metavar="URL", help="Evidence URL (repeatable; added to the list).")
@store_options
def mark(wb: Workbench, quote_id: str, status: str, note: str | None, evidence: tuple[str, ...]) -> None:
    """Mark a quote attributed, disputed or confirmed (or clear its verdict)."""
    if status == "clear":
        wb.reviewing.clear(quote_id)
        click.echo(f"{quote_id}: {UNREVIEWED}")
        return
    current = wb.reviewing.review(quote_id)
    urls = list(current.evidence) if current else []
    urls += [url.strip() for url in evidence if url.strip() and url.strip() not in urls]
    review = wb.reviewing.mark(quote_id, status, note=note, evidence=urls)
    click.echo(f"{quote_id}: {review.status}" + (f" — {review.note}" if review.note else "")
               + "".join(f"\n  evidence: {url}" for url in review.evidence))


def _describe(change) -> str:
    if change is None:
        return "nothing to do"
    if change.kind == "reviews":  # several verdicts as one change (a group marked at once)
        return "\n".join(_describe(part) for part in change.changes)
    if change.kind == "alias":
        return f"speaker {change.target}: " + (
            f"now {change.after['speaker']}" if change.after else "automatic aliases again")
    if change.kind == "final":
        return f"{change.target}: final verdict " + (change.after["status"] if change.after else "withdrawn")
    state = change.after["status"] if change.after and "status" in change.after else (
        "annotated" if change.after else "removed")
    return f"{change.target}: now {state if change.after else UNREVIEWED}"


@click.command()
@store_options
def undo(wb: Workbench) -> None:
    """Undo your last change."""
    click.echo(_describe(wb.reviewing.undo()))


@click.command()
@store_options
def redo(wb: Workbench) -> None:
    """Redo the change you last undid."""
    click.echo(_describe(wb.reviewing.redo()))


@click.command()
@click.argument("quote_id", required=False)
@click.option("--everyone", is_flag=True, help="Every reviewer's changes, not only yours.")
@store_options
def history(wb: Workbench, quote_id: str | None, everyone: bool) -> None:
    """The audit trail: who changed what, when, from what to what."""
    for entry in wb.reviewing.history(quote_id, everyone=everyone):
        target = entry.get("quote") or (f"speaker {entry['name']}" if entry.get("name")
                                        else f"{entry.get('kind')} {entry.get('source')}")
        tag = " (undo)" if entry.get("undoes") else " (redo)" if entry.get("redoes") else ""
        tag += " (final verdict)" if entry.get("type") == "final" else ""
        click.echo(f"{entry['time']}  {entry['reviewer']}  {target}: "
                   f"{_state(entry['before'])} -> {_state(entry['after'])}{tag}")


def _state(value: dict | None) -> str:
    if value is None:
        return "none"
    return ", ".join(f"{k}={v}" for k, v in value.items() if v not in ("", [], None))


@click.command()
@click.argument("name")
@click.option("--article", "is_article", is_flag=True, help="NAME is an article id, not an outlet.")
@click.option("--outlet", default="", help="The outlet's name as it should be shown.")
@click.option("--url", default="")
@click.option("--reliability", type=click.IntRange(1, 5), help="1 (unreliable) to 5 (very reliable).")
@click.option("--note", default="")
@store_options
def source(wb: Workbench, name: str, is_article: bool, outlet: str, url: str,
           reliability: int | None, note: str) -> None:
    """Annotate a source (an outlet, or an article with --article)."""
    saved = wb.reviewing.annotate_source(name, "article" if is_article else "outlet", outlet=outlet,
                                  url=url, reliability=reliability, note=note)
    click.echo(f"{saved.kind} {saved.source}: reliability {saved.reliability or '—'}"
               + (f" — {saved.note}" if saved.note else ""))


@click.command()
@store_options
def regroup(wb: Workbench) -> None:
    """Compare every quote of the store again and rebuild the near-duplicate groups (after
    upgrading Quote Workbench, or after an ingest whose grouping failed; ingest keeps them
    up to date otherwise)."""
    try:
        groups = wb.groups.regroup()
    except StoreError:
        raise
    except Exception as error:  # noqa: BLE001 — the grouping stage: nothing was saved
        click.echo(f"workbench: {internal_error(str(wb.root), GROUP, error)}; "
                   "the store is left as it was", err=True)
        sys.exit(EXIT_SKIPPED)
    click.echo(f"{plural(groups, 'group')} of near-duplicates — store {wb.root}")
