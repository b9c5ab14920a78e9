"""A child process for the store's reliability tests: saves reviews in a loop and prints
one line per review *after* the save returned — what it was told is saved.

    python review_writer.py STORE REVIEWER TAG COUNT [COMPACT_EVERY]

COUNT 0 means forever (until killed). Each review's note is "TAG-n", unique.
"""

import sys

from workbench.services import Workbench
from workbench.views import Filters, quote_list
from workbench.vocab import STATUSES
from workbench.store import reviews


def main() -> None:
    store_dir, reviewer, tag, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    if len(sys.argv) > 5:
        reviews.COMPACT_EVERY = int(sys.argv[5])  # fold often: crash windows during folding too
    store = Workbench.open(store_dir, reviewer)
    ids = [q["id"] for q in quote_list(store, Filters(scare=True))]
    n = 0
    while count == 0 or n < count:
        note = f"{tag}-{n}"
        store.reviewing.mark(ids[n % len(ids)], STATUSES[n % len(STATUSES)], note=note)
        print(note, flush=True)
        n += 1


if __name__ == "__main__":
    main()
