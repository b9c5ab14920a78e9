"""Near-duplicate quotes across articles: groups, wording drift, conflicts, aliases.

Pure functions of quote records (no store): `groups` finds which quotes report one
utterance, `drift` aligns two versions word by word, `conflicts` flags attribution
conflicts and possible misquotes, `speakers` resolves the names of one speaker.
"""

from collections import Counter

from .conflicts import (ATTRIBUTION, MISQUOTE, GroupReport, chronological, group_flags, pinned_speakers, report,
                        reports)
from .drift import Drift, Segment, compare
from .groups import Grouper, group, shared_groups
from .pairs import Link
from .speakers import Alias, clean_name, lookup, name_key, resolve

__all__ = ["ATTRIBUTION", "MISQUOTE", "Alias", "Drift", "GroupReport", "Grouper", "Link", "Segment",
           "analyse", "chronological", "clean_name", "compare", "group", "group_flags", "lookup", "name_key",
           "pinned_speakers", "report",
           "reports", "resolve", "shared_groups"]


def analyse(records: list[dict]) -> list[GroupReport]:
    """Group a batch of quote records (each with a unique `id`) and report every group of
    two quotes or more — the whole pipeline, for input that is not in a store."""
    grouper = Grouper()
    grouper.add(records)
    aliases = resolve(Counter(r["speaker"] for r in records if r.get("speaker")))
    return reports(records, shared_groups(grouper.group_ids()), lookup(aliases),
                   grouper.versions())
