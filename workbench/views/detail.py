"""What the detail pane shows of one claim: its paragraph with the quote and the cue
marked, the speaker and their other names, every reviewer's verdict, the final verdict
and the other versions of its words."""

from __future__ import annotations

from dataclasses import dataclass

from ..services import Workbench

MAX_VERSIONS = 20  # versions aligned and shown in the detail pane; the rest are counted


@dataclass(slots=True)
class Version:
    """Another member of a claim's group: where it appeared and how its words differ."""

    quote: dict
    drift: object  # matching.Drift, from the claim's words to this version's


@dataclass(slots=True)
class ClaimDetail:
    """Everything the detail pane shows of one claim."""

    quote: dict
    article: dict
    paragraph: str  # the article paragraph holding the quote
    quote_span: tuple[int, int]  # the quote within `paragraph`
    cue_span: tuple[int, int] | None  # the reporting verb within `paragraph`
    speaker: str  # the canonical speaker (after aliases)
    aliases: list[str]  # other names the speaker is quoted under
    reviews: list  # store.reviews.Review of every reviewer, this reviewer first
    final: dict | None  # the final verdict: adjudicated by a lead, or agreed (Store.final)
    group: object | None  # matching.GroupReport
    versions: list[Version]


def claim_detail(wb: Workbench, quote_id: str) -> ClaimDetail:
    quote = wb.store.quote(quote_id)
    article = wb.store.article(quote["article"])
    text = article.get("text") or ""
    start, end = quote.get("paragraph_start") or 0, quote.get("paragraph_end") or len(text)
    paragraph = text[start:end]
    quote_span = (quote["start"] - start, quote["end"] - start)
    cue_span = None
    if quote.get("cue"):
        found = _nearest(paragraph.lower(), quote["cue"].lower(), quote_span)
        cue_span = (found, found + len(quote["cue"])) if found is not None else None
    name = quote.get("speaker") or ""
    speaker = wb.speakers.speaker_of(name) if name else ""
    aliases = sorted(a.name for a in wb.speakers.aliases() if speaker and a.speaker == speaker
                     and a.name != speaker)
    group = wb.groups.of(quote_id)
    others = [m for m in (group.members if group else []) if m != quote_id]
    versions = [Version(wb.store.quote(m), wb.groups.drift(quote_id, m)) for m in others[:MAX_VERSIONS]]
    return ClaimDetail(quote, article, paragraph, quote_span, cue_span, speaker, aliases,
                       list(wb.team.reviews_of(quote_id).values()), wb.team.final(quote_id),
                       group, versions)


def _nearest(paragraph: str, word: str, span: tuple[int, int]) -> int | None:
    """Where `word` occurs in the paragraph outside the quote, nearest to it."""
    best, position = None, paragraph.find(word)
    while position != -1:
        if not span[0] <= position < span[1]:
            distance = min(abs(position - span[0]), abs(position - span[1]))
            if best is None or distance < best[0]:
                best = (distance, position)
        position = paragraph.find(word, position + 1)
    return best[1] if best else None


