"""Groups in the store: kept up to date on ingest (only new quotes compared), conflicts
flagged and saved, speaker aliases corrected as review actions; the commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.views import Filters, quote_list, tallies
from workbench.matching import ATTRIBUTION, MISQUOTE, groups as groups_module
from workbench.services import Workbench

PROMISE = ("We will not cut a single penny from the health budget while I am chancellor, and every "
           "hospital will get the money it was promised")
ARTICLES = {
    "budget-day": ("2025-03-01", f'Chancellor Rachel Osborne defended her first budget in the Commons. '
                                 f'"{PROMISE}," she said.'),
    "radio": ("2025-03-02", f'The chancellor was asked about hospitals on the radio. '
                            f'"{PROMISE.replace("chancellor", "Chancellor -")}," Osborne told the BBC.'),
    "leeds-visit": ("2025-03-03", 'Health secretary Tom Reed visited a hospital in Leeds on Monday. '
                                  '"Every hospital will get the money it was promised," Reed said, as nurses '
                                  'gathered outside.'),
    "opposition": ("2025-03-04", "The opposition pounced on the chancellor's words. Rachel Osborne had "
                                 'said: "We will not cut a single pound from the health budget while I am '
                                 'chancellor, and most hospitals will get the money they were promised."'),
    "unrelated": ("2025-03-05", 'The harbour reopened after the storm. "The boats will be back at sea by '
                                'Friday if the wind drops," harbour master Joan Pike said.'),
}


def write(folder: Path, name: str) -> Path:
    date, text = ARTICLES[name]
    path = folder / f"{name}.txt"
    path.write_text(f" date {date} {text}", encoding="utf-8")
    return path


@pytest.fixture
def articles(tmp_path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    return folder


def quote_of(store: Workbench, article: str) -> dict:
    return next(q for q in quote_list(store) if q["article"] == article)


def test_ingest_groups_versions_and_flags_an_attribution_conflict(tmp_path, articles):
    store = Workbench.open(tmp_path / "store", "anna")
    store.ingest.add([write(articles, "budget-day"), write(articles, "radio"), write(articles, "unrelated")])
    first, radio = quote_of(store, "budget-day"), quote_of(store, "radio")
    assert first["group"] and first["group"] == radio["group"]
    assert quote_of(store, "unrelated")["group"] is None
    group = store.groups.of(first["id"])
    assert group.earliest == first["id"] and group.flags == []  # "Osborne" is Rachel Osborne
    assert group.speakers == ["Rachel Osborne"]

    store.ingest.add([write(articles, "leeds-visit")])  # the words pinned on someone else
    group = store.groups.of(first["id"])
    assert quote_of(store, "leeds-visit")["id"] in group.members
    assert ATTRIBUTION in group.flags and set(group.speakers) == {"Rachel Osborne", "Tom Reed"}
    saved = json.loads((tmp_path / "store" / "corpus" / "groups.json").read_text())
    record = next(iter(saved["groups"].values()))
    assert ATTRIBUTION in record["flags"] and set(record["members"]) == set(group.members)


def test_a_later_version_with_other_words_is_a_possible_misquote(tmp_path, articles):
    store = Workbench.open(tmp_path / "store", "anna")
    store.ingest.add([write(articles, "budget-day"), write(articles, "radio")])
    assert store.groups.reports(flagged=True) == []
    store.ingest.add([write(articles, "opposition")])
    [group] = store.groups.reports(flagged=True)
    changed = quote_of(store, "opposition")["id"]
    assert MISQUOTE in group.flags and group.differing == [changed]
    drift = store.groups.drift(group.earliest, changed)
    replaced = [(s.a, s.b) for s in drift.segments if s.op == "replace" and not s.respelling]
    assert ("penny", "pound") in replaced and ("every hospital", "most hospitals") in replaced


def test_ingest_compares_only_the_new_quotes(tmp_path, articles, monkeypatch):
    store = Workbench.open(tmp_path / "store", "anna")
    store.ingest.add([write(articles, name) for name in ("budget-day", "radio", "unrelated")])
    old = {q["id"] for q in quote_list(store)}
    compared = []
    real = groups_module.evidence
    monkeypatch.setattr(groups_module, "evidence", lambda a, b: compared.append((a.key, b.key)) or real(a, b))
    reopened = Workbench.open(tmp_path / "store", "anna")
    reopened.ingest.add([write(articles, "leeds-visit")])
    assert compared and all(not {a, b} <= old for a, b in compared)
    new = quote_of(reopened, "leeds-visit")
    assert new["group"] == quote_of(reopened, "budget-day")["group"]


def test_a_new_version_of_an_article_leaves_its_old_group(tmp_path, articles):
    store = Workbench.open(tmp_path / "store", "anna")
    store.ingest.add([write(articles, "budget-day"), write(articles, "leeds-visit")])
    assert quote_of(store, "leeds-visit")["group"] is not None
    (articles / "leeds-visit.txt").write_text(
        ' date 2025-03-03 Health secretary Tom Reed visited Leeds. "Waiting lists are falling at '
        'last," Reed said.', encoding="utf-8")
    store.ingest.add([articles / "leeds-visit.txt"])
    assert quote_of(store, "leeds-visit")["group"] is None
    assert store.groups.reports() == []


def test_merging_speakers_is_a_review_action_that_clears_the_conflict(tmp_path, articles):
    store = Workbench.open(tmp_path / "store", "anna")
    store.ingest.add([write(articles, name) for name in ("budget-day", "leeds-visit")])
    assert [g.flags for g in store.groups.reports()] == [[ATTRIBUTION]]
    store.speakers.merge("Tom Reed", "Rachel Osborne")  # (a reviewer's mistake, for the test)
    assert store.groups.reports()[0].flags == [] and store.speakers.speaker_of("Tom Reed") == "Rachel Osborne"
    entry = store.reviewing.history()[-1]
    assert entry["type"] == "alias" and entry["name"] == "Tom Reed" and entry["after"] == {"speaker": "Rachel Osborne"}
    teammate = Workbench.open(tmp_path / "store", "marco")  # corrections are the team's
    assert teammate.speakers.speaker_of("Tom Reed") == "Rachel Osborne"
    store.reviewing.undo()
    assert store.groups.reports()[0].flags == [ATTRIBUTION]
    store.reviewing.redo()
    assert Workbench.open(tmp_path / "store", "anna").speakers.speaker_of("Tom Reed") == "Rachel Osborne"


def test_splitting_an_automatic_alias(tmp_path, articles):
    store = Workbench.open(tmp_path / "store", "anna")
    store.ingest.add([write(articles, name) for name in ("budget-day", "radio")])
    assert store.speakers.speaker_of("Osborne") == "Rachel Osborne"
    store.speakers.split("Osborne")  # another Osborne, says the reviewer
    assert store.speakers.speaker_of("Osborne") == "Osborne"
    assert store.groups.reports()[0].flags == [ATTRIBUTION]
    store.speakers.reset("Osborne")
    assert store.speakers.speaker_of("Osborne") == "Rachel Osborne"
    speakers = {s["name"]: s for s in tallies.speakers(store)}
    assert set(speakers["Rachel Osborne"]["aliases"]) == {"Rachel Osborne", "Osborne"}


def test_unknown_speakers_are_refused(tmp_path, articles):
    store = Workbench.open(tmp_path / "store", "anna")
    store.ingest.add([write(articles, "budget-day")])
    with pytest.raises(KeyError):
        store.speakers.merge("Nobody Known", "Rachel Osborne")
    with pytest.raises(ValueError):
        store.speakers.merge("Rachel Osborne", "Rachel Osborne")
    assert store.reviewing.history() == []


def test_regroup_finds_the_same_groups_again(tmp_path, articles):
    store = Workbench.open(tmp_path / "store", "anna")
    store.ingest.add([write(articles, name) for name in ARTICLES])
    before = {g.id: g.members for g in store.groups.reports()}
    assert store.groups.regroup() == len(before)
    assert {g.id: g.members for g in Workbench.open(tmp_path / "store", "anna").groups.reports()} == before


def test_one_article_at_a_time_gives_the_groups_of_regrouping_everything(tmp_path, articles):
    """An ingest recomputes only the groups its new quotes (or the quotes they replace)
    are linked to; every other quote keeps its group. The result must be what comparing
    every quote again gives, also after an article is replaced by a version without it."""
    store = Workbench.open(tmp_path / "store", "anna")
    for name in ["unrelated", "leeds-visit", "budget-day", "opposition", "radio"]:
        store.ingest.add([write(articles, name)])
    (articles / "leeds-visit.txt").write_text(
        ' date 2025-03-03 Health secretary Tom Reed visited Leeds. "Waiting lists are falling at '
        'last," Reed said.', encoding="utf-8")
    store.ingest.add([articles / "leeds-visit.txt"])

    def partition(s: Workbench) -> set[frozenset[str]]:
        members: dict[str, set[str]] = {}
        for q in quote_list(s, Filters(scare=True)):
            members.setdefault(q["group"] or q["id"], set()).add(q["id"])
        return {frozenset(m) for m in members.values()}

    incremental = partition(store)
    assert any(len(m) >= 3 for m in incremental)  # the chancellor's promise, three outlets
    ids = {q["id"] for q in quote_list(store, Filters(scare=True))}
    assert all(q["group"] in ids for q in quote_list(store, Filters(scare=True)) if q["group"])  # no stale id
    assert {frozenset(g.members) for g in store.groups.reports()} == {m for m in incremental if len(m) > 1}
    store.groups.regroup()
    assert partition(Workbench.open(tmp_path / "store", "anna")) == incremental


def test_an_ingest_saves_the_links_groups_and_reports_of_grouping_everything_at_once(tmp_path, articles):
    """An ingest keeps the links and reports saved for what it did not touch and works out
    the rest: what it saves must be what grouping every quote again saves."""
    store = Workbench.open(tmp_path / "store", "anna")
    for name in ["budget-day", "unrelated", "radio", "leeds-visit", "opposition"]:
        store.ingest.add([write(articles, name)])
    (articles / "radio.txt").write_text(  # a new version: its quote leaves the group
        ' date 2025-03-02 The chancellor was asked about trains. "The line will reopen in May," '
        'Osborne told the BBC.', encoding="utf-8")
    store.ingest.add([articles / "radio.txt"])

    def saved(s: Workbench) -> tuple:
        grouping = s.store.corpus.grouping
        grouping.ensure_loaded()
        links = sorted(json.dumps(link, sort_keys=True) for link in grouping.links)
        words = {qid: (set(entry.split("|")[0].split()), entry.split("|")[1:])
                 for qid, entry in grouping.words.items()}
        return links, grouping.groups, words, {q["id"]: q["group"] for q in quote_list(s, Filters(scare=True))}

    incremental = saved(Workbench.open(tmp_path / "store", "anna"))
    assert incremental[0] and incremental[1]
    store.groups.regroup()
    assert saved(Workbench.open(tmp_path / "store", "anna")) == incremental


# -- commands ------------------------------------------------------------------------------
def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_dupes_prints_versions_with_differences_and_flags(tmp_path, articles):
    for name in ("budget-day", "leeds-visit", "opposition"):
        write(articles, name)
    assert run("--store", str(tmp_path / "store"), "ingest", str(articles)).exit_code == 0
    result = run("--store", str(tmp_path / "store"), "dupes")
    assert result.exit_code == 0, result.output
    assert "ATTRIBUTION CONFLICT" in result.output and "POSSIBLE MISQUOTE" in result.output
    assert "[-penny-] {+pound+}" in result.output  # no colour in a pipe: word-diff markers
    data = json.loads(run("--store", str(tmp_path / "store"), "dupes", "--format", "json").output)
    [group] = data
    changed = [m for m in group["members"] if m.get("differs")]
    assert changed and {"op": "replace", "earliest": "penny", "this": "pound", "trimmed": False,
                        "respelling": False} in changed[0]["changes"]


def test_dupes_on_articles_needs_no_store_and_extract_prints_groups(tmp_path, articles, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("budget-day", "radio", "unrelated"):
        write(articles, name)
    result = run("dupes", str(articles))
    assert result.exit_code == 0 and "group budget-day#0" in result.output
    assert not (tmp_path / "store").exists()
    rows = [json.loads(line) for line in run("extract", str(articles), "--format", "jsonl").output.splitlines()]
    groups = {row["article"]: row["group"] for row in rows}
    assert groups["budget-day"] == groups["radio"] == "budget-day#0" and groups["unrelated"] is None


def test_speaker_commands_record_and_undo(tmp_path, articles):
    store = str(tmp_path / "store")
    for name in ("budget-day", "leeds-visit"):
        write(articles, name)
    run("--store", store, "ingest", str(articles))
    result = run("--store", store, "--reviewer", "anna", "merge-speaker", "Tom Reed", "Rachel Osborne")
    assert result.exit_code == 0 and "Tom Reed: now Rachel Osborne" in result.output
    listing = run("--store", store, "speakers").output
    assert "Tom Reed (by anna)" in listing
    assert "speaker Tom Reed" in run("--store", store, "--reviewer", "anna", "history").output
    assert "automatic aliases again" in run("--store", store, "--reviewer", "anna", "undo").output
    missing = run("--store", store, "merge-speaker", "Nobody", "Tom Reed")
    assert missing.exit_code != 0 and "no speaker named 'Nobody'" in missing.output
