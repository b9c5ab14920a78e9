"""Every reviewer's verdicts, team filters, lead reviewers and final verdicts."""

from pathlib import Path

import pytest

from workbench.store import StoreError
from workbench.views import Filters, quote_list, tallies, team_quote_list
from workbench.services import Workbench
from workbench.services import NotLead

ROOT = Path(__file__).parents[2]


@pytest.fixture
def team(tmp_path):
    anna = Workbench.open(tmp_path / "store", "anna")
    anna.ingest.add([ROOT / "seeds"])
    bob = Workbench.open(tmp_path / "store", "bob")
    ids = [q["id"] for q in quote_list(anna)]
    return anna, bob, ids


def test_team_reviews_and_filters(team):
    anna, bob, ids = team
    anna.reviewing.mark(ids[0], "confirmed")
    bob.reviewing.mark(ids[0], "confirmed")
    anna.reviewing.mark(ids[1], "confirmed")
    bob.reviewing.mark(ids[1], "disputed")
    bob.reviewing.mark(ids[2], "attributed")
    assert {n: r.status for n, r in anna.team.reviews_of(ids[1]).items()} == {"anna": "confirmed", "bob": "disputed"}
    assert set(anna.team.team_reviews()) == set(ids[:3])
    pick = lambda team, store=anna: [q["id"] for q in team_quote_list(store, Filters.of(team=team))]  # noqa: E731
    assert set(pick("mine")) == set(ids[:2])
    assert pick("others") == [ids[2]]
    assert pick("disagree") == [ids[1]] and pick("unresolved") == [ids[1]]
    assert set(pick("agreed")) == {ids[0], ids[2]}
    assert pick("others", bob) == []
    row = next(q for q in team_quote_list(anna) if q["id"] == ids[1])
    assert row["final"] is None and set(row["reviews"]) == {"anna", "bob"}
    with pytest.raises(ValueError):
        team_quote_list(anna, Filters.of(team="everyone"))


def test_final_agreed_then_adjudicated_by_a_lead_with_undo(team):
    anna, bob, ids = team
    anna.reviewing.mark(ids[0], "confirmed")
    bob.reviewing.mark(ids[0], "confirmed")
    final = anna.team.final(ids[0])
    assert final["status"] == "confirmed" and final["how"] == "agreed" and final["by"] == ["anna", "bob"]
    bob.reviewing.mark(ids[0], "disputed")
    assert anna.team.final(ids[0]) is None
    assert anna.team.add_lead("carla") == ["carla"]  # the first lead: anyone may name one
    carla = Workbench.open(anna.root, "carla")
    saved = carla.team.set_final(ids[0], "disputed", reason="the video shows someone else speaking")
    assert saved.reviewer == "carla"
    final = anna.team.final(ids[0])
    assert (final["status"], final["how"], final["by"]) == ("disputed", "adjudicated", "carla")
    assert final["reason"] == "the video shows someone else speaking" and final["time"]
    assert [q["id"] for q in team_quote_list(anna, Filters.of(team="adjudicated"))] == [ids[0]]
    assert team_quote_list(anna, Filters.of(team="unresolved")) == []
    entry = [e for e in anna.reviewing.history(ids[0], everyone=True) if e["type"] == "final"][0]
    assert entry["reviewer"] == "carla" and entry["before"] is None
    assert entry["after"] == {"status": "disputed", "reason": "the video shows someone else speaking"}
    change = carla.reviewing.undo()
    assert change.kind == "final" and change.after is None
    assert anna.team.final(ids[0]) is None
    carla.reviewing.redo()
    assert anna.team.final(ids[0])["how"] == "adjudicated"
    carla.reviewing.compact()  # folded into carla's file: still there when read again
    assert Workbench.open(anna.root, "dan").team.final(ids[0])["status"] == "disputed"


def test_non_lead_is_refused_with_a_clear_error(team):
    anna, bob, ids = team
    with pytest.raises(NotLead, match="not a lead"):
        bob.team.set_final(ids[0], "confirmed", reason="x")
    anna.team.add_lead("anna")
    with pytest.raises(NotLead, match="bob is not a lead reviewer: only anna"):
        bob.team.set_final(ids[0], "confirmed", reason="x")
    with pytest.raises(NotLead):
        bob.team.add_lead("bob")  # once there is a lead, only a lead names others
    with pytest.raises(ValueError):
        anna.team.set_final(ids[0], "confirmed", reason="  ")
    with pytest.raises(ValueError):
        anna.team.set_final(ids[0], "true", reason="x")
    with pytest.raises(KeyError):
        anna.team.set_final("nope", "confirmed", reason="x")
    assert bob.reviewing.history(everyone=True) == []
    assert anna.team.add_lead("bob") == ["anna", "bob"]
    bob.team.set_final(ids[0], "confirmed", reason="checked")
    assert anna.team.remove_lead("bob") == ["anna"]


def test_damaged_team_file_is_reported(team):
    anna, _bob, _ids = team
    (anna.root / "team.json").write_text('{"leads": "everyone"}')
    with pytest.raises(StoreError, match="team.json"):
        anna.team.leads()


def test_store_agreement_lists_disagreements(team):
    anna, bob, ids = team
    for i, (a, b) in enumerate([("confirmed", "confirmed"), ("disputed", "disputed"),
                                ("attributed", "confirmed"), ("confirmed", "confirmed")]):
        anna.reviewing.mark(ids[i], a)
        bob.reviewing.mark(ids[i], b)
    result = tallies.agreement(anna)
    pair = result["pairs"][0]
    assert (pair["a"], pair["b"], pair["items"], pair["agreements"]) == ("anna", "bob", 4, 3)
    assert result["alpha"]["values"] == 8 and result["alpha"]["alpha"] is not None
    [row] = result["disagreements"]
    assert row["id"] == ids[2] and row["verdicts"] == {"anna": "attributed", "bob": "confirmed"}
    assert row["speaker"] and row["text"]
