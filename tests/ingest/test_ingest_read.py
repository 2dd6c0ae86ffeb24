"""Reading inputs: formats, dates, ids, and every kind of bad input yielded (not raised) in the stream."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from backchannel.errors import ConfigError, InputError, InputTooLarge
from backchannel.ingest import ReadSettings, content_hash, normalise_date, read_inputs, read_text
from backchannel.records import Article

NEWS = (
    "Le président français a déclaré à Genève que les négociations de cessez-le-feu entre Israël et le Hamas "
    "avançaient. « Nous sommes prêts », a-t-il ajouté devant la presse à l’issue de la réunion. "
)
ENGLISH = (
    "Hamas political leader Ismail Haniyeh met China's ambassador to Qatar in Doha on Thursday, "
    "the group said. The two sides discussed ceasefire talks and humanitarian aid for Gaza.\n"
)


def _read(*inputs: str, **kwargs: object) -> list[Article | InputError]:
    return list(read_inputs(list(inputs), **kwargs))  # type: ignore[arg-type]  # kwargs are the keyword args


def _only(items: list[Article | InputError]) -> Article | InputError:
    assert len(items) == 1, items
    return items[0]


def test_seed_article_is_read_with_the_cli_date(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "seed-article.txt"
    article = _only(_read(str(path), date="2024-03-01"))
    assert isinstance(article, Article)
    assert article.doc_id == "seed-article"
    assert article.date == "2024-03-01"
    assert article.text == path.read_text(encoding="utf-8")
    assert article.origin == str(path)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "blank"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "PNG"),
        (b"%PDF-1.7\n" + os.urandom(2000), "PDF"),
        (bytes(range(256)) * 40, "not text"),
        (ENGLISH.encode() + b"\x00\x00\x01\x02" * 50, "binary"),
    ],
    ids=["empty", "whitespace", "png", "pdf", "random-bytes", "nul-bytes"],
)
def test_bad_text_files_yield_an_error_naming_the_file(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    error = _only(_read(str(path)))
    assert isinstance(error, InputError)
    assert error.origin == str(path)
    assert problem.lower() in error.problem.lower()


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-8-sig"])
def test_other_encodings_are_detected_and_decoded(tmp_path: Path, encoding: str) -> None:
    text = NEWS * 5
    if encoding == "latin-1":
        text = text.replace("’", "'")
    else:
        text += "“Curly quotes” – and a dash."
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    article = _only(_read(str(path)))
    assert isinstance(article, Article), article
    assert article.text == text


def test_a_malformed_json_line_does_not_stop_the_others(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": ENGLISH, "date": "2024-03-01T10:00:00Z"}),
        '{"id": "b", "text": "unterminated',
        json.dumps({"id": "c", "text": 42}),
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "No id here.", "date": 20080804, "title": "T"}),
        json.dumps({"id": "e", "text": "x", "title": ["list"]}),
        json.dumps({"id": "f", "text": "   "}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(str(path), date="2024-01-02")
    articles = [item for item in items if isinstance(item, Article)]
    errors = {item.origin: item.problem for item in items if isinstance(item, InputError)}
    assert [a.doc_id for a in articles] == ["a", "batch-6"]
    assert [a.date for a in articles] == ["2024-03-01", "2008-08-04"]  # record dates win over --date
    assert set(errors) == {f"{path}:2", f"{path}:3", f"{path}:5", f"{path}:7", f"{path}:8"}
    assert "malformed JSON" in errors[f"{path}:2"]
    assert "'text' must be a string" in errors[f"{path}:3"]
    assert "'title' must be a string" in errors[f"{path}:7"]
    assert "empty" in errors[f"{path}:8"]


def test_missing_or_unreadable_record_dates_are_filled_by_the_date_argument(tmp_path: Path) -> None:
    path = tmp_path / "dates.jsonl"
    records = [{"text": "One."}, {"text": "Two.", "date": "not a date"}, {"text": "Three.", "dct": "1998-08-07"}]
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    assert [a.date for a in _read(str(path), date="2024-03-01") if isinstance(a, Article)] == [
        "2024-03-01",
        "2024-03-01",
        "1998-08-07",
    ]
    assert [a.date for a in _read(str(path)) if isinstance(a, Article)] == [None, None, "1998-08-07"]


def test_a_jsonl_line_over_the_limit_is_refused_alone(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    rows = [{"id": "small", "text": "Short."}, {"id": "huge", "text": "x" * 5000}, {"id": "after", "text": "Fine."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    items = _read(str(path), settings=ReadSettings(max_bytes=1000))
    assert [getattr(item, "doc_id", None) for item in items] == ["small", None, "after"]
    assert isinstance(items[1], InputTooLarge) and items[1].origin == f"{path}:2"


def test_json_file_with_one_object_a_list_or_several_lines(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": 7, "text": ENGLISH, "url": "https://example.org/a"}), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "First."}, {"text": "Second.", "source": 3}]), encoding="utf-8")
    lines = tmp_path / "lines.json"
    lines.write_text('{"text": "A."}\n{"text": "B."}\n', encoding="utf-8")
    first = _only(_read(str(one)))
    assert isinstance(first, Article) and first.doc_id == "7" and first.url == "https://example.org/a"
    listed = _read(str(many))
    assert isinstance(listed[0], Article) and listed[0].doc_id == "many-1"
    assert isinstance(listed[1], InputError) and listed[1].origin == f"{many}[2]" and "'source'" in listed[1].problem
    assert [a.text for a in _read(str(lines)) if isinstance(a, Article)] == ["A.", "B."]


HTML_PAGE = """<!DOCTYPE html><html><head><title>Hamas leader meets Chinese envoy | World News</title>
<meta property="article:published_time" content="2024-03-01T08:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Hamas leader meets Chinese envoy</h1>
<p>Hamas political chief Ismail Haniyeh met China's ambassador to Qatar in Doha on Thursday, the group said.</p>
<p>The two sides discussed ceasefire talks and humanitarian aid for Gaza, according to the statement.</p></article>
<footer>Copyright 2024 World News</footer></body></html>"""


def test_html_page_gives_body_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    article = _only(_read(str(path), date="2023-01-01"))
    assert isinstance(article, Article), article
    assert "Haniyeh met China's ambassador" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text
    assert article.title == "Hamas leader meets Chinese envoy"
    assert article.date == "2024-03-01"


def test_html_without_article_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "nav.htm"
    path.write_text("<html><body><nav><a href='/a'>Home</a> <a href='/b'>Login</a></nav></body></html>")
    error = _only(_read(str(path)))
    assert isinstance(error, InputError) and "no article text" in error.problem


def test_a_file_over_the_size_limit_is_refused_without_reading_it(
    tmp_path: Path, allocation_peak: Callable[[Callable[[], object]], int]
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(21_000_000)  # sparse: 21 MB of NULs, never read
    items: list[Article | InputError] = []
    peak = allocation_peak(lambda: items.extend(_read(str(path))))
    error = _only(items)
    assert isinstance(error, InputTooLarge)
    assert "21000000 bytes exceeds the limit of 20000000" in error.problem
    assert peak < 1_000_000, f"{peak} bytes allocated: the file was read"


def test_a_20_mb_text_is_within_the_default_limit(tmp_path: Path) -> None:
    path = tmp_path / "twenty.txt"
    block = ENGLISH.encode()
    path.write_bytes(block * (20_000_000 // len(block)))
    article = _only(_read(str(path)))
    assert isinstance(article, Article) and len(article.text) <= 20_000_000


def test_the_limit_is_inclusive_and_configurable(tmp_path: Path) -> None:
    exact, over = tmp_path / "exact.txt", tmp_path / "over.txt"
    exact.write_bytes(b"a" * 999 + b".")
    over.write_bytes(b"a" * 1000 + b".")
    items = _read(str(exact), str(over), settings=ReadSettings(max_bytes=1000))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], InputTooLarge)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><description>&lol9;</description></item>
</channel></rss>"""

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>World Desk</title>
<item><title>Talks resume in Doha</title><link>https://example.org/doha</link><guid>doha-1</guid>
<pubDate>Fri, 01 Mar 2024 23:30:00 -0500</pubDate>
<description>&lt;p&gt;Negotiators from Israel &amp;amp; Hamas &lt;b&gt;resumed&lt;/b&gt; talks.&lt;/p&gt;
</description></item>
<item><title>Aid convoy</title><content:encoded><![CDATA[<p>An aid convoy entered <i>Gaza</i>.</p>
<p>More followed.</p>]]></content:encoded><description>short</description></item>
<item><title>Empty</title></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><id>urn:uuid:1</id><title>Envoy meets minister</title><updated>2024-02-29T09:00:00Z</updated>
<summary type="html">&lt;p&gt;The envoy met the foreign minister.&lt;/p&gt;</summary></entry></feed>"""


def test_an_entity_expansion_feed_is_refused(
    tmp_path: Path, allocation_peak: Callable[[Callable[[], object]], int]
) -> None:
    path = tmp_path / "lol.xml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    items: list[Article | InputError] = []
    peak = allocation_peak(lambda: items.extend(_read(str(path))))
    error = _only(items)
    assert isinstance(error, InputError) and "entity" in error.problem
    assert peak < 1_000_000, f"{peak} bytes allocated: the entities were expanded"  # 3 GB if they were


def test_rss_entries_become_articles_with_html_stripped(tmp_path: Path) -> None:
    path = tmp_path / "world.rss"
    path.write_text(RSS, encoding="utf-8")
    items = _read(str(path), date="2024-03-05")
    first, second, third = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.doc_id == "doha-1" and first.title == "Talks resume in Doha" and first.source == "World Desk"
    assert first.text == "Negotiators from Israel & Hamas resumed talks."
    assert first.date == "2024-03-01"  # the publisher's local date, not UTC
    assert second.text == "An aid convoy entered Gaza.\nMore followed."
    assert second.doc_id == "world-2" and second.date == "2024-03-05"
    assert isinstance(third, InputError) and third.origin == f"{path}[3]"


def test_atom_feed(tmp_path: Path) -> None:
    path = tmp_path / "desk.atom"
    path.write_text(ATOM, encoding="utf-8")
    article = _only(_read(str(path)))
    assert isinstance(article, Article)
    assert (article.doc_id, article.text, article.date) == (
        "urn:uuid:1",
        "The envoy met the foreign minister.",
        "2024-02-29",
    )


def test_directories_are_walked_recursively_in_order_by_extension(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second story.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First story.", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden" / "x.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "Third."}\n', encoding="utf-8")
    items = _read(str(tmp_path))
    assert [(a.doc_id, a.text) for a in items if isinstance(a, Article)] == [
        ("a", "First story."),
        ("b/two", "Second story."),
        ("c-1", "Third."),
    ]
    assert len(items) == 3


def test_stdin_is_sniffed(tmp_path: Path) -> None:
    text = _only(_read("-", stdin=io.StringIO(ENGLISH), date="2024-03-01"))
    assert isinstance(text, Article) and text.origin == "<stdin>" and text.doc_id == "stdin"
    lines = _read("-", stdin=io.StringIO('{"text": "One."}\n{"text": "Two."}\n'))
    assert [a.text for a in lines if isinstance(a, Article)] == ["One.", "Two."]
    empty = _only(_read("-", stdin=io.StringIO("")))
    assert isinstance(empty, InputError) and empty.origin == "<stdin>"


def test_missing_paths_are_errors_in_the_stream(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    items = _read(str(tmp_path / "nope.txt"), str(good))
    assert isinstance(items[0], InputError) and "no such file" in items[0].problem
    assert isinstance(items[1], Article)


def test_a_bad_date_argument_fails_at_once() -> None:
    with pytest.raises(ConfigError):
        read_inputs(["whatever.txt"], date="last Tuesday")
    with pytest.raises(ConfigError):
        read_text("Text.", date="2024-13-45")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-01", "2024-03-01"),
        ("2024-03-01T23:30:00-05:00", "2024-03-01"),
        ("2024-3-1", "2024-03-01"),
        ("20080804", "2008-08-04"),
        (20080804, "2008-08-04"),
        ("Fri, 01 Mar 2024 10:00:00 GMT", "2024-03-01"),
        ("March 1, 2024", "2024-03-01"),
        ("1st March 2024", "2024-03-01"),
        ("2024-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(value: str | int | None, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_read_text_and_content_hash() -> None:
    article = read_text("\ufeffSome text.", doc_id="x", date="20240301", title="T")
    assert (article.doc_id, article.text, article.date, article.title) == ("x", "Some text.", "2024-03-01", "T")
    assert content_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert content_hash("Some text.") != content_hash("Some text!")


def test_white_house_corpus_reads_cleanly(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "whitehouse-2023-2024.jsonl"
    items = list(read_inputs([str(path)]))
    assert not [item for item in items if isinstance(item, InputError)]
    assert len(items) == path.read_text(encoding="utf-8").count("\n")
    assert all(isinstance(a, Article) and a.date and a.doc_id.startswith("wh-") for a in items)
