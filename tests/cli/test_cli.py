"""`workbench extract`: formats, bad input, exit status."""

import json
from pathlib import Path

from click.testing import CliRunner

from workbench.cli import main

ROOT = Path(__file__).parents[2]
FIELDS = {"article", "text", "start", "end", "kind", "speaker", "cue", "via", "published",
          "said_on", "lang", "paragraph", "confidence", "rule", "statement"}


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_jsonl_has_every_documented_field_and_true_offsets():
    result = run("extract", str(ROOT / "seeds"), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 20
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt")}
    for row in rows:
        assert FIELDS <= set(row)
        body = texts[row["article"]]
        assert row["text"] in body and row["paragraph"] in body
    kelly = [r for r in rows if r["speaker"] == "Anna Kelly"]
    assert kelly and kelly[0]["via"] == "Cnn" and kelly[0]["published"] == "2025-10-21"


def test_json_is_one_array_and_no_scare_leaves_scare_quotes_out():
    every = json.loads(run("extract", str(ROOT / "seeds"), "--format", "json").stdout)
    claims = json.loads(run("extract", str(ROOT / "seeds"), "--format", "json", "--no-scare").stdout)
    assert any(q["kind"] == "scare" for q in every)
    assert [q for q in every if q["kind"] != "scare"] == claims


def test_table_is_readable_and_shows_markup_literally(tmp_path):
    (tmp_path / "a.txt").write_text(' date 2025-01-02 Il sindaco ha detto: "[bold]attenti[/bold] al [link=x]lupo[/]".',
                                    encoding="utf-8")
    result = run("extract", str(tmp_path))
    assert result.exit_code == 0
    assert "[bold]attenti[/bold] al [link=x]lupo[/]" in result.stdout
    assert "published 2025-01-02" in result.stdout


def test_bad_input_is_reported_and_the_rest_still_processed(tmp_path):
    (tmp_path / "good.txt").write_text("«Tutto bene», ha detto Mario Rossi.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "text": "ok"}\n{not json\n', encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    result = run("extract", str(tmp_path), str(tmp_path / "missing.txt"), "--format", "jsonl")
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["speaker"] for r in rows] == ["Mario Rossi"]
    errors = result.stderr.splitlines()
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("bad.jsonl:2" in e for e in errors)
    assert any("binary.txt" in e and "binary" in e for e in errors)
    assert any("missing.txt" in e for e in errors)


def test_folder_of_gold_files_and_articles_reads_only_articles(tmp_path):
    (tmp_path / "a.txt").write_text("«Tutto bene», ha detto Mario Rossi.", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text("{}", encoding="utf-8")
    result = run("extract", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1
