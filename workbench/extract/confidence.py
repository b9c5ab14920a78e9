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
    data = _read("confidence.toml")
    table = {str(k): float(v) for k, v in data.get("rates", {}).items()}
    ceiling = data.get("unseen", {}).get("inherited")
    if ceiling is not None:  # the study set flatters inherited speakers: cap them
        table = {k: min(v, ceiling) if k.endswith("/inherited") else v for k, v in table.items()}
    return table


def key_of(rule: str) -> str:
    """The rule as measured: its family, and whether the speaker was found in the
    sentence or inherited from an earlier one ("cue-before/pronoun" -> "cue-before",
    "continuation/inherited" stays). Finer labels are too rare to measure apart."""
    family, _, how = rule.partition("/")
    return f"{family}/inherited" if how == "inherited" else family


def calibrated(rule: str, measured: float) -> float:
    """The rate of `rule`'s key, else of its family ("cue-before"), else the overall
    rate; `measured` (the rule's own guess) when there is no table."""
    table = rates()
    for key in (key_of(rule), rule.split("/")[0], "*"):
        if key in table:
            return table[key]
    return measured
