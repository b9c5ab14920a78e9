"""Files that ship with the application: the stylesheets and the seed articles.

In a source checkout (or an editable install) they are the top-level `styles/` and
`seeds/` folders; an installed wheel carries them inside the package
(`[tool.hatch.build.targets.wheel.force-include]` in pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def _folder(name: str) -> Path:
    for candidate in (PACKAGE / name, PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the {name}/ folder of Quote Workbench is missing: looked in "
                            f"{PACKAGE / name} and {PACKAGE.parent / name}")


def styles_dir() -> Path:
    return _folder("styles")


def seeds_dir() -> Path:
    return _folder("seeds")


def stylesheets() -> list[Path]:
    """The workbench's stylesheets, in the order they apply."""
    return sorted(styles_dir().glob("*.tcss"))
