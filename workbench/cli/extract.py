"""`workbench extract`: print the quotes of articles, without a store."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable

import click
import orjson

from ..services.ingest import add_groups, analyse_paths, quote_key
from .errors import EXIT_SKIPPED

FORMATS = ("table", "jsonl", "json")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table for reading; jsonl (one quote a line) or json (one array) for programs.")
@click.option("--no-scare", is_flag=True, help="Leave out scare quotes (terms nobody is reported as saying).")
@click.option("--no-group", is_flag=True, help="Do not group near-duplicate quotes (faster on large inputs).")
def extract(paths: tuple[str, ...], fmt: str, no_scare: bool, no_group: bool) -> None:
    """Print every quote of the articles in PATHS (files or folders: .txt, .md, .jsonl)
    with its speaker, cue, medium and dates.

    Quotes that report one utterance — in several articles, trimmed, reworded, retyped —
    share a `group` (the id, ARTICLE#INDEX, of one of them); a quote found nowhere else
    has none.

    Exit status 1 means some input was skipped (each on a line of its own on stderr);
    everything else was still processed.
    """
    analysis = analyse_paths(paths)
    for problem in analysis.problems:
        click.echo(f"workbench: skipped {problem}", err=True)
    problems = len(analysis.problems)
    if not no_group:
        add_groups(analysis)
        if analysis.grouping_failed is not None:
            problems += 1
            click.echo(f"{analysis.grouping_failed}; the quotes are printed without groups", err=True)
    # the printed record: the quote's own fields (links by index) and its group's key
    records = [q.to_dict() | ({} if no_group else {"group": r["group"]})
               for q, r in zip(analysis.quotes, analysis.records)]
    if no_scare:
        records = [r for r in records if r["kind"] != "scare"]
    out = sys.stdout.buffer
    if fmt == "jsonl":
        for record in records:
            out.write(orjson.dumps(record) + b"\n")
    elif fmt == "json":
        out.write(orjson.dumps(records, option=orjson.OPT_INDENT_2) + b"\n")
    else:
        _print_table(records)
    out.flush()
    if problems:
        sys.exit(EXIT_SKIPPED)


def _print_table(records: Iterable[dict]) -> None:
    """A listing to read in the terminal: a header per article, then each quote with who,
    how and when on one line and its words, wrapped, below, and where else it appears.
    Article text is data: it is only ever printed through `Text` objects, never parsed as
    markup."""
    from rich.console import Console
    from rich.padding import Padding
    from rich.text import Text

    records = list(records)
    members = defaultdict(list)
    for r in records:
        if r.get("group"):
            members[r["group"]].append(quote_key(r["article"], r["index"]))
    console = Console(highlight=False)
    article = None
    for q in records:
        if q["article"] != article:
            if article is not None:
                console.print()
            article = q["article"]
            console.print(Text.assemble(
                (article, "bold underline"), f"  {q['lang']}, published {q['published'] or 'date unknown'}"))
        facts = [q["speaker"] or "speaker unknown"]
        facts += [f"“{q['cue']}”"] if q["cue"] else []
        facts += [f"via {q['via']}"] if q["via"] else []
        facts += [f"said {q['said_on']}"] if q["said_on"] else []
        line = Text.assemble(
            (f"{q['index']:>3} ", "dim"), (f"{q['kind']:<8}", KIND_STYLE[q["kind"]]), " ",
            (facts[0], "bold" if q["speaker"] else "dim"), " · ".join([""] + facts[1:]),
            (f"  [{q['rule']} {q['confidence']:.2f}]", "dim"))
        console.print(line)
        console.print(Padding(Text(q["text"]), (0, 0, 0, 13), expand=False))
        me = quote_key(q["article"], q["index"])
        elsewhere = [key for key in members.get(q.get("group"), []) if key != me]
        if elsewhere:
            console.print(Padding(Text("≈ also " + ", ".join(elsewhere), style="cyan"),
                                  (0, 0, 0, 13), expand=False))


KIND_STYLE = {"direct": "green", "partial": "yellow", "scare": "dim"}
