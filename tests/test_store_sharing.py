"""A store folder a team shares: files created with the process's umask, reviewer names
that never share files, and only `ingest` and `review` create a store."""

import os
import stat
from pathlib import Path

import pytest

from workbench.store import Store

ROOT = Path(__file__).parent.parent


@pytest.fixture
def umask_002():
    old = os.umask(0o002)
    yield
    os.umask(old)


def modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode)
            for p in root.rglob("*") if p.is_file() and not p.name.endswith(".lock")}


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_store_files_honour_the_umask_so_a_group_can_share_them(tmp_path, umask_002):
    store = Store.open(tmp_path / "s", "anna")
    store.ingest([ROOT / "seeds"])
    store.set_review(store.quotes()[0]["id"], "confirmed")
    store.compact()
    store.set_review(store.quotes()[1]["id"], "disputed")  # a journal again
    store.add_lead("anna")
    found = modes(tmp_path / "s")
    assert {"meta.json", "corpus/quotes.json", "reviews/anna.json", "reviews/anna.journal",
            "team.json"} <= set(found)
    assert set(found.values()) == {0o664}, found


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_rewritten_file_keeps_the_permissions_it_had(tmp_path):
    store = Store.open(tmp_path / "s", "anna")
    meta = tmp_path / "s" / "team.json"
    store.add_lead("anna")
    meta.chmod(0o660)
    store.add_lead("bob")
    assert stat.S_IMODE(meta.stat().st_mode) == 0o660
