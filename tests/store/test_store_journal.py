"""A reviewer's journal: only a torn last line may be skipped; damage anywhere else
stops the store with the file and line named, and the file is left as it is."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.views import Filters, quote_list
from workbench.store import StoreError
from workbench.services import Workbench

ROOT = Path(__file__).parents[2]


def three_verdicts(root: Path) -> tuple[Workbench, list[str], Path]:
    store = Workbench.open(root, "anna")
    store.ingest.add([ROOT / "seeds"])
    ids = [q["id"] for q in quote_list(store)[:3]]
    for qid, status in zip(ids, ("confirmed", "disputed", "attributed")):
        store.reviewing.mark(qid, status)
    return store, ids, root / "reviews" / "anna.journal"


def test_a_damaged_middle_line_stops_the_store_naming_file_and_line(tmp_path):
    _store, _ids, journal = three_verdicts(tmp_path)
    lines = journal.read_bytes().split(b"\n")
    lines[1] = lines[1][:-5] + b"#oops"  # the second verdict's line, garbled in place
    journal.write_bytes(b"\n".join(lines))
    damaged = journal.read_bytes()
    with pytest.raises(StoreError, match=r"anna\.journal:2: damaged journal line"):
        Workbench.open(tmp_path, "anna")
    with pytest.raises(StoreError, match=r"anna\.journal:2"):
        Workbench.open(tmp_path, "bob")  # a teammate's store reads anna's journal too
    assert journal.read_bytes() == damaged


@pytest.mark.parametrize("line, what", [(b'{"v": 1}', "not a complete event"),
                                        (b"[1, 2]", "not an event")])
def test_a_line_that_is_json_but_not_an_event_is_damage_too(tmp_path, line, what):
    _store, _ids, journal = three_verdicts(tmp_path)
    lines = journal.read_bytes().split(b"\n")
    journal.write_bytes(b"\n".join([lines[0], line, *lines[1:]]))
    with pytest.raises(StoreError, match=rf"anna\.journal:2: damaged journal line, {what}"):
        Workbench.open(tmp_path, "anna")


def test_the_cli_exits_3_on_a_damaged_journal_and_leaves_it_alone(tmp_path):
    _store, ids, journal = three_verdicts(tmp_path)
    journal.write_bytes(journal.read_bytes().replace(b'"status":"disputed"', b'"status":"disp', 1))
    damaged = journal.read_bytes()
    env = {"WORKBENCH_STORE": str(tmp_path), "WORKBENCH_REVIEWER": "anna"}
    result = CliRunner().invoke(main, ["mark", ids[0], "disputed"], env=env)
    assert result.exit_code == 3 and "anna.journal:2" in result.stderr
    assert journal.read_bytes() == damaged


def test_a_torn_last_line_is_cut_off_before_the_next_save(tmp_path):
    """A crash mid-append leaves a line without its newline; the next save must not glue
    its event onto it (that line would then be damage, and the new verdict lost)."""
    _store, ids, journal = three_verdicts(tmp_path)
    with open(journal, "ab") as handle:
        handle.write(b'{"v":1,"id":"x","type":"review","quote":"' + ids[0].encode())  # cut short
    store = Workbench.open(tmp_path, "anna")
    assert store.reviewing.review(ids[0]).status == "confirmed"
    store.reviewing.mark(ids[0], "disputed")
    again = Workbench.open(tmp_path, "anna")
    assert again.reviewing.review(ids[0]).status == "disputed"
    assert [q.status for q in map(again.reviewing.review, ids)] == ["disputed", "disputed", "attributed"]
    assert journal.read_bytes().endswith(b"\n") and b'"id":"x"' not in journal.read_bytes()


# -- folding the journal: the history file, the TinyDB file, crashes and readers ---------

import dataclasses  # noqa: E402

import orjson  # noqa: E402

from workbench.store import files as files_module  # noqa: E402
from workbench.store import journal as journal_module  # noqa: E402
from workbench.store import reviews as reviews_module  # noqa: E402
from workbench.store.storage import SCHEMA  # noqa: E402


def state(log, refresh: bool = True) -> dict:
    """Everything a reviewer's log holds, comparable (read afresh first, unless not)."""
    if refresh:
        log.refresh()
    return {"reviews": {k: dataclasses.asdict(v) for k, v in log.reviews.items()},
            "sources": {k: dataclasses.asdict(v) for k, v in log.sources.items()},
            "aliases": {k: dataclasses.asdict(v) for k, v in log.aliases.items()},
            "finals": {k: dataclasses.asdict(v) for k, v in log.finals.items()},
            "events": [e["id"] for e in log.events]}


def busy_store(root: Path, monkeypatch, every: int = 4) -> tuple[Workbench, list[str]]:
    """anna's store after verdicts, a cleared verdict, notes on sources and final
    verdicts, folded every `every` events on the way."""
    monkeypatch.setattr(reviews_module, "COMPACT_EVERY", every)
    store = Workbench.open(root, "anna")
    ids = [q["id"] for q in quote_list(store, Filters())[:6]]
    store.team.add_lead("anna")
    for n, qid in enumerate(ids):
        store.reviewing.mark(qid, ("confirmed", "disputed", "attributed")[n % 3], note=f"n{n}")
    store.reviewing.mark_many(ids[:3], "disputed")
    store.reviewing.clear(ids[4])
    store.reviewing.annotate_source("Bench News", reliability=4, note="careful")
    store.team.set_final(ids[0], "confirmed", "the transcript")
    store.reviewing.undo()
    store.reviewing.mark(ids[5], "confirmed", evidence=["https://example.org/a"])
    return store, ids


def reviews_folder(root: Path) -> Path:
    return root / "reviews"


def test_a_fold_appends_to_the_history_and_writes_only_the_state(seeded_root, monkeypatch):
    store, _ids = busy_store(seeded_root, monkeypatch)
    folder = reviews_folder(seeded_root)
    history = folder / "anna.history"
    before = history.read_bytes()
    store.reviewing.compact()
    after = history.read_bytes()
    assert after.startswith(before)  # appended to, never rewritten
    tables = orjson.loads((folder / "anna.json").read_bytes())
    assert "history" not in tables and tables["folded"]["1"]["history_bytes"] == len(after)
    assert tables["_meta"]["1"] == {"schema": SCHEMA, "kind": "reviews"}
    assert (folder / "anna.journal").read_bytes() == b""
    events = [orjson.loads(line) for line in after.splitlines()]
    assert [e["id"] for e in events] == [e["id"] for e in store.store.mine.events]  # each event once
    # The file's tables are the state, record for record (numbers unique, not consecutive).
    assert sorted((r["quote"], r["status"], r["note"]) for r in tables["reviews"].values()) == sorted(
        (r.quote, r.status, r.note) for r in store.store.mine.reviews.values())
    assert len(tables["reviews"]) == len(store.store.mine.reviews) and len(tables["finals"]) == 0
    assert [s["note"] for s in tables["sources"].values()] == ["careful"]
    assert state(Workbench.open(seeded_root, "anna").store.mine) == state(store.store.mine)


def test_the_file_a_fold_writes_is_the_state_after_many_folds(seeded_root, monkeypatch):
    """Each fold writes again only the records changed since the last: what it writes
    must still be the whole state, removals included."""
    store, ids = busy_store(seeded_root, monkeypatch, every=3)
    for n in range(40):
        qid = ids[n % len(ids)]
        if n % 7 == 3:
            store.reviewing.clear(qid)
        else:
            store.reviewing.mark(qid, ("confirmed", "disputed")[n % 2], note=f"again {n}")
        if n % 11 == 0:
            store.reviewing.annotate_source(ids[0][:4], note=f"source {n}")
    store.reviewing.compact()
    tables = orjson.loads((reviews_folder(seeded_root) / "anna.json").read_bytes())
    written = {r["quote"]: r for r in tables["reviews"].values()}
    assert written == {k: dataclasses.asdict(v) for k, v in store.store.mine.reviews.items()}
    assert len(set(tables["reviews"])) == len(tables["reviews"])
    assert state(Workbench.open(seeded_root, "anna").store.mine) == state(store.store.mine)


def old_layout(root: Path, reviewer: str = "anna") -> None:
    """Rewrite a reviewer's files as the version before the history file left them:
    the history inside the TinyDB file, no history file."""
    log = Workbench.open(root, reviewer).store.mine
    folder = reviews_folder(root)
    tables = {
        "history": {str(n): e for n, e in enumerate(log.events, 1)},
        "reviews": {str(n): dataclasses.asdict(r) for n, r in enumerate(log.reviews.values(), 1)},
        "sources": {str(n): dataclasses.asdict(s) for n, s in enumerate(log.sources.values(), 1)},
        "aliases": {str(n): dataclasses.asdict(a) for n, a in enumerate(log.aliases.values(), 1)},
        "finals": {str(n): dataclasses.asdict(f) for n, f in enumerate(log.finals.values(), 1)},
        "_meta": {"1": {"schema": SCHEMA, "kind": "reviews"}},
    }
    (folder / f"{reviewer}.json").write_bytes(orjson.dumps(tables))
    (folder / f"{reviewer}.journal").write_bytes(b"")
    (folder / f"{reviewer}.history").unlink(missing_ok=True)


def test_a_store_of_the_old_layout_reads_the_same_and_moves_on_its_first_fold(seeded_root, monkeypatch):
    store, ids = busy_store(seeded_root, monkeypatch, every=1000)
    expected = state(store.store.mine)
    trail = store.reviewing.history()
    old_layout(seeded_root)
    old = Workbench.open(seeded_root, "anna")
    assert state(old.store.mine) == expected and old.reviewing.history() == trail
    assert not (reviews_folder(seeded_root) / "anna.history").exists()
    old.reviewing.mark(ids[1], "attributed")  # into the journal beside the old file
    old.reviewing.compact()  # the first fold: the history moves out of the TinyDB file
    tables = orjson.loads((reviews_folder(seeded_root) / "anna.json").read_bytes())
    assert "history" not in tables and "folded" in tables
    again = Workbench.open(seeded_root, "anna")
    assert state(again.store.mine) == state(old.store.mine)
    assert again.reviewing.history()[:-1] == trail and again.reviewing.review(ids[1]).status == "attributed"
    assert again.reviewing.undo().target == ids[1]  # the history still undoes


def test_a_fold_killed_before_it_wrote_the_file_leaves_the_old_state(seeded_root, monkeypatch):
    store, ids = busy_store(seeded_root, monkeypatch, every=1000)
    store.reviewing.compact()
    store.reviewing.mark(ids[2], "confirmed", note="after the fold")
    expected = state(store.store.mine)
    history = reviews_folder(seeded_root) / "anna.history"
    committed = history.read_bytes()

    def killed(path, data, replace=True):
        raise KeyboardInterrupt("killed")  # the history is appended to; the file not written

    monkeypatch.setattr(reviews_module, "write_atomic", killed)
    with pytest.raises(KeyboardInterrupt):
        store.reviewing.compact()
    monkeypatch.undo()
    assert history.read_bytes() != committed  # the fold's lines, past what the file holds
    reopened = Workbench.open(seeded_root, "anna")
    assert state(reopened.store.mine) == expected  # read as before the fold: nothing lost or doubled
    reopened.reviewing.compact()  # cuts the lines of the killed fold before it appends
    lines = history.read_bytes().splitlines()
    assert len(lines) == len(set(lines)) == len(expected["events"])
    assert state(Workbench.open(seeded_root, "anna").store.mine) == expected


def test_a_fold_killed_before_it_emptied_the_journal_applies_nothing_twice(seeded_root, monkeypatch):
    store, ids = busy_store(seeded_root, monkeypatch, every=1000)
    store.reviewing.mark(ids[3], "confirmed", note="in the journal")
    expected = state(store.store.mine)

    def killed(path):
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(journal_module, "clear", killed)
    with pytest.raises(KeyboardInterrupt):
        store.reviewing.compact()
    monkeypatch.undo()
    journal = reviews_folder(seeded_root) / "anna.journal"
    assert journal.read_bytes()  # still holds the events the file now holds too
    reopened = Workbench.open(seeded_root, "anna")
    assert state(reopened.store.mine) == expected
    assert len(reopened.reviewing.history(ids[3])) == len(store.reviewing.history(ids[3]))
    reopened.reviewing.mark(ids[4], "disputed")
    reopened.reviewing.compact()
    lines = (reviews_folder(seeded_root) / "anna.history").read_bytes().splitlines()
    assert len(lines) == len(set(lines)) == len(expected["events"]) + 1


def test_a_torn_line_past_the_committed_history_is_ignored_then_cut(seeded_root, monkeypatch):
    store, ids = busy_store(seeded_root, monkeypatch)
    store.reviewing.compact()
    history = reviews_folder(seeded_root) / "anna.history"
    with open(history, "ab") as handle:
        handle.write(b'{"v":1,"id":"torn","type":"review","quote"')
    expected = state(store.store.mine)
    reopened = Workbench.open(seeded_root, "anna")
    assert state(reopened.store.mine) == expected
    reopened.reviewing.mark(ids[0], "attributed")
    reopened.reviewing.compact()
    assert b'"torn"' not in history.read_bytes() and history.read_bytes().endswith(b"\n")


def test_a_damaged_or_missing_history_stops_the_store_naming_it(seeded_root, monkeypatch):
    store, _ids = busy_store(seeded_root, monkeypatch)
    store.reviewing.compact()
    history = reviews_folder(seeded_root) / "anna.history"
    good = history.read_bytes()
    lines = good.split(b"\n")
    history.write_bytes(b"\n".join([lines[0], lines[1][:-3] + b"#x}", *lines[2:]]))
    with pytest.raises(StoreError, match=r"anna\.history:2: damaged journal line"):
        Workbench.open(seeded_root, "bob")  # a teammate's store reads anna's history too
    history.write_bytes(good[:-10])
    with pytest.raises(StoreError, match=r"anna\.history: .*shorter than"):
        Workbench.open(seeded_root, "anna")
    history.unlink()
    with pytest.raises(StoreError, match=r"anna\.history: missing"):
        Workbench.open(seeded_root, "anna")
    history.write_bytes(good)
    assert state(Workbench.open(seeded_root, "anna").store.mine) == state(store.store.mine)


def test_readers_follow_the_folds_of_another_process(seeded_root, monkeypatch):
    """A teammate's store and a second workbench of the same reviewer, refreshing while
    anna saves and folds: each reads what a fresh open reads, after every step."""
    monkeypatch.setattr(reviews_module, "COMPACT_EVERY", 3)
    anna = Workbench.open(seeded_root, "anna")
    ids = [q["id"] for q in quote_list(anna, Filters())[:5]]
    anna.reviewing.mark(ids[0], "confirmed")
    bob = Workbench.open(seeded_root, "bob")
    second = Workbench.open(seeded_root, "anna")
    saved = 1
    for n in range(20):
        anna.reviewing.mark(ids[n % 5], ("confirmed", "disputed", "attributed")[n % 3], note=f"s{n}")
        saved += 1
        if n % 4 == 1:
            continue  # the readers miss a step now and then: several folds between reads
        fresh = state(Workbench.open(seeded_root, "carla").store.others()["anna"])
        assert state(bob.store.others()["anna"]) == fresh
        assert state(second.store.mine) == fresh
        if n % 5 == 2:  # the second workbench saves too, between anna's folds
            second.reviewing.mark(ids[4], "disputed", note=f"second {n}")
            saved += 1
    assert state(anna.store.mine) == state(Workbench.open(seeded_root, "anna").store.mine)
    assert len(anna.store.mine.events) == saved


def test_a_reader_takes_only_what_a_fold_added_to_the_history(seeded_root, monkeypatch):
    monkeypatch.setattr(reviews_module, "COMPACT_EVERY", 2)
    anna = Workbench.open(seeded_root, "anna")
    ids = [q["id"] for q in quote_list(anna, Filters())[:3]]
    for qid in ids:
        anna.reviewing.mark(qid, "confirmed")
    bob = Workbench.open(seeded_root, "bob").store.others()["anna"]
    first = bob.events[0]
    read = []
    real = journal_module.parse
    monkeypatch.setattr(journal_module, "parse", lambda data, path, line=1: read.append(
        (path.name, data.count(b"\n"))) or real(data, path, line))
    anna.reviewing.mark(ids[0], "disputed")  # the fourth event: a fold
    bob.refresh()
    assert ("anna.history", 2) in read and ("anna.history", 4) not in read  # two new lines only
    assert bob.events[0] is first and len(bob.events) == 4


def test_a_history_an_older_version_left_beside_its_file_is_kept(seeded_root, monkeypatch):
    """An older version folding over a file of the new layout knows no history file: it
    writes the history it read from the journal only. The next fold keeps the earlier
    history from the history file rather than cutting it."""
    store, ids = busy_store(seeded_root, monkeypatch, every=1000)
    store.reviewing.compact()
    everything = [e["id"] for e in store.store.mine.events]
    folder = reviews_folder(seeded_root)
    tables = orjson.loads((folder / "anna.json").read_bytes())
    store.reviewing.mark(ids[1], "attributed", note="by the older version")
    recent = [orjson.loads(line) for line in (folder / "anna.journal").read_bytes().splitlines()]
    del tables["folded"]
    tables["history"] = {str(n): e for n, e in enumerate(recent, 1)}
    (folder / "anna.json").write_bytes(orjson.dumps(tables))
    (folder / "anna.journal").write_bytes(b"")
    older = Workbench.open(seeded_root, "anna")
    older.reviewing.mark(ids[2], "confirmed")
    older.reviewing.compact()
    again = Workbench.open(seeded_root, "anna")
    assert [e["id"] for e in again.store.mine.events][:len(everything) + 1] == everything + [recent[0]["id"]]
    assert len(again.store.mine.events) == len(everything) + 2


def test_a_history_file_is_no_reviewer_of_its_own(seeded_root, monkeypatch):
    busy_store(seeded_root, monkeypatch)
    assert set(Workbench.open(seeded_root, "bob").store.others()) == {"anna"}
    assert files_module.TEMP_PREFIX not in "".join(p.name for p in reviews_folder(seeded_root).iterdir())


def test_a_reader_never_takes_a_cut_and_regrown_journal_for_more_of_the_same(seeded_root, monkeypatch):
    """Between a reader's look at the TinyDB file and its read of the journal, another
    process folds (the journal cut) and saves again (longer than what the reader had
    read): those bytes are not the rest of what it read."""
    monkeypatch.setattr(reviews_module, "COMPACT_EVERY", 1000)
    anna = Workbench.open(seeded_root, "anna")
    ids = [q["id"] for q in quote_list(anna, Filters())[:4]]
    anna.reviewing.mark(ids[0], "confirmed")
    reader = Workbench.open(seeded_root, "bob").store.others()["anna"]
    anna.reviewing.compact()
    for qid in ids:
        anna.reviewing.mark(qid, "disputed", note="after the fold, a longer journal")
    assert reader._read_journal() is False  # as if it had looked at the file just before the fold
    reader.refresh()
    assert state(reader, refresh=False) == state(Workbench.open(seeded_root, "carla").store.others()["anna"])


def test_a_fold_while_a_reader_reads_is_read_again(seeded_root, monkeypatch):
    """A fold by another process between the reader's read of the TinyDB file and its
    read of the journal (which the fold empties): the reader reads everything again."""
    monkeypatch.setattr(reviews_module, "COMPACT_EVERY", 1000)
    anna = Workbench.open(seeded_root, "anna")
    ids = [q["id"] for q in quote_list(anna, Filters())[:4]]
    anna.reviewing.mark(ids[0], "confirmed")
    reader = Workbench.open(seeded_root, "bob").store.others()["anna"]
    anna.reviewing.mark(ids[1], "confirmed")
    anna.reviewing.compact()  # the reader reads all again at its next refresh
    real = reader._read_history
    folds = []

    def fold_meanwhile(committed):
        real(committed)
        if not folds:
            folds.append(1)
            anna.reviewing.mark(ids[2], "disputed")
            anna.reviewing.compact()
            anna.reviewing.mark(ids[3], "attributed")

    monkeypatch.setattr(reader, "_read_history", fold_meanwhile)
    reader.refresh()
    assert folds and state(reader, refresh=False) == state(Workbench.open(seeded_root, "carla").store.others()["anna"])
    assert [r.status for r in map(reader.reviews.get, ids)] == ["confirmed", "confirmed", "disputed",
                                                                  "attributed"]
