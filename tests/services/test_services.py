"""The services on their own: each use case through its service, with what it leaves in
the store — no command line, no screen."""

from __future__ import annotations

import orjson
import pytest

from workbench.resources import seeds_dir
from workbench.services import NotLead, Workbench
from workbench.services.ingest import add_groups, analyse_paths
from workbench.store import OutputRefused
from workbench.views import Claims, Filters, quote_list, tallies


@pytest.fixture
def wb(seeded_root) -> Workbench:
    return Workbench.open(seeded_root, "anna")


def claim_ids(wb: Workbench) -> list[str]:
    return [q["id"] for q in quote_list(wb)]


def test_marking_many_quotes_is_one_event_one_change_and_one_undo(wb):
    ids = claim_ids(wb)[:3]
    wb.reviewing.mark(ids[0], "confirmed", note="kept")
    events_before = len(wb.store.mine.events)
    change = wb.reviewing.mark_many(ids, "disputed")
    assert len(wb.store.mine.events) == events_before + 1  # one journal line for the batch
    assert [part.target for part in change.parts()] == ids
    again = Workbench.open(wb.root, "anna")
    assert [again.reviewing.review(i).status for i in ids] == ["disputed"] * 3
    assert again.reviewing.review(ids[0]).note == "kept"  # each keeps its note
    undone = again.reviewing.undo()
    assert {part.target for part in undone.parts()} == set(ids)
    reread = Workbench.open(wb.root, "anna")
    assert reread.reviewing.review(ids[0]).status == "confirmed"
    assert reread.reviewing.review(ids[1]) is None and reread.reviewing.review(ids[2]) is None
    assert wb.reviewing.mark_many(ids[:1], "confirmed") is None  # nothing to change


def test_a_merged_speaker_is_the_speaker_everywhere(wb):
    wb.speakers.merge("Cremlino", "Dmitrij Peskov")
    again = Workbench.open(wb.root, "bruno")  # a teammate sees the correction too
    assert again.speakers.speaker_of("Cremlino") == "Dmitrij Peskov"
    names = {row["name"]: row for row in tallies.speakers(again)}
    assert "Cremlino" not in names and sorted(names["Dmitrij Peskov"]["aliases"]) == ["Cremlino", "Dmitrij Peskov"]
    claims = again.exchange.claims()
    quoted = [c for c in claims if c["speaker_as_quoted"] == "Cremlino"]
    assert quoted and all(c["speaker"] == "Dmitrij Peskov" for c in quoted)
    wb.speakers.reset("Cremlino")
    assert Workbench.open(wb.root, "bruno").speakers.speaker_of("Cremlino") == "Cremlino"


def test_group_flags_are_computed_once_and_again_only_where_a_name_changed(wb):
    [group] = wb.groups.reports()
    assert group.speakers == ["Marco Rubio"] and group.flags == []
    assert wb.groups.reports()[0] is group  # served from memory, not computed on every read
    wb.speakers.merge("Donald Trump", "Anna Kelly")  # names outside the group: it stays
    assert wb.groups.reports()[0] is group
    wb.speakers.merge("Marco Rubio", "Anna Kelly")  # a name inside it: computed again
    [changed] = wb.groups.reports()
    assert changed is not group and changed.speakers == ["Anna Kelly"]


def test_only_a_lead_changes_the_team_once_it_has_leads(wb):
    bruno = Workbench.open(wb.root, "bruno")
    assert bruno.team.add_lead("anna") == ["anna"]  # the first lead: anyone may add
    with pytest.raises(NotLead):
        bruno.team.add_lead("bruno")
    with pytest.raises(NotLead):
        bruno.team.set_min_agreement(3)
    quote_id = claim_ids(wb)[0]
    with pytest.raises(NotLead):
        bruno.team.set_final(quote_id, "confirmed", "seen the video")
    wb.team.set_final(quote_id, "confirmed", "seen the video")
    assert bruno.team.final(quote_id)["how"] == "adjudicated"
    assert wb.team.set_min_agreement(3) == 3 and bruno.team.min_agreement() == 3


def test_every_export_goes_through_the_one_safe_writer(wb, tmp_path):
    data = wb.exchange.export("json")
    with pytest.raises(OutputRefused):
        wb.exchange.write(wb.root / "reviews" / "x.json", data)
    written = wb.exchange.write(tmp_path / "out.json", data)
    assert orjson.loads(written.read_bytes())["claims"] == []  # nothing reviewed yet


def test_the_list_the_command_line_and_the_export_keep_the_same_claims(wb):
    for quote_id in claim_ids(wb):
        wb.reviewing.mark(quote_id, "attributed")
    kept = []
    for filters in (Filters(speaker="rubio"), Filters(source=wb.store.corpus.current_quotes()[0]["article"][:6]), Filters(speaker="ANNA", kind="partial"),
                    Filters(search="roadmap")):
        claims = Claims.load(wb)
        claims.apply(filters)
        listed = {row.id for row in claims.shown}
        assert listed == {q["id"] for q in quote_list(wb, filters)}, filters
        exported = orjson.loads(wb.exchange.export("json", filters=filters))["claims"]
        assert {c["id"] for c in exported} == listed, filters
        kept.append(len(listed))
    assert all(kept), kept  # every filter keeps some claims: the comparison means something


def test_the_store_less_analysis_groups_like_the_store(wb):
    analysis = analyse_paths([seeds_dir()])
    add_groups(analysis)
    assert not analysis.problems and analysis.grouping_failed is None
    by_text = {q["text"]: q["group"] is not None for q in wb.store.corpus.current_quotes()}
    assert {r["text"]: r["group"] is not None for r in analysis.records} == by_text
