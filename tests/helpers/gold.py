"""Scoring against gold annotations, with the matching rules of ../shared/eval/score.py
(normalised text per article; speakers equal by name tokens or a close spelling)."""

from __future__ import annotations

import difflib
import unicodedata

EDGE = " \t\n\"'“”‘’«»„‚.,;:!?…-–—()[]"
ARTICLES = {"il", "lo", "la", "l", "i", "gli", "le", "the", "un", "una", "a"}


def norm_text(s: str) -> str:
    s = unicodedata.normalize("NFC", s).replace("’", "'").replace("‘", "'")
    return " ".join(s.split()).strip(EDGE).lower()


def name_tokens(s: str) -> list[str]:
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = s.lower().replace("'", " ").replace(".", " ").replace("-", " ")
    return [t for t in s.split() if t not in ARTICLES]


def same_speaker(pred: str | None, gold: str) -> bool:
    p, g = name_tokens(pred or ""), name_tokens(gold)
    if not p or not g:
        return False
    if p == g or difflib.SequenceMatcher(None, " ".join(p), " ".join(g)).ratio() >= 0.85:
        return True
    if difflib.SequenceMatcher(None, p[-1], g[-1]).ratio() >= 0.85:
        return len(p) == 1 or len(g) == 1 or p[0][0] == g[0][0]
    return False


def score(gold_quotes: list[dict], predicted: list[dict]) -> dict[str, float]:
    """Span F1, speaker accuracy (end to end) and scare accuracy for one article."""
    gold_norm = [norm_text(q["text"]) for q in gold_quotes]
    pred_norm = [norm_text(q["text"]) for q in predicted]
    pairs, used = {}, set()
    for i, g in enumerate(gold_norm):
        for j, p in enumerate(pred_norm):
            if j not in used and g == p:
                pairs[i] = j
                used.add(j)
                break
    tp = len(pairs)
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(gold_quotes) if gold_quotes else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    speakers = [i for i, q in enumerate(gold_quotes) if q["kind"] != "scare" and q["speaker"]]
    right = sum(1 for i in speakers if i in pairs and same_speaker(predicted[pairs[i]]["speaker"],
                                                                    gold_quotes[i]["speaker"]))
    scare = sum(1 for i, j in pairs.items()
                if (gold_quotes[i]["kind"] == "scare") == (predicted[j]["kind"] == "scare"))
    return {"span_f1": f1, "speaker_accuracy": right / len(speakers) if speakers else 1.0,
            "scare_accuracy": scare / tp if tp else 0.0}
