"""`workbench review` (and `workbench` alone): the keyboard-driven review workbench."""

from __future__ import annotations

import click

from ..resources import seeds_dir
from ..store import Store
from .store import store_options


@click.command()
@click.option("--theme", type=click.Choice(["dark", "light"]), default="dark", show_default=True,
              help="Colour theme (ctrl+t switches while running).")
@store_options
def review(store: Store, theme: str) -> None:
    """Open the review workbench on the store. An empty store gets the seed articles
    first, so there are claims to review at once."""
    if not store.corpus.current_quotes():
        seeds = seeds_dir()
        click.echo(f"No articles in the store at {store.root.resolve()} yet: ingesting the seed "
                   f"articles in {seeds} …", err=True)
        report = store.ingest([seeds])
        click.echo(f"{report.quotes_added} quotes from {len(report.added)} articles.", err=True)
    from ..tui.app import WorkbenchApp  # Textual loads only for the TUI

    WorkbenchApp(store, theme=f"textual-{theme}").run()
