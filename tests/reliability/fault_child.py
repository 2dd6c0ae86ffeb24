"""Child process of the fault tests: ingest a corpus with the stub coder, or open a database, and report as JSON.

fault_child.py ingest DB CORPUS LIMIT   ingest (printing "coded <id>" per document); on a store error print
                                        {"error": ...} and exit 2, then report the database's consistency
fault_child.py check DB CORPUS LIMIT    report the consistency of DB against the first LIMIT records
fault_child.py open DB [ro]             try to open DB; print {"error": ...} or {"ok": true}
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from stubcoder import VERSION, StubCoder, code, read_jsonl  # the path is set just above

from backchannel.errors import BackchannelError, StageError
from backchannel.records import Article, DocumentResult
from backchannel.store import Store, document_hash, ingest


class Announcing(StubCoder):
    def run(self, articles: Iterable[Article]) -> Iterator[DocumentResult | StageError]:
        for result in super().run(articles):
            yield result
            print(f"coded {result.doc_id}", flush=True)


def consistency(db: str, corpus: str, limit: int) -> dict[str, object]:
    """Counts and problems of the database: every document whole, no duplicates, nothing dangling."""
    by_id = {a.doc_id: a for a in read_jsonl(corpus, limit)}
    problems: list[str] = []
    with Store.open(db) as store:  # writable: the open replays the WAL like any later ingest would
        con = store.cursor()
        docs = con.execute("SELECT doc_id, content_hash FROM documents").fetchall()
        for doc_id, digest in docs:
            article = by_id.get(doc_id)
            if article is None or digest != document_hash(article.text):
                problems.append(f"{doc_id}: unknown document or wrong hash")
                continue
            expected = code(article)
            got = (
                con.execute("SELECT count(*) FROM events WHERE doc_id = ?", [doc_id]).fetchone(),
                con.execute("SELECT count(*) FROM mentions WHERE doc_id = ?", [doc_id]).fetchone(),
            )
            if got != ((len(expected.events),), (len(expected.actors),)):
                problems.append(f"{doc_id}: half-written ({got})")
        for table in ("events", "event_actors", "mentions", "places", "times", "removed"):
            row = con.execute(f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
            stray = row.fetchone()
            if stray != (0,):
                problems.append(f"{table}: {stray} rows of no document")
        dupes = con.execute("SELECT count(*) - count(DISTINCT content_hash) FROM documents").fetchone()
    return {"documents": len(docs), "duplicates": dupes[0] if dupes else None, "problems": problems}


def main(argv: list[str]) -> int:
    command, db = argv[0], argv[1]
    if command == "open":
        try:
            with Store.open(db, read_only=len(argv) > 2 and argv[2] == "ro"):
                pass
        except BackchannelError as exc:
            print(json.dumps({"error": str(exc), "type": type(exc).__name__}), flush=True)
            return 2
        print(json.dumps({"ok": True}), flush=True)
        return 0
    corpus, limit = argv[2], int(argv[3])
    if command == "check":
        print(json.dumps({"consistency": consistency(db, corpus, limit)}), flush=True)
        return 0
    status = 0
    try:
        with Store.open(db) as store:
            summary = ingest(store, read_jsonl(corpus, limit), Announcing(), VERSION, inputs=[corpus], batch_size=4)
        print(json.dumps({"done": summary.documents, "skipped": summary.skipped}), flush=True)
    except BackchannelError as exc:
        print(json.dumps({"error": str(exc), "type": type(exc).__name__}), flush=True)
        status = 2
    if len(argv) > 4 and argv[4] == "check":
        try:
            print(json.dumps({"consistency": consistency(db, corpus, limit)}), flush=True)
        except BackchannelError as exc:
            print(json.dumps({"consistency_error": str(exc)}), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
