"""Imports: a teammate's JSON export, or their reviewer file, checked in full before
anything is applied.

`parse(data, known_quotes, known_articles)` reads the bytes of a file and returns a Plan
(the reviews, final verdicts and source notes it holds, cleaned) or raises Rejected with
every problem found (up to MAX_PROBLEMS), each naming the record and the field. Nothing
here touches the store: the store applies a Plan (Store.import_file).

Accepted files:
- the JSON export (`"schema": "quote-workbench/export"`, `"version": 1`): each claim's
  `reviews`, its `final` when a lead adjudicated it (an agreed final is worked out again,
  not imported) and the `sources` notes;
- a reviewer file (`reviews/<name>.json`, TinyDB tables): its `reviews`, `finals` and
  `sources` tables (its folded state: changes still in the `.journal` beside it are not
  in it; alias corrections are not imported).

Strings are untrusted: C0 and C1 control characters (except newline and tab in notes) and
bidirectional overrides are removed, then sizes are checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Container
from dataclasses import dataclass, field

import orjson

from .exports import SCHEMA, VERSION
from ..vocab import STATUSES

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_RECORDS = 500_000  # claims, reviews, finals and source notes, each
MAX_REVIEWS_PER_CLAIM = 200
MAX_NOTE = 10_000  # characters of a note or a reason
MAX_EVIDENCE = 50  # URLs per review
MAX_URL = 2_048
MAX_NAME = 80  # reviewer names
MAX_SOURCE = 300  # outlet names, article ids
MAX_PROBLEMS = 50

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
CONTROL_ALL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class Rejected(ValueError):
    """The file was not imported; `problems` says every reason found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:MAX_PROBLEMS]
        more = f"\n  … and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        super().__init__("nothing was imported:\n  " + "\n  ".join(shown) + more)


@dataclass(slots=True)
class Plan:
    format: str  # "export" or "reviewer-file"
    reviews: list[dict] = field(default_factory=list)  # {reviewer, quote, status, note, evidence, time}
    finals: list[dict] = field(default_factory=list)  # {reviewer, quote, status, reason, time}
    sources: list[dict] = field(default_factory=list)  # {reviewer, source, kind, outlet, url, reliability, note, time}

    @property
    def reviewers(self) -> list[str]:
        return sorted({r["reviewer"] for r in (*self.reviews, *self.finals, *self.sources)})


def clean(text: str, lines: bool = True) -> str:
    """`text` without control characters (newline and tab kept when `lines`)."""
    return (CONTROL if lines else CONTROL_ALL).sub("", text)


def event_id(kind: str, record: dict) -> str:
    """A deterministic event id: the same imported record always gets the same id."""
    payload = orjson.dumps({"kind": kind} | record, option=orjson.OPT_SORT_KEYS)
    return "imp-" + hashlib.sha256(payload).hexdigest()[:32]


class _Checker:
    def __init__(self, known_quotes: Container[str], known_articles: Container[str]) -> None:
        self.problems: list[str] = []
        self.quotes, self.articles = known_quotes, known_articles

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def obj(self, value, where: str) -> bool:
        if not isinstance(value, dict):
            self.fail(where, f"expected an object, found {_kind(value)}")
            return False
        return True

    def text(self, record: dict, key: str, where: str, limit: int, required: bool = False,
             lines: bool = True) -> str | None:
        value = record.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            self.fail(f"{where}.{key}", f"expected a string, found {_kind(value)}")
            return None
        if len(value) > limit * 4:
            self.fail(f"{where}.{key}", f"{len(value)} characters, more than {limit}")
            return None
        value = clean(value, lines).strip()
        if len(value) > limit:
            self.fail(f"{where}.{key}", f"{len(value)} characters, more than {limit}")
            return None
        if required and not value:
            self.fail(f"{where}.{key}", "empty")
            return None
        return value

    def name(self, record: dict, key: str, where: str) -> str | None:
        value = self.text(record, key, where, MAX_NAME, required=True, lines=False)
        if value and not re.search(r"[A-Za-z0-9]", value):
            self.fail(f"{where}.{key}", f"{value!r} is not a reviewer name")
            return None
        return value

    def status(self, record: dict, where: str) -> str | None:
        value = record.get("status")
        if value not in STATUSES:
            self.fail(f"{where}.status", f"{_short(value)} is not a verdict ({', '.join(STATUSES)})")
            return None
        return value

    def time(self, record: dict, key: str, where: str) -> str | None:
        value = record.get(key)
        if not isinstance(value, str) or len(value) > 40:
            self.fail(f"{where}.{key}", f"expected an ISO date and time, found {_short(value)}")
            return None
        try:
            dt.datetime.fromisoformat(value)
        except ValueError:
            self.fail(f"{where}.{key}", f"{_short(value)} is not an ISO date and time")
            return None
        return value

    def quote(self, value, where: str) -> str | None:
        if not isinstance(value, str):
            self.fail(where, f"expected a quote id, found {_kind(value)}")
            return None
        if value not in self.quotes:
            self.fail(where, f"unknown quote id {_short(value)} (not in this store's corpus)")
            return None
        return value

    def evidence(self, record: dict, where: str) -> list[str] | None:
        value = record.get("evidence", [])
        if not isinstance(value, list):
            self.fail(f"{where}.evidence", f"expected a list of URLs, found {_kind(value)}")
            return None
        if len(value) > MAX_EVIDENCE:
            self.fail(f"{where}.evidence", f"{len(value)} URLs, more than {MAX_EVIDENCE}")
            return None
        urls = []
        for i, url in enumerate(value):
            if not isinstance(url, str):
                self.fail(f"{where}.evidence[{i}]", f"expected a string, found {_kind(url)}")
            elif len(url) > MAX_URL:
                self.fail(f"{where}.evidence[{i}]", f"{len(url)} characters, more than {MAX_URL}")
            else:
                url = clean(url, lines=False).strip()
                if url and url not in urls:
                    urls.append(url)
        return urls

    def review(self, record, where: str, quote: str | None = None, reviewer: str | None = None) -> dict | None:
        if not self.obj(record, where):
            return None
        quote = quote if quote is not None else self.quote(record.get("quote"), f"{where}.quote")
        found = {"reviewer": reviewer or self.name(record, "reviewer", where), "quote": quote,
                 "status": self.status(record, where), "note": self.text(record, "note", where, MAX_NOTE),
                 "evidence": self.evidence(record, where), "time": self.time(record, "time", where)}
        return None if any(v is None for v in found.values()) else found

    def final(self, record, where: str, quote: str | None = None, by: str = "reviewer") -> dict | None:
        if not self.obj(record, where):
            return None
        quote = quote if quote is not None else self.quote(record.get("quote"), f"{where}.quote")
        found = {"reviewer": self.name(record, by, where), "quote": quote, "status": self.status(record, where),
                 "reason": self.text(record, "reason", where, MAX_NOTE, required=True),
                 "time": self.time(record, "time", where)}
        return None if any(v is None for v in found.values()) else found

    def source(self, record, where: str) -> dict | None:
        if not self.obj(record, where):
            return None
        kind = record.get("kind")
        if kind not in ("outlet", "article"):
            self.fail(f"{where}.kind", f"{_short(kind)} is neither 'outlet' nor 'article'")
            return None
        name = self.text(record, "source", where, MAX_SOURCE, required=True, lines=False)
        if kind == "article" and name and name not in self.articles:
            self.fail(f"{where}.source", f"unknown article id {_short(name)}")
            name = None
        reliability = record.get("reliability")
        if reliability is not None and (type(reliability) is not int or not 1 <= reliability <= 5):
            self.fail(f"{where}.reliability", f"{_short(reliability)} is not 1 to 5")
            return None
        found = {"reviewer": self.name(record, "reviewer", where), "source": name, "kind": kind,
                 "outlet": self.text(record, "outlet", where, MAX_SOURCE, lines=False),
                 "url": self.text(record, "url", where, MAX_URL, lines=False),
                 "note": self.text(record, "note", where, MAX_NOTE), "time": self.time(record, "time", where)}
        if any(v is None for v in found.values()):
            return None
        return found | {"reliability": reliability}

    def table(self, value, where: str) -> list:
        """The records of a list (export) or a TinyDB table (an object of records)."""
        if isinstance(value, dict):
            value = list(value.values())
        if not isinstance(value, list):
            self.fail(where, f"expected a list of records, found {_kind(value)}")
            return []
        if len(value) > MAX_RECORDS:
            self.fail(where, f"{len(value)} records, more than {MAX_RECORDS}")
            return []
        return value


def _kind(value) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def parse(data: bytes, known_quotes: Container[str], known_articles: Container[str] = ()) -> Plan:
    """Check every record of an import file; a Plan of what it holds, or Rejected."""
    if len(data) > MAX_FILE_BYTES:
        raise Rejected([f"file: {len(data)} bytes, more than {MAX_FILE_BYTES}"])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Rejected([f"file: not UTF-8 text (byte {error.start})"]) from None
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as error:  # also nesting deeper than orjson's limit
        raise Rejected([f"file: not valid JSON ({error})"]) from None
    if not isinstance(value, dict):
        raise Rejected([f"file: expected a JSON object (an export or a reviewer file), found {_kind(value)}"])
    check = _Checker(known_quotes, known_articles)
    if "schema" in value:
        plan = _parse_export(value, check)
    elif isinstance(value.get("reviews"), dict) or isinstance(value.get("_meta"), dict):
        plan = _parse_reviewer_file(value, check)
    else:
        raise Rejected(["file: neither a Quote Workbench export (no \"schema\") nor a reviewer file "
                        "(no \"reviews\" table)"])
    _duplicates(plan, check)
    if check.problems:
        raise Rejected(check.problems)
    return plan


def _parse_export(value: dict, check: _Checker) -> Plan:
    if value.get("schema") != SCHEMA:
        raise Rejected([f"schema: {_short(value.get('schema'))} is not {SCHEMA!r}"])
    if value.get("version") != VERSION:
        raise Rejected([f"version: {_short(value.get('version'))}: this Quote Workbench reads version {VERSION}"])
    plan = Plan("export")
    claims = check.table(value.get("claims", []), "claims")
    seen: set[str] = set()
    for i, claim in enumerate(claims):
        where = f"claims[{i}]"
        if not check.obj(claim, where):
            continue
        qid = check.quote(claim.get("id"), f"{where}.id")
        if qid is None:
            continue
        if qid in seen:
            check.fail(f"{where}.id", f"quote {qid} appears twice")
            continue
        seen.add(qid)
        reviews = claim.get("reviews", [])
        if not isinstance(reviews, list):
            check.fail(f"{where}.reviews", f"expected a list, found {_kind(reviews)}")
            continue
        if len(reviews) > MAX_REVIEWS_PER_CLAIM:
            check.fail(f"{where}.reviews", f"{len(reviews)} reviews, more than {MAX_REVIEWS_PER_CLAIM}")
            continue
        for j, record in enumerate(reviews):
            review = check.review(record, f"{where}.reviews[{j}]", quote=qid)
            if review:
                plan.reviews.append(review)
        final = claim.get("final")
        if final is not None and check.obj(final, f"{where}.final"):
            how = final.get("how")
            if how == "adjudicated":
                found = check.final(final, f"{where}.final", quote=qid, by="by")
                if found:
                    plan.finals.append(found)
            elif how != "agreed":
                check.fail(f"{where}.final.how", f"{_short(how)} is neither 'adjudicated' nor 'agreed'")
    for i, record in enumerate(check.table(value.get("sources", []), "sources")):
        found = check.source(record, f"sources[{i}]")
        if found:
            plan.sources.append(found)
    return plan


def _parse_reviewer_file(value: dict, check: _Checker) -> Plan:
    meta = value.get("_meta")
    if meta is not None:
        kinds = [r.get("kind") for r in meta.values() if isinstance(r, dict)] if isinstance(meta, dict) else [None]
        if kinds and kinds[0] not in ("reviews", None):
            raise Rejected([f"_meta: a store file of kind {_short(kinds[0])}, not a reviewer file"])
    plan = Plan("reviewer-file")
    for i, record in enumerate(check.table(value.get("reviews", {}), "reviews")):
        review = check.review(record, f"reviews[{i}]")
        if review:
            plan.reviews.append(review)
    for i, record in enumerate(check.table(value.get("finals", {}), "finals")):
        final = check.final(record, f"finals[{i}]")
        if final:
            plan.finals.append(final)
    for i, record in enumerate(check.table(value.get("sources", {}), "sources")):
        found = check.source(record, f"sources[{i}]")
        if found:
            plan.sources.append(found)
    names = set(plan.reviewers)
    if len(names) > 1:
        check.fail("reviewer", f"a reviewer file holds one reviewer's work, this one {len(names)}: "
                               + ", ".join(sorted(names)))
    return plan


def _duplicates(plan: Plan, check: _Checker) -> None:
    for label, records, key in (("reviews", plan.reviews, ("reviewer", "quote")),
                                ("finals", plan.finals, ("reviewer", "quote")),
                                ("sources", plan.sources, ("reviewer", "kind", "source"))):
        seen = set()
        for record in records:
            ident = tuple(record[k] for k in key)
            if ident in seen:
                check.fail(label, f"two records for {' / '.join(ident)}")
            seen.add(ident)
