"""The store never loses a saved review and never corrupts a file.

(a) a writer killed with SIGKILL at random moments, 50 times: every review it reported
    saved is there afterwards, and the store opens;
(b) four processes writing 200 reviews each to one reviewer's file at once: all 800 kept;
(c) a truncated or garbled file: a clear error naming it, the file left byte for byte;
(d) ingest of a folder with a binary, an empty and an invalid-UTF-8 file.
"""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.store import StoreError
from workbench.views import quote_list
from workbench.services import Workbench
from workbench.store.storage import SCHEMA

ROOT = Path(__file__).parents[2]
WRITER = Path(__file__).parents[1] / "helpers" / "review_writer.py"


def seeded_store(path: Path, reviewer: str = "anna") -> Workbench:
    store = Workbench.open(path, reviewer)
    store.ingest.add([ROOT / "seeds"])
    return store


def writer(store_dir: Path, reviewer: str, tag: str, count: int, compact_every: int) -> subprocess.Popen:
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, str(WRITER), str(store_dir), reviewer, tag, str(count),
                             str(compact_every)], stdout=subprocess.PIPE, text=True, env=env)


def saved_notes(store_dir: Path, reviewer: str) -> set[str]:
    store = Workbench.open(store_dir, reviewer)
    return {e["after"]["note"] for e in store.reviewing.history() if e["after"]}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_writer_loses_nothing_it_reported_saved(tmp_path):
    seeded_store(tmp_path)
    rng = random.Random(2026)
    reported: set[str] = set()
    for run in range(50):
        child = writer(tmp_path, "anna", f"r{run}", 0, compact_every=rng.choice([3, 7, 25]))
        time.sleep(rng.uniform(0.25, 0.6))  # start-up, then a random moment of writing
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
        reported |= {line for line in out.splitlines() if line}
        notes = saved_notes(tmp_path, "anna")  # opens after every kill
        missing = reported - notes
        assert not missing, f"run {run}: reported saved but lost: {sorted(missing)[:5]}"
    assert len(reported) > 50  # the children did write between the kills
    assert not list(tmp_path.rglob(".tmp-*"))  # orphaned temporary files cleaned at open


def test_four_processes_on_one_reviewer_file_keep_all_800(tmp_path):
    seeded_store(tmp_path)
    children = [writer(tmp_path, "anna", f"p{n}", 200, compact_every=50) for n in range(4)]
    for child in children:
        out, _ = child.communicate(timeout=120)
        assert child.returncode == 0
        assert len(out.splitlines()) == 200
    notes = saved_notes(tmp_path, "anna")
    assert notes >= {f"p{n}-{i}" for n in range(4) for i in range(200)}
    assert len(Workbench.open(tmp_path, "anna").reviewing.history()) == 800


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # truncated by a crash of another program
    lambda data: data[:10] + b"\x00garbage\xff" + data[10:],  # garbled
])
def test_damaged_file_gives_a_clear_error_and_is_left_unchanged(tmp_path, damage):
    store = seeded_store(tmp_path)
    store.reviewing.mark(quote_list(store)[0]["id"], "confirmed")
    store.reviewing.compact()
    for path in [tmp_path / "corpus" / "quotes.json", tmp_path / "reviews" / "anna.json"]:
        original = path.read_bytes()
        path.write_bytes(damage(original))
        damaged = path.read_bytes()
        with pytest.raises(StoreError) as error:
            Workbench.open(tmp_path, "anna")
        assert str(path) in str(error.value)
        assert path.read_bytes() == damaged  # never overwritten
        path.write_bytes(original)
    Workbench.open(tmp_path, "anna")  # repaired by hand: opens again


def test_teammates_damaged_file_stops_the_store_too(tmp_path):
    seeded_store(tmp_path)
    bob = Workbench.open(tmp_path, "bob")
    bob.reviewing.mark(quote_list(bob)[0]["id"], "disputed")
    bob.reviewing.compact()
    (tmp_path / "reviews" / "bob.json").write_bytes(b"{not json")
    with pytest.raises(StoreError, match="bob.json"):
        Workbench.open(tmp_path, "anna")


def test_ingest_keeps_the_good_articles_and_names_each_bad_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(" date 2025-05-02 «Si riparte», ha detto il sindaco Paolo Rossi.",
                                     encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x00")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("«Però», ha detto.".encode("latin-1"))
    store = Workbench.open(tmp_path / "store", "anna")
    report = store.ingest.add([folder])
    assert report.added == ["good"]
    assert sorted(Path(p.source).name for p in report.rejected) == ["binary.txt", "empty.txt", "latin1.txt"]
    assert [q["speaker"] for q in quote_list(store)] == ["Paolo Rossi"]


def test_newer_schema_is_refused_and_older_is_migrated_with_a_copy(tmp_path):
    store = seeded_store(tmp_path)
    store.reviewing.mark(quote_list(store)[0]["id"], "confirmed")
    store.reviewing.compact()
    path = tmp_path / "reviews" / "anna.json"
    original = path.read_bytes()
    path.write_bytes(original.replace(f'"schema":{SCHEMA}'.encode(), b'"schema":99'))
    newer = path.read_bytes()
    with pytest.raises(StoreError, match="newer"):
        Workbench.open(tmp_path, "anna")
    assert path.read_bytes() == newer
    # A file from before schema versions (no _meta table) is upgraded, and kept as it was.
    import orjson
    tables = orjson.loads(original)
    del tables["_meta"]
    path.write_bytes(orjson.dumps(tables))
    old = path.read_bytes()
    store = Workbench.open(tmp_path, "anna")
    assert store.reviewing.review(quote_list(store)[0]["id"]).status == "confirmed"
    assert (tmp_path / "reviews" / "anna.json.schema0.bak").read_bytes() == old
    assert orjson.loads(path.read_bytes())["_meta"]["1"]["schema"] == SCHEMA


def test_torn_last_journal_line_is_skipped(tmp_path):
    store = seeded_store(tmp_path)
    first, second = [q["id"] for q in quote_list(store)[:2]]
    store.reviewing.mark(first, "confirmed")
    journal = tmp_path / "reviews" / "anna.journal"
    with open(journal, "ab") as handle:
        handle.write(b'{"v":1,"id":"x","type":"review","quote":"' + second.encode())  # cut short
    reopened = Workbench.open(tmp_path, "anna")
    assert reopened.reviewing.review(first).status == "confirmed" and reopened.reviewing.review(second) is None


def test_folding_twice_after_a_crash_changes_nothing(tmp_path):
    store = seeded_store(tmp_path)
    qid = quote_list(store)[0]["id"]
    store.reviewing.mark(qid, "disputed", note="first")
    journal = tmp_path / "reviews" / "anna.journal"
    kept = journal.read_bytes()
    store.reviewing.compact()  # the file now holds the event …
    journal.write_bytes(kept)  # … and the journal still does, as after a crash before clearing
    reopened = Workbench.open(tmp_path, "anna")
    assert len(reopened.reviewing.history(qid)) == 1 and reopened.reviewing.review(qid).note == "first"


def test_orphaned_temporary_files_are_removed_at_open(tmp_path):
    seeded_store(tmp_path)
    orphan = tmp_path / "corpus" / ".tmp-quotes.json.abc123"
    orphan.write_bytes(b"half a file")
    Workbench.open(tmp_path, "anna")
    assert not orphan.exists()


def test_a_live_writers_temporary_file_is_not_taken_for_an_orphan(tmp_path):
    """A second process opening the store while the first writes (found by the four-
    process test under load): the temporary file being written must survive the clean-up."""
    import tempfile

    from workbench.store import files

    fd, temp = tempfile.mkstemp(prefix=files.TEMP_PREFIX + "anna.json.", dir=tmp_path)
    files._hold(fd)
    try:
        assert files.remove_orphans(tmp_path) == []
        assert Path(temp).exists()
    finally:
        os.close(fd)  # the writer is gone (as when killed): now it is an orphan
    assert files.remove_orphans(tmp_path) == [Path(temp)]
