"""Inputs and outputs of the Ray engine as URLs: what pyarrow and fsspec open, and what is refused.

Only offline filesystems: ``file://`` (pyarrow's own), ``simplecache::file://`` (a chained
URL only fsspec understands) and ``memory://`` (fsspec, private to one process).  The Ray
run itself on URLs is in ``test_scale_engines.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from backchannel.errors import ConfigError, InputError
from backchannel.records import Article, DocumentResult
from backchannel.scale import ShardTables, ShardWriter, read_table
from backchannel.scale.ray_engine import resolve_inputs, run_ray
from backchannel.scale.shards import resolve_filesystem


@pytest.fixture
def shards_in(tmp_path: Path) -> Path:
    """A folder as a crawler leaves it: JSON Lines, Parquet, a marker file and a temporary file."""
    (tmp_path / "day=1").mkdir()
    (tmp_path / "day=1" / "a.jsonl").write_text('{"id": "a", "text": "Qatar hosted talks."}\n', encoding="utf-8")
    (tmp_path / "b.ndjson").write_text('{"id": "b", "text": "Egypt mediated."}\n', encoding="utf-8")
    pq.write_table(pa.table({"id": ["c"], "text": ["Oman brokered a swap."]}), tmp_path / "c.parquet")
    (tmp_path / "_SUCCESS").write_text("", encoding="utf-8")
    (tmp_path / ".a.jsonl.tmp").write_text("half a line", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an input", encoding="utf-8")
    return tmp_path


@pytest.fixture
def memory_fs() -> Iterator[fsspec.AbstractFileSystem]:
    fs = fsspec.filesystem("memory")
    yield fs
    fs.rm("/bench-urls", recursive=True)


@pytest.mark.parametrize("prefix", ["file://", "simplecache::file://"])
def test_a_folder_url_lists_its_shards_in_order(shards_in: Path, prefix: str) -> None:
    [group] = resolve_inputs([f"{prefix}{shards_in}/"])
    assert [Path(p).name for p in group.jsonl] == ["b.ndjson", "a.jsonl"]  # sorted by path: b.ndjson < day=1/a
    assert [Path(p).name for p in group.parquet] == ["c.parquet"]
    assert group.filesystem is not None
    with group.filesystem.open_input_stream(group.jsonl[1]) as stream:  # the filesystem Ray will be given
        assert b"Qatar hosted talks." in stream.read()


def test_a_local_folder_skips_the_same_files_as_a_folder_url(shards_in: Path) -> None:
    [local] = resolve_inputs([str(shards_in)])
    [url] = resolve_inputs([f"file://{shards_in}"])
    assert local.filesystem is None
    assert (local.jsonl, local.parquet) == (url.jsonl, url.parquet)


def test_local_paths_and_urls_make_separate_groups(shards_in: Path) -> None:
    groups = resolve_inputs([str(shards_in / "b.ndjson"), f"file://{shards_in}/c.parquet"])
    assert [(g.filesystem is None, len(g.jsonl), len(g.parquet)) for g in groups] == [(True, 1, 0), (False, 0, 1)]


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ("file:///no/such/folder/", "no such file or directory"),
        ("memory://bench-urls/in.jsonl", "memory:// filesystem lives inside one process"),
        ("nosuchfs://bucket/in.jsonl", "neither pyarrow nor fsspec knows this kind of URL"),
    ],
)
def test_urls_that_cannot_be_read_are_refused_by_name(spec: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem) as caught:
        resolve_inputs([spec])
    assert spec.rstrip("/") in str(caught.value)


def test_a_named_file_of_another_format_is_refused(shards_in: Path) -> None:
    with pytest.raises(ConfigError, match=r"reads JSON Lines .* or Parquet"):
        resolve_inputs([f"file://{shards_in}/notes.txt"])


def test_ray_refuses_to_write_into_memory_before_starting(shards_in: Path) -> None:
    with pytest.raises(ConfigError, match="memory:// filesystem lives inside one process"):
        run_ray([str(shards_in)], "memory://bench-urls/out")


def test_shards_round_trip_through_an_fsspec_only_filesystem(memory_fs: fsspec.AbstractFileSystem) -> None:
    """``ShardWriter`` and ``read_table`` take any fsspec URL (here in this process's memory)."""
    fs, root = resolve_filesystem("memory://bench-urls/out")
    assert isinstance(fs, pa.fs.PyFileSystem) and root.endswith("bench-urls/out")
    shard = ShardTables()
    article = Article(doc_id="a", text="Qatar hosted talks.", origin="memory://bench-urls/in.jsonl")
    shard.add_document(article, DocumentResult(doc_id="a"), "hash-a", "test.v1")
    shard.add_failure(InputError("memory://bench-urls/in.jsonl:2", "malformed JSON"), None, None)
    ShardWriter("memory://bench-urls/out").write(shard)
    assert memory_fs.glob("/bench-urls/out/documents/part-*.parquet")
    assert read_table("memory://bench-urls/out", "documents").column("doc_id").to_pylist() == ["a"]
    assert read_table("memory://bench-urls/out", "dead_letters").column("error").to_pylist() == ["malformed JSON"]
