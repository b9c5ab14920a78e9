"""The records attribution passes share: a speaker, the attribution of one quote, its
confidence, and the state of the article read so far (who the text is about).

`State` is the only thing that changes while an article is read: the passes
(`cues`, `discourse`) write it, `resolution` and `subjects` read it to resolve a pronoun or
a description to the most salient person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .mentions import PERSON

CONFIDENCE = {
    "statement": 0.9, "cue-after": 0.95, "cue-later": 0.7, "according-to": 0.85, "cue-before": 0.9,
    "colon": 0.8, "anaphora": 0.85, "byline": 0.9, "split": 0.9, "left-person": 0.6,
    "continuation": 0.7, "cataphora": 0.55, "echo": 0.6, "nested": 0.7, "none": 0.0,
}
HOW_FACTOR = {"name": 1.0, "surname": 1.0, "pronoun": 0.85, "description": 0.8, "unnamed": 0.7,
              "relative": 0.85, "main-clause": 0.85, "inherited": 0.75, "document": 0.7}


@dataclass(slots=True)
class Speaker:
    name: str
    kind: str  # person, org, place, media, unknown
    how: str  # name, surname, pronoun, description, unnamed, relative, main-clause, inherited


@dataclass(slots=True)
class Attribution:
    speaker: str | None = None
    speaker_kind: str | None = None
    rule: str = "none"
    how: str = ""
    confidence: float = 0.0
    cue: tuple[int, int] | None = None  # offsets of the cue words in the article
    via: str | None = None
    governed: bool = False  # a reporting verb or pattern governs the quote
    weak: bool = False  # … but a verb that reports words loosely (ask, accuse)
    part_of: int | None = None  # the quote whose statement this one continues

    def label(self) -> str:
        return f"{self.rule}/{self.how}" if self.how and self.how != "name" else self.rule


def confidence_of(att: Attribution) -> float:
    """The rule's own guess of how often it names the right speaker (calibrated later)."""
    if not att.speaker:
        return 0.0
    value = CONFIDENCE.get(att.rule, 0.5) * HOW_FACTOR.get(att.how or "name", 0.8)
    if att.weak:
        value *= 0.85
    return round(value, 2)


@dataclass(slots=True)
class State:
    """What the passes know of the article read so far."""

    last: Speaker | None = None  # the last speaker of the text so far
    last_para: int = -1  # … and the paragraph they spoke in
    # Who the text is about now: the last speaker, or a person introduced since by a
    # sentence without quotes ("Di tutt'altro avviso Giulia Ferraro, …").
    topic: Speaker | None = None
    topic_person: Speaker | None = None  # the last topic that was a person
    sentence_subjects: list[tuple[int, Speaker]] = field(default_factory=list)  # (sentence, subject)
    results: dict[int, Attribution] = field(default_factory=dict)  # quote index → attribution
    last_quote: Attribution | None = None  # the last quote given a speaker
    unnamed: dict[str, tuple[str, set[str]]] = field(default_factory=dict)  # described speakers → role, countries

    def remember(self, speaker: Speaker, para: int) -> None:
        """Someone spoke (or a sentence reported them speaking) in paragraph `para`."""
        self.last = speaker
        self.last_para = para
        self.set_topic(speaker)

    def set_topic(self, speaker: Speaker) -> None:
        self.topic = speaker
        if speaker.kind == PERSON:
            self.topic_person = speaker

    def last_via(self) -> str | None:
        """The medium of the last attributed quote, if its speaker is still the last one."""
        att = self.last_quote
        if att is not None and self.last is not None and att.speaker == self.last.name:
            return att.via
        return None
