"""Near-duplicate groups of the corpus, kept up to date on ingest.

File (TinyDB, written atomically): `corpus/groups.json`, tables
- `links`:  the evidence and affinity links the matcher found between quotes, so that an
            ingest compares only the new quotes (nothing already stored is compared again);
- `groups`: each group of two quotes or more — members (earliest first), the members
            matched on their own words, wording drift from the earliest version and the
            flags as of the last ingest;
- `words`:  each quote's content words and blocking words, so that the matcher files
            the stored quotes without preparing their texts again (most are never
            compared; preparing 100,000 took two seconds);
- `pending`: the quotes an ingest stored but could not group (grouping failed): the next
            ingest or `workbench regroup` compares them as new.
Each quote record also carries its `group` (None when no other quote reports it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from ..matching import Grouper, Link, shared_groups
from ..matching.conflicts import report
from .storage import AtomicStorage

# The rule that chose the blocking words saved in `words`: 2 = the rarest in the language
# (1, unmarked, was the rarest in the corpus, which depended on the order of ingests).
BLOCKING_RULE = 2


class GroupIndex:
    def __init__(self, folder: Path) -> None:
        self.path = folder / "groups.json"
        self.links: list[dict] = []
        self.groups: dict[str, dict] = {}
        self.words: dict[str, str] = {}  # quote id → "content words|blocking words"
        self.pending: set[str] = set()  # quotes stored but not grouped yet
        self.loaded = False

    def load(self) -> None:
        tables = AtomicStorage(self.path, kind="groups").read() or {}
        self.links = list(tables.get("links", {}).values())
        self.groups = {g["id"]: g for g in tables.get("groups", {}).values()}
        words = next(iter(tables.get("words", {}).values()), {})
        # blocking words chosen by an older rule are chosen again (rarity.py)
        self.words = words if tables.get("blocking", {}).get("1", {}).get("rule") == BLOCKING_RULE else {}
        self.pending = set(next(iter(tables.get("pending", {}).values()), {}).get("quotes", []))
        self.loaded = True

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.load()

    def save(self) -> None:
        AtomicStorage(self.path, kind="groups").write({
            "links": {str(n): link for n, link in enumerate(self.links, 1)},
            "groups": {str(n): g for n, g in enumerate(self.groups.values(), 1)},
            "words": {"1": self.words},  # one document: quote id → "content|blocking"
            "blocking": {"1": {"rule": BLOCKING_RULE}},
            "pending": {"1": {"quotes": sorted(self.pending)}} if self.pending else {},
        })

    def defer(self, quotes: dict[str, dict], new: set[str]) -> None:
        """Grouping failed: go back to the groups as saved, leave the new quotes
        ungrouped and remember them for the next try. Every quote's `group` is set from
        the saved groups again (a failure may have come after some were changed)."""
        if self.path.exists():
            self.load()
        else:
            self.links, self.groups, self.words = [], {}, {}
        member_of = {qid: gid for gid, g in self.groups.items() for qid in g["members"]}
        for qid, q in quotes.items():
            q["group"] = member_of.get(qid) if q.get("current") else None
        self.pending |= {qid for qid in new if quotes.get(qid, {}).get("current")}

    def regroup(self, quotes: dict[str, dict], new: set[str],
                speaker_of: Callable[[str], str], again: bool = False) -> None:
        """Bring groups up to date after an ingest. `quotes`: every quote record (current
        and retired, by id); `new`: ids of the quotes of articles added or replaced —
        compared with everything; the others are restored with their links. `again`:
        forget the links and compare every quote (after the matcher's rules changed).
        The work grows with the new quotes and the groups they touch: one pass over the
        quotes sorts them, the links and words saved are kept, and only the groups of the
        quotes linked to the new ones (or to the quotes they replace) are worked out."""
        from itertools import compress
        from operator import methodcaller, not_

        from ..perf import no_gc

        self.ensure_loaded()
        with no_gc():  # every object made here stays alive or is freed when no longer used
            # stored by an ingest whose grouping failed
            new = new | {qid for qid in self.pending if quotes.get(qid, {}).get("current")}
            everything = again or not self.path.exists()  # grouped for the first time: compare all
            if everything:
                self.links, self.words = [], {}
            is_current = list(map(methodcaller("get", "current"), quotes.values()))  # loops in C
            current = dict(compress(quotes.items(), is_current))
            for q in compress(quotes.values(), map(not_, is_current)):
                q["group"] = None
            if everything:
                new = set(current)
            is_new = list(map(new.__contains__, current))
            stored_ids = list(compress(current, map(not_, is_new)))
            stored = list(compress(current.values(), map(not_, is_new)))
            coming = list(compress(current.values(), is_new))
            grouper = Grouper()
            indexed = all(map(self.words.__contains__, stored_ids))  # else file every word
            grouper.restore(stored, (Link(**link) for link in self.links), self.words,
                            coming=coming if indexed else None)
            grouper.add(coming)
            if everything:
                changed = shared_groups(grouper.group_ids())
            else:  # only the groups the new quotes, or the quotes they replace, belong to
                touched = set(new)
                kept = []  # the links saved between quotes restored: kept as they were saved
                for link in self.links:  # links to quotes replaced or retired: gone now
                    a_kept = link["a"] in current and link["a"] not in new
                    b_kept = link["b"] in current and link["b"] not in new
                    if a_kept and b_kept:
                        kept.append(link)
                    elif a_kept != b_kept:
                        touched.add(link["a"] if a_kept else link["b"])
                self.links = kept
                changed = shared_groups(grouper.group_ids(around=touched))
            self.links += [_link_record(link) for link in grouper.added]
            for qid, gid in changed.items():
                current[qid]["group"] = gid
            # any other quote is linked to nothing new: its group stays as it was
            for qid in self.words.keys() - current.keys():  # words of quotes no longer current
                del self.words[qid]
            self.words.update(grouper.index(changed=True))
            self.groups = self._reports(current, changed, new, speaker_of, grouper.versions())
            self.pending = set()

    def _reports(self, current: dict[str, dict], group_ids: dict[str, str | None],
                 new: set[str], speaker_of: Callable[[str], str],
                 versions: set[str]) -> dict[str, dict]:
        """Each group's report. `group_ids`: the groups of the quotes whose group may have
        changed (every current member of a group they were in is among them); every other
        current quote is in the group it was in. A group none of those quotes is in keeps
        its stored report, and so does a group with the same id and members as before and
        no new member: its drift cannot have changed, and aligning every group again took
        half a second of a 1,000-quote ingest into 100,000."""
        from itertools import compress

        members: dict[str, list[dict]] = defaultdict(list)
        gids = list(map(group_ids.get, current))  # in the order of the quotes, as `report` breaks ties
        for q, gid in compress(zip(current.values(), gids), gids):
            members[gid].append(q)
        was_in = {m: gid for gid, g in self.groups.items() for m in g["members"]}
        redone = {was_in[m] for m in group_ids if m in was_in}  # groups of a quote regrouped…
        redone.update(gid for m, gid in was_in.items() if m not in current)  # …or no longer current
        found = {gid: g for gid, g in self.groups.items() if gid not in redone and gid not in members}
        for gid in members:
            before = self.groups.get(gid)
            ids = {q["id"] for q in members[gid]}
            if before and set(before["members"]) == ids and not ids & new:
                found[gid] = before
            else:
                found[gid] = report(gid, members[gid], speaker_of, versions).to_dict()
        return dict(sorted(found.items()))


def _link_record(link: Link) -> dict:
    record = {"a": link.a, "b": link.b, "rule": link.rule, "at_a": link.at_a, "at_b": link.at_b,
              "score": round(link.score, 2)}
    if link.part is not None:
        record |= {"part": link.part, "part_words": link.part_words}
    return record

