"""Speaker commands: list speakers with their aliases, and correct the aliases.

Corrections are review actions like verdicts: saved in the reviewer's journal, in the
history, undone by `workbench undo`; every reviewer's corrections apply (the later one
when two disagree).
"""

from __future__ import annotations

import sys

import click
import orjson

from ..services import Workbench
from ..views import tallies
from .store import store_options


@click.command()
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@store_options
def speakers(wb: Workbench, fmt: str) -> None:
    """List the speakers of the store, each with the names outlets quote them under and
    how each name was resolved (automatically, or by which reviewer)."""
    aliases = {a.name: a for a in wb.speakers.aliases()}
    rows = tallies.speakers(wb)
    if fmt == "json":
        out = [row | {"aliases": [{"name": n, "how": aliases[n].how, "by": aliases[n].by}
                                  for n in row["aliases"]]} for row in rows]
        sys.stdout.buffer.write(orjson.dumps(out, option=orjson.OPT_INDENT_2) + b"\n")
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    for row in rows:
        line = Text.assemble((row["name"], "bold"), (f"  {row['quotes']} quotes", "dim"))
        for name in row["aliases"]:
            alias = aliases[name]
            if name != row["name"]:
                how = f"by {alias.by}" if alias.how == "reviewer" else alias.how
                line.append_text(Text.assemble("  ·  ", name, (f" ({how})", "dim")))
        console.print(line)


@click.command("merge-speaker")
@click.argument("name")
@click.argument("into")
@store_options
def merge_speaker(wb: Workbench, name: str, into: str) -> None:
    """Record that the speaker NAME is the speaker INTO (with all of NAME's aliases)."""
    alias = wb.speakers.merge(name, into)
    click.echo(f"{name}: now {alias.speaker}")


@click.command("split-speaker")
@click.argument("name")
@store_options
def split_speaker(wb: Workbench, name: str) -> None:
    """Record that NAME is a speaker of its own (not an alias of another)."""
    alias = wb.speakers.split(name)
    click.echo(f"{name}: now a speaker of its own" if alias.speaker == name else f"{name}: {alias.speaker}")


@click.command("reset-speaker")
@click.argument("name")
@store_options
def reset_speaker(wb: Workbench, name: str) -> None:
    """Drop your correction of NAME: the automatic aliases apply again."""
    alias = wb.speakers.reset(name)
    click.echo(f"{name}: {alias.speaker} ({alias.how})")
