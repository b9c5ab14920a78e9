"""The team commands through click's CliRunner."""

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.views import quote_list
from workbench.services import Workbench

ROOT = Path(__file__).parents[2]


@pytest.fixture
def setup(tmp_path):
    store = Workbench.open(tmp_path / "s", "anna")
    store.ingest.add([ROOT / "seeds"])
    ids = [q["id"] for q in quote_list(store)]
    bob = Workbench.open(tmp_path / "s", "bob")
    store.reviewing.mark(ids[0], "confirmed")
    bob.reviewing.mark(ids[0], "disputed")
    store.reviewing.mark(ids[1], "attributed")
    bob.reviewing.mark(ids[1], "attributed")
    return tmp_path / "s", ids


def run(store, reviewer, *args):
    return CliRunner().invoke(main, list(args), env={"WORKBENCH_STORE": str(store), "WORKBENCH_REVIEWER": reviewer})


def test_lead_and_final(setup):
    store, ids = setup
    refused = run(store, "bob", "final", ids[0], "confirmed", "--reason", "x")
    assert refused.exit_code == 1 and "not a lead reviewer" in refused.stderr
    assert run(store, "anna", "lead", "add", "carla").exit_code == 0
    assert run(store, "bob", "lead", "add", "bob").exit_code == 1
    assert run(store, "anna", "lead", "list").stdout.strip() == "carla"
    result = run(store, "carla", "final", ids[0], "disputed", "--reason", "video")
    assert result.exit_code == 0 and "final disputed (adjudicated)" in result.stdout
    history = run(store, "carla", "history", ids[0]).stdout
    assert "(final verdict)" in history and "reason=video" in history
    assert "final verdict withdrawn" in run(store, "carla", "undo").stdout
    assert Workbench.open(store, "x").team.final(ids[0]) is None
    verdicts = run(store, "anna", "verdicts", "--team", "disagree", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(v)["id"] for v in verdicts] == [ids[0]]


def test_agreement_command(setup):
    store, ids = setup
    result = run(store, "anna", "agreement")
    assert result.exit_code == 0, result.output
    assert "anna · bob" in result.stdout and "Krippendorff" in result.stdout and ids[0] in result.stdout
    data = json.loads(run(store, "anna", "agreement", "--format", "json").stdout)
    assert data["pairs"][0]["items"] == 2 and data["pairs"][0]["agreements"] == 1
    assert data["disagreements"][0]["verdicts"] == {"anna": "confirmed", "bob": "disputed"}


def test_sources_and_stats_commands(setup):
    store, _ids = setup
    assert run(store, "anna", "source", "Cnn", "--reliability", "4", "--note", "ok").exit_code == 0
    data = json.loads(run(store, "anna", "sources", "--format", "json").stdout)
    assert any(o["name"] == "Cnn" and o["notes"] for o in data["outlets"])
    assert run(store, "anna", "sources", "--articles").exit_code == 0
    result = run(store, "anna", "stats")
    assert result.exit_code == 0 and "2025-07" in result.stdout and "█" in result.stdout
    data = json.loads(run(store, "anna", "stats", "--format", "json").stdout)
    assert data["by_reviewer"]["bob"]["reviewed"] == 2


def test_export_and_import_commands(setup, tmp_path):
    store, ids = setup
    out = tmp_path / "team.json"
    result = run(store, "anna", "export", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text("utf-8"))["schema"] == "quote-workbench/export"
    only_bob = json.loads(run(store, "anna", "export", "--by", "bob").stdout)
    assert {r["reviewer"] for c in only_bob["claims"] for r in c["reviews"]} == {"bob"}
    assert only_bob["exported_by"] == "anna" and only_bob["filters"]["reviewers"] == ["bob"]
    as_bob = json.loads(run(store, "anna", "export", "--reviewer", "bob").stdout)  # who I am, as everywhere
    assert as_bob["exported_by"] == "bob" and "reviewers" not in as_bob["filters"]
    assert {r["reviewer"] for c in as_bob["claims"] for r in c["reviews"]} == {"anna", "bob"}
    rows = list(csv.reader(io.StringIO(run(store, "anna", "export", "--format", "csv").stdout)))
    assert rows[0][0] == "quote_id" and len(rows) == 5
    reviews = json.loads(run(store, "anna", "export", "--format", "claimreview").stdout)
    assert [r["@type"] for r in reviews] == ["ClaimReview"]  # ids[1]: agreed; ids[0]: disputed, no final
    fresh = Workbench.open(tmp_path / "t", "dan")
    fresh.ingest.add([ROOT / "seeds"])
    first = run(tmp_path / "t", "dan", "import", str(out))
    assert first.exit_code == 0 and "4 reviews added" in first.stdout
    second = run(tmp_path / "t", "dan", "import", str(out))
    assert "0 reviews added" in second.stdout
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "quote-workbench/export", "version": 1, "claims": [{"id": "zzz"}]}')
    result = run(tmp_path / "t", "dan", "import", str(bad))
    assert result.exit_code == 1 and "claims[0].id" in result.stderr and "nothing was imported" in result.stderr
    assert run(store, "anna", "export", "--since", "soon").exit_code == 1


def test_untrusted_text_is_shown_literally(setup):
    store, _ids = setup
    assert run(store, "anna", "source", "[b]E[/b]", "--note", "[red]x[/red]").exit_code == 0
    result = run(store, "anna", "sources")
    assert "[b]E[/b]" in result.stdout and "[red]x[/red]" in result.stdout


def test_quorum_command_and_the_claims_a_claimreview_export_leaves_out(setup):
    store, ids = setup
    Workbench.open(store, "anna").reviewing.mark(ids[2], "confirmed")  # anna alone
    result = run(store, "anna", "export", "--format", "claimreview")
    assert result.exit_code == 0
    assert [r["url"].rsplit("#claim-", 1)[1] for r in json.loads(result.stdout)] == [ids[1]]
    # ids[0] (anna and bob disagree) and ids[2] (anna alone) are left out, and counted
    assert "2 claims left out of the ClaimReview export" in result.stderr
    assert "agreed by 2 reviewers or more" in run(store, "anna", "quorum").stdout
    assert run(store, "anna", "quorum", "0").exit_code == 2
    assert run(store, "anna", "quorum", "1").exit_code == 0  # no leads yet: anyone may
    assert "1 claim left out" in run(store, "anna", "export", "--format", "claimreview").stderr
    run(store, "anna", "lead", "add", "carla")
    refused = run(store, "anna", "quorum", "3")
    assert refused.exit_code == 1 and "only a lead" in refused.stderr
    assert "by 1 reviewer or more" in run(store, "bob", "quorum").stdout
