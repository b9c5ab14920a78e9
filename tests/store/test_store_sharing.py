"""A store folder a team shares: files created with the process's umask, reviewer names
that never share files, and only `ingest` and `review` create a store."""

import os
import stat
from pathlib import Path

import pytest

from workbench.services import Workbench
from workbench.views import quote_list

ROOT = Path(__file__).parents[2]


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
    store = Workbench.open(tmp_path / "s", "anna")
    store.ingest.add([ROOT / "seeds"])
    store.reviewing.mark(quote_list(store)[0]["id"], "confirmed")
    store.reviewing.compact()
    store.reviewing.mark(quote_list(store)[1]["id"], "disputed")  # a journal again
    store.team.add_lead("anna")
    found = modes(tmp_path / "s")
    assert {"meta.json", "corpus/quotes.json", "reviews/anna.json", "reviews/anna.journal",
            "team.json"} <= set(found)
    assert set(found.values()) == {0o664}, found


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_rewritten_file_keeps_the_permissions_it_had(tmp_path):
    store = Workbench.open(tmp_path / "s", "anna")
    meta = tmp_path / "s" / "team.json"
    store.team.add_lead("anna")
    meta.chmod(0o660)
    store.team.add_lead("bob")
    assert stat.S_IMODE(meta.stat().st_mode) == 0o660


def seeded(root: Path, reviewer: str = "anna") -> Workbench:
    store = Workbench.open(root, reviewer)
    store.ingest.add([ROOT / "seeds"])
    return store


@pytest.mark.parametrize("first, second", [("a/b", "a_b"), ("Anna Rossi", "Anna_Rossi"), ("x.", "x"),
                                           ("_x", "x"), ("ä", "a")])
def test_two_names_that_looked_alike_get_files_of_their_own(tmp_path, first, second):
    one = seeded(tmp_path, first)
    qid = quote_list(one)[0]["id"]
    one.reviewing.mark(qid, "confirmed", note=first)
    two = Workbench.open(tmp_path, second)
    assert two.reviewing.review(qid) is None  # not the other reviewer's verdict
    two.reviewing.mark(qid, "disputed", note=second)
    assert Workbench.open(tmp_path, first).reviewing.review(qid).note == first
    assert Workbench.open(tmp_path, second).reviewing.review(qid).note == second
    team = Workbench.open(tmp_path, "carla").team.team_reviews()[qid]
    assert {name: r.status for name, r in team.items()} == {first: "confirmed", second: "disputed"}
    assert len(list((tmp_path / "reviews").glob("*.journal"))) == 2


def test_simple_names_keep_their_file_names_and_others_are_encoded():
    from workbench.store.reviews import file_stem, name_of_stem

    for name in ("anna", "Bob", "anna.rossi", "a_b", "carla-2", "x" * 80):
        assert file_stem(name) == name
    assert file_stem("a/b") == "a%2Fb" and file_stem("Anna Rossi") == "Anna+Rossi"
    assert file_stem(".tmp-x") == "%2Etmp-x"  # never hidden, never taken for a temporary file
    for name in ("a/b", "Anna Rossi", "50%+", "Zoë", "x.", "..", "\udcff", "x" * 81):
        assert name_of_stem(file_stem(name)) == name
    long = file_stem("é" * 300)
    assert len(long) <= 120 and long != file_stem("é" * 299 + "e")


def test_names_differing_only_in_case_are_refused(tmp_path):
    from workbench.store.reviews import ReviewerNameError

    seeded(tmp_path, "Anna").reviewing.mark(quote_list(Workbench.open(tmp_path, "Anna"))[0]["id"], "confirmed")
    with pytest.raises(ReviewerNameError, match="differs only in case"):
        Workbench.open(tmp_path, "anna")
    assert [p.name for p in (tmp_path / "reviews").glob("*.journal")] == ["Anna.journal"]


def test_an_old_store_keeps_a_reviewers_file_and_the_lookalike_is_refused(tmp_path):
    """Stores written before the names were encoded: "Anna Rossi" wrote Anna_Rossi.*."""
    from workbench.store.reviews import ReviewerNameError

    store = seeded(tmp_path, "Anna Rossi")
    qid = quote_list(store)[0]["id"]
    store.reviewing.mark(qid, "confirmed")
    reviews = tmp_path / "reviews"
    (reviews / "Anna+Rossi.journal").rename(reviews / "Anna_Rossi.journal")
    again = Workbench.open(tmp_path, "Anna Rossi")
    assert again.reviewing.review(qid).status == "confirmed"
    again.reviewing.mark(qid, "disputed")
    assert [p.name for p in reviews.glob("*.journal")] == ["Anna_Rossi.journal"]
    with pytest.raises(ReviewerNameError, match="holds the work of reviewer 'Anna Rossi'"):
        Workbench.open(tmp_path, "Anna_Rossi")
    assert set(Workbench.open(tmp_path, "carla").team.team_reviews()[qid]) == {"Anna Rossi"}
