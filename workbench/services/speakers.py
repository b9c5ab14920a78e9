"""Who a name is: the speaker every quoted name resolves to (automatic aliases — spelling,
surname, title — with reviewers' corrections on top), and the corrections themselves:
merge, split, reset. `speaker_of` is the one place a name is looked up."""

from __future__ import annotations

from collections import Counter

from ..matching import Alias, lookup, resolve
from ..store import Store
from ..store.reviews import AliasCorrection


class Speakers:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._cache: tuple[Counter, dict, dict[str, Alias]] | None = None

    def corrections(self) -> dict[str, tuple[str, str | None]]:
        """Every reviewer's corrections of speaker aliases: name → (speaker, reviewer); of
        two reviewers correcting one name, the later correction holds."""
        latest: dict[str, AliasCorrection] = {}
        for log in self.store.logs():
            for name, correction in log.aliases.items():
                if name not in latest or correction.time > latest[name].time:
                    latest[name] = correction
        return {name: (c.speaker, c.reviewer) for name, c in latest.items()}

    def table(self) -> dict[str, Alias]:
        """How every name resolves now; worked out again only when the quotes or the
        corrections changed (the review screen asks for it on every claim it shows)."""
        corrections = self.corrections()
        counts = self.store.corpus.speaker_counts()
        cache = self._cache
        if cache is None or cache[0] is not counts or cache[1] != corrections:
            self._cache = cache = (counts, corrections, resolve(counts, corrections))
        return cache[2]

    def speaker_of(self, name: str) -> str:
        """The speaker a name is one of the names of (the name itself if it is unknown)."""
        alias = self.table().get(name)
        return alias.speaker if alias else name

    def resolver(self):
        """`speaker_of` over one snapshot of the table, for a loop over many quotes."""
        return lookup(self.table())

    def aliases(self) -> list[Alias]:
        """How every speaker name resolves: to itself, automatically or by a reviewer's
        correction; grouped by speaker."""
        return sorted(self.table().values(), key=lambda a: (a.speaker, a.name != a.speaker, a.name))

    def merge(self, name: str, into: str) -> Alias:
        """Record that `name` is the speaker `into` (and so are its own aliases)."""
        known = self._known_names()
        for value in (name, into):
            if value not in known:
                raise KeyError(f"no speaker named {value!r} in {self.store.root}")
        if self.speaker_of(into) == name or name == into:
            raise ValueError(f"{name!r} and {into!r} are already one speaker, named {name!r}: "
                             f"merge {into!r} into {name!r} instead, or split it")
        self.store.mine.record({"type": "alias", "name": name, "after": {"speaker": into}})
        return self.table()[name]

    def split(self, name: str) -> Alias:
        """Record that `name` is a speaker of its own, whatever the automatic aliases say."""
        if name not in self._known_names():
            raise KeyError(f"no speaker named {name!r} in {self.store.root}")
        self.store.mine.record({"type": "alias", "name": name, "after": {"speaker": name}})
        return self.table()[name]

    def reset(self, name: str) -> Alias:
        """Drop the corrections of `name`: the automatic aliases apply again."""
        if name not in self._known_names():
            raise KeyError(f"no speaker named {name!r} in {self.store.root}")
        self.store.mine.refresh()
        if name in self.store.mine.aliases:
            self.store.mine.record({"type": "alias", "name": name, "after": None})
        return self.table()[name]

    def _known_names(self) -> set[str]:
        return set(self.store.corpus.speaker_counts()) | set(self.corrections())


def speaker_table(quotes: list[dict]) -> list[dict]:
    """The stored speaker table: every speaker name of `quotes` with how many quotes and
    articles, and the speaker it is an alias of automatically (corrections apply on top)."""
    counts, articles = Counter(), {}
    for q in quotes:
        if q["speaker"]:
            counts[q["speaker"]] += 1
            articles.setdefault(q["speaker"], set()).add(q["article"])
    aliases = resolve(counts)
    return [{"name": name, "quotes": n, "articles": len(articles[name]),
             "speaker": aliases[name].speaker} for name, n in counts.most_common()]
