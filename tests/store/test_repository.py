"""The store's repository API: ingest, versions, reviews, history, undo, sources, team."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.views import Filters, quote_list
from workbench.store import reviewer_name, store_path
from workbench.services import Workbench

ROOT = Path(__file__).parents[2]


def article(folder: Path, name: str, text: str, date: str = "2025-05-02") -> Path:
    path = folder / f"{name}.txt"
    path.write_text(f" date {date} {text}", encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path):
    store = Workbench.open(tmp_path / "store", "anna")
    store.ingest.add([ROOT / "seeds"])
    return store


def test_ingest_twice_changes_nothing(store, tmp_path):
    files = sorted((tmp_path / "store" / "corpus").iterdir())
    before = {p: p.read_bytes() for p in files}
    report = store.ingest.add([ROOT / "seeds"])
    assert report.unchanged == ["000_5ee52f5f111858b6", "003_63792d20e42a4d56"]
    assert not report.added and not report.updated
    assert {p: p.read_bytes() for p in files} == before
    assert len(quote_list(store, Filters(scare=True))) == 20


def test_changed_article_is_a_new_version_and_reviews_carry_over(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    article(folder, "a", "«Riapriremo la piazza», ha detto il sindaco Paolo Rossi. «Entro giugno», ha aggiunto.")
    store = Workbench.open(tmp_path / "store", "anna")
    store.ingest.add([folder])
    kept, dropped = [q["id"] for q in quote_list(store)]
    store.reviewing.mark(kept, "confirmed", note="video")
    store.reviewing.mark(dropped, "disputed")
    article(folder, "a", "«Riapriremo la piazza», ha detto il sindaco Paolo Rossi. «Entro luglio», ha aggiunto.")
    report = store.ingest.add([folder])
    assert report.updated == ["a"] and report.quotes_kept == 1 and report.quotes_added == 1
    assert store.store.article("a")["version"] == 2
    current = {q["id"]: q for q in quote_list(store)}
    assert current[kept]["review"].note == "video"  # same words, same id: the review is still there
    assert dropped not in current  # the edited quote is a new one, unreviewed
    assert [q["review"] for q in current.values() if q["id"] != kept] == [None]


def test_review_history_undo_and_redo(store):
    qid = quote_list(store)[0]["id"]
    store.reviewing.mark(qid, "attributed")
    store.reviewing.mark(qid, "disputed", note="wrong speaker")
    store.reviewing.add_evidence(qid, "https://example.org/transcript")
    assert store.reviewing.review(qid).evidence == ["https://example.org/transcript"]
    trail = store.reviewing.history(qid)
    assert [e["after"]["status"] for e in trail] == ["attributed", "disputed", "disputed"]
    assert trail[1]["before"]["status"] == "attributed" and trail[1]["reviewer"] == "anna"
    store.reviewing.undo()
    assert store.reviewing.review(qid).evidence == []
    store.reviewing.undo()
    assert store.reviewing.review(qid).status == "attributed"
    store.reviewing.redo()
    assert store.reviewing.review(qid).status == "disputed"
    store.reviewing.mark(qid, "confirmed")
    assert store.reviewing.redo() is None  # a new change since the undo: nothing to redo
    store.reviewing.clear(qid)
    assert store.reviewing.review(qid) is None
    assert store.reviewing.undo().after["status"] == "confirmed"
    assert len(store.reviewing.history(qid)) == 9  # undos and redos are in the trail too


def test_reviews_survive_reopening_and_folding(store, tmp_path):
    qid = quote_list(store)[0]["id"]
    store.reviewing.mark(qid, "confirmed", note="seen")
    store.reviewing.compact()
    store.reviewing.mark(qid, "disputed")
    again = Workbench.open(tmp_path / "store", "anna")
    assert again.reviewing.review(qid).status == "disputed" and again.reviewing.review(qid).note == "seen"
    assert len(again.reviewing.history(qid)) == 2


def test_filters(store):
    qid = quote_list(store)[0]["id"]
    store.reviewing.mark(qid, "disputed")
    assert [q["id"] for q in quote_list(store, Filters(status="disputed"))] == [qid]
    assert qid not in [q["id"] for q in quote_list(store, Filters(status="unreviewed"))]
    assert {q["speaker"] for q in quote_list(store, Filters(speaker="anna kelly"))} == {"Anna Kelly"}
    assert all(q["kind"] == "scare" for q in quote_list(store, Filters(kind="scare")))
    assert not [q for q in quote_list(store) if q["kind"] == "scare"]
    assert {q["article"] for q in quote_list(store, Filters(source="003_63792d20e42a4d56"))} == {"003_63792d20e42a4d56"}
    assert quote_list(store, Filters(search="roadmap"))[0]["text"] == "abbiamo bisogno di una roadmap"


def test_bad_values_are_refused_and_nothing_is_saved(store):
    qid = quote_list(store)[0]["id"]
    with pytest.raises(ValueError):
        store.reviewing.mark(qid, "true")
    with pytest.raises(KeyError):
        store.reviewing.mark("no-such-quote", "confirmed")
    with pytest.raises(ValueError):
        store.reviewing.annotate_source("Cnn", reliability=9)
    with pytest.raises(ValueError):
        store.reviewing.note(qid, "a note before any verdict")
    assert store.reviewing.history() == []


def test_source_notes_per_reviewer(store, tmp_path):
    store.reviewing.annotate_source("Cnn", reliability=4, note="checks quotes")
    bob = Workbench.open(tmp_path / "store", "bob")
    bob.reviewing.annotate_source("Cnn", reliability=2, note="paraphrases")
    bob.reviewing.annotate_source("003_63792d20e42a4d56", kind="article", url="https://example.org/a")
    notes = {(n.reviewer, n.source): n for n in store.reviewing.source_notes()}
    assert notes[("anna", "Cnn")].reliability == 4 and notes[("bob", "Cnn")].reliability == 2
    assert notes[("bob", "003_63792d20e42a4d56")].kind == "article"
    store.reviewing.undo()
    assert [n.reviewer for n in store.reviewing.source_notes("Cnn")] == ["bob"]


def test_each_reviewer_writes_only_their_own_file(store, tmp_path):
    qid = quote_list(store)[0]["id"]
    store.reviewing.mark(qid, "confirmed")
    bob = Workbench.open(tmp_path / "store", "Bob Smith")
    bob.reviewing.mark(qid, "disputed")
    reviews = tmp_path / "store" / "reviews"
    assert {p.name for p in reviews.glob("*.journal")} == {"anna.journal", "Bob+Smith.journal"}
    assert store.reviewing.review(qid).status == "confirmed"
    assert {e["reviewer"] for e in store.reviewing.history(qid, everyone=True)} == {"anna", "Bob Smith"}


def test_store_and_reviewer_come_from_options_then_environment(monkeypatch):
    monkeypatch.setenv("WORKBENCH_STORE", "/tmp/somewhere")
    monkeypatch.setenv("WORKBENCH_REVIEWER", "carla")
    assert store_path() == Path("/tmp/somewhere") and store_path("x") == Path("x")
    assert reviewer_name() == "carla" and reviewer_name("dan") == "dan"
    monkeypatch.delenv("WORKBENCH_STORE")
    monkeypatch.delenv("WORKBENCH_REVIEWER")
    assert store_path() == Path("store") and reviewer_name()


def test_cli_ingest_mark_undo_history(tmp_path):
    runner = CliRunner()
    folder = tmp_path / "in"
    folder.mkdir()
    article(folder, "a", "«Riapriremo la piazza», ha detto il sindaco Paolo Rossi.")
    (folder / "bad.txt").write_bytes(b"\x00\x01")
    result = runner.invoke(main, ["ingest", str(folder), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "1 article added" in result.stdout and "bad.txt" in result.stderr
    qid = quote_list(Workbench.open(tmp_path / "s", "anna"))[0]["id"]
    env = {"WORKBENCH_STORE": str(tmp_path / "s"), "WORKBENCH_REVIEWER": "anna"}
    result = runner.invoke(main, ["mark", qid, "disputed", "--note", "not him", "--evidence",
                                  "https://example.org/v"], env=env)
    assert result.exit_code == 0, result.output
    review = Workbench.open(tmp_path / "s", "anna").reviewing.review(qid)
    assert (review.status, review.note, review.evidence) == ("disputed", "not him", ["https://example.org/v"])
    assert runner.invoke(main, ["undo"], env=env).exit_code == 0
    assert Workbench.open(tmp_path / "s", "anna").reviewing.review(qid) is None
    history = runner.invoke(main, ["history", qid], env=env).stdout
    assert "none -> status=disputed" in history and "(undo)" in history


def test_cli_refuses_a_damaged_store_without_touching_it(tmp_path):
    Workbench.open(tmp_path / "s", "anna").ingest.add([ROOT / "seeds"])
    quotes = tmp_path / "s" / "corpus" / "quotes.json"
    quotes.write_bytes(b'{"quotes": {"1": ')
    result = CliRunner().invoke(main, ["quotes", "--store", str(tmp_path / "s")])
    assert result.exit_code == 3 and "quotes.json" in result.stderr
    assert quotes.read_bytes() == b'{"quotes": {"1": '
