"""Load news articles from files and folders: plain text, Markdown, seed files, JSON Lines.

Every problem with the input (a missing file, invalid UTF-8, a malformed JSON line, a date
that does not parse) is yielded as a `LoadProblem`, and loading goes on with the next file
or line: one bad article must not stop a batch of a thousand.

The text of an article is cleaned once, here, and never again: control characters that
can hide or reorder text are removed, photo-credit lines are dropped and blank lines are
collapsed. Quote offsets index into that final text (`Article.text`).
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import orjson
from dateutil import parser as dateutil_parser

from .language import detect_language
from .models import Article, PartialDate

ARTICLE_SUFFIXES = (".txt", ".md", ".jsonl", ".ndjson")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CREDIT_MAX_CHARS = 80  # a longer line is a sentence of the article, not a photo credit


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """Why one file, folder or JSON line could not be loaded."""

    source: str  # the path as given or as found in a folder
    line: int | None  # 1-based line number when the problem is on one line
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.source}: {self.message}"
        return f"{self.source}:{self.line}: {self.message}"


class _RecordError(ValueError):
    """A JSON line that is not a valid article; the message says why."""


# --------------------------------------------------------------------------- clean-up

# C0 controls but tab and newline, DEL, C1 controls, and the bidi embedding, override and
# isolate controls: invisible characters that can hide text or make a quote display in a
# misleading order. Everything else is kept as is, since quote offsets index into the text.
REMOVED_CHARS = frozenset(
    chr(code)
    for code in (
        *range(0x00, 0x09),
        *range(0x0B, 0x20),
        0x7F,
        *range(0x80, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    )
)
# A prebuilt character class rather than str.translate: translate looks every character
# up in a dict once the text is not pure ASCII, five times slower on a 5 MB article.
_REMOVED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def sanitize(text: str) -> str:
    """`text` without control characters (but tab and newline) and bidi controls."""
    if _REMOVED.search(text) is None:
        return text  # the usual case, and no copy
    return _REMOVED.sub("", text)


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Photo credits: short lines that name who took a picture, not what anybody said.
# Each pattern must match the whole line (brackets and a final period allowed around it).
_CREDIT_WORD = (
    r"(?:foto(?:grafia)?|fonte\s+foto|foto\s+fonte|photo(?:graph)?s?(?:\s+credits?)?"
    r"|ph|pics?|pictures?|credits?|crediti(?:\s+fotografici)?|immagin[ei]|images?|img"
    r"|copyright|courtesy)"
)
_AGENCY = (
    r"(?:la\s?presse|ansa|ap|afp|reuters|getty(?:\s+images)?|epa|imagoeconomica"
    r"|shutterstock|ipa|agf|fotogramma|sipa|alamy|xinhua|bloomberg)"
)
_CREDIT_PATTERNS = (
    # "Foto: La Presse", "Photo credit: Reuters", "Fonte foto: Ansa", "Immagine | Ansa"
    rf"{_CREDIT_WORD}\s*(?::|\|)\s*\S.*",
    rf"{_CREDIT_WORD}\s+[–—-]\s+\S.*",
    # "Photo by John Smith/Getty Images", "Foto di Mario Rossi", "Courtesy of the family"
    # (the name must be capitalised: "Immagine di un Paese in crisi" is a headline)
    r"(?:foto|photo|ph|pictures?|images?|courtesy)\s+(?:by|di|of)\s+(?-i:[A-Z])\S*(?:\s+\S+){0,4}",
    # "© Reuters", "(c) Ansa", "Copyright © 2025 AP", "Copyright 2025 Reuters"
    r"(?:copyright\s*)?(?:©|\(c\))\s*\S.*",
    r"copyright\s+\d{4}\b.*",
    # "Foto LaPresse", "Photo Reuters", "Ph Ansa": the credit word and a name of 1-3 words
    rf"(?:foto|photo|ph)\.?\s+{_AGENCY}",
    # (capitalised names only: "Photo gallery" is not a credit)
    r"(?:foto|photo|ph)\.?\s+(?-i:[A-Z])[\w.’'&/-]*(?:\s+(?-i:[A-Z])[\w.’'&/-]*){0,2}",
    # "Getty Images", "Reuters/Evelyn Hockstein", "AP Photo/Evan Vucci", "AFP via Getty"
    rf"{_AGENCY}(?:\s+photo)?(?:\s*[/|]\s*[^.!?]+|\s+via\s+[^.!?]+)?",
)
_CREDIT = re.compile(
    r"[(\[]?\s*(?:" + "|".join(_CREDIT_PATTERNS) + r")\s*[)\]]?\.?", re.IGNORECASE
)


def is_photo_credit(line: str) -> bool:
    """True if the whole (short) line is a photo credit such as "Foto: La Presse"."""
    stripped = line.strip()
    return 0 < len(stripped) <= CREDIT_MAX_CHARS and _CREDIT.fullmatch(stripped) is not None


def _layout(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without photo-credit lines, paragraphs separated by exactly one blank
    line and no surrounding whitespace, and the (start, end) offsets of its paragraphs.

    A credit line counts as a paragraph break: it is a caption, not part of a sentence.
    """
    blocks: list[str] = []
    lines: list[str] = []
    for line in text.split("\n"):
        if line.strip() and not is_photo_credit(line):
            lines.append(line)
        elif lines:
            blocks.append("\n".join(lines).strip())
            lines = []
    if lines:
        blocks.append("\n".join(lines).strip())
    offsets: list[tuple[int, int]] = []
    start = 0
    for block in blocks:
        offsets.append((start, start + len(block)))
        start += len(block) + 2  # the "\n\n" between blocks
    return "\n\n".join(blocks), offsets


def load_text(
    text: str,
    article_id: str,
    source: str = "<text>",
    published: PartialDate | None = None,
    lang: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
) -> Article:
    """An Article from a raw body: newlines normalised, control characters and photo
    credits removed, paragraphs found; the language is detected unless given."""
    body, paragraphs = _layout(sanitize(_normalize_newlines(text)))
    return Article(
        id=article_id,
        text=body,
        source=source,
        published=published,
        lang=lang or detect_language(body),
        url=url,
        outlet=outlet,
        title=title,
        paragraphs=paragraphs,
    )


# --------------------------------------------------------------------------- dates

_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_ISO_WEEK = re.compile(r"(\d{4})-?W(\d{1,2})", re.IGNORECASE)
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d")
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](?:\d{2}|\d{4})")

# Two defaults that differ in every field and are valid for any day of any month of a
# leap year: a field that comes out differently in the two parses was not in the text.
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2004, 12, 28))


class _DateWords(dateutil_parser.parserinfo):
    """dateutil's English words plus Italian month and weekday names ("8 luglio 2025")."""

    MONTHS = [
        ("Jan", "January", "gen", "gennaio"),
        ("Feb", "February", "febbraio"),
        ("Mar", "March", "marzo"),
        ("Apr", "April", "aprile"),
        ("May", "mag", "maggio"),
        ("Jun", "June", "giu", "giugno"),
        ("Jul", "July", "lug", "luglio"),
        ("Aug", "August", "ago", "agosto"),
        ("Sep", "Sept", "September", "set", "sett", "settembre"),
        ("Oct", "October", "ott", "ottobre"),
        ("Nov", "November", "novembre"),
        ("Dec", "December", "dic", "dicembre"),
    ]
    WEEKDAYS = [
        ("Mon", "Monday", "lunedì", "lunedi"),
        ("Tue", "Tuesday", "martedì", "martedi"),
        ("Wed", "Wednesday", "mercoledì", "mercoledi"),
        ("Thu", "Thursday", "giovedì", "giovedi"),
        ("Fri", "Friday", "venerdì", "venerdi"),
        ("Sat", "Saturday", "sabato"),
        ("Sun", "Sunday", "domenica"),
    ]
    JUMP = [*dateutil_parser.parserinfo.JUMP, "del", "di", "il"]


_DATE_WORDS = _DateWords()


def parse_date(value: str) -> PartialDate:
    """A PartialDate with the precision the text really has.

    Accepts YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, ISO datetimes (day precision, the date
    as written, not converted to UTC) and free-form dates ("July 8, 2025", "8 luglio 2025",
    "July 2025"). Raises ValueError("date 'xyz' does not parse: <why>").
    """
    try:
        return _parse_date(value.strip())
    except (ValueError, OverflowError) as error:
        raise ValueError(f"date {value!r} does not parse: {error}") from None


def _parse_date(text: str) -> PartialDate:
    if not text:
        raise ValueError("it is empty")
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) if part else None for part in match.groups())
        return PartialDate(year, month, day)  # type: ignore[arg-type]
    if match := _ISO_WEEK.fullmatch(text):
        return PartialDate(int(match[1]), week=int(match[2]))
    if _ISO_DATETIME.match(text):
        try:
            return PartialDate.from_date(dt.datetime.fromisoformat(text).date())
        except ValueError:
            pass  # e.g. nanoseconds: dateutil, below, reads more variants
    if (match := _NUMERIC_DATE.fullmatch(text)) and _ambiguous(int(match[1]), int(match[2])):
        raise ValueError("day and month order is ambiguous; write it as YYYY-MM-DD")
    return _parse_free_form(text)


def _ambiguous(first: int, second: int) -> bool:
    """3/4/2025 is March 4 or 3 April; 13/4/2025 and 4/4/2025 are not in doubt."""
    return first != second and first <= 12 and second <= 12


def _parse_free_form(text: str) -> PartialDate:
    """Parse with dateutil twice, with different defaults, to see which fields were given."""
    try:
        first, second = (
            # ignoretz: the date is read as written; a zone name must not warn or fail
            dateutil_parser.parse(text, default=default, parserinfo=_DATE_WORDS, ignoretz=True)
            for default in _DEFAULTS
        )
    except dateutil_parser.ParserError as error:
        raise ValueError(_parser_reason(error, text)) from None
    if first.year != second.year:
        raise ValueError("it has no year")
    if first.month != second.month:
        if first.day == second.day:
            raise ValueError("it has a day but no month")
        return PartialDate(first.year)
    return PartialDate(first.year, first.month, first.day if first.day == second.day else None)


def _parser_reason(error: Exception, text: str) -> str:
    reason = str(error).removesuffix(f": {text}")
    if reason.startswith(("Unknown string format", "String does not contain a date")):
        return "not a recognised date (expected e.g. 2025-07-08, 2025-07 or 8 July 2025)"
    return reason


# --------------------------------------------------------------------------- files

_EOL_BYTES = re.compile(rb"\r\n|\r|\n")
_HEADER = re.compile(r"[ \t]*date[ \t]+(\S+)[ \t]?")
_HEADER_DATE = re.compile(r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?")


@dataclass(slots=True)
class _Run:
    """What one loading run has seen: the files read (a file given twice is read once)
    and the source of every article id (two sources of one id are a clash)."""

    files: set[tuple[int, int]]
    ids: dict[str, str]

    def first_time(self, path: str) -> bool:
        try:
            info = os.stat(path)
        except OSError:
            return True  # reading it will say what is wrong
        key = (info.st_dev, info.st_ino)
        if key in self.files:
            return False
        self.files.add(key)
        return True

    def clash(self, article_id: str, where: str) -> str | None:
        """Why `article_id` from `where` cannot be used (another source has it), or None."""
        first = self.ids.setdefault(article_id, where)
        if first == where:
            return None
        return (f"article id {article_id!r} is also the id of {first}: two articles cannot share one; "
                "rename one of the files, or give the folder that holds both (ids are then paths "
                "inside it)")


def iter_articles(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Article | LoadProblem]:
    """The articles of the given files and folders, in order, and a LoadProblem for each
    file, folder or JSON line that cannot be loaded. Never raises for bad input.

    An article's id is the JSON line's `id`, or for a .txt/.md file its path without the
    extension, relative to the folder given (`a/news` for `corpus/a/news.txt` when
    `corpus` is given; a file given itself, or at the top of a given folder, is its name
    without the extension). Two sources of one id in one run are a clash: the second is
    a LoadProblem naming both, the first is kept."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]  # a single path, not an iterable of characters
    run = _Run(set(), {})
    for given in paths:
        yield from _iter_path(os.fsdecode(given), run)


def _iter_path(path: str, run: _Run) -> Iterator[Article | LoadProblem]:
    try:
        info = os.stat(path)
    except (OSError, ValueError) as error:
        yield LoadProblem(path, None, _os_reason(error))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _iter_folder(path, info, run)
    elif _suffix(path) not in ARTICLE_SUFFIXES:
        yield LoadProblem(path, None, _unsupported(path))
    else:
        yield from _iter_file(path, _file_id(os.path.basename(path)), run)


def _iter_folder(folder: str, info: os.stat_result, run: _Run) -> Iterator[Article | LoadProblem]:
    found = list(_walk(folder, {(info.st_dev, info.st_ino)}))
    if not any(isinstance(item, str) for item in found):
        found.append(LoadProblem(folder, None, "no .txt, .md, .jsonl or .ndjson files in folder"))
    for item in found:
        if isinstance(item, LoadProblem):
            yield item
        else:
            yield from _iter_file(item, _file_id(os.path.relpath(item, folder)), run)


def _walk(folder: str, seen: set[tuple[int, int]]) -> Iterator[str | LoadProblem]:
    """Article files under `folder`, sorted by name, hidden files and folders skipped.
    `seen` holds the folders already visited, so a symlink loop is walked once."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield LoadProblem(folder, None, f"cannot read folder: {_os_reason(error)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        if _is_dir(entry):
            try:
                info = os.stat(path)
            except OSError as error:
                yield LoadProblem(path, None, _os_reason(error))
                continue
            if (info.st_dev, info.st_ino) not in seen:
                seen.add((info.st_dev, info.st_ino))
                yield from _walk(path, seen)
        elif _suffix(entry.name) in ARTICLE_SUFFIXES:
            yield path


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def _unsupported(path: str) -> str:
    suffix = os.path.splitext(path)[1]
    kind = f"'{suffix}'" if suffix else "(no extension)"
    return f"unsupported file type {kind}; expected .txt, .md, .jsonl or .ndjson"


def _os_reason(error: Exception) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file or folder"
    if isinstance(error, OSError) and error.strerror:
        return f"cannot read: {error.strerror}"
    return f"cannot read: {error}"


def _iter_file(path: str, article_id: str, run: _Run) -> Iterator[Article | LoadProblem]:
    """The articles of one file (`article_id`: a .txt/.md file's); an unexpected failure
    becomes a problem, not a crash. A file already read in this run is not read again."""
    if not run.first_time(path):
        return
    try:
        data = _read(path)
        if isinstance(data, LoadProblem):
            yield data
        elif _suffix(path) in JSONL_SUFFIXES:
            yield from _load_jsonl(path, data, run)
        else:
            yield from _load_plain(path, data, article_id, run)
    except Exception as error:  # noqa: BLE001 - a bug must not stop a whole batch
        yield LoadProblem(path, None, f"unexpected error ({type(error).__name__}: {error})")


def _read(path: str) -> bytes | LoadProblem:
    """The bytes of a regular file, or why they cannot be used as text."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return LoadProblem(path, None, "not a regular file")  # a FIFO would block
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        return LoadProblem(path, None, _os_reason(error))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return LoadProblem(path, None, "UTF-16 text is not supported; save the file as UTF-8")
    if b"\x00" in data:
        return LoadProblem(path, None, "binary file (NUL bytes)")
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        return LoadProblem(path, None, "empty file")
    return data


def _invalid_utf8(path: str, data: bytes, error: UnicodeDecodeError, base: int) -> LoadProblem:
    """A problem naming the file byte offset and line of an invalid UTF-8 sequence;
    `base` is where the decoded bytes start in the file."""
    offset = base + error.start
    line = len(_EOL_BYTES.findall(data, 0, offset)) + 1
    return LoadProblem(path, line, f"invalid UTF-8 at byte {offset} (line {line})")


def _load_plain(path: str, data: bytes, article_id: str, run: _Run) -> Iterator[Article | LoadProblem]:
    """One article per .txt/.md file, with an optional seed header `date YYYY-MM[-DD] `."""
    base = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = _normalize_newlines(data[base:].decode("utf-8"))
    except UnicodeDecodeError as error:
        yield _invalid_utf8(path, data, error, base)
        return
    published = None
    if header := _HEADER.match(text):
        try:
            published = _header_date(header[1])
        except ValueError as error:
            yield LoadProblem(path, 1, str(error))
            return
        text = text[header.end() :]
    article = load_text(text, article_id, source=path, published=published)
    if not article.text:
        yield LoadProblem(path, None, "no article text after the date header and photo credits")
        return
    if clash := run.clash(article.id, path):
        yield LoadProblem(path, None, clash)
        return
    yield article


def _header_date(token: str) -> PartialDate:
    """The date of a seed header: YYYY, YYYY-MM or YYYY-MM-DD, nothing looser."""
    if not _HEADER_DATE.fullmatch(token):
        raise ValueError(f"date {token!r} does not parse: expected YYYY, YYYY-MM or YYYY-MM-DD")
    return parse_date(token)


def _file_id(relative: str) -> str:
    """A .txt/.md article's id: its path (relative to the folder given) without the
    extension, with "/" between folders on every system."""
    return os.path.splitext(relative)[0].replace(os.sep, "/")


def _byte_lines(data: bytes) -> Iterator[tuple[int, int, bytes]]:
    """(1-based line number, byte offset, bytes) of each line, any newline convention."""
    start = 0
    number = 1
    for eol in _EOL_BYTES.finditer(data):
        yield number, start, data[start : eol.start()]
        start = eol.end()
        number += 1
    if start < len(data):
        yield number, start, data[start:]


def _load_jsonl(path: str, data: bytes, run: _Run) -> Iterator[Article | LoadProblem]:
    """One article per non-blank line; a bad line is a problem, the others still load."""
    first_line: dict[str, int] = {}
    for number, offset, raw in _byte_lines(data):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw, offset = raw[len(codecs.BOM_UTF8) :], offset + len(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield _invalid_utf8(path, data, error, offset)
            continue
        try:
            article = _record_article(_parse_json(line), f"{path}:{number}")
        except _RecordError as error:
            yield LoadProblem(path, number, str(error))
            continue
        if article.id in first_line:
            message = f"duplicate id {article.id!r} (first on line {first_line[article.id]})"
            yield LoadProblem(path, number, message)
            continue
        first_line[article.id] = number
        if clash := run.clash(article.id, f"{path}:{number}"):
            yield LoadProblem(path, number, clash)
            continue
        yield article


def _parse_json(line: str) -> object:
    """orjson for speed; on failure, the standard library for a readable message."""
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError as fast_error:
        try:
            json.loads(line)
        except json.JSONDecodeError as error:
            # Some messages end in "at" ("Unterminated string starting at"): no "at at".
            raise _RecordError(f"malformed JSON: {error.msg.removesuffix(' at')} at column {error.colno}") from None
        except RecursionError:
            raise _RecordError("malformed JSON: nested too deeply") from None
        # valid for the standard library only (NaN, a lone surrogate, a huge integer)
        raise _RecordError(f"malformed JSON: {fast_error}") from None


def _record_article(record: object, source: str) -> Article:
    """The article of one JSON record, or _RecordError saying which field is wrong."""
    if not isinstance(record, dict):
        raise _RecordError(f"expected a JSON object, got {_json_type(record)}")
    article = load_text(
        _required_text(record),
        _required_id(record),
        source=source,
        published=_optional_date(record),
        lang=_optional_lang(record),
        url=_optional_str(record, "url"),
        outlet=_optional_str(record, "outlet"),
        title=_optional_str(record, "title"),
    )
    if not article.text:
        raise _RecordError("no article text after removing photo credits")
    return article


def _required_id(record: dict) -> str:
    if "id" not in record or record["id"] is None:
        raise _RecordError("missing required field 'id'")
    value = record["id"]
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _RecordError(f"field 'id' must be a string or an integer, not {_json_type(value)}")
    article_id = sanitize(str(value)).strip()
    if not article_id:
        raise _RecordError("field 'id' is empty")
    return article_id


def _required_text(record: dict) -> str:
    if "text" not in record or record["text"] is None:
        raise _RecordError("missing required field 'text'")
    value = record["text"]
    if not isinstance(value, str):
        raise _RecordError(f"field 'text' must be a string, not {_json_type(value)}")
    if not value.strip():
        raise _RecordError("field 'text' is empty")
    return value


def _optional_str(record: dict, key: str) -> str | None:
    """A metadata string, cleaned like the text; absent, null or blank gives None."""
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _RecordError(f"field {key!r} must be a string or null, not {_json_type(value)}")
    return sanitize(value).strip() or None


def _optional_date(record: dict) -> PartialDate | None:
    value = _optional_str(record, "date")
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        raise _RecordError(str(error)) from None


def _optional_lang(record: dict) -> str | None:
    """The primary language subtag, lowercased: "it-IT" and "IT" are both "it"."""
    value = _optional_str(record, "lang")
    if value is None:
        return None
    return re.split(r"[-_]", value.lower(), maxsplit=1)[0] or None


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"
