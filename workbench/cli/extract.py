"""`workbench extract`: print the quotes of articles, without a store."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

import click
import orjson

from ..articles import LoadProblem, iter_articles
from ..extract import extract_quotes
from ..models import Quote

FORMATS = ("table", "jsonl", "json")
EXIT_SKIPPED = 1  # some input could not be read; everything else was processed


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table for reading; jsonl (one quote a line) or json (one array) for programs.")
@click.option("--no-scare", is_flag=True, help="Leave out scare quotes (terms nobody is reported as saying).")
def extract(paths: tuple[str, ...], fmt: str, no_scare: bool) -> None:
    """Print every quote of the articles in PATHS (files or folders: .txt, .md, .jsonl)
    with its speaker, cue, medium and dates.

    Exit status 1 means some input was skipped (each on a line of its own on stderr);
    everything else was still processed.
    """
    problems = 0

    def quotes() -> Iterator[Quote]:
        nonlocal problems
        for item in iter_articles(paths):
            if isinstance(item, LoadProblem):
                problems += 1
                click.echo(f"workbench: skipped {item}", err=True)
                continue
            for quote in extract_quotes(item):
                if not (no_scare and quote.kind == "scare"):
                    yield quote

    out = sys.stdout.buffer
    if fmt == "jsonl":
        for quote in quotes():
            out.write(orjson.dumps(quote.to_dict()) + b"\n")
    elif fmt == "json":
        out.write(orjson.dumps([q.to_dict() for q in quotes()], option=orjson.OPT_INDENT_2) + b"\n")
    else:
        _print_table(quotes())
    out.flush()
    if problems:
        sys.exit(EXIT_SKIPPED)


def _print_table(quotes: Iterable[Quote]) -> None:
    """A listing to read in the terminal: a header per article, then each quote with who,
    how and when on one line and its words, wrapped, below. Article text is data: it is
    only ever printed through `Text` objects, never parsed as markup."""
    from rich.console import Console
    from rich.padding import Padding
    from rich.text import Text

    console = Console(highlight=False)
    article = None
    for q in quotes:
        if q.article != article:
            if article is not None:
                console.print()
            article = q.article
            console.print(Text.assemble(
                (q.article, "bold underline"), f"  {q.lang}, published {q.published or 'date unknown'}"))
        facts = [q.speaker or "speaker unknown"]
        facts += [f"“{q.cue}”"] if q.cue else []
        facts += [f"via {q.via}"] if q.via else []
        facts += [f"said {q.said_on}"] if q.said_on else []
        line = Text.assemble(
            (f"{q.index:>3} ", "dim"), (f"{q.kind:<8}", KIND_STYLE[q.kind]), " ",
            (facts[0], "bold" if q.speaker else "dim"), " · ".join([""] + facts[1:]),
            (f"  [{q.rule} {q.confidence:.2f}]", "dim"))
        console.print(line)
        console.print(Padding(Text(q.text), (0, 0, 0, 13), expand=False))


KIND_STYLE = {"direct": "green", "partial": "yellow", "scare": "dim"}
