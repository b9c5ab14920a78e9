"""Extraction speed: MB of article text per second on one core, and the worst case.

    python benchmarks/bench_extract.py [--mb 4] [--profile]

1. Throughput: a corpus of news-like articles (the two seed articles and variations of
   them with other names, places and quotation marks, so nothing is served from a cache)
   is extracted article by article, as `workbench extract` does. Target: >= 2 MB/s.
2. One long article (1 MB, thousands of quotes): the time must grow with the text, not
   faster.
3. Worst case: one 1 MB single-line article full of unbalanced quotation marks. Target:
   well under a second; every span stays short.
4. Loading 5 MB of text and 5 MB of JSON Lines. Target: 1.5 s.
Prints the figures; asserts nothing (tests never assert wall-clock times).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.articles import iter_articles, load_text  # noqa: E402
from workbench.extract import extract_quotes  # noqa: E402
from workbench.extract.spans import find_spans  # noqa: E402
from workbench.models import Article  # noqa: E402

NAMES = [("Marco Rubio", "Giulia Conti"), ("Sergei Lavrov", "Olga Petrova"),
         ("Donald Trump", "Paul Harrison"), ("Vladimir Putin", "Boris Kovalev"),
         ("Volodymyr Zelensky", "Andrii Melnyk"), ("Dmitrij Peskov", "Ivan Orlov"),
         ("Anna Kelly", "Sara Lenzi"), ("Rubio", "Conti"), ("Lavrov", "Petrova"),
         ("Trump", "Harrison"), ("Zelensky", "Melnyk"), ("Peskov", "Orlov")]
MARKS = [("\"", "\""), ("«", "»"), ("“", "”")]


def corpus(megabytes: float) -> list[Article]:
    seeds = [a for a in iter_articles([ROOT / "seeds"]) if isinstance(a, Article)]
    rng = random.Random(7)
    articles, size, n = [], 0, 0
    while size < megabytes * 1_000_000:
        base = seeds[n % len(seeds)]
        text = base.text
        for old, new in rng.sample(NAMES, k=4):
            text = text.replace(old, new)
        opening, closing = rng.choice(MARKS)
        text = _alternate(text.replace("\"", "\x00"), opening, closing)
        articles.append(load_text(text, f"bench{n}", published=base.published, lang=base.lang))
        size += len(text.encode("utf-8"))
        n += 1
    return articles


def _alternate(text: str, opening: str, closing: str) -> str:
    """Put the chosen opening and closing marks where the seed has straight quotes."""
    out, flip = [], False
    for part in text.split("\x00"):
        out.append(part)
        out.append(closing if flip else opening)
        flip = not flip
    return "".join(out[:-1])


def throughput(megabytes: float) -> None:
    articles = corpus(megabytes)
    size = sum(len(a.text.encode("utf-8")) for a in articles)
    started = time.perf_counter()
    quotes = sum(len(extract_quotes(a)) for a in articles)
    elapsed = time.perf_counter() - started
    print(f"throughput: {size / 1e6:.2f} MB in {len(articles)} articles, {quotes} quotes, "
          f"{elapsed:.2f} s -> {size / 1e6 / elapsed:.2f} MB/s (target >= 2 MB/s)")


def one_long_article(megabytes: float = 1.0) -> None:
    """Work that grows faster than the text shows up in one long article."""
    articles = corpus(megabytes)
    article = load_text("\n\n".join(a.text for a in articles), "long", lang="it")
    started = time.perf_counter()
    quotes = extract_quotes(article)
    elapsed = time.perf_counter() - started
    size = len(article.text.encode("utf-8")) / 1e6
    print(f"one long article: {size:.2f} MB, {len(quotes)} quotes, {elapsed:.2f} s -> {size / elapsed:.2f} MB/s")


def worst_case() -> None:
    text = ("He said «yes and “no, ‘maybe „so 'then \"now. " * 25000)[:1_000_000]
    article = load_text(text, "worst", lang="en")
    started = time.perf_counter()
    spans = find_spans(article.text, article.paragraphs)
    scan = time.perf_counter() - started
    started = time.perf_counter()
    quotes = extract_quotes(article)
    elapsed = time.perf_counter() - started
    longest = max((q.end - q.start for q in quotes), default=0)
    print(f"worst case: 1 MB single line of unbalanced marks ({len(text.split())} words): "
          f"quotation marks scanned in {scan:.2f} s ({len(spans)} spans); whole extraction "
          f"{elapsed:.2f} s, {len(quotes)} quotes, longest span {longest} characters")


def loading() -> None:
    """Reading 5 MB of plain text and 5 MB of JSON Lines (no extraction). Target: 1.5 s."""
    import json
    import tempfile

    paragraph = "Il ministro ha detto che “non è il momento”, e poi è uscito.\nAltra riga.\n\n"
    with tempfile.TemporaryDirectory() as folder:
        text_path = Path(folder) / "big.txt"
        text_path.write_text(paragraph * (5_000_000 // len(paragraph)), encoding="utf-8")
        record = {"id": 0, "text": paragraph * 40, "date": "2024-01-02"}
        lines = [json.dumps({**record, "id": n}) for n in range(5_000_000 // (len(paragraph) * 40))]
        jsonl_path = Path(folder) / "big.jsonl"
        jsonl_path.write_text("\n".join(lines), encoding="utf-8")
        started = time.perf_counter()
        loaded = list(iter_articles([text_path, jsonl_path]))
        elapsed = time.perf_counter() - started
    print(f"load: 5 MB of text and 5 MB of JSON Lines ({len(loaded)} articles) in {elapsed:.2f} s (target 1.5 s)")


def profile(megabytes: float) -> None:
    """Where the throughput run spends its time (the profiler slows it down several times)."""
    import cProfile
    import pstats

    articles = corpus(megabytes)
    extract_quotes(articles[0])  # the lexicons are read (TOML parsed) once, on first use
    profiler = cProfile.Profile()
    profiler.runcall(lambda: [extract_quotes(a) for a in articles])
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="megabytes of text to extract")
    parser.add_argument("--runs", type=int, default=3, help="throughput runs (the best is the figure)")
    parser.add_argument("--profile", action="store_true",
                        help="profile one throughput run (cProfile, top functions) and stop")
    args = parser.parse_args()
    if args.profile:
        profile(args.mb)
        return
    for _ in range(args.runs):
        throughput(args.mb)
    one_long_article()
    worst_case()
    loading()


if __name__ == "__main__":
    main()
