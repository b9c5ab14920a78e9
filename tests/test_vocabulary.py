"""The vocabulary is defined once (workbench/vocab.py): no other module spells a status,
and the stylesheet colours every status the vocabulary has."""

from __future__ import annotations

import ast
from pathlib import Path

from workbench.vocab import REVIEW_STATES, STATUSES

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "workbench"


def string_constants(path: Path) -> set[str]:
    """The string literals of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings}


def test_no_module_but_the_vocabulary_spells_a_status():
    spelled = {}
    for path in PACKAGE.rglob("*.py"):
        if path.name == "vocab.py":
            continue
        found = string_constants(path) & set(REVIEW_STATES)
        if found:
            spelled[str(path.relative_to(ROOT))] = sorted(found)
    assert spelled == {}


def test_the_stylesheet_colours_every_status():
    stylesheet = (ROOT / "styles" / "workbench.tcss").read_text(encoding="utf-8")
    for state in REVIEW_STATES:
        assert f".claim-list--{state}" in stylesheet, state
    for status in STATUSES:
        assert f".claim-detail--{status}" in stylesheet, status
