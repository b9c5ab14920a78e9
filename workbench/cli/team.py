"""Team commands: lead reviewers, final verdicts, every reviewer's verdicts, agreement,
sources, statistics, export and import. Thin: every figure comes from the services."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click
import orjson

from ..services import Workbench
from ..store import OutputRefused
from ..team.imports import Rejected
from ..text_forms import clip, plural
from ..views import Filters, tallies, team_quote_list
from ..vocab import REVIEW_STATES, STATUSES, TEAM_FILTERS, UNREVIEWED
from .errors import reported

FORMATS = click.Choice(("table", "json"))


def team_store(command):
    """--store and --reviewer, and the store opened for the command (an existing one: a
    folder without a store is refused); errors as one line, exit 3 for a store that
    cannot be opened, 1 for a refused change or input."""

    @click.option("--store", "store_dir", metavar="DIR", help="Store folder (default: ./store).")
    @click.option("--reviewer", "me", metavar="NAME", help="Who is reviewing (default: the login name).")
    @click.pass_context
    @functools.wraps(command)
    def wrapper(ctx: click.Context, store_dir: str | None, me: str | None, **kwargs):
        settings = ctx.obj or {}
        with reported():
            wb = Workbench.open(store_dir or settings.get("store"), me or settings.get("reviewer"), create=False)
            return command(wb, **kwargs)

    return wrapper


def _json(value) -> None:
    sys.stdout.buffer.write(orjson.dumps(value, option=orjson.OPT_INDENT_2) + b"\n")


def _console():
    from rich.console import Console
    return Console(highlight=False)


def _plain(value):
    """Untrusted text (speakers, quotes, notes) for a Rich table: shown as it is, never
    read as markup."""
    from rich.text import Text
    return Text("—" if value is None else str(value))


def _pct(value) -> str:
    return "—" if value is None else f"{value:.0%}"


def _num(value) -> str:
    return "—" if value is None else f"{value:.3f}"


# -- leads and final verdicts --------------------------------------------------------------
@click.group()
def lead() -> None:
    """Lead reviewers: they set final verdicts. The first lead may be named by anyone;
    after that only a lead can add or remove one."""


@lead.command("add")
@click.argument("name")
@team_store
def lead_add(wb: Workbench, name: str) -> None:
    """Make NAME a lead reviewer."""
    click.echo("leads: " + ", ".join(wb.team.add_lead(name)))


@lead.command("remove")
@click.argument("name")
@team_store
def lead_remove(wb: Workbench, name: str) -> None:
    """NAME is no longer a lead reviewer."""
    click.echo("leads: " + (", ".join(wb.team.remove_lead(name)) or "none"))


@lead.command("list")
@team_store
def lead_list(wb: Workbench) -> None:
    """The lead reviewers."""
    click.echo("\n".join(wb.team.leads()) or "no lead reviewers yet (workbench lead add NAME)")


@click.command()
@click.argument("count", type=click.IntRange(1, 100), required=False)
@team_store
def quorum(wb: Workbench, count: int | None) -> None:
    """How many reviewers must give one verdict for it to be published (ClaimReview)
    without a lead's final verdict; with COUNT, set it (a lead, once the team has leads)."""
    if count is not None:
        wb.team.set_min_agreement(count)
    n = wb.team.min_agreement()
    click.echo(f"published without a lead: verdicts agreed by {n} reviewer{'s' if n != 1 else ''} or more")


@click.command()
@click.argument("quote_id")
@click.argument("status", type=click.Choice(STATUSES + ("clear",)))
@click.option("--reason", default="", help="Why (required to set a verdict).")
@team_store
def final(wb: Workbench, quote_id: str, status: str, reason: str) -> None:
    """Set the final verdict of a quote, as a lead reviewer (or clear yours). Undo with
    `workbench undo`."""
    if status == "clear":
        wb.team.clear_final(quote_id)
    elif not reason.strip():
        raise click.UsageError("a final verdict needs --reason TEXT (why the team decided so)")
    else:
        wb.team.set_final(quote_id, status, reason)
    verdict = wb.team.final(quote_id)
    click.echo(f"{quote_id}: final " + ("none" if verdict is None else
                                        f"{verdict['status']} ({verdict['how']})"))


@click.command()
@click.option("--team", "team", type=click.Choice(tuple(TEAM_FILTERS)),
              help="; ".join(f"{k}: {v}" for k, v in TEAM_FILTERS.items()))
@click.option("--speaker", help="Only quotes of this speaker.")
@click.option("--source", help="Only quotes of this article id or outlet.")
@click.option("--format", "fmt", type=click.Choice(("table", "jsonl")), default="table", show_default=True)
@team_store
def verdicts(wb: Workbench, team: str | None, speaker: str | None, source: str | None, fmt: str) -> None:
    """Every reviewer's verdict on each quote and the final verdict (reviewed quotes, or
    those of a team filter)."""
    rows = team_quote_list(wb, Filters.of(team=team, speaker=speaker, source=source))
    rows = [r for r in rows if team or r["reviews"] or r["final"]]
    if fmt == "jsonl":
        for r in rows:
            out = {k: r[k] for k in ("id", "article", "speaker", "text", "final")}
            out["verdicts"] = {n: {"status": v.status, "note": v.note, "evidence": v.evidence, "time": v.time}
                               for n, v in r["reviews"].items()}
            sys.stdout.buffer.write(orjson.dumps(out) + b"\n")
        return
    from rich.text import Text
    console = _console()
    for r in rows:
        fin = r["final"]
        console.print(Text.assemble((r["id"], "dim"), "  ", r["speaker"] or "—", "  ", (clip(r["text"], 70), "italic")))
        console.print(Text("    " + "  ".join(f"{n}: {v.status}" for n, v in sorted(r["reviews"].items()))
                           + ("   final: " + (f"{fin['status']} ({fin['how']}"
                                              + (f" by {fin['by']}" if fin["how"] == "adjudicated" else "") + ")")
                              if fin else "   final: none")))
    console.print(Text(plural(len(rows), "quote"), style="dim"))


# -- agreement, sources, statistics ----------------------------------------------------------
@click.command()
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@team_store
def agreement(wb: Workbench, fmt: str) -> None:
    """Agreement between reviewers: percent and Cohen's kappa per pair, Krippendorff's
    alpha over everyone, with the counts behind them; the claims they disagree on."""
    result = tallies.agreement(wb)
    if fmt == "json":
        _json(result)
        return
    from rich.table import Table
    console = _console()
    table = Table("reviewers", "items", "agree", "percent", "kappa", "p_o", "p_e", "note", title="Pairs")
    for p in result["pairs"]:
        table.add_row(_plain(f"{p['a']} · {p['b']}"), str(p["items"]), str(p["agreements"]), _pct(p["percent"]),
                      _num(p["kappa"]), _num(p["observed"]), _num(p["expected"]), p["reason"])
    console.print(table)
    a = result["alpha"]
    console.print(f"Krippendorff's alpha (nominal): {_num(a['alpha'])}  — {a['coders']} reviewers, "
                  f"{a['pairable_items']} of {a['items']} claims pairable, {a['values']} pairable values, "
                  f"D_o {_num(a['observed_disagreement'])}, D_e {_num(a['expected_disagreement'])}"
                  + (f"  ({a['reason']})" if a["reason"] else ""))
    if result["disagreements"]:
        table = Table("quote", "speaker", "text", "verdicts", "final", title="Disagreements")
        for d in result["disagreements"]:
            fin = d["final"]
            table.add_row(d["id"], _plain(d["speaker"]), _plain(clip(d["text"], 60)),
                          _plain(", ".join(f"{n}: {s}" for n, s in sorted(d["verdicts"].items()))),
                          f"{fin['status']} ({fin['how']})" if fin else "none")
        console.print(table)
    else:
        console.print("no disagreements")


def _counts(row: dict, key: str) -> str:
    return " ".join(f"{k[:4]} {v}" for k, v in row[key].items())


@click.command()
@click.option("--articles", "show_articles", is_flag=True, help="Every article too, not only outlets.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@team_store
def sources(wb: Workbench, show_articles: bool, fmt: str) -> None:
    """Outlets (and articles) with their claims by your verdict and by final verdict, and
    every reviewer's reliability notes."""
    result = tallies.sources(wb)
    if fmt == "json":
        _json(result)
        return
    from rich.table import Table
    console = _console()
    groups = [("outlets", "name")] + ([("articles", "id")] if show_articles else [])
    for key, name in groups:
        table = Table(key[:-1], "quotes", "yours", "final", "notes", title=key.capitalize())
        for row in result[key]:
            notes = "; ".join(f"{n['reviewer']}: {n['reliability'] or '—'}/5 {n['note']}".strip()
                              for n in row["notes"])
            table.add_row(_plain(row[name]), str(row["quotes"]), _counts(row, "status"), _counts(row, "final"),
                          _plain(notes))
        console.print(table)


@click.command()
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--by", "period", type=click.Choice(("month", "day", "year")), default="month", show_default=True,
              help="Timeline step.")
@team_store
def stats(wb: Workbench, fmt: str, period: str) -> None:
    """Counts by status, reviewer, speaker and source, agreement, and a timeline of quotes
    by publication date."""
    result = tallies.statistics(wb)
    if fmt == "json":
        _json(result)
        return
    from rich.table import Table
    console = _console()
    console.print(f"{plural(result['quotes'], 'claim')} in {plural(result['articles'], 'article')}; "
                  f"{result['reviewed_by_anyone']} reviewed by someone; {plural(result['disagreements'], 'disagreement')}")
    console.print("yours: " + ", ".join(f"{k} {v}" for k, v in result["status"].items()))
    console.print("final: " + ", ".join(f"{k} {v}" for k, v in result["final"].items()))
    table = Table("reviewer", "reviewed", *STATUSES, title="By reviewer")
    for name, row in result["by_reviewer"].items():
        table.add_row(_plain(name), str(row["reviewed"]), *(str(row["status"][s]) for s in STATUSES))
    console.print(table)
    for title, key in (("By speaker", "by_speaker"), ("By source", "by_source")):
        table = Table("name", "quotes", "yours", "final", title=title)
        for name, row in sorted(result[key].items(), key=lambda kv: (-kv[1]["quotes"], kv[0]))[:20]:
            table.add_row(_plain(name), str(row["quotes"]), _counts(row, "status"), _counts(row, "final"))
        console.print(table)
    alpha = result["agreement"].get("alpha", {})
    console.print(f"Krippendorff's alpha: {_num(alpha.get('alpha'))} ({alpha.get('values', 0)} pairable values)")
    line = result["timeline"][period]
    console.print(f"Quotes by {period} of publication" + (f" ({result['timeline']['undated']} undated)"
                                                           if result["timeline"]["undated"] else ""))
    top = max(line.values(), default=0)
    for when, n in line.items():
        bar = "█" * max(1, round(40 * n / top)) if top else ""
        console.print(f"{when:>10} {bar} {n}")


# -- export and import ----------------------------------------------------------------------
@click.command()
@click.option("--format", "fmt", type=click.Choice(("json", "claimreview", "csv")), default="json",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: standard output); never inside the store folder.")
@click.option("--force", is_flag=True, help="Replace the --output file if it exists.")
@click.option("--status", type=click.Choice(REVIEW_STATES),
              help="Claims with a verdict (or final verdict) of this status.")
@click.option("--by", "reviewers", multiple=True, metavar="NAME",
              help="Only this reviewer's verdicts (repeatable).")
@click.option("--speaker", help="Only claims whose speaker, or the name quoted, contains this.")
@click.option("--source", help="Only claims of an article id or outlet containing this.")
@click.option("--since", metavar="YYYY-MM-DD", help="Published on or after this day.")
@click.option("--until", metavar="YYYY-MM-DD", help="Published on or before this day.")
@click.option("--all", "everything", is_flag=True, help="Unreviewed claims too.")
@click.option("--base-url", default=None, help="ClaimReview: the page the reviews are published at.")
@click.option("--organization", help="ClaimReview: the publishing organisation (author).")
@team_store
def export(wb: Workbench, fmt, output, force, status, reviewers, speaker, source, since, until, everything,
           base_url, organization) -> None:
    """Export the team's verdicts: JSON (read back by `workbench import`), schema.org
    ClaimReview JSON-LD, or CSV. An existing --output file is replaced only with --force."""
    from ..team.exports import BASE_URL
    data = wb.exchange.export(fmt, filters=Filters.of(speaker=speaker, source=source), status=status,
                              reviewers=reviewers, since=since, until=until,
                              everything=everything or status == UNREVIEWED,
                              base_url=base_url or BASE_URL, organization=organization,
                              notice=lambda message: click.echo(f"workbench: {message}", err=True))
    if output is None:
        sys.stdout.buffer.write(data if data.endswith(b"\n") else data + b"\n")
        return
    try:
        written = wb.exchange.write(output, data, replace=force)
    except OutputRefused as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"{output}: cannot write: {error.strerror or error}") from None
    click.echo(f"exported to {written}", err=True)


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@team_store
def import_(wb: Workbench, file: Path) -> None:
    """Merge a teammate's export (workbench export) or reviewer file (reviews/NAME.json)
    into the store. Every record is checked first; if any is wrong nothing is imported.
    Importing a file twice changes nothing."""
    try:
        report = wb.exchange.import_file(file)
    except Rejected as error:
        click.echo(f"workbench: {file}: {error}", err=True)
        sys.exit(1)
    parts = [f"{report[k]['added']} {k} added, {report[k]['skipped']} already there or older"
             for k in ("reviews", "finals", "sources")]
    click.echo(f"{file} ({report['format']}, {', '.join(report['reviewers']) or 'nobody'}): " + "; ".join(parts))


COMMANDS = (lead, quorum, final, verdicts, agreement, sources, stats, export, import_)
