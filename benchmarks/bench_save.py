"""Saving a review, every time, journal compaction included: 5,000 consecutive saves into
a store holding 100,000 quotes and 10,000 reviews.

    python benchmarks/bench_save.py [--quotes 100000] [--reviews 10000] [--saves 5000]
                                    [--keep DIR] [--reuse DIR] [--no-freeze]

Every COMPACT_EVERY-th save folds the reviewer's journal (`ReviewerLog._compact`), so the
measured saves include those folds; the benchmark counts them and times them apart.
Target: p95 <= 30 ms and max <= 50 ms over all the saves. Prints the figures; asserts
nothing.

The review screen, where a reviewer saves thousands of times in one process, freezes the
objects alive once every claim is read (`gc.freeze()` in tui/screens/review.py), so that
the cycle collector never scans the 100,000 quotes again; this benchmark does the same
after opening the store, and prints the full collections that ran inside saves. With
`--no-freeze` it leaves the collector alone: a full collection then scans the whole
corpus, 50-80 ms here, once or twice in 5,000 saves (a pause of the process that lands
in whatever runs at the time, not work of saving); the max of the saves without one is
printed too.

Building the store (ingest of 100,000 quotes, then 10,000 reviews saved one by one) takes
about half a minute here; `--keep DIR` keeps the built store in DIR and `--reuse DIR` measures a
copy of a store kept so (the kept store itself is never changed).
"""

from __future__ import annotations

import argparse
import gc
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_store import build_input  # noqa: E402  (the 100,000-quote generator)

from workbench.services import Workbench  # noqa: E402
from workbench.views import Filters, quote_list  # noqa: E402
from workbench.vocab import STATUSES  # noqa: E402
from workbench.store import reviews as reviews_module  # noqa: E402

REVIEWER = "bench"


def build(folder: Path, quotes: int, reviews: int) -> Path:
    """A store of `quotes` quotes and `reviews` reviews saved one by one (as a reviewer
    does: the journal folded every COMPACT_EVERY saves on the way)."""
    started = time.perf_counter()
    store = Workbench.open(folder / "store", REVIEWER)
    report = store.ingest.add([build_input(folder, quotes)])
    assert not report.rejected
    ids = [q["id"] for q in quote_list(store, Filters(scare=True))]
    rng = random.Random(5)
    for n, qid in enumerate(rng.sample(ids, reviews)):
        store.reviewing.mark(qid, STATUSES[n % 3], note=f"review {n}")
    print(f"built: {len(ids)} quotes, {len(store.store.mine.reviews)} reviews in "
          f"{time.perf_counter() - started:.0f} s")
    return folder / "store"


def percentile(ordered: list[float], fraction: float) -> float:
    return ordered[max(0, int(len(ordered) * fraction) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=10_000)
    parser.add_argument("--saves", type=int, default=5_000)
    parser.add_argument("--keep", type=Path, help="build the store in this folder and keep it")
    parser.add_argument("--reuse", type=Path, help="measure a copy of a store kept with --keep")
    parser.add_argument("--no-freeze", action="store_true",
                        help="do not freeze the objects alive after the open (as the review screen does)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-save-"))
    if args.reuse:
        root = work / "store"
        shutil.copytree(args.reuse / "store", root)
    else:
        built = build(args.keep or work, args.quotes, args.reviews)
        root = work / "store"
        if args.keep:
            shutil.copytree(built, root)  # measure a copy: the kept store stays as built
        else:
            root = built

    # Count (and time) the folds inside the measured window.
    folds: list[float] = []
    compact = reviews_module.ReviewerLog._compact

    def timed_compact(self, *a, **k):
        started = time.perf_counter()
        try:
            return compact(self, *a, **k)
        finally:
            folds.append((time.perf_counter() - started) * 1000)

    reviews_module.ReviewerLog._compact = timed_compact

    started = time.perf_counter()
    store = Workbench.open(root, REVIEWER)
    opened = time.perf_counter() - started
    ids = [q["id"] for q in quote_list(store, Filters(scare=True))]
    print(f"open: {opened:.2f} s with {len(ids)} quotes, {len(store.store.mine.reviews)} reviews, "
          f"{len(store.store.mine.events)} events in the history")
    if not args.no_freeze:
        gc.freeze()  # as the review screen does once every claim is read

    # Full collections (generation 2) inside the window, and how long each took.
    full: list[float] = []
    collecting: list[float] = []

    def on_gc(phase: str, info: dict) -> None:
        if info["generation"] == 2:
            if phase == "start":
                collecting[:] = [time.perf_counter()]
            elif collecting:
                full.append((time.perf_counter() - collecting[0]) * 1000)

    gc.callbacks.append(on_gc)

    rng = random.Random(7)
    times, with_fold, without_gc = [], [], []
    for n in range(args.saves):
        qid = rng.choice(ids)
        before, collections = len(folds), len(full)
        started = time.perf_counter()
        store.reviewing.mark(qid, STATUSES[n % 3], note=f"timed {n}")
        elapsed = (time.perf_counter() - started) * 1000
        times.append(elapsed)
        if len(folds) > before:
            with_fold.append(elapsed)
        if len(full) == collections:
            without_gc.append(elapsed)
    gc.callbacks.remove(on_gc)
    ordered = sorted(times)
    print(f"save one review: p50 {statistics.median(ordered):.2f} ms, p95 {percentile(ordered, 0.95):.2f} ms, "
          f"p99 {percentile(ordered, 0.99):.2f} ms, max {ordered[-1]:.1f} ms over {len(times)} saves "
          f"(target p95 <= 30 ms, max <= 50 ms)")
    if folds:
        print(f"compactions in the window: {len(folds)} (COMPACT_EVERY {reviews_module.COMPACT_EVERY}); "
              f"fold alone: mean {statistics.mean(folds):.1f} ms, max {max(folds):.1f} ms; "
              f"saves that folded: max {max(with_fold):.1f} ms")
    else:
        print("compactions in the window: 0")
    print(f"full garbage collections in the window: {len(full)}"
          + (f", longest {max(full):.1f} ms; max of the other saves {max(without_gc):.1f} ms" if full else "")
          + (" (collector left alone: --no-freeze)" if args.no_freeze else " (objects frozen after the open)"))
    print(f"after: {len(store.store.mine.reviews)} reviews, {len(store.store.mine.events)} events")

    started = time.perf_counter()
    again = Workbench.open(root, REVIEWER)
    print(f"open again: {time.perf_counter() - started:.2f} s ({len(again.store.mine.reviews)} reviews)")
    sizes = {p.name: p.stat().st_size for p in (root / "reviews").iterdir() if p.is_file()}
    print("reviews/: " + ", ".join(f"{name} {size / 1e6:.2f} MB" for name, size in sorted(sizes.items())))
    shutil.rmtree(work, ignore_errors=True)  # the copy measured (a kept store stays in --keep)


if __name__ == "__main__":
    main()
