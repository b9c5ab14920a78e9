"""Shared fixtures (helper functions are in tests/helpers/)."""

from __future__ import annotations

import pytest

from helpers.extraction import extract


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
