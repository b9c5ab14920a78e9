"""Several verdicts as one change (a whole group marked at once), and undo scoped to the
session that made a change: the store's API, read back from a reopened store."""

from __future__ import annotations

import orjson
import pytest

from workbench.services import Workbench
from workbench.views import quote_list
from workbench.store import reviews as reviews_module
from workbench.store.reviews import ChangedSince

REVIEWER = "anna"


@pytest.fixture
def store(seeded_root) -> Workbench:
    return Workbench.open(seeded_root, REVIEWER)


def reopened(store: Workbench) -> Workbench:
    return Workbench.open(store.root, REVIEWER)


def statuses(store: Workbench, ids: list[str]) -> list[str | None]:
    return [(r.status if (r := store.reviewing.review(i)) else None) for i in ids]


def test_a_batch_of_verdicts_is_one_event_and_one_undo(store):
    ids = [q["id"] for q in quote_list(store)[:4]]
    store.reviewing.mark(ids[0], "confirmed", note="checked")
    store.reviewing.mark(ids[1], "attributed")
    store.reviewing.mark(ids[2], "disputed")  # already disputed: left out of the batch
    lines_before = store.store.mine.journal.read_bytes().count(b"\n")

    change = store.reviewing.mark_many(ids, "disputed")

    assert change.kind == "reviews" and {c.target for c in change.changes} == {ids[0], ids[1], ids[3]}
    assert store.store.mine.journal.read_bytes().count(b"\n") == lines_before + 1  # one line, all or nothing
    saved = reopened(store)
    assert statuses(saved, ids) == ["disputed"] * 4
    assert saved.reviewing.review(ids[0]).note == "checked"  # notes and evidence stay
    # the history has an entry per quote, marked as one batch
    entries = [e for e in saved.reviewing.history() if e.get("batch")]
    assert {e["quote"] for e in entries} == {ids[0], ids[1], ids[3]}
    assert len({e["batch"] for e in entries}) == 1
    assert saved.reviewing.history(ids[0])[-1]["before"]["status"] == "confirmed"

    undone = saved.reviewing.undo()  # one undo restores every member
    assert undone.kind == "reviews" and len(undone.changes) == 3
    assert statuses(reopened(store), ids) == ["confirmed", "attributed", "disputed", None]
    saved.reviewing.redo()
    assert statuses(reopened(store), ids) == ["disputed"] * 4
    assert store.reviewing.mark_many(ids, "disputed") is None  # nothing to change: no event


def test_a_batch_survives_folding_into_the_reviewer_file(store, monkeypatch):
    ids = [q["id"] for q in quote_list(store)[:3]]
    monkeypatch.setattr(reviews_module, "COMPACT_EVERY", 2)
    store.reviewing.mark(ids[0], "attributed")
    store.reviewing.mark_many(ids, "confirmed")  # the second event: folded into reviews/anna.json
    assert store.store.mine.journal.read_bytes() == b""
    saved = reopened(store)
    assert statuses(saved, ids) == ["confirmed"] * 3
    saved.reviewing.undo()
    assert statuses(reopened(store), ids) == ["attributed", None, None]


def test_a_journal_of_an_older_version_still_reads(store):
    """Journals written before batches existed: single-review events only."""
    ids = [q["id"] for q in quote_list(store)[:2]]
    old = [{"v": 1, "id": "e1", "time": "2026-01-01T10:00:00+00:00", "reviewer": REVIEWER, "seq": 1,
            "type": "review", "quote": ids[0], "before": None,
            "after": {"status": "disputed", "note": "old", "evidence": []}},
           {"v": 1, "id": "e2", "time": "2026-01-01T10:01:00+00:00", "reviewer": REVIEWER, "seq": 2,
            "type": "review", "quote": ids[1], "before": None,
            "after": {"status": "confirmed", "note": "", "evidence": []}}]
    journal = store.root / "reviews" / f"{REVIEWER}.journal"
    journal.write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in old))
    saved = reopened(store)
    assert statuses(saved, ids) == ["disputed", "confirmed"]
    assert [e["quote"] for e in saved.reviewing.history()] == ids
    saved.reviewing.undo()
    assert statuses(reopened(store), ids) == ["disputed", None]


def test_undo_in_a_session_undoes_only_what_that_session_did(store):
    ids = [q["id"] for q in quote_list(store)[:3]]
    first, second = Workbench.open(store.root, REVIEWER), Workbench.open(store.root, REVIEWER)
    first.reviewing.mark(ids[0], "confirmed")
    second.reviewing.mark(ids[1], "disputed")  # the other workbench, later

    change = first.reviewing.undo(session=True)
    assert change.target == ids[0]
    assert statuses(reopened(store), ids[:2]) == [None, "disputed"]  # the other's change stays
    assert first.reviewing.undo(session=True) is None  # nothing else of this session
    first.reviewing.redo(session=True)
    assert statuses(reopened(store), ids[:2]) == ["confirmed", "disputed"]


def test_a_session_undo_of_something_changed_since_elsewhere_is_refused(store):
    qid = quote_list(store)[0]["id"]
    first, second = Workbench.open(store.root, REVIEWER), Workbench.open(store.root, REVIEWER)
    first.reviewing.mark(qid, "confirmed")
    second.reviewing.mark(qid, "disputed")  # the same claim, changed again in the other session
    lines = first.store.mine.journal.read_bytes()
    with pytest.raises(ChangedSince, match="changed since in another session"):
        first.reviewing.undo(session=True)
    assert first.store.mine.journal.read_bytes() == lines  # nothing written
    assert reopened(store).reviewing.review(qid).status == "disputed"


def test_workbench_undo_still_undoes_the_reviewers_last_change_anywhere(store):
    """`workbench undo` (a new Store each time, no session of its own) keeps its meaning."""
    ids = [q["id"] for q in quote_list(store)[:2]]
    Workbench.open(store.root, REVIEWER).reviewing.mark(ids[0], "confirmed")
    Workbench.open(store.root, REVIEWER).reviewing.mark(ids[1], "disputed")
    assert Workbench.open(store.root, REVIEWER).reviewing.undo().target == ids[1]
    assert Workbench.open(store.root, REVIEWER).reviewing.undo().target == ids[0]
    assert statuses(reopened(store), ids) == [None, None]


def test_changes_made_elsewhere_are_reported(store):
    ids = [q["id"] for q in quote_list(store)[:2]]
    mine = Workbench.open(store.root, REVIEWER)
    seen = len(mine.store.mine.events)
    mine.reviewing.mark(ids[0], "confirmed")
    Workbench.open(store.root, REVIEWER).reviewing.mark(ids[1], "attributed")
    found, seen = mine.reviewing.changes_elsewhere(seen)
    assert [c.target for c in found] == [ids[1]]
    assert mine.reviewing.changes_elsewhere(seen) == ([], seen)


def test_the_command_line_undo_of_a_batch_names_each_quote(store):
    from click.testing import CliRunner

    from workbench.cli import main

    ids = [q["id"] for q in quote_list(store)[:2]]
    store.reviewing.mark(ids[0], "confirmed")
    store.reviewing.mark_many(ids, "disputed")
    result = CliRunner().invoke(main, ["--store", str(store.root), "--reviewer", REVIEWER, "undo"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"{ids[0]}: now confirmed", f"{ids[1]}: now unreviewed"]
