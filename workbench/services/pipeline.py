"""The pipeline's boundaries: where an unexpected failure is caught, named and contained.

The extractor and the matcher are rule sets meeting text nobody has seen; a rule can
still fail on one article in a way no test foresaw. A fact-checker's folder of a
thousand articles must not end in a traceback because of one of them, so every caller
that runs a stage over many articles goes through here:
- `extract_article` runs the extractor on one article; a failure becomes a
  `LoadProblem` ("path: internal error in extract: …") for that article alone;
- `group_records` groups a batch of quotes; a failure leaves every quote ungrouped and
  says so, and the quotes are still printed or stored.

Only `Exception` is caught (an interrupt still stops the program). With
WORKBENCH_DEBUG=1 the traceback is printed as well, for a bug report.
"""

from __future__ import annotations

import os
import sys
import traceback
from dataclasses import dataclass

from ..articles import LoadProblem
from ..extract import extract_quotes
from ..matching import GroupReport, analyse, group
from ..models import Article, Quote

EXTRACT, GROUP, REPORT = "extract", "grouping", "group report"


def internal_error(source: str, stage: str, error: BaseException) -> LoadProblem:
    """The line that names a failure: where, in which stage, what."""
    if os.environ.get("WORKBENCH_DEBUG"):
        traceback.print_exception(error, file=sys.stderr)
    message = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return LoadProblem(source, None, f"internal error in {stage}: {message}")


@dataclass(slots=True)
class Extracted:
    article: Article
    quotes: list[Quote]
    problem: LoadProblem | None = None  # set when extraction failed: `quotes` is empty


def extract_article(article: Article) -> Extracted:
    """The quotes of one article, or the reason there are none."""
    try:
        return Extracted(article, extract_quotes(article))
    except Exception as error:  # noqa: BLE001 — the boundary: one article, named, contained
        return Extracted(article, [], internal_error(article.source, EXTRACT, error))


def group_records(records: list[dict], source: str = "workbench") -> tuple[dict[str, str | None], LoadProblem | None]:
    """Quote id → group id (see `matching.group`); on a failure every quote is alone,
    and the problem says grouping failed."""
    try:
        return group(records), None
    except Exception as error:  # noqa: BLE001
        return {r["id"]: None for r in records}, internal_error(source, GROUP, error)


def analyse_records(records: list[dict], source: str = "workbench") -> tuple[list[GroupReport], LoadProblem | None]:
    """The group reports of a batch of quotes (see `matching.analyse`), or none and why."""
    try:
        return analyse(records), None
    except Exception as error:  # noqa: BLE001
        return [], internal_error(source, GROUP, error)
