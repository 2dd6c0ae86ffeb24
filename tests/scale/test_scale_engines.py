"""Both engines code real documents exactly like the single-process pipeline.

Documents: the first 30 records of the White House corpus (about 0.4 s each on this
2-core machine; the issue's 300 run in the ``slow`` test).  Ray runs in a loopback-only
network namespace (``unshare -n``, root): see ``ray_job.py``.  The engine, URL, hang and
kill runs share one Ray runtime, started once for this module; the two-node cluster and
the 300 documents (both ``slow``) start their own.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import duckdb
import hanging_coder
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from spacy.language import Language

from backchannel.cli import main
from backchannel.errors import InputError, StageError
from backchannel.ingest.jsonl import record_to_article
from backchannel.pipeline import PIPELINE_VERSION, Pipeline
from backchannel.records import Article, DocumentResult
from backchannel.scale import LocalCoder, code_batch, load_shards, read_table, screen
from backchannel.store import Store, document_hash

DEFAULT_DOCS = 30
KILL_DOCS = 24  # coded by the stub coder, two to a batch
RAY_JOB = Path(__file__).with_name("ray_job.py")
POISON = ['{"id": "poisoned", "text": "Hamas \\ud800 met Qatar."}\n', "{not json at all\n"]


def _records(shared_dir: Path, n: int) -> list[dict[str, str]]:
    with (shared_dir / "corpus" / "whitehouse-2023-2024.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(next(handle)) for _ in range(n)]


def _articles(records: Iterable[dict[str, str]]) -> list[Article]:
    """The records as the JSON Lines reader makes them (the Ray engine reads the same records from a file)."""
    return [record_to_article(r, where=r["id"], origin="records", fallback_id=r["id"], date=None) for r in records]


def _hash(record: dict[str, str]) -> str:
    return document_hash(_articles([record])[0].text)


def _write_jsonl(path: Path, records: list[dict[str, str]], poison: bool) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in records]
    if poison:
        lines[5:5] = POISON  # the poisoned lines sit among good documents
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _event_set(results: Iterable[tuple[str, DocumentResult]]) -> set[tuple[str, str]]:
    return {(digest, event.model_dump_json()) for digest, result in results for event in result.events}


def _coded(articles: list[Article], outputs: Iterable[DocumentResult | StageError]) -> list[tuple[str, DocumentResult]]:
    pairs = list(zip(articles, outputs, strict=True))
    assert not [o for _, o in pairs if isinstance(o, StageError)]
    return [(document_hash(a.text), o) for a, o in pairs if isinstance(o, DocumentResult)]


def _same_events(found: set[tuple[str, str]], expected: set[tuple[str, str]]) -> None:
    """Assert equal event sets, naming the first differing events if not."""
    extra, missing = sorted(found - expected), sorted(expected - found)
    assert not extra and not missing, f"{len(extra)} extra, {len(missing)} missing: {extra[:2]} / {missing[:2]}"


def _shard_results(out: Path) -> list[tuple[str, DocumentResult]]:
    rows = read_table(str(out), "documents").to_pylist()
    return [(r["content_hash"], DocumentResult.model_validate_json(r["result_json"])) for r in rows]


@pytest.fixture(scope="module")
def records(shared_dir: Path) -> list[dict[str, str]]:
    return _records(shared_dir, DEFAULT_DOCS)


@pytest.fixture(scope="module")
def reference(records: list[dict[str, str]], nlp: Language) -> set[tuple[str, str]]:
    """Events of the single-process path: one ``Pipeline`` coding the documents in order."""
    articles = _articles(records)
    return _event_set(_coded(articles, Pipeline(nlp=nlp).run(articles)))


def _ray_jobs(jobs: list[dict[str, object]], folder: Path) -> dict[str, dict[str, object]]:
    """Run ``jobs`` (name, mode, sources, out) with ray_job.py on one Ray runtime, in a private network
    namespace that has only loopback; each job's report by name."""
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        pytest.fail("the Ray tests need `unshare` (util-linux) and `ip` (iproute2) to keep Ray on loopback")
    for job in jobs:
        job["result"] = str(folder / f"{job['name']}.json")
    (folder / "jobs.json").write_text(json.dumps(jobs))
    script = f"ip link set lo up && exec {sys.executable} {RAY_JOB} {shlex.quote(str(folder / 'jobs.json'))}"
    done = subprocess.run(["unshare", "-n", "sh", "-c", script], capture_output=True, text=True, timeout=1800)
    reports: dict[str, dict[str, object]] = {}
    for job in jobs:
        result = Path(str(job["result"]))
        if done.returncode != 0 or not result.exists():
            why = f"exit {done.returncode}; `unshare -n` needs root"
            pytest.fail(f"ray_job.py failed ({why}):\n{done.stderr[-3000:]}")
        reports[str(job["name"])] = json.loads(result.read_text())
    return reports


def _ray(mode: str, source: Path | list[str], out: Path | str, folder: Path) -> dict[str, object]:
    """One job on a Ray runtime of its own."""
    sources = [str(s) for s in source] if isinstance(source, list) else [str(source)]
    report = _ray_jobs([{"name": mode, "mode": mode, "sources": sources, "out": str(out)}], folder)[mode]
    assert "error" not in report, report["error"]
    return report


class _RayRuns:
    """The reports and inputs of the module's Ray jobs, run once on one Ray runtime."""

    def __init__(self, folder: Path, reports: dict[str, dict[str, object]], hung: list[Article]) -> None:
        self.folder = folder
        self.reports = reports
        self.hung = hung

    def report(self, name: str) -> dict[str, object]:
        report = self.reports[name]
        assert "error" not in report, report["error"]
        return report

    def out(self, name: str) -> Path:
        return self.folder / name / "out"


@pytest.fixture(scope="module")
def ray_runs(records: list[dict[str, str]], shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> _RayRuns:
    folder = tmp_path_factory.mktemp("ray")
    for name in ("engine", "urls", "hang", "kill"):
        (folder / name).mkdir()
    engine = _write_jsonl(folder / "engine" / "in.jsonl", records, poison=True)
    urls = folder / "urls" / "in"
    (urls / "parquet").mkdir(parents=True)
    _write_jsonl(urls / "part-0.jsonl", records[:6], poison=False)
    pq.write_table(pa.Table.from_pylist(records[6:12]), urls / "parquet" / "part-0.parquet")
    hung = hanging_coder.readouts(shared_dir, 12, hung=5)
    fields = ("text", "title", "date", "source")
    (folder / "hang" / "in.jsonl").write_text(
        "".join(json.dumps({"id": a.doc_id} | a.model_dump(include=set(fields))) + "\n" for a in hung),
        encoding="utf-8",
    )
    kill = _write_jsonl(folder / "kill" / "in.jsonl", _records(shared_dir, KILL_DOCS), poison=False)
    sources = {
        "engine": [str(engine)],
        "urls": [f"file://{urls}/part-0.jsonl", f"simplecache::file://{urls}/parquet/"],
        "hang": [str(folder / "hang" / "in.jsonl")],
        "kill": [str(kill)],
    }
    outs = {name: str(folder / name / "out") for name in sources} | {"urls": f"file://{folder / 'urls' / 'out'}"}
    modes = {"engine": "engine", "urls": "engine", "hang": "hang", "kill": "kill"}  # the kill last: one actor dies
    jobs: list[dict[str, object]] = [
        {"name": name, "mode": modes[name], "sources": sources[name], "out": outs[name]} for name in modes
    ]
    return _RayRuns(folder, _ray_jobs(jobs, folder), hung)


# -- fast unit tests ------------------------------------------------------------------
class _Fragile:
    """A coder that breaks on one document, the way a tokenizer breaks on bad input."""

    def run(self, articles: Iterable[Article]) -> Iterable[DocumentResult | StageError]:
        for article in articles:
            if "poison" in article.text:
                raise UnicodeEncodeError("utf-8", article.text, 0, 1, "surrogates not allowed")
            yield DocumentResult(doc_id=article.doc_id)


def test_code_batch_sends_only_the_poisoned_document_to_a_dead_letter() -> None:
    articles = [Article(doc_id=f"d{i}", text=t) for i, t in enumerate(["fine", "poison here", "also fine"])]
    outcomes = code_batch(_Fragile(), articles)
    assert [o.doc_id for o in outcomes] == ["d0", "d1", "d2"]
    assert isinstance(outcomes[1], StageError) and outcomes[1].stage == "worker"
    assert "UnicodeEncodeError" in outcomes[1].problem
    assert all(isinstance(o, DocumentResult) for o in (outcomes[0], outcomes[2]))


def test_screen_rejects_text_that_is_not_unicode() -> None:
    items = list(screen([Article(doc_id="ok", text="Qatar mediated."), Article(doc_id="bad", text="x\ud800y")]))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], InputError) and "'bad'" in str(items[1]) and "not valid Unicode" in str(items[1])


# -- engines on real documents ---------------------------------------------------------
def test_local_pool_gives_the_single_process_events(
    records: list[dict[str, str]], reference: set[tuple[str, str]]
) -> None:
    articles = _articles(records)
    with LocalCoder(workers=2, chunk_size=4) as coder:
        coded = _coded(articles, coder.run(articles))
    assert [r.doc_id for _, r in coded] == [a.doc_id for a in articles]  # input order kept
    assert len(reference) > 100
    _same_events(_event_set(coded), reference)


def test_cli_ingest_with_workers_stores_documents_and_dead_letters(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", _records(shared_dir, 8), poison=True)
    db = tmp_path / "b.duckdb"
    code = main(["ingest", str(source), "--db", str(db), "--workers", "2", "--quiet"])
    out = capsys.readouterr()
    assert code == 1  # some documents failed
    assert "summary: 8 documents" in out.out and "2 failures" in out.out and "engine local, 2 worker(s)" in out.out
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (8,)
    stages = sorted(str(r[0]) for r in con.execute("SELECT error FROM dead_letters").fetchall())
    assert any("not valid Unicode" in s for s in stages) and any("malformed JSON" in s for s in stages)
    con.close()


def test_ray_engine_gives_the_single_process_events(
    records: list[dict[str, str]], reference: set[tuple[str, str]], ray_runs: _RayRuns, tmp_path: Path
) -> None:
    report, out = ray_runs.report("engine"), ray_runs.out("engine")
    assert report["documents"] == len(records) and report["failures"] == 2
    _same_events(_event_set(_shard_results(out)), reference)
    assert read_table(str(out), "events").num_rows == len(reference)
    dead = read_table(str(out), "dead_letters").to_pylist()
    assert sorted(d["stage"] for d in dead) == ["ingest", "ingest"]
    with Store.open(tmp_path / "r.duckdb") as store:  # the shards load into a database
        loaded = load_shards(store, str(out), PIPELINE_VERSION)
        assert (loaded.documents, loaded.events, loaded.failures) == (len(records), len(reference), 2)
        again = load_shards(store, str(out), PIPELINE_VERSION)
        assert (again.documents, again.skipped) == (0, len(records))  # keyed by content hash


@pytest.mark.slow
def test_ray_runs_across_a_two_node_cluster(records: list[dict[str, str]], tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", records[:16], poison=False)
    out = tmp_path / "shards"
    report = _ray("cluster", source, out, tmp_path)
    assert report["documents"] == 16
    assert len(report["nodes"]) == 2  # type: ignore[arg-type]  # both worker nodes coded documents
    assert len({r["content_hash"] for r in read_table(str(out), "documents").to_pylist()}) == 16


def test_ray_worker_killed_mid_run_loses_and_duplicates_nothing(shared_dir: Path, ray_runs: _RayRuns) -> None:
    subset = _records(shared_dir, KILL_DOCS)
    report, out = ray_runs.report("kill"), ray_runs.out("kill")
    assert len(report["killed"]) == 1  # type: ignore[arg-type]
    hashes = [r["content_hash"] for r in read_table(str(out), "documents").to_pylist()]
    assert sorted(hashes) == sorted({_hash(r) for r in subset})  # every document, once
    events = read_table(str(out), "events").to_pylist()
    assert len({(e["content_hash"], e["event_id"]) for e in events}) == len(events)


def test_ray_reads_and_writes_fsspec_urls(
    records: list[dict[str, str]], reference: set[tuple[str, str]], ray_runs: _RayRuns
) -> None:
    """``file://`` (a filesystem pyarrow has) and ``simplecache::file://`` (one only fsspec has), in and out."""
    subset = records[:12]
    report, out = ray_runs.report("urls"), ray_runs.out("urls")
    assert (report["documents"], report["failures"]) == (len(subset), 0)
    digests = {_hash(r) for r in subset}
    _same_events(_event_set(_shard_results(out)), {(d, e) for d, e in reference if d in digests})


def test_ray_sets_aside_a_document_that_hangs_its_actor(ray_runs: _RayRuns) -> None:
    """A 1 s document timeout on Ray (against a stub coder that codes a readout in milliseconds and a
    hang that never ends): actors run batches in a thread, which the deadline interrupts too."""
    articles = ray_runs.hung
    report, out = ray_runs.report("hang"), ray_runs.out("hang")
    assert (report["documents"], report["failures"]) == (11, 1)
    [dead] = read_table(str(out), "dead_letters").to_pylist()
    hung = articles[5]
    assert (dead["doc_id"], dead["stage"]) == (hung.doc_id, "timeout")
    assert dead["error"] == f"document {hung.doc_id!r}: no result after 1 s; interrupted"
    others = [a for a in articles if a is not hung]
    hashes = [r["content_hash"] for r in read_table(str(out), "documents").to_pylist()]
    assert sorted(hashes) == sorted(document_hash(a.text) for a in others)  # every other document, once
    code = hanging_coder.stubcoder().code
    expected = _event_set((document_hash(a.text), code(a)) for a in others)
    assert len(expected) > 5
    _same_events(_event_set(_shard_results(out)), expected)


@pytest.mark.slow
def test_both_engines_agree_on_300_documents(shared_dir: Path, tmp_path: Path) -> None:
    records = _records(shared_dir, 300)
    articles = _articles(records)
    with LocalCoder(workers=2) as coder:
        coded = _coded(articles, coder.run(articles))
    first = {digest: result for digest, result in reversed(coded)}  # the corpus repeats a text: keep its first
    local = _event_set(first.items())
    out = tmp_path / "shards"
    report = _ray("engine", _write_jsonl(tmp_path / "in.jsonl", records, poison=False), out, tmp_path)
    assert report["documents"] == len(first) and report["documents"] + report["duplicates"] == 300  # type: ignore[operator]
    _same_events(_event_set(_shard_results(out)), local)
