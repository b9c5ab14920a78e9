"""Article ids are unique per source: a file's path inside the folder given, or the JSON
line's id; two sources of one id in one run are an error naming both."""

import json
from pathlib import Path

from click.testing import CliRunner

from workbench.articles import LoadProblem, iter_articles
from workbench.views import quote_list
from workbench.cli import main
from workbench.services import Workbench

SAID = " date 2025-05-02 «{words}», ha detto il sindaco Paolo Rossi."


def write(path: Path, words: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SAID.format(words=words), encoding="utf-8")
    return path


def test_same_file_name_in_two_folders_gives_two_articles(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus / "ansa" / "2025-05-02" / "index.txt", "Riapriremo la piazza")
    write(corpus / "rai" / "2025-05-02" / "index.txt", "Chiuderemo il ponte")
    write(corpus / "top.txt", "Nessun commento")
    items = list(iter_articles([corpus]))
    assert [a.id for a in items] == ["ansa/2025-05-02/index", "rai/2025-05-02/index", "top"]
    store = Workbench.open(tmp_path / "s", "anna")
    report = store.ingest.add([corpus])
    assert len(report.added) == 3 and not report.updated
    assert {q["text"] for q in quote_list(store)} == {"Riapriremo la piazza", "Chiuderemo il ponte",
                                                   "Nessun commento"}


def test_a_file_given_itself_keeps_its_bare_name(tmp_path):
    path = write(tmp_path / "deep" / "er" / "news.txt", "Riapriremo la piazza")
    assert [a.id for a in iter_articles([path])] == ["news"]


def test_two_sources_of_one_id_are_an_error_naming_both_and_the_rest_goes_on(tmp_path):
    first = write(tmp_path / "a" / "news.txt", "Riapriremo la piazza")
    second = write(tmp_path / "b" / "news.txt", "Chiuderemo il ponte")
    other = write(tmp_path / "c.txt", "Nessun commento")
    lines = tmp_path / "more.jsonl"
    lines.write_text(json.dumps({"id": "c", "text": "Un altro articolo."}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(first), str(second), str(other), str(lines),
                                       "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert any(str(second) in e and str(first) in e and "'news'" in e for e in errors), errors
    assert any(f"{lines}:1" in e and str(other) in e and "'c'" in e for e in errors), errors
    quotes = quote_list(Workbench.open(tmp_path / "s", "anna"))
    assert {q["text"] for q in quotes} == {"Riapriremo la piazza", "Nessun commento"}  # the first kept


def test_a_file_given_twice_is_read_once_and_is_no_clash(tmp_path):
    path = write(tmp_path / "in" / "a.txt", "Riapriremo la piazza")
    items = list(iter_articles([path, tmp_path / "in", str(path)]))
    assert [type(i).__name__ for i in items] == ["Article"]


def test_a_malformed_json_message_reads_right(tmp_path):
    lines = tmp_path / "x.jsonl"
    lines.write_text('{"id": "a", "text": "unterminated\n', encoding="utf-8")
    [problem] = list(iter_articles([lines]))
    assert isinstance(problem, LoadProblem)
    assert "starting at column" in problem.message and "at at" not in problem.message
