"""The claims list model: filters, sort orders, search, next unreviewed, counts."""

from __future__ import annotations

from workbench.views import ClaimRow, Claims, Filters, display_line


def row(n: int, text: str, speaker: str = "", status: str = "unreviewed", kind: str = "direct",
        date: str = "", flags: tuple = (), size: int = 1, article: str = "a", source: str = "") -> ClaimRow:
    source = source or article
    return ClaimRow(f"q{n}", status, speaker, text, source, date, None, size, flags, kind,
                    article, n, f"{text}\x00{speaker}\x00{source}".lower())


def claims(*rows: ClaimRow) -> Claims:
    c = Claims(rows=list(rows))
    c.by_id = {r.id: r for r in rows}
    c.recount()
    c.apply()
    return c


ROWS = [
    row(0, "Siamo pronti alla pace", "Sergei Lavrov", date="2025-10-20", source="Ansa"),
    row(1, "nuova idea", "Marco Rubio", "confirmed", date="2025-07", size=3),
    row(2, "esperti", kind="scare"),
    row(3, "Non firmeremo mai", "Volodymyr Zelensky", "disputed", date="2025-10-22",
        flags=("attribution",), size=2, article="b"),
]


def test_scare_quotes_hidden_until_asked():
    c = claims(*ROWS)
    assert [r.id for r in c.shown] == ["q0", "q1", "q3"]
    c.apply(c.with_filters(scare=True))
    assert "q2" in [r.id for r in c.shown]
    c.apply(Filters(kind="scare"))
    assert [r.id for r in c.shown] == ["q2"]


def test_filters():
    c = claims(*ROWS)
    c.apply(Filters(status="unreviewed"))
    assert [r.id for r in c.shown] == ["q0"]
    c.apply(Filters(speaker="rubio"))
    assert [r.id for r in c.shown] == ["q1"]
    c.apply(Filters(conflicts=True))
    assert [r.id for r in c.shown] == ["q3"]
    c.apply(Filters(source="ans"))
    assert [r.id for r in c.shown] == ["q0"]
    c.apply(Filters(article="b"))
    assert [r.id for r in c.shown] == ["q3"]
    c.apply(Filters(names=frozenset({"Marco Rubio", "Sergei Lavrov"})))
    assert [r.id for r in c.shown] == ["q0", "q1"]
    assert "speaker=" in c.filters.describe()


def test_sort_orders():
    c = claims(*ROWS)
    c.apply(order="date")
    assert [r.id for r in c.shown] == ["q3", "q0", "q1"]
    c.apply(order="group")
    assert [r.id for r in c.shown] == ["q1", "q3", "q0"]
    c.apply(order="status")
    assert c.shown[0].status == "unreviewed"
    c.apply(order="speaker")
    assert [r.speaker for r in c.shown] == ["Marco Rubio", "Sergei Lavrov", "Volodymyr Zelensky"]


def test_search_wraps_and_goes_backwards():
    c = claims(*ROWS)
    assert c.search("PACE", 0) == 0
    assert c.search("a", 0, include_start=False) == 1
    assert c.search("zelensky", 2, include_start=False) == 2
    assert c.search("lavrov", 2, include_start=False) == 0  # wraps round
    assert c.search("lavrov", 1, backwards=True) == 0
    assert c.search("no such thing", 0) is None
    assert c.matches("a") == 3


def test_next_unreviewed_and_counts():
    c = claims(*ROWS)
    assert c.next_unreviewed(0) == 0  # the only one, found after wrapping
    c.set_status("q0", "attributed")
    assert c.next_unreviewed(0) is None
    assert c.counts() == {"attributed": 1, "confirmed": 1, "disputed": 1}
    c.set_status("q0", None)
    assert c.by_id["q0"].status == "unreviewed"


def test_display_line_is_one_line_without_controls():
    assert display_line("a\nb\tc \x1b[31mred\x9b") == "a b c [31mred"
