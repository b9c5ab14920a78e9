"""The team's settings: `team.json` at the store's root, `{"schema": 1, "leads": [...],
"min_agreement": 2}`, read checked and written atomically under its lock. Who may change
them is a rule of the team service (services/team.py), not of this file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypedDict

from ..vocab import MAX_AGREEMENT, MIN_AGREEMENT
from .files import StoreError, locked, read_json, write_json

TEAM_FILE = "team.json"


class TeamSettings(TypedDict):
    schema: int
    leads: list[str]
    min_agreement: int


def read_team_settings(path: Path) -> TeamSettings:
    defaults: TeamSettings = {"schema": 1, "leads": [], "min_agreement": MIN_AGREEMENT}
    if not path.exists():
        return defaults
    value = read_json(path)
    if (not isinstance(value, dict) or not isinstance(value.get("leads", []), list)
            or not all(isinstance(n, str) for n in value.get("leads", []))):
        raise StoreError(f"{path}: not the team's settings (expected {{\"leads\": [names]}}); "
                         "the file is left as it is")
    agreement = value.get("min_agreement", MIN_AGREEMENT)
    if type(agreement) is not int or not 1 <= agreement <= MAX_AGREEMENT:
        raise StoreError(f"{path}: \"min_agreement\" must be a whole number from 1 to {MAX_AGREEMENT}, "
                         f"not {agreement!r}; the file is left as it is")
    return defaults | value  # type: ignore[return-value]


def update_team_settings(path: Path, change: Callable[[TeamSettings], TeamSettings]) -> TeamSettings:
    """Read, change and write under the file's lock: two leads changing the settings at
    once both have their change kept. `change` may raise to refuse; nothing is written."""
    with locked(path):
        settings = change(read_team_settings(path))
        write_json(path, settings)
    return settings
