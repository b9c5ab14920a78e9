"""Shared helpers: build an article from a string, extract, look quotes up by text."""

from __future__ import annotations

import pytest

from workbench.articles import load_text, parse_date
from workbench.extract import extract_quotes
from workbench.models import Quote


def extract(text: str, lang: str = "it", date: str | None = "2025-10-21") -> list[Quote]:
    article = load_text(text, "t", published=parse_date(date) if date else None, lang=lang)
    return extract_quotes(article)


def quote(quotes: list[Quote], words: str) -> Quote:
    """The quote whose text starts with `words`."""
    found = [q for q in quotes if q.text.startswith(words)]
    assert found, f"no quote starting {words!r} in {[q.text for q in quotes]}"
    return found[0]


@pytest.fixture
def run():
    return extract


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory):
    """A store holding the seed articles and no reviewer's work (built once)."""
    import shutil

    from workbench.resources import seeds_dir
    from workbench.services import Workbench

    root = tmp_path_factory.mktemp("seed-corpus") / "store"
    Workbench.open(root, "seeder").ingest.add([seeds_dir()])
    shutil.rmtree(root / "reviews")
    return root


@pytest.fixture
def seeded_root(seed_corpus, tmp_path):
    """A fresh copy of the seed store for one test."""
    import shutil

    root = tmp_path / "store"
    shutil.copytree(seed_corpus, root)
    return root
