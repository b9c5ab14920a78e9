"""A reviewer's journal: only a torn last line may be skipped; damage anywhere else
stops the store with the file and line named, and the file is left as it is."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.views import quote_list
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
