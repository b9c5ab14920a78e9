"""The last pass: a quote's confidence is how often its rule names the right speaker.

Each attribution rule (and how its subject was resolved: "cue-before/pronoun") has been
measured on the annotated study set by `scripts/calibrate_confidence.py`; the rates live in
`lexicons/confidence.toml`. A quote's confidence is its rule's rate, so 0.9 means "nine
times in ten this rule was right", and a reviewer can sort by it ("least confident first")
to see the doubtful attributions first. A rule never measured takes its family's rate, then
the overall one.
"""

from __future__ import annotations

from functools import cache

from .lexicon import _read


@cache
def rates() -> dict[str, float]:
    return {str(k): float(v) for k, v in _read("confidence.toml").get("rates", {}).items()}


def calibrated(rule: str, measured: float) -> float:
    """The rate of `rule` ("cue-before/inherited"), else of its family ("cue-before"),
    else the overall rate; `measured` (the rule's own guess) when there is no table."""
    table = rates()
    for key in (rule, rule.split("/")[0], "*"):
        if key in table:
            return table[key]
    return measured
