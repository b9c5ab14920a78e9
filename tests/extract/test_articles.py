"""Loading articles: seed files, plain text, JSON Lines, folders, and every kind of bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.articles import (
    REMOVED_CHARS,
    LoadProblem,
    is_photo_credit,
    iter_articles,
    load_text,
    parse_date,
    sanitize,
)
from workbench.models import Article, PartialDate

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def load(*paths: str | Path) -> tuple[list[Article], list[LoadProblem]]:
    articles: list[Article] = []
    problems: list[LoadProblem] = []
    for item in iter_articles(paths):
        (problems if isinstance(item, LoadProblem) else articles).append(item)
    return articles, problems


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def jsonl(*records: object) -> str:
    return "".join(
        (record if isinstance(record, str) else json.dumps(record)) + "\n" for record in records
    )


def assert_paragraphs_consistent(article: Article) -> None:
    text = article.text
    assert text == text.strip()
    previous_end = 0
    for start, end in article.paragraphs:
        chunk = text[start:end]
        assert chunk and chunk == chunk.strip()
        assert "\n\n" not in chunk
        assert start >= previous_end
        previous_end = end
    assert "\n\n\n" not in text
    joined = "\n\n".join(text[start:end] for start, end in article.paragraphs)
    assert joined == text


# --------------------------------------------------------------------------- seed header


def test_seed_header_with_day(tmp_path: Path) -> None:
    path = write(tmp_path / "a1.txt", " date 2024-03-15 Il comune ha chiuso il parco per lavori.")
    [article], problems = load(path)
    assert not problems
    assert article.id == "a1"
    assert article.published == PartialDate(2024, 3, 15)
    assert article.text == "Il comune ha chiuso il parco per lavori."
    assert article.source == str(path)
    assert article.lang == "it"
    assert article.title is None


def test_seed_header_month_stays_month(tmp_path: Path) -> None:
    write(tmp_path / "m.txt", "date 2024-03 La giunta ha approvato il piano.")
    [article], _ = load(tmp_path / "m.txt")
    assert article.published == PartialDate(2024, 3)
    assert article.published.day is None
    assert article.published.precision == "month"
    assert article.published.isoformat() == "2024-03"


def test_seed_header_year_only(tmp_path: Path) -> None:
    write(tmp_path / "y.txt", "date 2023 The museum reopened after the flood.")
    [article], _ = load(tmp_path / "y.txt")
    assert article.published == PartialDate(2023)


def test_seed_header_text_on_next_line(tmp_path: Path) -> None:
    write(tmp_path / "n.txt", "date 2024-05-02\nThe bridge was closed to traffic.\n")
    [article], _ = load(tmp_path / "n.txt")
    assert article.published == PartialDate(2024, 5, 2)
    assert article.text == "The bridge was closed to traffic."


def test_seed_header_with_invalid_date_is_a_problem(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.txt", " date 2024-13-40 Il testo non conta.")
    good = write(tmp_path / "good.txt", "Un altro articolo, senza data.")
    articles, problems = load(bad, good)
    assert [a.id for a in articles] == ["good"]
    [problem] = problems
    assert problem.line == 1
    assert problem.source == str(bad)
    assert "2024-13-40" in problem.message
    assert "month must be in 1..12" in problem.message


def test_seed_header_with_non_date_token_is_a_problem(tmp_path: Path) -> None:
    write(tmp_path / "odd.txt", "date yesterday Qualcosa è successo.")
    articles, [problem] = load(tmp_path / "odd.txt")
    assert not articles
    assert problem.line == 1 and "'yesterday'" in problem.message


def test_header_only_counts_on_the_first_line(tmp_path: Path) -> None:
    write(tmp_path / "later.txt", "Primo paragrafo.\ndate 2024-01-01 non è un'intestazione.")
    [article], _ = load(tmp_path / "later.txt")
    assert article.published is None
    assert article.text.startswith("Primo paragrafo.\ndate 2024-01-01")


def test_header_and_credit_only_is_a_problem(tmp_path: Path) -> None:
    write(tmp_path / "credit.txt", "date 2024-02-02 Foto: Ansa\n")
    articles, [problem] = load(tmp_path / "credit.txt")
    assert not articles
    assert "no article text" in problem.message


# --------------------------------------------------------------------------- real seeds


def test_real_seed_files() -> None:
    articles, problems = load(SEEDS)
    assert not problems
    by_id = {article.id: article for article in articles}
    assert list(by_id) == ["000_5ee52f5f111858b6", "003_63792d20e42a4d56"]

    first = by_id["000_5ee52f5f111858b6"]
    assert first.published == PartialDate(2025, 7)
    assert first.published.isoformat() == "2025-07"
    assert first.text.startswith("Si apre uno spiraglio")
    assert len(first.paragraphs) == 4

    second = by_id["003_63792d20e42a4d56"]
    assert second.published == PartialDate(2025, 10, 21)
    assert "Foto" not in second.text and "La Presse" not in second.text
    assert second.text.startswith("In 'stand-by'")
    assert len(second.paragraphs) == 2

    for article in articles:
        assert article.lang == "it"
        assert article.source.endswith(f"{article.id}.txt")
        assert_paragraphs_consistent(article)


# --------------------------------------------------------------------------- plain files


def test_plain_txt_and_md(tmp_path: Path) -> None:
    write(tmp_path / "note.txt", "\n\nThe storm hit the coast at night.\n\nNobody was hurt.\n\n")
    write(tmp_path / "post.md", "# Title line\n\nThe town hall will stay closed.")
    articles, problems = load(tmp_path / "note.txt", tmp_path / "post.md")
    assert not problems
    note, post = articles
    assert (note.id, post.id) == ("note", "post")
    assert note.published is None and note.lang == "en"
    assert note.text == "The storm hit the coast at night.\n\nNobody was hurt."
    assert note.paragraphs == [(0, 33), (35, 51)]
    assert post.text.startswith("# Title line")


def test_single_path_string_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path / "one.txt", "A single article.")
    items = list(iter_articles(str(path)))  # type: ignore[arg-type]
    assert [item.id for item in items] == ["one"]


# --------------------------------------------------------------------------- JSON Lines


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "batch.jsonl",
        jsonl(
            {"id": "a", "text": "The council voted on the new budget.", "date": "2024-06-01",
             "url": "https://example.org/a", "outlet": "Example Daily", "title": "Budget"},
            '{"id": "b", "text": "broken" "here"}',
            {"id": "c"},
            {"id": "d", "text": "Il consiglio ha votato.", "date": "2024-02-31"},
            {"id": "a", "text": "A second article with a reused id."},
            "",
            {"id": 7, "text": "Le maire a dit qu'il ne viendra pas.", "lang": "FR", "date": None},
            ["not", "an", "object"],
            {"id": True, "text": "Booleans are not ids."},
            {"id": "e", "text": "Text", "url": 42},
            {"id": "f", "text": "   "},
            {"id": "g", "text": "Short English words.", "lang": "en-GB", "date": "March 2024"},
        ),
    )
    articles, problems = load(path)
    assert [a.id for a in articles] == ["a", "7", "g"]
    first, second, third = articles
    assert first.source == f"{path}:1"
    assert first.published == PartialDate(2024, 6, 1)
    assert (first.url, first.outlet, first.title) == ("https://example.org/a", "Example Daily", "Budget")
    assert first.lang == "en"  # detected
    assert second.source == f"{path}:7" and second.lang == "fr" and second.published is None
    assert third.lang == "en" and third.published == PartialDate(2024, 3)

    lines = {problem.line: problem.message for problem in problems}
    assert set(lines) == {2, 3, 4, 5, 8, 9, 10, 11}
    assert lines[2].startswith("malformed JSON: Expecting ',' delimiter at column")
    assert lines[3] == "missing required field 'text'"
    assert lines[4].startswith("date '2024-02-31' does not parse")
    assert lines[5] == "duplicate id 'a' (first on line 1)"
    assert lines[8] == "expected a JSON object, got array"
    assert "'id' must be a string or an integer" in lines[9]
    assert "'url' must be a string or null" in lines[10]
    assert lines[11] == "field 'text' is empty"
    assert all(problem.source == str(path) for problem in problems)


def test_jsonl_missing_id(tmp_path: Path) -> None:
    path = write(tmp_path / "x.ndjson", jsonl({"text": "No id here."}, {"id": "", "text": "x"}))
    articles, problems = load(path)
    assert not articles
    assert [(p.line, p.message) for p in problems] == [
        (1, "missing required field 'id'"),
        (2, "field 'id' is empty"),
    ]


def test_jsonl_invalid_utf8_line_does_not_stop_the_others(tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "text": "Still loaded."}).encode()
    bad = b'{"id": "bad", "text": "caf\xe9"}'
    path = write(tmp_path / "mixed.jsonl", good + b"\n" + bad + b"\n" + good.replace(b"ok", b"ok2"))
    articles, [problem] = load(path)
    assert [a.id for a in articles] == ["ok", "ok2"]
    assert problem.line == 2
    offset = len(good) + 1 + bad.index(b"\xe9")
    assert problem.message == f"invalid UTF-8 at byte {offset} (line 2)"


def test_jsonl_with_bom_and_crlf(tmp_path: Path) -> None:
    body = jsonl({"id": 1, "text": "First line.\r\nSame paragraph."}, {"id": 2, "text": "Two."})
    path = write(tmp_path / "w.jsonl", b"\xef\xbb\xbf" + body.replace("\n", "\r\n").encode())
    articles, problems = load(path)
    assert not problems
    assert articles[0].text == "First line.\nSame paragraph."
    assert articles[1].source == f"{path}:2"


# --------------------------------------------------------------------------- folders


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "b.txt", "Second file.")
    write(root / "a" / "z.md", "Nested markdown.")
    write(root / "a" / "y.txt", "Nested text.")
    write(root / "c.jsonl", jsonl({"id": "j1", "text": "From JSON Lines."}))
    write(root / ".hidden" / "secret.txt", "Must not be read.")
    write(root / ".draft.txt", "Must not be read either.")
    write(root / "b.gold.json", '{"quotes": []}')
    write(root / "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(root / "notes.csv", "a,b\n")
    articles, problems = load(root)
    assert not problems
    assert [a.id for a in articles] == ["a/y", "a/z", "b", "j1"]  # ids are paths inside the folder given
    assert articles[0].source == os.path.join(str(root), "a", "y.txt")


def test_folder_without_articles(tmp_path: Path) -> None:
    write(tmp_path / "empty" / "only.gold.json", "{}")
    write(tmp_path / "empty" / ".hidden.txt", "hidden")
    articles, [problem] = load(tmp_path / "empty")
    assert not articles
    assert problem.message == "no .txt, .md, .jsonl or .ndjson files in folder"


def test_explicit_unsupported_file(tmp_path: Path) -> None:
    path = write(tmp_path / "x.gold.json", "{}")
    _, [problem] = load(path)
    assert problem.message == "unsupported file type '.json'; expected .txt, .md, .jsonl or .ndjson"
    assert str(problem) == f"{path}: {problem.message}"


def test_missing_path_and_processing_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "ok.txt", "Still here.")
    articles, [problem] = load(tmp_path / "nope.txt", good)
    assert [a.id for a in articles] == ["ok"]
    assert problem.source == str(tmp_path / "nope.txt")
    assert problem.message == "no such file or folder"
    assert problem.line is None


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.txt", "Secret.")
    path.chmod(0)
    try:
        _, [problem] = load(path)
    finally:
        path.chmod(0o644)
    assert problem.message == "cannot read: Permission denied"


# --------------------------------------------------------------------------- bytes and encodings


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n", b"\xef\xbb\xbf\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    _, [problem] = load(write(tmp_path / "e.txt", content))
    assert problem.message == "empty file"


def test_binary_file(tmp_path: Path) -> None:
    _, [problem] = load(write(tmp_path / "b.txt", b"text\x00\x01\x02more"))
    assert problem.message == "binary file (NUL bytes)"


def test_utf16_file(tmp_path: Path) -> None:
    _, [problem] = load(write(tmp_path / "u.txt", "Ciao a tutti".encode("utf-16")))
    assert "UTF-16" in problem.message


def test_invalid_utf8_names_byte_and_line(tmp_path: Path) -> None:
    data = b"First line.\nSecond line.\nThird \xff line.\n"
    path = write(tmp_path / "bad.txt", data)
    _, [problem] = load(path)
    assert problem.line == 3
    offset = data.index(b"\xff")
    assert problem.message == f"invalid UTF-8 at byte {offset} (line 3)"
    assert str(problem) == f"{path}:3: {problem.message}"


def test_crlf_and_cr_are_normalised(tmp_path: Path) -> None:
    write(tmp_path / "crlf.txt", b"One line.\r\nSame paragraph.\r\n\r\nNext paragraph.\r\n")
    write(tmp_path / "cr.txt", b"One line.\rSame paragraph.\r\rNext paragraph.\r")
    articles, _ = load(tmp_path / "crlf.txt", tmp_path / "cr.txt")
    for article in articles:
        assert article.text == "One line.\nSame paragraph.\n\nNext paragraph."
        assert len(article.paragraphs) == 2


def test_bom_is_stripped(tmp_path: Path) -> None:
    write(tmp_path / "bom.txt", b"\xef\xbb\xbf date 2024-04-04 Il testo dopo il BOM.")
    [article], _ = load(tmp_path / "bom.txt")
    assert article.published == PartialDate(2024, 4, 4)
    assert article.text == "Il testo dopo il BOM."


def test_control_and_bidi_characters_are_removed(tmp_path: Path) -> None:
    raw = "Il sindaco\x07 ha detto: \u202e«nessun rinvio»\u202c.\x1b\x7f\x85\u2066\u2069\tFine."
    write(tmp_path / "ctl.txt", raw)
    [article], _ = load(tmp_path / "ctl.txt")
    assert article.text == "Il sindaco ha detto: «nessun rinvio».\tFine."


# --------------------------------------------------------------------------- sanitize


def test_sanitize_keeps_everything_else() -> None:
    text = "“Quote” ‘single’ l’altro — café\u00a0\u200b\t\nnaïve 日本 🎉"
    assert sanitize(text) == text
    assert sanitize("a\x00b\x08c\x0bd\x1fe\x80f\x9fg\u202ah\u2069i") == "abcdefghi"


@given(st.text())
def test_sanitize_removes_the_set_and_is_idempotent(text: str) -> None:
    clean = sanitize(text)
    assert not set(clean) & REMOVED_CHARS
    assert sanitize(clean) == clean
    assert [c for c in text if c not in REMOVED_CHARS] == list(clean)


@given(st.text(alphabet=st.sampled_from("ab \n\t\r\x0b\u202e.")))
def test_load_text_paragraphs_are_consistent(text: str) -> None:
    assert_paragraphs_consistent(load_text(text, "x"))


# --------------------------------------------------------------------------- photo credits


@pytest.mark.parametrize(
    "line",
    [
        "Foto: La Presse",
        "Foto LaPresse",
        "foto ansa",
        "Photo: Reuters",
        "Ph: Ansa",
        "Credit: Getty Images",
        "(Photo by Jane Doe/Getty Images)",
        "© Reuters",
        "Fonte foto: ufficio stampa del Comune",
        "Immagine: archivio",
        "  Foto di Luca Bianchi  ",
        "Photo credit - AFP",
        "AP Photo/John Roe",
        "Getty Images",
        "AFP via Getty Images",
        "[Foto: Imagoeconomica]",
        "Copyright 2024 Reuters",
    ],
)
def test_photo_credit_lines(line: str) -> None:
    assert is_photo_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "Il fotografo ha detto: «Foto rubate».",
        "Photography is his passion.",
        "Foto e video sono stati diffusi dalla questura nel pomeriggio.",
        "Reuters reported that the talks had failed.",
        "Credit Suisse shares fell again on Monday.",
        "Copyright law is changing in Europe.",
        "Foto: " + "una lunga didascalia che continua " * 3,  # longer than 80 characters
        "",
    ],
)
def test_not_photo_credit_lines(line: str) -> None:
    assert not is_photo_credit(line)


def test_credit_lines_removed_and_blank_lines_collapsed() -> None:
    raw = (
        "  \n\nFoto: Ansa\n\nPrimo paragrafo, riga uno.\nRiga due.\n\n\n \t \n"
        "(Photo by Jane Doe/Getty Images)\n\n\nSecondo paragrafo.\nPh: Ansa\nTerzo.\n  \n"
    )
    article = load_text(raw, "x")
    assert article.text == "Primo paragrafo, riga uno.\nRiga due.\n\nSecondo paragrafo.\n\nTerzo."
    assert [article.text[s:e] for s, e in article.paragraphs] == [
        "Primo paragrafo, riga uno.\nRiga due.",
        "Secondo paragrafo.",
        "Terzo.",
    ]
    assert_paragraphs_consistent(article)


def test_load_text_defaults_and_overrides() -> None:
    article = load_text("The mayor said no.", "id1")
    assert (article.id, article.source, article.lang, article.published) == (
        "id1", "<text>", "en", None,
    )
    given_lang = load_text("The mayor said no.", "id2", lang="it", published=PartialDate(2024))
    assert given_lang.lang == "it" and given_lang.published == PartialDate(2024)
    assert load_text("", "empty").text == ""
    assert load_text("", "empty").paragraphs == []


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024", PartialDate(2024)),
        ("2024-09", PartialDate(2024, 9)),
        ("2024-09-03", PartialDate(2024, 9, 3)),
        (" 2024-09-03 ", PartialDate(2024, 9, 3)),
        ("2024-09-03T23:30:00Z", PartialDate(2024, 9, 3)),
        ("2024-09-03T23:30:00+02:00", PartialDate(2024, 9, 3)),  # the date as written
        ("2024-09-03 08:15", PartialDate(2024, 9, 3)),
        ("September 3, 2024", PartialDate(2024, 9, 3)),
        ("3 September 2024", PartialDate(2024, 9, 3)),
        ("Sep 3 2024", PartialDate(2024, 9, 3)),
        ("September 2024", PartialDate(2024, 9)),
        ("3 settembre 2024", PartialDate(2024, 9, 3)),
        ("martedì 3 settembre 2024", PartialDate(2024, 9, 3)),
        ("settembre 2024", PartialDate(2024, 9)),
        ("2024-W36", PartialDate(2024, week=36)),
        ("25/12/2024", PartialDate(2024, 12, 25)),
    ],
)
def test_parse_date(value: str, expected: PartialDate) -> None:
    parsed = parse_date(value)
    assert parsed == expected
    assert parsed.precision == expected.precision


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2024-13-40", "month must be in 1..12"),
        ("2024-13", "month 13 is out of range"),
        ("2024-02-30", "day is out of range for month"),
        ("February 30, 2024", "day is out of range"),
        ("not a date at all", "not a recognised date"),
        ("xyz", "not a recognised date"),
        ("September", "no year"),
        ("3 September", "no year"),
        ("03/04/2024", "ambiguous"),
        ("", "empty"),
    ],
)
def test_parse_date_errors(value: str, reason: str) -> None:
    with pytest.raises(ValueError, match=r"^date .* does not parse: ") as info:
        parse_date(value)
    assert reason in str(info.value)
    assert repr(value) in str(info.value)


# --------------------------------------------------------------------------- problems, speed


def test_load_problem_str() -> None:
    assert str(LoadProblem("a.jsonl", 4, "bad")) == "a.jsonl:4: bad"
    assert str(LoadProblem("a.txt", None, "empty file")) == "a.txt: empty file"


def test_large_files_load_whole(tmp_path: Path) -> None:
    # how fast: benchmarks/bench_extract.py ("load"); tests never assert wall-clock times
    paragraph = "Il ministro ha detto che “non è il momento”, e poi è uscito.\nAltra riga.\n\n"
    text_path = write(tmp_path / "big.txt", paragraph * (5_000_000 // len(paragraph)))
    record = {"id": 0, "text": paragraph * 40, "date": "2024-01-02"}
    lines = [json.dumps({**record, "id": n}) for n in range(5_000_000 // (len(paragraph) * 40))]
    jsonl_path = write(tmp_path / "big.jsonl", "\n".join(lines))
    articles, problems = load(text_path, jsonl_path)
    assert not problems and len(articles) == 1 + len(lines)
