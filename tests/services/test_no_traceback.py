"""No input ends in a traceback (issue 10): the grouping tie that crashed on real folders,
doubled quotation marks, and the guarantee around each stage — an article whose
extraction fails is named and skipped, a grouping that fails does not lose the ingest,
and anything else is one line, never a traceback."""

from __future__ import annotations

import orjson
import pytest
from click.testing import CliRunner

from workbench.articles import load_text
from workbench.cli import EXIT_INTERNAL, main
from workbench.extract import extract_quotes
from workbench.matching import Grouper, group
from workbench.services import Workbench

# A real folder's crash, made small: a short part ("non ci sono soldi") found in two
# wholes of one article with the same score, one of them with no speaker — the doubled
# mark made an outer span and an identical inner one.
DOUBLED = "Il ministro Mario Rossi ha detto: \"\"Non ci sono soldi per pagare le pensioni di tutti quest'anno\"\".\n"
PART = "Secondo il ministro Mario Rossi, \"soldi per pagare le pensioni\" non ci sono.\n"

# What hypothesis found (services/test_pipeline_properties.py) with single marks: a multi-paragraph
# quote repeated in a continuation paragraph that has no speaker of its own.
FOUND_BY_HYPOTHESIS = [
    ("it", "Mario Rossi ha detto: “Non ci sono soldi per pagare le pensioni di tutti quest'anno.\n\n"
           "“Non ci sono soldi per pagare le pensioni di tutti quest'anno.”"),
    ("en", "«We will not raise taxes», said John Smith."),
    ("en", "John Smith said: “We will not raise taxes on working families this year.\n\n"
           "“We will not raise taxes on working families this year.”\n\n"
           "«We will not raise taxes on working families this year», said a spokesperson."),
]


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def records(corpus: list[tuple[str, str]]) -> list[dict]:
    found = []
    for n, (lang, text) in enumerate(corpus):
        for q in extract_quotes(load_text(text, f"a{n}", lang=lang)):
            found.append(q.to_dict() | {"id": f"a{n}#{q.index}",
                                        "nested_in": None if q.nested_in is None else f"a{n}#{q.nested_in}"})
    return found


def spans_of(text: str, lang: str = "it") -> list[str]:
    return [q.text for q in extract_quotes(load_text(text, "t", lang=lang))]


# -- the crash and its causes ------------------------------------------------------------
def test_a_part_in_two_wholes_of_one_group_with_and_without_a_speaker(tmp_path):
    (tmp_path / "a.txt").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PART, encoding="utf-8")
    result = invoke("extract", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    quotes = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert len({q["group"] for q in quotes}) == 1 and quotes[0]["group"] is not None


def test_the_tie_hypothesis_found_groups_without_error():
    found = records(FOUND_BY_HYPOTHESIS)
    groups = group(found)
    short = next(r["id"] for r in found if r["text"] == "We will not raise taxes")
    assert groups[short] is not None  # the part joins one group of the statement


def test_the_choice_of_container_does_not_depend_on_the_order_of_the_quotes():
    found = records(FOUND_BY_HYPOTHESIS)
    forwards, backwards = Grouper(), Grouper()
    forwards.add(found)
    backwards.add(list(reversed(found)))
    assert forwards.group_ids() == backwards.group_ids()


@pytest.mark.parametrize("text", [
    "Rossi ha detto: \"\"Non ci sono soldi per le pensioni\"\".",
    "Rossi ha detto: \"\"Non ci sono soldi per le pensioni\".",
    "Rossi ha detto: ''Non ci sono soldi per le pensioni''.",
])
def test_doubled_marks_are_one_pair(text):
    assert spans_of(text) == ["Non ci sono soldi per le pensioni"]


def test_an_elided_article_glued_to_a_doubled_mark():
    assert spans_of("L'Ansa ha definito l''operazione speciale'' una scelta obbligata.") == ["operazione speciale"]
    assert spans_of("Dell''Italia e dell''Europa si è parlato a lungo.") == []  # apostrophes typed twice


def test_a_nested_quote_closing_with_its_parent_is_still_two_quotes():
    assert spans_of('"He called it "fake"" and left, the minister said.', "en") == ['He called it "fake"', "fake"]


def test_a_possessive_before_a_closing_single_mark_is_not_a_doubled_mark():
    # inside a single-marked quote, '' is the possessive and the closer, not a wire-style
    # double mark (which would start a quote running back to the paragraph start)
    assert spans_of("Fans sang 'we love the Rojiblancos'' as they left.", "en") == ["we love the Rojiblancos"]


def test_a_cue_phrase_head_is_a_verb_form_like_any_other():
    # "made clear" after the quote: the later-cue rule asked the phrase head for its use
    # (AttributeError on a real English article)
    text = "The budget is \"not negotiable at all\" in its present form, the minister made clear to reporters."
    assert spans_of(text, "en") == ["not negotiable at all"]


# -- one article fails: it is named, the others go on ------------------------------------
@pytest.fixture
def folder(tmp_path):
    for name, text in {"a.txt": DOUBLED, "b.txt": PART, "bad.txt": "Rossi: «Questo articolo fa fallire l'estrattore»."}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def failing_extractor(monkeypatch):
    """An extractor with a bug that only one article meets."""
    import workbench.services.pipeline as pipeline

    real = pipeline.extract_quotes

    def extract(article):
        if "fallire" in article.text:
            raise RuntimeError("boom")
        return real(article)

    monkeypatch.setattr(pipeline, "extract_quotes", extract)


def test_extract_names_the_failed_article_and_prints_the_others(folder, failing_extractor):
    result = invoke("extract", str(folder), "--format", "jsonl")
    assert result.exit_code == 1
    assert f"{folder / 'bad.txt'}: internal error in extract: RuntimeError: boom" in result.stderr
    assert "Traceback" not in result.output
    assert {orjson.loads(line)["article"] for line in result.stdout.splitlines()} == {"a", "b"}


def test_dupes_on_articles_goes_on_without_the_failed_one(folder, failing_extractor):
    result = invoke("dupes", str(folder), "--format", "json")
    assert result.exit_code == 1 and "internal error in extract" in result.stderr
    assert len(orjson.loads(result.stdout)) == 1


def test_ingest_stores_the_others_and_leaves_the_failed_one_out(folder, tmp_path, failing_extractor, monkeypatch):
    store_dir = tmp_path / "store"
    result = invoke("--store", str(store_dir), "ingest", str(folder))
    assert result.exit_code == 1
    assert "bad.txt: internal error in extract: RuntimeError: boom" in result.stderr
    store = Workbench.open(store_dir, "anna")
    assert set(store.store.corpus.articles) == {"a", "b"}
    monkeypatch.undo()  # the bug fixed: the next ingest takes it
    assert invoke("--store", str(store_dir), "ingest", str(folder)).exit_code == 0
    assert set(Workbench.open(store_dir, "anna").store.corpus.articles) == {"a", "b", "bad"}


# -- grouping fails: the ingest is kept ----------------------------------------------------
@pytest.fixture
def failing_grouper(monkeypatch):
    def fail(self, around=None):
        raise RuntimeError("grouping bug")

    monkeypatch.setattr(Grouper, "group_ids", fail)


def stored_groups(store_dir) -> dict[str, str | None]:
    return {q["text"]: q["group"] for q in Workbench.open(store_dir, "anna").store.corpus.current_quotes()}


def test_a_failed_grouping_keeps_the_ingest_and_regroup_retries(folder, tmp_path, monkeypatch, failing_grouper):
    store_dir = tmp_path / "store"
    result = invoke("--store", str(store_dir), "ingest", str(folder / "a.txt"), str(folder / "b.txt"))
    assert result.exit_code == 1
    assert "internal error in grouping: RuntimeError: grouping bug" in result.stderr
    assert "workbench regroup" in result.stderr
    assert set(stored_groups(store_dir).values()) == {None}  # stored, not grouped
    monkeypatch.undo()
    assert invoke("--store", str(store_dir), "regroup").exit_code == 0
    assert len(set(stored_groups(store_dir).values())) == 1 and None not in stored_groups(store_dir).values()


def test_the_next_ingest_groups_what_a_failed_grouping_left(folder, tmp_path, monkeypatch, failing_grouper):
    store_dir = tmp_path / "store"
    invoke("--store", str(store_dir), "ingest", str(folder / "a.txt"), str(folder / "b.txt"))
    monkeypatch.undo()
    result = invoke("--store", str(store_dir), "ingest", str(folder / "a.txt"))  # nothing new
    assert result.exit_code == 0, result.output
    assert None not in stored_groups(store_dir).values()


def test_a_failed_regroup_leaves_the_store_as_it_was(folder, tmp_path, monkeypatch):
    store_dir = tmp_path / "store"
    assert invoke("--store", str(store_dir), "ingest", str(folder / "a.txt"), str(folder / "b.txt")).exit_code == 0
    before = {p.name: p.read_bytes() for p in (store_dir / "corpus").iterdir()}
    monkeypatch.setattr(Grouper, "group_ids", lambda self, around=None: 1 / 0)
    result = invoke("--store", str(store_dir), "regroup")
    assert result.exit_code == 1
    assert "internal error in grouping: ZeroDivisionError" in result.stderr and "left as it was" in result.stderr
    assert {p.name: p.read_bytes() for p in (store_dir / "corpus").iterdir()} == before


def test_any_other_failure_is_one_line_not_a_traceback(folder, tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("unforeseen")

    assert invoke("--store", str(tmp_path / "store"), "ingest", str(folder / "a.txt")).exit_code == 0
    monkeypatch.setattr("workbench.cli.store.quote_list", fail)
    result = invoke("--store", str(tmp_path / "store"), "quotes")
    assert result.exit_code == EXIT_INTERNAL
    assert "internal error in quotes: RuntimeError: unforeseen" in result.stderr
    assert "Traceback" not in result.output
