"""Store speed at scale: ingest, open, and saving one review with 100,000 quotes and
10,000 reviews in the store.

    python benchmarks/bench_store.py [--quotes 100000] [--reviews 10000] [--keep DIR]

Targets: ingest >= 500 articles/s; grouping 1,000 new quotes with 100,000 <= 2 s; open
<= 2 s; saving one review <= 30 ms at the 95th percentile. Prints the figures; asserts
nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.services import Workbench  # noqa: E402
from workbench.views import Filters, quote_list  # noqa: E402
from workbench.vocab import STATUSES  # noqa: E402

FIRST = ["Marco", "Giulia", "Paolo", "Anna", "Luca", "Sara", "Mark", "Helen", "David", "Olga"]
LAST = ["Rossi", "Bianchi", "Conti", "Greco", "Lopez", "Harris", "Petrova", "Melnyk", "Quinn", "Price"]
WORDS = ("governo sindaco piazza riforma accordo crisi bilancio scuola strada ponte treno porto "
         "mercato lavoro salute energia acqua fiume confine tregua voto legge tasse prezzi").split()
QUOTES_PER_ARTICLE = 8


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def article(rng: random.Random, n: int) -> dict:
    """About 2 KB, eight quotes in the usual patterns, unique words in each quote."""
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3)]
    parts = [f"Il ministro {people[0]} ha incontrato ieri il sindaco {people[1]} a Roma."]
    for k in range(QUOTES_PER_ARTICLE // 2):
        who = people[k % 3]
        parts.append(f"«{sentence(rng, 12)} numero {n}-{k}», ha detto {who} ai giornalisti.")
        parts.append(f"{who.split()[1]} ha poi spiegato che «{sentence(rng, 10).lower()} {n}-{k}b» "
                     f"e ha chiesto un incontro al governo entro la fine del mese.")
    parts.append("Il confronto riprenderà la prossima settimana a Bruxelles, con i tecnici dei ministeri.")
    return {"id": f"a{n:06d}", "text": "\n\n".join(parts), "date": "2025-06-12", "outlet": "Bench News"}


def build_input(folder: Path, quotes: int) -> Path:
    rng = random.Random(11)
    path = folder / "articles.jsonl"
    with open(path, "wb") as handle:
        for n in range(quotes // QUOTES_PER_ARTICLE):
            handle.write(orjson.dumps(article(rng, n)) + b"\n")
    return path


def build_more(folder: Path, first: int, quotes: int) -> Path:
    """Articles after the first `first`, for an ingest into a full store."""
    rng = random.Random(12)
    path = folder / "more.jsonl"
    with open(path, "wb") as handle:
        for n in range(first, first + quotes // QUOTES_PER_ARTICLE):
            handle.write(orjson.dumps(article(rng, n)) + b"\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build the store here and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-store-"))
    source = build_input(work, args.quotes)
    articles = args.quotes // QUOTES_PER_ARTICLE

    store = Workbench.open(work / "store", "bench")
    started = time.perf_counter()
    report = store.ingest.add([source])
    elapsed = time.perf_counter() - started
    total = len(quote_list(store, Filters(scare=True)))
    print(f"ingest: {articles} articles, {total} quotes in {elapsed:.1f} s -> "
          f"{articles / elapsed:.0f} articles/s (target >= 500); of which grouping "
          f"{report.grouping_seconds:.1f} s")
    assert not report.rejected

    more = build_more(work, articles, 1000)
    store = Workbench.open(work / "store", "bench")
    started = time.perf_counter()
    report = store.ingest.add([more])
    elapsed = time.perf_counter() - started
    print(f"ingest 1,000 more quotes ({report.quotes_added}) into a store of {total}: {elapsed:.1f} s, "
          f"of which grouping {report.grouping_seconds:.2f} s (target for the grouping <= 2 s)")
    total = len(quote_list(store, Filters(scare=True)))

    ids = [q["id"] for q in quote_list(store, Filters(scare=True))]
    rng = random.Random(5)
    started = time.perf_counter()
    for n, qid in enumerate(rng.sample(ids, args.reviews)):
        store.reviewing.mark(qid, STATUSES[n % 3], note=f"review {n}")
    print(f"{args.reviews} reviews saved one by one in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    store = Workbench.open(work / "store", "bench")
    opened = time.perf_counter() - started
    print(f"open: {opened:.2f} s with {total} quotes and {len(store.store.mine.reviews)} reviews (target <= 2 s)")

    times = []
    for n in range(300):
        qid = rng.choice(ids)
        started = time.perf_counter()
        store.reviewing.mark(qid, STATUSES[n % 3], note=f"timed {n}")
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"save one review: median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms, "
          f"max {times[-1]:.1f} ms over {len(times)} saves (target p95 <= 30 ms)")
    sizes = {p.name: p.stat().st_size for p in (work / "store").rglob("*.json*") if p.is_file()}
    print("files: " + ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in sorted(sizes.items())))


if __name__ == "__main__":
    main()
