"""Regression: the seed articles against their hand-made gold annotations."""

import json
from pathlib import Path

import pytest

from helpers.gold import score
from workbench.articles import iter_articles
from workbench.extract import extract_quotes
from workbench.models import Article

ROOT = Path(__file__).parents[2]
TARGETS = {"span_f1": 0.97, "speaker_accuracy": 0.90, "scare_accuracy": 0.95}


def seed_articles() -> list[Article]:
    articles = list(iter_articles([ROOT / "seeds"]))
    assert all(isinstance(a, Article) for a in articles)
    return articles


@pytest.mark.parametrize("article", seed_articles(), ids=lambda a: a.id)
def test_seed_article_meets_the_targets(article):
    gold = json.loads((Path(__file__).parents[1] / "data" / "seed_gold" / f"{article.id}.gold.json").read_text())
    predicted = [q.to_dict() for q in extract_quotes(article)]
    figures = score(gold["quotes"], predicted)
    for name, target in TARGETS.items():
        assert figures[name] >= target, (name, figures)
