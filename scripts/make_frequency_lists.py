"""Write workbench/lexicons/frequency/<lang>.txt: the most frequent words of each language,
most frequent first, normalised as the matcher normalises quote text.

The matcher ranks a quote's words by how rare they are in the language (not in the
corpus at hand), so that which quotes it compares never depends on the order articles
were ingested in (matching/groups.py). The lists come from wordfreq's data (Robyn Speer
et al., https://github.com/rspeer/wordfreq; the data is CC BY-SA 4.0, and so are these
lists). wordfreq is not a dependency of the workbench; to make the lists again:

    python3 -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq
    /tmp/wf/bin/python scripts/make_frequency_lists.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import wordfreq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.matching.text import normalize  # noqa: E402

LANGUAGES = ("it", "en")
WORDS = 20_000


def main() -> None:
    folder = ROOT / "workbench" / "lexicons" / "frequency"
    folder.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        seen: dict[str, None] = {}
        for word in wordfreq.top_n_list(lang, WORDS * 2):
            for piece in normalize(word).split():
                if piece and not piece.isdigit():
                    seen.setdefault(piece)
            if len(seen) >= WORDS:
                break
        text = (f"# the {len(seen)} most frequent words of '{lang}', most frequent first; from "
                "wordfreq's data (CC BY-SA 4.0): see scripts/make_frequency_lists.py\n")
        (folder / f"{lang}.txt").write_text(text + "\n".join(seen) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
