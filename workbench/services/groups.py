"""Near-duplicate groups: kept up to date on ingest (only the new quotes are compared, and
only the groups they touch are reported again), and read with their flags — who a group
is pinned on and whether that is a conflict, as the speaker aliases are now.

Who a group is pinned on depends on the aliases, which reviewers change at any time: the
reports are computed once per state of the aliases and then served from memory; when the
aliases change, only the groups holding a name that now resolves differently are
computed again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from itertools import compress
from operator import methodcaller, not_

from ..matching import (MISQUOTE, Drift, GroupReport, Grouper, Link, compare, group_flags, pinned_speakers,
                        shared_groups)
from ..matching.conflicts import report
from ..models import GroupRecord, QuoteRecord
from ..perf import no_gc
from ..store import Store
from ..store.grouping import GroupIndex
from .speakers import Speakers, speaker_table


class Groups:
    def __init__(self, store: Store, speakers: Speakers) -> None:
        self.store = store
        self.speakers = speakers
        self._reports: dict[str, GroupReport] = {}
        self._records: dict[str, GroupRecord] | None = None  # the records the reports are of
        self._resolved: dict[str, str] = {}  # name → speaker, as the reports were made
        self._groups_of: dict[str, set[str]] = {}  # name → the groups it is quoted in
        self._table: dict | None = None  # the alias table the reports were made with

    def reports(self, flagged: bool = False) -> list[GroupReport]:
        """Groups of quotes that report one utterance, with their flags: the attribution
        conflicts as the speaker aliases are now, possible misquotes as found on ingest.
        Flagged groups first, then the most widely reported."""
        found = [g for g in self._current().values() if g.flags or not flagged]
        return sorted(found, key=lambda g: (-len(g.flags), -g.articles, g.id))

    def get(self, group_id: str) -> GroupReport:
        found = self._current().get(group_id)
        if found is None:
            raise KeyError(f"no group with id {group_id!r} in {self.store.root}")
        return found

    def of(self, quote_id: str) -> GroupReport | None:
        """The group of a quote, or None when no other quote reports its words."""
        group_id = self.store.quote(quote_id).get("group")
        return self.get(group_id) if group_id else None

    def summaries(self) -> dict[str, tuple[int, list[str]]]:
        """Group id → (number of members, flags)."""
        return {gid: (len(g.members), g.flags) for gid, g in self._current().items()}

    def drift(self, reference_id: str, other_id: str) -> Drift:
        """Word by word, how quote `other_id` differs from quote `reference_id`."""
        reference, other = self.store.quote(reference_id), self.store.quote(other_id)
        return compare(reference["text"], other["text"], other.get("lang") or "und")

    def regroup(self) -> int:
        """Forget the links found so far and compare every current quote again (after an
        upgrade of the matcher); return the number of groups. On a failure the store is
        left as it was (the error is raised: nothing was saved)."""
        corpus = self.store.corpus
        with corpus.writing():  # read afresh: the aliases are worked out from what it holds now
            update_groups(corpus.grouping, corpus.quotes, set(), self.speakers.resolver(), again=True)
            corpus.save(speaker_table(corpus.current_quotes()))
        return len(corpus.groups)

    def _current(self) -> dict[str, GroupReport]:
        """Every group's report as the aliases are now (see the module's docstring). The
        review screen asks on every cursor move: while neither the groups nor the alias
        table changed, this is a lookup."""
        records = self.store.corpus.groups
        table = self.speakers.table()
        if records is self._records and table is self._table:
            return self._reports
        speaker_of = self.speakers.resolver()
        quotes = self.store.corpus.quotes
        if records is not self._records:  # a new ingest: every report is made again
            self._records, self._reports, self._resolved = records, {}, {}
            self._groups_of = {}
            for gid, record in records.items():
                for name in _names(record, quotes):
                    self._groups_of.setdefault(name, set()).add(gid)
            stale = set(records)
        else:  # only the groups holding a name that now resolves differently
            moved = [n for n, speaker in self._resolved.items() if speaker_of(n) != speaker]
            stale = set().union(*(self._groups_of.get(n, ()) for n in moved))
        self._table = table
        for gid in stale:
            record = records[gid]
            self._resolved.update((n, speaker_of(n)) for n in _names(record, quotes))
            self._reports[gid] = _report(record, [quotes[qid].get("speaker") for qid in record["members"]],
                                         speaker_of)
        return self._reports


def _names(record: GroupRecord, quotes: dict[str, QuoteRecord]) -> set[str]:
    return {quotes[qid]["speaker"] for qid in record["members"] if quotes[qid].get("speaker")}


def _report(record: GroupRecord, names: list[str | None], speaker_of: Callable[[str], str]) -> GroupReport:
    speakers = pinned_speakers(names, speaker_of)
    return GroupReport(record["id"], list(record["members"]), record["articles"], speakers,
                       record["earliest"], dict(record["drift"]), list(record["differing"]),
                       group_flags(speakers, MISQUOTE in record["flags"]),
                       list(record.get("versions", record["members"])))


# -- keeping the stored groups up to date ------------------------------------------------------
def defer_grouping(index: GroupIndex, quotes: dict[str, QuoteRecord], new: set[str]) -> None:
    """Grouping failed: go back to the groups as saved, leave the new quotes ungrouped and
    remember them for the next try. Every quote's `group` is set from the saved groups
    again (a failure may have come after some were changed)."""
    index.reload_saved()
    member_of = {qid: gid for gid, g in index.groups.items() for qid in g["members"]}
    for qid, q in quotes.items():
        q["group"] = member_of.get(qid) if q.get("current") else None
    index.pending |= {qid for qid in new if quotes.get(qid, {}).get("current")}


def update_groups(index: GroupIndex, quotes: dict[str, QuoteRecord], new: set[str],
                  speaker_of: Callable[[str], str], again: bool = False) -> None:
    """Bring groups up to date after an ingest. `quotes`: every quote record (current and
    retired, by id); `new`: ids of the quotes of articles added or replaced — compared
    with everything; the others are restored with their links. `again`: forget the links
    and compare every quote (after the matcher's rules changed). The work grows with the
    new quotes and the groups they touch: one pass over the quotes sorts them, the links
    and words saved are kept, and only the groups of the quotes linked to the new ones
    (or to the quotes they replace) are worked out."""
    index.ensure_loaded()
    with no_gc():  # every object made here stays alive or is freed when no longer used
        # stored by an ingest whose grouping failed
        new = new | {qid for qid in index.pending if quotes.get(qid, {}).get("current")}
        everything = again or not index.path.exists()  # grouped for the first time: compare all
        if everything:
            index.links, index.words = [], {}
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
        indexed = all(map(index.words.__contains__, stored_ids))  # else file every word
        grouper.restore(stored, (Link(**link) for link in index.links), index.words,
                        coming=coming if indexed else None)
        grouper.add(coming)
        if everything:
            changed = shared_groups(grouper.group_ids())
        else:  # only the groups the new quotes, or the quotes they replace, belong to
            touched = set(new)
            kept = []  # the links saved between quotes restored: kept as they were saved
            for link in index.links:  # links to quotes replaced or retired: gone now
                a_kept = link["a"] in current and link["a"] not in new
                b_kept = link["b"] in current and link["b"] not in new
                if a_kept and b_kept:
                    kept.append(link)
                elif a_kept != b_kept:
                    touched.add(link["a"] if a_kept else link["b"])
            index.links = kept
            changed = shared_groups(grouper.group_ids(around=touched))
        index.links += [_link_record(link) for link in grouper.added]
        for qid, gid in changed.items():
            current[qid]["group"] = gid
        # any other quote is linked to nothing new: its group stays as it was
        for qid in index.words.keys() - current.keys():  # words of quotes no longer current
            del index.words[qid]
        index.words.update(grouper.index(changed=True))
        index.groups = _group_records(index.groups, current, changed, new, speaker_of, grouper.versions())
        index.pending = set()


def _group_records(before: dict[str, GroupRecord], current: dict[str, QuoteRecord],
                   group_ids: dict[str, str | None], new: set[str], speaker_of: Callable[[str], str],
                   versions: set[str]) -> dict[str, GroupRecord]:
    """Each group's record. `group_ids`: the groups of the quotes whose group may have
    changed (every current member of a group they were in is among them); every other
    current quote is in the group it was in. A group none of those quotes is in keeps its
    stored record, and so does a group with the same id and members as before and no new
    member: its drift cannot have changed, and aligning every group again took half a
    second of a 1,000-quote ingest into 100,000."""
    members: dict[str, list[dict]] = defaultdict(list)
    gids = list(map(group_ids.get, current))  # in the order of the quotes, as `report` breaks ties
    for q, gid in compress(zip(current.values(), gids), gids):
        members[gid].append(q)
    was_in = {m: gid for gid, g in before.items() for m in g["members"]}
    redone = {was_in[m] for m in group_ids if m in was_in}  # groups of a quote regrouped…
    redone.update(gid for m, gid in was_in.items() if m not in current)  # …or no longer current
    found = {gid: g for gid, g in before.items() if gid not in redone and gid not in members}
    for gid in members:
        old = before.get(gid)
        ids = {q["id"] for q in members[gid]}
        if old and set(old["members"]) == ids and not ids & new:
            found[gid] = old
        else:
            found[gid] = report(gid, members[gid], speaker_of, versions).to_dict()
    return dict(sorted(found.items()))


def _link_record(link: Link) -> dict:
    record = {"a": link.a, "b": link.b, "rule": link.rule, "at_a": link.at_a, "at_b": link.at_b,
              "score": round(link.score, 2)}
    if link.part is not None:
        record |= {"part": link.part, "part_words": link.part_words}
    return record
