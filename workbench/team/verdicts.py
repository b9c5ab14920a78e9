"""Final verdicts and team filters: pure functions of reviewers' verdicts.

A quote's final verdict is, in this order:
1. the adjudicated one: the latest final verdict a lead reviewer set on it (`how`:
   "adjudicated", with who, when and why);
2. the agreed one: when every reviewer who reviewed it gave the same verdict (`how`:
   "agreed", `by` lists them; one reviewer alone counts as agreement — there is nobody to
   disagree);
3. None: nobody reviewed it, or the reviewers disagree and no lead has decided.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..vocab import ADJUDICATED, AGREED, TEAM_FILTERS


def final_verdict(verdicts: Mapping[str, Any], adjudications: Iterable[Any] = ()) -> dict | None:
    """`verdicts`: reviewer → Review (anything with `status` and `time`); `adjudications`:
    every lead's Final on this quote (anything with `status`, `reviewer`, `reason`, `time`)."""
    latest = max(adjudications, key=lambda f: f.time, default=None)
    if latest is not None:
        return {"status": latest.status, "how": ADJUDICATED, "by": latest.reviewer,
                "reason": latest.reason, "time": latest.time}
    statuses = {r.status for r in verdicts.values()}
    if len(statuses) == 1:
        return {"status": statuses.pop(), "how": AGREED, "by": sorted(verdicts), "reason": "",
                "time": max(r.time for r in verdicts.values())}
    return None


def disagree(verdicts: Mapping[str, Any]) -> bool:
    return len({r.status for r in verdicts.values()}) > 1


def team_match(team: str, me: str, verdicts: Mapping[str, Any], final: dict | None) -> bool:
    """Whether a quote passes a team filter (one of TEAM_FILTERS)."""
    if team == "mine":
        return me in verdicts
    if team == "others":
        return me not in verdicts and bool(verdicts)
    if team == "disagree":
        return disagree(verdicts)
    if team == "agreed":
        return final is not None and final["how"] == AGREED
    if team == "adjudicated":
        return final is not None and final["how"] == ADJUDICATED
    if team == "unresolved":
        return disagree(verdicts) and final is None
    if team == "final":
        return final is not None
    raise ValueError(f"team filter must be one of {', '.join(TEAM_FILTERS)}, not {team!r}")

# The verdicts, as in workbench.store.reviews.STATUSES (a test keeps the two equal; the
# pure modules do not import the store).
