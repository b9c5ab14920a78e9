"""The detail pane: what it tells of a claim (quote, speaker and aliases, cue, dates, the
paragraph, every reviewer's verdict, the other versions and the conflict warnings)."""

from __future__ import annotations

import json

from workbench.views import Claims, claim_detail
from workbench.views import quote_list
from workbench.services import Workbench
from workbench.tui.widgets.claim_detail import detail_text

WORDS = "Non firmeremo mai un accordo che cede territori senza garanzie di sicurezza per il paese"


def write(folder, name, date, outlet, body):
    path = folder / f"{name}.jsonl"
    path.write_text(json.dumps({"id": name, "date": date, "outlet": outlet, "text": body,
                                "url": f"https://{outlet.lower()}.example/{name}"}) + "\n",
                    encoding="utf-8")
    return path


def conflicted_store(tmp_path) -> Workbench:
    """One statement reported by two articles, pinned on two different people."""
    a = write(tmp_path, "a", "2025-10-20", "Corriere",
              f'Il presidente ucraino Volodymyr Zelensky ha dichiarato: "{WORDS}". '
              "Lo ha detto a Kiev davanti ai giornalisti.")
    b = write(tmp_path, "b", "2025-10-22", "Repubblica",
              f'"{WORDS.replace("garanzie", "garanzia")}", ha detto il ministro degli Esteri '
              "Andrii Sybiga, parlando a Bruxelles.")
    store = Workbench.open(tmp_path / "store", "anna")
    store.ingest.add([a, b])
    return store


def test_detail_of_a_conflicted_claim(tmp_path):
    store = conflicted_store(tmp_path)
    first = next(q for q in quote_list(store) if q["speaker"] == "Volodymyr Zelensky")
    store.reviewing.mark(first["id"], "disputed", note="the later article names Sybiga")
    Workbench.open(store.root, "marco").reviewing.mark(first["id"], "confirmed",
                                               evidence=["https://example.org/video"])
    detail = claim_detail(store, first["id"])
    assert detail.paragraph[slice(*detail.quote_span)] == WORDS
    assert detail.cue_span and detail.paragraph[slice(*detail.cue_span)].lower() == first["cue"].lower()
    assert [r.reviewer for r in detail.reviews] == ["anna", "marco"]
    assert detail.group is not None and "attribution" in detail.group.flags
    assert [v.quote["speaker"] for v in detail.versions] == ["Andrii Sybiga"]

    text = detail_text(detail).plain
    for expected in (WORDS, "Speaker: Volodymyr Zelensky", "Cue: ", "Published: 2025-10-20",
                     "In the article", "anna: disputed", "note: the later article names Sybiga",
                     "marco: confirmed", "evidence: https://example.org/video", "Source: Corriere",
                     "URL: https://corriere.example/a", "Repubblica",
                     "Also reported (1 other version", "different speakers",
                     "Andrii Sybiga", "(earliest)" if detail.group.earliest != first["id"] else ""):
        assert expected in text, expected


def test_the_drift_of_another_version_is_highlighted(tmp_path):
    store = conflicted_store(tmp_path)
    first = next(q for q in quote_list(store) if q["speaker"] == "Volodymyr Zelensky")
    detail = claim_detail(store, first["id"])
    rendered = detail_text(detail)
    # the respelt word of the other version carries a style of its own
    start = rendered.plain.index("garanzia di sicurezza")
    styles = [span for span in rendered.spans if span.start <= start < span.end]
    assert styles, "the changed word is not highlighted"


def test_rows_flag_the_conflict_and_count_the_group(tmp_path):
    store = conflicted_store(tmp_path)
    rows = [r for r in Claims.load(store).shown if r.group_size > 1]
    assert len(rows) == 2 and all(r.flags == ("attribution",) for r in rows)


def test_aliases_are_shown(tmp_path):
    a = write(tmp_path, "a", "2025-10-20", "Ansa",
              'Il ministro degli Esteri russo Serghei Lavrov ha detto: "Siamo pronti a parlare '
              'con chiunque voglia la pace".')
    b = write(tmp_path, "b", "2025-10-21", "Agi",
              'Il ministro degli Esteri russo Sergei Lavrov ha detto: "Non ci sono novità sul '
              'vertice di Budapest per ora".')
    store = Workbench.open(tmp_path / "store", "anna")
    store.ingest.add([a, b])
    quote = next(q for q in quote_list(store) if q["speaker"] == "Sergei Lavrov")
    detail = claim_detail(store, quote["id"])
    names = {detail.speaker, *detail.aliases}
    assert names == {"Serghei Lavrov", "Sergei Lavrov"}
    assert "Also quoted as" in detail_text(detail).plain


async def _shown_detail(app, pilot):
    from workbench.tui.widgets.claim_detail import ClaimDetailPane

    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen.query_one(ClaimDetailPane)


async def test_the_detail_pane_wraps_left_of_its_scrollbar_and_ends_at_its_text(seeded_root):
    """80×24, tab then end showed an empty pane (the virtual height was rounded up to 64
    lines), and lines wrapped before the scrollbar appeared lost their last letter under
    it."""
    from workbench.tui.app import WorkbenchApp

    for size in ((80, 24), (120, 30), (160, 48)):
        app = WorkbenchApp(Workbench.open(seeded_root, "detail"))
        async with app.run_test(size=size) as pilot:
            pane = await _shown_detail(app, pilot)
            region = pane.scrollable_content_region
            assert pane.lines and pane.virtual_size.height == len(pane.lines), size
            assert all(line.cell_length <= region.width for line in pane.lines), size
            if pane.show_vertical_scrollbar:  # the text is drawn left of the scrollbar
                assert region.right <= pane.region.right - pane.styles.scrollbar_size_vertical
            await pilot.press("tab", "end")
            await pilot.pause()
            shown = [pane.render_line(y).text.rstrip() for y in range(pane.size.height)]
            assert any(shown), f"{size}: the pane scrolled into blank space"
            last = next(line.text.rstrip() for line in reversed(pane.lines) if line.text.strip())
            assert last in shown, size


EMOJI = "👨‍👩‍👧 🇮🇹 👍🏽 ❤️ 1️⃣ 🏴󠁧󠁢󠁥󠁮󠁧󠁿"


def drawn_cells(text: str) -> int:
    """Cells as a terminal that draws every character on its own would use: the measure
    that must agree with Rich's for each row (tmux, for one, does not join emoji)."""
    from rich.cells import cell_len

    return sum(cell_len(ch) for ch in text)


async def test_emoji_sequences_keep_every_row_exactly_the_screen_width(tmp_path):
    """A ZWJ family, a flag, a skin tone, VS16: Rich measured one width and the terminal
    drew another, so the row shifted and left stale text (tmux)."""
    from workbench.views import terminal_safe
    from workbench.tui.app import WorkbenchApp
    from workbench.tui.widgets.claim_list import ClaimList

    body = (f'Il ministro Mario Rossi {EMOJI} ha detto: "La famiglia {EMOJI} viene prima di '
            f'tutto, sempre e comunque, in ogni caso". Poi ha aggiunto: "Grazie {EMOJI}".')
    path = write(tmp_path, "e", "2025-10-20", f"Ansa {EMOJI}", body)
    store = Workbench.open(tmp_path / "store", "anna")
    store.ingest.add([path])
    quotes = quote_list(store)
    assert quotes and any(EMOJI in q["text"] for q in quotes)  # the store keeps the text
    unsafe = {ch for ch in EMOJI if terminal_safe(ch) != ch}
    for size in ((80, 24), (160, 48)):
        app = WorkbenchApp(store)
        async with app.run_test(size=size) as pilot:
            pane = await _shown_detail(app, pilot)
            claims = app.screen.query_one(ClaimList)
            width = claims.scrollable_content_region.width
            for y in range(1, len(quotes) + 1):
                strip = claims.render_line(y)
                assert strip.cell_length == width, size
                assert drawn_cells(strip.text) == width, (size, strip.text)
                assert not unsafe & set(strip.text)
            region = pane.scrollable_content_region.width
            for line in pane.lines:
                assert drawn_cells(line.text) == line.cell_length <= region, line.text
                assert not unsafe & set(line.text)
            assert "IT" in pane.plain  # the flag, as its letters
    assert quote_list(Workbench.open(tmp_path / "store", "anna"))[0]["text"] == quotes[0]["text"]
