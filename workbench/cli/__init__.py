"""The `workbench` command line: one module per group of commands."""

from __future__ import annotations

import click

from .. import __version__
from ..services.pipeline import internal_error
from .dupes import dupes
from .errors import EXIT_INTERNAL
from .extract import extract
from .review import review
from .speakers import merge_speaker, reset_speaker, speakers, split_speaker
from .store import history, ingest, mark, quotes, redo, regroup, source, undo




class Workbench(click.Group):
    """The command group, with the last line of defence: an error nothing else caught is
    one line naming the command and the error (the traceback with WORKBENCH_DEBUG=1),
    never a traceback. Every store file is written atomically, so none is half-written."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as error:  # noqa: BLE001
            command = ctx.invoked_subcommand or "review"
            click.echo(f"workbench: {internal_error(command, command, error)} — this is a bug in "
                       "Quote Workbench; WORKBENCH_DEBUG=1 prints the details for a report", err=True)
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=Workbench, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="workbench")
@click.option("--store", "store_dir", metavar="DIR", envvar="WORKBENCH_STORE",
              help="Store folder (default: ./store, or $WORKBENCH_STORE).")
@click.option("--reviewer", metavar="NAME", envvar="WORKBENCH_REVIEWER",
              help="Who is reviewing (default: $WORKBENCH_REVIEWER, then the login name).")
@click.pass_context
def main(ctx: click.Context, store_dir: str | None, reviewer: str | None) -> None:
    """Quote Workbench: verify who said what in the news."""
    ctx.obj = {"store": store_dir, "reviewer": reviewer}
    if ctx.invoked_subcommand is None:  # `workbench` alone opens the review workbench
        ctx.invoke(review)


for command in (extract, ingest, quotes, dupes, speakers, merge_speaker, split_speaker, reset_speaker,
                mark, undo, redo, history, source, regroup, review):
    main.add_command(command)

from .team import COMMANDS as TEAM_COMMANDS  # noqa: E402 — team work and exports

for command in TEAM_COMMANDS:
    main.add_command(command)
