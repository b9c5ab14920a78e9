"""The workbench's vocabulary: every review status, quote kind, group flag, reliability
level and team filter, with the words and keys the screens show for it — defined here
and nowhere else.

Adding a review status is adding one `Status` to `STATUSES`: the store accepts it, the
review screen binds its key, the list, the detail pane, the tables, the statistics, the
filters, the exports and the command line show it, and `styles/workbench.tcss` must give
it a colour (a test checks the stylesheet against this module).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Status:
    """A reviewer's verdict on whether a quote is attributed to the right speaker."""

    name: str  # as stored and typed on the command line
    short: str  # four letters, for a narrow claim list
    key: str  # the review screen's mnemonic key (its number is its place, from 1)
    rating: int  # ClaimReview `ratingValue`, on the documented 1–3 scale
    rating_text: str  # ClaimReview `alternateName`: what the rating says


STATUSES_IN_ORDER = (
    Status("attributed", "attr", "a", 2, "Attributed (not yet verified)"),
    Status("disputed", "disp", "d", 1, "Attribution disputed"),
    Status("confirmed", "conf", "c", 3, "Attribution confirmed"),
)
STATUSES = tuple(s.name for s in STATUSES_IN_ORDER)
STATUS = {s.name: s for s in STATUSES_IN_ORDER}
UNREVIEWED = "unreviewed"  # a quote with no verdict (never stored)
NO_FINAL = "none"  # a quote with no final verdict, in tallies of finals
REVIEW_STATES = (UNREVIEWED, *STATUSES)  # what a claim's status can be, in list order
STATUS_RANK = {name: rank for rank, name in enumerate(REVIEW_STATES)}
WORST_RATING, BEST_RATING = 1, 3

# How a final verdict came about.
ADJUDICATED = "adjudicated"  # a lead set it
AGREED = "agreed"  # enough reviewers gave one verdict


def check_status(status: str) -> str:
    """`status` if it is a verdict; ValueError naming the verdicts otherwise."""
    if status not in STATUS:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    return status


# What a quote is (FORMAT.md): its words as said, a few of its words inside a sentence of
# the reporter, or words quoted at a distance that nobody is reported as saying.
DIRECT, PARTIAL, SCARE = "direct", "partial", "scare"
KINDS = (DIRECT, PARTIAL, SCARE)
CLAIM_KINDS = (DIRECT, PARTIAL)  # the kinds that report someone's statement

# Flags of a group of quotes that report one utterance.
ATTRIBUTION = "attribution"  # its versions name different speakers
MISQUOTE = "misquote"  # its versions' words differ in meaning, not only in spelling
FLAGS = (ATTRIBUTION, MISQUOTE)
FLAG_LABELS = {ATTRIBUTION: "≠who", MISQUOTE: "≠words"}
FLAG_SHORT = {ATTRIBUTION: "W", MISQUOTE: "M"}

# A reviewer's rating of a source.
RELIABILITY = range(1, 6)
RELIABILITY_HELP = "1 (unreliable) to 5 (very reliable)"

# Source annotations are on an outlet (by name) or on one article (by id).
SOURCE_KINDS = ("outlet", "article")

# Team filters of the claims; `me` is the reviewer looking.
TEAM_FILTERS = {
    "mine": "reviewed by me",
    "others": "reviewed by others, not by me",
    "disagree": "reviewers disagree (two verdicts or more)",
    "agreed": "every reviewer who reviewed it gave one verdict",
    "adjudicated": "a lead set the final verdict",
    "unresolved": "reviewers disagree and no lead has decided",
    "final": "has a final verdict (adjudicated or agreed)",
}

# How many reviewers must give one verdict for it to be published without a lead's final
# verdict (the team's `min_agreement` setting: its default and its upper bound).
MIN_AGREEMENT = 2
MAX_AGREEMENT = 100
