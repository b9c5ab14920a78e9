"""The one error mapper of the command line: what a command's failure prints and which
exit status it ends with. A refused change or input is one line and exit 1 (click's
usage errors exit 2); a store that cannot be opened or written exits 3, with nothing
changed; anything else is a bug, caught by the command group (exit 4, `cli/__init__.py`)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import click

from ..services import NotLead
from ..store import StoreError

EXIT_SKIPPED = 1  # some input was rejected; the rest was processed
EXIT_USAGE = 2
EXIT_STORE = 3  # the store cannot be opened or written: nothing was changed
EXIT_INTERNAL = 4  # a bug: the message names the command and the error; files are whole


def refusal(error: BaseException) -> str:
    """The message of a refusal (a KeyError's str() would be quoted)."""
    return str(error.args[0]) if error.args and isinstance(error, KeyError) else str(error)


@contextlib.contextmanager
def reported() -> Iterator[None]:
    """Run a command's work: a store error or a refusal becomes its one line."""
    try:
        yield
    except StoreError as error:
        click.echo(f"workbench: {error}", err=True)
        sys.exit(EXIT_STORE)
    except (KeyError, ValueError, NotLead) as error:
        raise click.ClickException(refusal(error)) from None
