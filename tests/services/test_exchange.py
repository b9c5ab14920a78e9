"""Exports (JSON, ClaimReview, CSV) and imports: validation, idempotence, round trip."""

import csv
import io
import json
from pathlib import Path

import orjson
import pytest

from workbench.store import StoreError
from workbench.views import Filters, quote_list
from workbench.services import NotLead, Workbench
from workbench.team import exports
from workbench.team.imports import MAX_FILE_BYTES, Rejected, clean

ROOT = Path(__file__).parents[2]


def snapshot(root: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted((root / "reviews").iterdir()) if not p.name.endswith(".lock")}


@pytest.fixture
def team(tmp_path):
    anna = Workbench.open(tmp_path / "a", "anna")
    anna.ingest.add([ROOT / "seeds"])
    bob, carla = Workbench.open(anna.root, "Bob Smith"), Workbench.open(anna.root, "carla")
    ids = [q["id"] for q in quote_list(anna)]
    anna.reviewing.mark(ids[0], "confirmed", note="transcript\nline two", evidence=["https://example.org/t"])
    bob.reviewing.mark(ids[0], "confirmed")
    anna.reviewing.mark(ids[1], "disputed", note="=HYPERLINK(\"http://evil\")")
    bob.reviewing.mark(ids[1], "attributed", note="+cmd")
    anna.team.add_lead("carla")
    carla.team.set_final(ids[1], "disputed", reason="video shows another speaker")
    bob.reviewing.mark(ids[2], "attributed")
    anna.reviewing.annotate_source("Cnn", reliability=4, note="checks quotes")
    return anna, bob, carla, ids


def fresh(tmp_path, name="b", reviewer="dan") -> Workbench:
    store = Workbench.open(tmp_path / name, reviewer)
    store.ingest.add([ROOT / "seeds"])
    return store


def state(store: Workbench) -> tuple:
    reviews = {(qid, n): (r.status, r.note, r.evidence, r.time)
               for qid, v in store.team.team_reviews().items() for n, r in v.items()}
    notes = {(n.reviewer, n.kind, n.source): (n.reliability, n.note, n.time) for n in store.reviewing.source_notes()}
    return reviews, store.team.finals(), notes


def test_json_export_has_the_documented_fields(team):
    anna, _bob, _carla, ids = team
    doc = orjson.loads(anna.exchange.export("json"))
    assert doc["schema"] == "quote-workbench/export" and doc["version"] == 1
    assert doc["exported_at"] and doc["store"] and doc["exported_by"] == "anna"
    assert [c["id"] for c in doc["claims"]] == ids[:3]  # reviewed claims only, in article order
    claim = next(c for c in doc["claims"] if c["id"] == ids[1])
    for key in ("id", "text", "kind", "speaker", "cue", "medium", "article", "outlet", "url", "published",
                "said_on", "group", "reviews", "final"):
        assert key in claim
    assert claim["final"]["how"] == "adjudicated" and claim["final"]["by"] == "carla"
    assert {r["reviewer"] for r in claim["reviews"]} == {"anna", "Bob Smith"}
    grouped = next(c for c in orjson.loads(anna.exchange.export("json", everything=True))["claims"] if c["group"])
    assert len(grouped["group"]["members"]) >= 2 and "article" in grouped["group"]["members"][0]
    assert doc["sources"][0]["source"] == "Cnn"


def test_export_filters(team):
    anna, _bob, _carla, ids = team
    pick = lambda speaker="", **kw: [c["id"] for c in orjson.loads(  # noqa: E731
        anna.exchange.export("json", filters=Filters(speaker=speaker), **kw))["claims"]]
    assert pick(reviewers=("Bob Smith",)) == pick() and len(pick()) == 3
    assert pick(reviewers=("anna",)) == ids[:2]
    assert pick(status="disputed") == [ids[1]]
    assert pick(speaker="marco rubio") == [i for i in pick() if anna.store.quote(i)["speaker"] == "Marco Rubio"]
    assert pick(since="2025-10-01") == [] and pick(until="2025-07-15") == pick()
    assert len(pick(status="unreviewed")) == len(quote_list(anna)) - 3
    with pytest.raises(ValueError):
        anna.exchange.export("json", since="July")


def test_export_import_round_trip_restores_the_reviews(team, tmp_path):
    anna, *_ = team
    path = tmp_path / "export.json"
    path.write_bytes(anna.exchange.export("json"))
    other = fresh(tmp_path)
    report = other.exchange.import_file(path)
    assert report["reviews"]["added"] == 5 and report["finals"]["added"] == 1
    assert report["sources"]["added"] == 1
    assert state(Workbench.open(other.root, "dan")) == state(anna)
    assert other.team.final(quote_list(anna)[1]["id"])["reason"] == "video shows another speaker"


def test_importing_twice_changes_nothing(team, tmp_path):
    anna, *_ = team
    path = tmp_path / "export.json"
    path.write_bytes(anna.exchange.export("json"))
    other = fresh(tmp_path)
    other.exchange.import_file(path)
    before = snapshot(other.root)
    report = other.exchange.import_file(path)
    assert report["reviews"] == {"added": 0, "skipped": 5}
    assert snapshot(other.root) == before
    # importing a store's own export into it changes nothing either
    mine = snapshot(anna.root)
    assert anna.exchange.import_file(path)["reviews"]["added"] == 0 and snapshot(anna.root) == mine


def test_a_later_change_is_not_overwritten_by_an_older_import(team, tmp_path):
    anna, _bob, _carla, ids = team
    path = tmp_path / "export.json"
    path.write_bytes(anna.exchange.export("json"))
    anna.reviewing.mark(ids[0], "disputed", note="changed my mind")
    assert anna.exchange.import_file(path)["reviews"]["added"] == 0
    assert anna.reviewing.review(ids[0]).status == "disputed"


def test_reviewer_file_import(team, tmp_path):
    _anna, bob, _carla, ids = team
    bob.reviewing.compact()
    other = fresh(tmp_path)
    report = other.exchange.import_file(bob.root / "reviews" / "Bob+Smith.json")
    assert report["format"] == "reviewer-file" and report["reviewers"] == ["Bob Smith"]
    assert {q: r["Bob Smith"].status for q, r in other.team.team_reviews().items()} == {
        ids[0]: "confirmed", ids[1]: "attributed", ids[2]: "attributed"}


def export_doc(claims, sources=()) -> dict:
    return {"schema": "quote-workbench/export", "version": 1, "claims": claims, "sources": list(sources)}


def review(**kw):
    return {"reviewer": "eve", "status": "confirmed", "note": "", "evidence": [],
            "time": "2025-11-01T10:00:00+00:00"} | kw


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe not utf-8", "not UTF-8"),
    (b"[1, 2]", "expected a JSON object"),
    (b"{\"a\": ", "not valid JSON"),
    (b"[" * 5000 + b"]" * 5000, "not valid JSON"),  # nested deeper than any parser should go
    (b"{\"hello\": 1}", "neither"),
    (orjson.dumps({"schema": "quote-workbench/export", "version": 99, "claims": []}), "version"),
    (orjson.dumps(export_doc("all")), "claims: expected a list"),
    (orjson.dumps(export_doc([{"id": "nope", "reviews": []}])), "unknown quote id 'nope'"),
])
def test_malformed_files_are_rejected(team, tmp_path, content, message):
    anna, *_ = team
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    before = snapshot(anna.root)
    with pytest.raises(Rejected, match=message):
        anna.exchange.import_file(path)
    assert snapshot(anna.root) == before


def test_every_bad_record_is_named_and_nothing_is_applied(team, tmp_path):
    anna, _bob, _carla, ids = team
    claims = [
        {"id": ids[5], "reviews": [review()]},  # fine on its own: still not applied
        {"id": ids[6], "reviews": [review(status="true")]},
        {"id": ids[7], "reviews": [review(note=5)]},
        {"id": ids[8], "reviews": [review(note="x" * 20_000)]},
        {"id": ids[9], "reviews": [review(evidence=["https://e.org"] * 51)]},
        {"id": ids[10], "reviews": [review(evidence=["https://e.org/" + "a" * 3000])]},
        {"id": ids[11], "reviews": [review(reviewer="")]},
        {"id": ids[12], "reviews": [review(time="yesterday")]},
        {"id": ids[13], "reviews": [review(), review()]},
        {"id": ids[5], "reviews": []},
        {"id": ids[14], "reviews": "many"},
        "not an object",
    ]
    path = tmp_path / "bad.json"
    path.write_bytes(orjson.dumps(export_doc(claims, [{"source": "Cnn", "kind": "outlet", "reliability": 9,
                                                       "reviewer": "eve", "time": "2025-11-01"}])))
    before = snapshot(anna.root)
    with pytest.raises(Rejected) as caught:
        anna.exchange.import_file(path)
    problems = "\n".join(caught.value.problems)
    for where in ("claims[1].reviews[0].status", "claims[2].reviews[0].note", "claims[3].reviews[0].note",
                  "claims[4].reviews[0].evidence", "claims[5].reviews[0].evidence[0]",
                  "claims[6].reviews[0].reviewer", "claims[7].reviews[0].time", "two records for eve",
                  "claims[9].id: quote", "claims[10].reviews", "claims[11]: expected an object",
                  "sources[0].reliability"):
        assert where in problems, where
    assert snapshot(anna.root) == before and "eve" not in anna.store.others()


def test_absurd_size_is_refused_before_reading(team, tmp_path):
    anna, *_ = team
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no 50 MB written
    with pytest.raises(Rejected, match="more than"):
        anna.exchange.import_file(path)


def test_control_characters_are_stripped(team, tmp_path):
    anna, _bob, _carla, ids = team
    path = tmp_path / "x.json"
    path.write_bytes(orjson.dumps(export_doc([{"id": ids[5], "reviews": [
        review(reviewer="e\x1bve", note="ok\x00\x07 \u202eevil\nnext\tcol\x85",
               evidence=["https://e.org/\x00a"])]}])))
    anna.exchange.import_file(path)
    got = anna.team.reviews_of(ids[5])["eve"]
    assert got.note == "ok evil\nnext\tcol" and got.evidence == ["https://e.org/a"]
    assert clean("a\x9bb\r\n") == "ab\n"


def test_claimreview_has_the_required_fields(team):
    anna, _bob, _carla, ids = team
    reviews = orjson.loads(anna.exchange.export("claimreview", organization="Desk"))
    by_id = {r["url"].rsplit("#claim-", 1)[1]: r for r in reviews}
    # agreed by two (ids[0]) or adjudicated (ids[1]); bob's verdict alone (ids[2]) is not the team's
    assert set(by_id) == {ids[0], ids[1]}
    assert by_id[ids[0]]["reviewBody"] == "Attribution confirmed: agreed by 2 reviewers: Bob Smith, anna."
    assert by_id[ids[1]]["reviewBody"] == "Attribution disputed: adjudicated by lead carla."
    for r in reviews:
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        assert r["claimReviewed"] and r["url"].startswith(exports.BASE_URL)
        assert r["author"] == {"@type": "Organization", "name": "Desk"} and r["datePublished"]
        item = r["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["@type"] == "Person"
        assert item["appearance"] and item["firstAppearance"] and item["datePublished"]
        rating = r["reviewRating"]
        assert rating["@type"] == "Rating" and rating["worstRating"] == 1 and rating["bestRating"] == 3
    disputed = by_id[ids[1]]["reviewRating"]
    assert (disputed["ratingValue"], disputed["alternateName"]) == (1, "Attribution disputed")
    assert disputed["ratingExplanation"] == "video shows another speaker"


def test_claimreview_publishes_what_the_team_agreed_and_says_how(team):
    anna, bob, carla, ids = team
    notices = []
    reviews = orjson.loads(anna.exchange.export("claimreview", notice=notices.append))
    assert ids[2] not in {r["url"].rsplit("#claim-", 1)[1] for r in reviews}
    assert notices == ["1 claim left out of the ClaimReview export: neither adjudicated by a lead nor "
                       "agreed by 2 reviewers (the team's setting: workbench quorum N)"]
    assert anna.team.min_agreement() == 2  # the default
    with pytest.raises(NotLead):
        anna.team.set_min_agreement(1)  # the team has a lead: only carla may change it
    carla.team.set_min_agreement(1)
    assert Workbench.open(anna.root, "anna").team.min_agreement() == 1  # kept in team.json
    by_id = {r["url"].rsplit("#claim-", 1)[1]: r for r in orjson.loads(anna.exchange.export("claimreview"))}
    assert by_id[ids[2]]["reviewBody"] == "Attributed (not yet verified): agreed by 1 reviewers: Bob Smith."
    assert by_id[ids[2]]["reviewRating"]["alternateName"] == "Attributed (not yet verified)"
    with pytest.raises(ValueError):
        carla.team.set_min_agreement(0)


def test_claimreview_author_of_an_institution_is_an_organization(team):
    anna, bob, _carla, _ids = team
    quotes = quote_list(anna)
    org = next(q["id"] for q in quotes if q["speaker"] == "Dipartimento di Stato")
    person = next(q["id"] for q in quotes if q["speaker"] == "Anna Kelly")
    for store in (anna, bob):
        store.reviewing.mark(org, "confirmed")
        store.reviewing.mark(person, "attributed")
    by_id = {r["url"].rsplit("#claim-", 1)[1]: r for r in orjson.loads(anna.exchange.export("claimreview"))}
    assert by_id[org]["itemReviewed"]["author"] == {"@type": "Organization", "name": "Dipartimento di Stato"}
    assert by_id[person]["itemReviewed"]["author"] == {"@type": "Person", "name": "Anna Kelly"}
    claim = next(c for c in anna.exchange.claims() if c["id"] == org)
    assert claim["speaker_kind"] == "org"
    # a record of an older store, without speaker_kind: the gazetteer tells the institution
    old = {k: v for k, v in claim.items() if k != "speaker_kind"} | {"speaker": "Cremlino",
                                                                     "speaker_as_quoted": "Cremlino"}
    assert exports.claimreview(old, exports.BASE_URL)["itemReviewed"]["author"]["@type"] == "Organization"


def test_a_damaged_quorum_setting_stops_the_store_and_is_left_alone(team):
    anna, *_ = team
    path = anna.root / "team.json"
    damaged = '{"schema": 1, "leads": ["carla"], "min_agreement": "two"}'
    path.write_text(damaged, "utf-8")
    with pytest.raises(StoreError, match="min_agreement"):
        anna.team.min_agreement()
    assert path.read_text("utf-8") == damaged


def test_csv_rows_and_formula_guard(team):
    anna, _bob, _carla, ids = team
    text = anna.exchange.export("csv").decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == exports.CSV_COLUMNS
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert len(body) == 5  # one row per claim per reviewer
    notes = {(r["quote_id"], r["reviewer"]): r["note"] for r in body}
    assert notes[(ids[1], "anna")] == "'=HYPERLINK(\"http://evil\")"
    assert notes[(ids[1], "Bob Smith")] == "'+cmd"
    assert notes[(ids[0], "anna")] == "transcript\nline two"
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)
    assert exports.guard("-1") == "'-1" and exports.guard("@x") == "'@x" and exports.guard(None) == ""


def test_export_is_valid_utf8_json(team):
    anna, *_ = team
    data = anna.exchange.export("json", everything=True)
    assert json.loads(data.decode("utf-8"))["claims"]


def test_imported_reviews_keep_the_reviewer_s_spelling(team, tmp_path):
    anna, bob, _carla, ids = team
    path = tmp_path / "export.json"
    path.write_bytes(anna.exchange.export("json"))
    other = fresh(tmp_path)
    Workbench.open(other.root, "Bob Smith").reviewing.mark(ids[5], "disputed")  # a journal of his own already
    other = Workbench.open(other.root, "dan")
    other.exchange.import_file(path)
    again = Workbench.open(other.root, "erin")
    assert {n for v in again.team.team_reviews().values() for n in v} == {"anna", "Bob Smith"}
