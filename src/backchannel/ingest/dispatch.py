"""Walk the inputs, pick a reader per format, and stream ``Article`` or ``InputError`` items.

Formats by extension: ``.txt .text .md`` text, ``.html .htm .xhtml`` HTML, ``.jsonl .ndjson``
JSON Lines, ``.json`` JSON, ``.xml .rss .atom`` feeds.  Files named explicitly with another
extension, and stdin (``-``), are sniffed from their first characters.  Directories are
walked recursively in sorted order and only files with a known extension are read.
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, Literal, TextIO, TypeAlias

from backchannel.errors import ConfigError, InputError, InputTooLarge
from backchannel.ingest.dates import normalise_date
from backchannel.ingest.decode import decode_bytes, refuse_binary, refuse_magic
from backchannel.ingest.feed import read_feed
from backchannel.ingest.html import read_html
from backchannel.ingest.ids import id_from_name
from backchannel.ingest.jsonl import read_json_document, read_json_lines
from backchannel.ingest.settings import ReadSettings
from backchannel.ingest.txt import read_txt
from backchannel.records import Article

__all__ = ["EXTENSIONS", "STDIN_NAME", "Format", "read_inputs", "sniff_format"]

Format = Literal["txt", "html", "jsonl", "json", "feed"]
Item: TypeAlias = Article | InputError
STDIN_NAME = "<stdin>"
EXTENSIONS: dict[str, Format] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_LINE_SKIP_CHUNK = 1 << 20


def sniff_format(text: str) -> Format:
    """Guess the format of ``text`` from its first characters."""
    head = text.lstrip("\ufeff \t\r\n")[:2000].lower()
    if head.startswith("{"):
        return "json"  # the JSON reader falls back to JSON Lines when there are several values
    if head.startswith("["):
        try:
            json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            return "txt"
        return "json"
    if head.startswith("<"):
        if head.startswith("<?xml") or head.startswith(("<rss", "<feed", "<rdf:rdf")):
            return "html" if "<html" in head and "<rss" not in head and "<feed" not in head else "feed"
        return "html"
    return "txt"


def _from_text(
    fmt: Format, text: str, *, origin: str, name: str, date: str | None, settings: ReadSettings
) -> Iterator[Item]:
    if fmt == "txt":
        yield from read_txt(text, origin=origin, doc_id=id_from_name(name), date=date)
    elif fmt == "html":
        yield from read_html(
            text, origin=origin, doc_id=id_from_name(name), date=date, min_words=settings.min_html_words
        )
    elif fmt == "feed":
        yield from read_feed(text, origin=origin, stem=name, date=date)
    elif fmt == "json":
        yield from read_json_document(text, origin=origin, stem=name, date=date)
    else:
        lines = enumerate(text.removeprefix("\ufeff").splitlines(), start=1)
        yield from read_json_lines(lines, origin=origin, stem=name, date=date)


def _stream_lines(handle: BinaryIO, origin: str, limit: int) -> Iterator[tuple[int, str | InputError]]:
    lineno = 0
    while True:
        raw = handle.readline(limit + 1)
        if not raw:
            return
        lineno += 1
        where = f"{origin}:{lineno}"
        if len(raw) > limit and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the over-long line
                raw = handle.readline(_LINE_SKIP_CHUNK)
            yield lineno, InputTooLarge(where, f"line longer than the limit of {limit} bytes (ReadSettings.max_bytes)")
            continue
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield lineno, InputError(where, f"line is not valid UTF-8 (JSON Lines must be UTF-8): {exc.reason}")
            continue
        yield lineno, line


def _check_size(path: Path, origin: str, limit: int) -> None:
    size = path.stat().st_size
    if size > limit:
        raise InputTooLarge(origin, f"{size} bytes exceeds the limit of {limit} bytes (ReadSettings.max_bytes)")


def _read_file(path: Path, name: str, fmt: Format | None, date: str | None, settings: ReadSettings) -> Iterator[Item]:
    origin = str(path)
    try:
        if fmt == "jsonl":
            with path.open("rb") as handle:
                head = handle.read(8)
                refuse_magic(head, origin)  # a gzip'd or zipped corpus: one clear error, not one per line
                if not head.startswith(_WIDE_BOMS):
                    handle.seek(0)
                    lines = _stream_lines(handle, origin, settings.max_bytes)
                    yield from read_json_lines(lines, origin=origin, stem=name, date=date)
                    return
        _check_size(path, origin, settings.max_bytes)
        data = path.read_bytes()
        if not data:
            yield InputError(origin, "empty file")
            return
        text = decode_bytes(data, origin)
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(origin, f"cannot read: {exc.strerror or exc}")
        return
    yield from _from_text(fmt or sniff_format(text), text, origin=origin, name=name, date=date, settings=settings)


def _walk(root: Path, settings: ReadSettings) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not settings.include_hidden and any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in EXTENSIONS:
            yield path


def _read_stdin(stdin: TextIO, date: str | None, settings: ReadSettings) -> Iterator[Item]:
    try:
        text = stdin.read(settings.max_bytes + 1)
    except (OSError, UnicodeDecodeError) as exc:
        yield InputError(STDIN_NAME, f"cannot read stdin: {exc}")
        return
    if len(text) > settings.max_bytes:
        yield InputTooLarge(
            STDIN_NAME, f"more than the limit of {settings.max_bytes} characters (ReadSettings.max_bytes)"
        )
        return
    if not text:
        yield InputError(STDIN_NAME, "empty input (nothing on stdin)")
        return
    try:
        refuse_binary(text, STDIN_NAME)
    except InputError as exc:
        yield exc
        return
    yield from _from_text(sniff_format(text), text, origin=STDIN_NAME, name="stdin", date=date, settings=settings)


def _read_all(inputs: Sequence[str], date: str | None, settings: ReadSettings, stdin: TextIO | None) -> Iterator[Item]:
    for spec in inputs:
        if spec == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, date, settings)
            continue
        path = Path(spec)
        if path.is_dir():
            found = False
            for file in _walk(path, settings):
                found = True
                name = file.relative_to(path).with_suffix("").as_posix()
                yield from _read_file(file, name, EXTENSIONS[file.suffix.lower()], date, settings)
            if not found:
                yield InputError(spec, f"directory holds no readable inputs ({' '.join(sorted(EXTENSIONS))})")
        elif path.is_file():
            yield from _read_file(path, path.stem, EXTENSIONS.get(path.suffix.lower()), date, settings)
        elif path.exists():
            yield InputError(spec, "not a regular file or directory")
        else:
            yield InputError(spec, "no such file or directory")


def read_inputs(
    inputs: Sequence[str],
    *,
    date: str | None = None,
    settings: ReadSettings = ReadSettings(),  # noqa: B008  # frozen dataclass: a safe shared default
    stdin: TextIO | None = None,
) -> Iterator[Article | InputError]:
    """Stream the articles in ``inputs`` (files, directories, ``-`` for stdin), in order.

    A problem with one input (or one JSON line, or one feed entry) is yielded as an
    ``InputError`` in the stream and reading goes on.  ``date`` (YYYY-MM-DD or any form
    ``normalise_date`` reads) fills the date of records that have none; a record's own date
    wins.  Raises ``ConfigError`` at once if ``date`` is not a date.
    """
    if isinstance(inputs, str):
        raise ConfigError("inputs must be a sequence of paths, not a single string")
    default_date = None
    if date is not None:
        default_date = normalise_date(date)
        if default_date is None:
            raise ConfigError(f"--date {date!r} is not a date (expected YYYY-MM-DD)")
    return _read_all(inputs, default_date, settings, stdin)
