"""Commands and the store folder: exports that never replace a file unasked nor the
store's own files, read-only commands that refuse a folder holding no store, the review
workbench without a terminal, and messages that say what happened."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.views import quote_list
from workbench.services import Workbench

ROOT = Path(__file__).parents[2]


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


@pytest.fixture
def reviewed(seeded_root):
    store = Workbench.open(seeded_root, "anna")
    qid = quote_list(store)[0]["id"]
    store.reviewing.mark(qid, "confirmed")
    return seeded_root, qid


# -- 1. export to a file -------------------------------------------------------------------
def test_export_refuses_the_stores_own_files_and_they_stay_as_they_were(reviewed):
    root, _qid = reviewed
    quotes = root / "corpus" / "quotes.json"
    before = quotes.read_bytes()
    for target in (quotes, root / "corpus" / "new.json", root / "reviews" / "x.csv"):
        result = run("export", "--store", str(root), "--output", str(target), "--force")
        assert result.exit_code == 1 and "inside the store folder" in result.stderr, result.output
    assert quotes.read_bytes() == before
    assert not (root / "corpus" / "new.json").exists() and not (root / "reviews" / "x.csv").exists()
    assert run("quotes", "--store", str(root)).exit_code == 0  # the store still opens


def test_export_replaces_an_existing_file_only_with_force(reviewed, tmp_path, monkeypatch):
    root, qid = reviewed
    out = tmp_path / "out" / "claims.json"
    out.parent.mkdir()
    out.write_text("my notes", encoding="utf-8")
    refused = run("export", "--store", str(root), "--output", str(out))
    assert refused.exit_code == 1 and "exists" in refused.stderr and "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "my notes"
    monkeypatch.chdir(out.parent)
    done = run("export", "--store", str(root), "--output", "claims.json", "--force")
    assert done.exit_code == 0, done.output
    assert f"exported to {out}" in done.stderr  # the full path, not only the name given
    assert [c["id"] for c in json.loads(out.read_text("utf-8"))["claims"]] == [qid]
    assert not list(out.parent.glob(".tmp-*"))  # written through a temporary file, moved into place


def test_write_export_api_for_the_workbench_dialog(reviewed, tmp_path):
    from workbench.store import OutputExists, OutputRefused

    root, _qid = reviewed
    store = Workbench.open(root, "anna")
    target = tmp_path / "e.csv"
    assert store.exchange.write(target, b"one") == target
    with pytest.raises(OutputExists) as refused:
        store.exchange.write(target, b"two")
    assert refused.value.path == target and target.read_bytes() == b"one"
    store.exchange.write(target, b"two", replace=True)
    assert target.read_bytes() == b"two"
    with pytest.raises(OutputRefused, match="inside the store folder"):
        store.exchange.write(root / "meta.json", b"{}", replace=True)
    link = tmp_path / "link.json"
    link.symlink_to(root / "meta.json")
    with pytest.raises(OutputRefused, match="inside the store folder"):
        store.exchange.write(link, b"{}", replace=True)
    with pytest.raises(OutputRefused, match="is a folder"):
        store.exchange.write(tmp_path, b"x", replace=True)
    with pytest.raises(OutputRefused, match="no such folder"):
        store.exchange.write(tmp_path / "nowhere" / "x.json", b"x")
    assert json.loads((root / "meta.json").read_bytes())["schema"] == 1


# -- 14. a folder that holds no store ------------------------------------------------------
READ_ONLY = [["quotes"], ["history"], ["dupes"], ["speakers"], ["verdicts"], ["agreement"], ["sources"],
             ["stats"], ["export"], ["lead", "list"]]
WRITING = [["mark", "x", "confirmed"], ["undo"], ["redo"], ["source", "Cnn", "--note", "x"],
           ["lead", "add", "anna"], ["final", "x", "confirmed", "--reason", "r"], ["import", "f.json"],
           ["merge-speaker", "a", "b"], ["split-speaker", "a"], ["reset-speaker", "a"], ["regroup"]]


@pytest.mark.parametrize("command", READ_ONLY + WRITING, ids=" ".join)
def test_commands_refuse_a_folder_that_is_not_a_store_and_create_nothing(tmp_path, command):
    typo = tmp_path / "stor"
    result = run(*command, "--store", str(typo))
    assert result.exit_code == 3, result.output
    assert "not a Quote Workbench store" in result.stderr and str(typo) in result.stderr
    assert not typo.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(*command, "--store", str(empty)).exit_code == 3 and list(empty.iterdir()) == []


def test_ingest_creates_a_store(tmp_path):
    result = run("ingest", str(ROOT / "seeds"), "--store", str(tmp_path / "new"))
    assert result.exit_code == 0 and (tmp_path / "new" / "meta.json").is_file()
    assert run("quotes", "--store", str(tmp_path / "new")).exit_code == 0


# -- 15. the review workbench needs a terminal ---------------------------------------------
@pytest.mark.parametrize("args", [[], ["review"]])
def test_review_without_a_terminal_refuses_at_once(tmp_path, args):
    result = run(*args, "--store", str(tmp_path / "s")) if args else run("--store", str(tmp_path / "s"))
    assert result.exit_code == 2
    assert "needs a terminal" in result.stderr and "\x1b" not in result.output
    assert not (tmp_path / "s").exists()  # nothing created or ingested


# -- 20. messages --------------------------------------------------------------------------
def test_counts_are_singular_for_one(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(" date 2025-05-02 «Riapriremo la piazza», ha detto il sindaco Paolo Rossi.",
                                  encoding="utf-8")
    result = run("ingest", str(folder), "--store", str(tmp_path / "s"))
    assert "1 article added" in result.stdout and "1 new quote," in result.stdout, result.stdout
    assert run("quotes", "--store", str(tmp_path / "s")).stdout.splitlines()[-1] == "1 quote"


def test_a_final_verdict_without_a_reason_is_a_usage_error(reviewed):
    root, qid = reviewed
    env = {"WORKBENCH_STORE": str(root), "WORKBENCH_REVIEWER": "anna"}
    assert run("lead", "add", "anna", env=env).exit_code == 0
    result = run("final", qid, "confirmed", env=env)
    assert result.exit_code == 2 and "--reason" in result.stderr
    assert Workbench.open(root, "anna").team.final(qid)["how"] != "adjudicated"


def test_the_quotes_table_marks_text_it_cuts(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    words = " ".join(f"parola{n}" for n in range(30))
    (folder / "a.txt").write_text(f" date 2025-05-02 «{words}», ha detto il sindaco Paolo Rossi.", encoding="utf-8")
    run("ingest", str(folder), "--store", str(tmp_path / "s"))
    listing = " ".join(run("quotes", "--store", str(tmp_path / "s")).stdout.split())
    assert "parola9 parola10… 1 quote" in listing  # cut at 90 characters, and says so
    assert "parola29" not in listing
