"""`workbench review` (and `workbench` alone): the keyboard-driven review workbench."""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

from ..resources import seeds_dir
from ..services import Workbench
from ..text_forms import plural
from .errors import EXIT_USAGE
from .store import store_options



@click.command()
@click.option("--theme", type=click.Choice(["dark", "light"]), default="dark", show_default=True,
              help="Colour theme (ctrl+t switches while running).")
@store_options(optional=True, creates=True)
def review(open_store: Callable[[], Workbench], theme: str) -> None:
    """Open the review workbench on the store. An empty store gets the seed articles
    first, so there are claims to review at once. Needs a terminal: standard input and
    output must both be one."""
    # Without a terminal the app would wait for keys that never come while writing
    # escape codes into a pipe or a file: say so, before anything is created.
    missing = [name for name, stream in (("input", sys.stdin), ("output", sys.stdout))
               if stream is None or not stream.isatty()]
    if missing:
        click.echo(f"workbench: the review workbench needs a terminal, and standard {' and '.join(missing)} "
                   f"{'is' if len(missing) == 1 else 'are'} not one; the other commands (workbench --help) "
                   "work without one", err=True)
        sys.exit(EXIT_USAGE)
    wb = open_store()
    if not wb.store.corpus.current_quotes():
        seeds = seeds_dir()
        click.echo(f"No articles in the store at {wb.root.resolve()} yet: ingesting the seed "
                   f"articles in {seeds} …", err=True)
        report = wb.ingest.add([seeds])
        click.echo(f"{plural(report.quotes_added, 'quote')} from {plural(len(report.added), 'article')}.",
                   err=True)
    from ..tui.app import WorkbenchApp  # Textual loads only for the TUI

    WorkbenchApp(wb, theme=f"textual-{theme}").run()
