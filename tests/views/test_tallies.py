"""Sources and speakers by status, statistics and the timeline."""

from pathlib import Path

import pytest

from workbench.services import Workbench
from workbench.views import quote_list, tallies
from workbench.vocab import STATUSES
from workbench.team import statistics as stats
from workbench.vocab import STATUSES as PURE_STATUSES

ROOT = Path(__file__).parents[2]


@pytest.fixture
def team(tmp_path):
    anna = Workbench.open(tmp_path / "store", "anna")
    anna.ingest.add([ROOT / "seeds"])
    return anna, Workbench.open(tmp_path / "store", "bob"), quote_list(anna)


def test_pure_statuses_are_the_store_s():
    assert PURE_STATUSES == STATUSES


def test_timeline_keeps_precision():
    line = stats.timeline(["2025-10-21", "2025-10-21", "2025-07", "2025", None])
    assert line == {"day": {"2025-10-21": 2}, "month": {"2025-07": 1, "2025-10": 2},
                    "year": {"2025": 4}, "undated": 1}


def test_sources_count_by_status_with_every_reviewer_s_notes(team):
    anna, bob, quotes = team
    first = [q for q in quotes if q["article"] == "003_63792d20e42a4d56"]
    anna.reviewing.mark(first[0]["id"], "confirmed")
    bob.reviewing.mark(first[0]["id"], "confirmed")
    anna.reviewing.mark(first[1]["id"], "disputed")
    anna.reviewing.annotate_source("Cnn", reliability=4, note="checks quotes")
    bob.reviewing.annotate_source("003_63792d20e42a4d56", kind="article", reliability=2, note="paraphrases")
    found = tallies.sources(anna)
    article = next(a for a in found["articles"] if a["id"] == "003_63792d20e42a4d56")
    assert article["quotes"] == len(first)
    assert article["status"] == {"attributed": 0, "disputed": 1, "confirmed": 1, "unreviewed": len(first) - 2}
    assert article["final"]["confirmed"] == 1 and article["final"]["disputed"] == 1  # anna alone: agreed
    assert article["notes"][0]["reviewer"] == "bob" and article["notes"][0]["reliability"] == 2
    outlets = {o["name"]: o for o in found["outlets"]}
    assert outlets["(unknown)"]["quotes"] == len(quotes)  # the seeds name no outlet
    assert outlets["Cnn"]["quotes"] == 0 and outlets["Cnn"]["notes"][0]["note"] == "checks quotes"


def test_speakers_have_counts_by_status(team):
    anna, _bob, quotes = team
    rubio = [q for q in quotes if q["speaker"] == "Marco Rubio"]
    anna.reviewing.mark(rubio[0]["id"], "disputed")
    row = next(r for r in tallies.speakers(anna) if r["name"] == "Marco Rubio")
    assert row["status"]["disputed"] == 1 and row["status"]["unreviewed"] == len(rubio) - 1
    assert row["final"]["disputed"] == 1 and row["quotes"] == 6


def test_statistics(team):
    anna, bob, quotes = team
    anna.reviewing.mark(quotes[0]["id"], "confirmed")
    bob.reviewing.mark(quotes[0]["id"], "disputed")
    bob.reviewing.mark(quotes[1]["id"], "attributed")
    result = tallies.statistics(anna)
    assert result["quotes"] == len(quotes) and result["articles"] == 2
    assert result["status"]["confirmed"] == 1 and result["final"]["none"] == len(quotes) - 1
    assert result["reviewed_by_anyone"] == 2 and result["disagreements"] == 1
    assert result["by_reviewer"]["bob"] == {"reviewed": 2, "status": {"attributed": 1, "disputed": 1,
                                                                     "confirmed": 0}}
    assert result["by_speaker"]["Marco Rubio"]["quotes"] == 6
    assert result["timeline"]["month"] == {"2025-07": 10, "2025-10": 8}
    assert result["agreement"]["pairs"][0]["items"] == 1
