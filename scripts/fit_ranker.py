"""Fit the discourse ranker's weights (workbench/extract/ranker.py) on annotated articles.

    python scripts/fit_ranker.py GOLD_DIR [--score ../shared/eval/score.py]
                                 [--write workbench/lexicons/ranker.toml]

For every quote whose speaker the cue rules could only inherit, and whose gold speaker is
among the article's candidates, the candidates and their features are collected; the
weights maximise the likelihood of the right candidate under a softmax over each quote's
candidates (a conditional logit: the standard model for choosing one of several
alternatives, a few dozen lines here rather than a dependency), with an L2 penalty so that
a feature seen rarely stays small. It prints leave-one-article-out accuracy (each
article's quotes ranked by weights fitted on the others) next to the rules' own choice,
so the gain is measured on articles the weights were not fitted to. The shipped weights
are fitted on the study set only, never on the held-out set.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from calibrate_confidence import _scorer  # noqa: E402
from workbench.articles import iter_articles  # noqa: E402
from workbench.extract import attribute, ranker  # noqa: E402
from workbench.models import Article  # noqa: E402

L2 = 0.5
STEPS = 400
RATE = 0.05

Example = tuple[list[dict[str, float]], int]  # candidates' features, index of the right one


def examples(gold_dir: Path, scorer) -> dict[str, list[Example]]:
    """Per article, the ranked quotes: their candidates and which one is right."""
    gold = scorer.load_gold(gold_dir)
    found: dict[str, list[Example]] = {}
    for article in iter_articles(sorted(gold_dir.glob("*.txt"))):
        if not isinstance(article, Article):
            continue
        key = Path(article.id).name.removesuffix(".txt")
        if key not in gold:
            continue
        doc, results, _ = attribute(article, ranked=False)
        table = ranker.EntityTable(doc, results)
        order = sorted(results)
        preds = [{"text": doc.quoted_text(si)} for si in order]
        gq = gold[key]["quotes"]
        for i, j in scorer.match_article(gq, preds):
            g, si = gq[i], order[j]
            if g.get("kind") == "scare" or not g.get("speaker") or not ranker.eligible(results[si]):
                continue
            cands = table.candidates(si)
            right = [k for k, c in enumerate(cands) if scorer.same_speaker(c.name, g["speaker"])]
            if len(cands) >= 2 and right:
                found.setdefault(key, []).append(([c.features for c in cands], right[0]))
    return found


def fit(data: list[Example]) -> dict[str, float]:
    w = dict.fromkeys(ranker.FEATURES, 0.0)
    w["chosen"] = 1.0  # start from the rules' own choice
    for _ in range(STEPS):
        grad = {name: -L2 * (value - (1.0 if name == "chosen" else 0.0)) for name, value in w.items()}
        for feats, right in data:
            scores = [sum(w[n] * v for n, v in f.items()) for f in feats]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            for k, f in enumerate(feats):
                p = exps[k] / total
                for n, v in f.items():
                    grad[n] += ((1.0 if k == right else 0.0) - p) * v
        for n in w:
            w[n] += RATE * grad[n] / max(1, len(data)) * 10
    return {n: round(v, 3) for n, v in w.items()}


def accuracy(data: list[Example], w: dict[str, float]) -> float:
    ok = 0
    for feats, right in data:
        scores = [sum(w[n] * v for n, v in f.items()) for f in feats]
        ok += max(range(len(scores)), key=lambda k: scores[k]) == right
    return ok / len(data) if data else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--score", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    ap.add_argument("--write", type=Path, help="write the fitted weights here")
    a = ap.parse_args()
    by_article = examples(a.gold_dir, _scorer(a.score))
    every = [e for exs in by_article.values() for e in exs]
    rules_only = {n: (1.0 if n == "chosen" else 0.0) for n in ranker.FEATURES}
    held_out = sum(accuracy(exs, fit([e for k, o in by_article.items() if k != key for e in o])) * len(exs)
                   for key, exs in by_article.items()) / max(1, len(every))
    print(f"{len(every)} ranked quotes in {len(by_article)} articles (gold speaker among the candidates)")
    print(f"rules' own choice right:            {accuracy(every, rules_only):.3f}")
    print(f"ranker, leave one article out:      {held_out:.3f}")
    weights = fit(every)
    print(f"ranker, fitted on all (optimistic): {accuracy(every, weights):.3f}")
    for name, value in weights.items():
        print(f"  {name:20} {value:+.3f}")
    if a.write:
        lines = ["# Weights of the discourse ranker (workbench/extract/ranker.py), one per feature.",
                 f"# Fitted by scripts/fit_ranker.py on {a.gold_dir.name} ({len(every)} quotes): do not edit by hand.",
                 "[weights]"] + [f"{n} = {v}" for n, v in weights.items()]
        a.write.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {a.write}")


if __name__ == "__main__":
    main()
