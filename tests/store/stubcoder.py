"""A small rule-based coder for store and API tests (the real pipeline is tested elsewhere).

It finds known actor names and a handful of event verbs in real text and builds the same
records the pipeline returns, with real offsets.  Run as a script it ingests the first N
records of a JSON Lines corpus into a database, printing one line per stored document
(used by the kill -9 test).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator

from backchannel.errors import StageError
from backchannel.records import (
    ActorMention,
    ActorRef,
    Article,
    DocumentResult,
    Event,
    PlaceMention,
    SentenceRef,
    TimeMention,
    TriggerRef,
)

VERSION = "stub.v1"

ACTORS = {
    "Hamas": ("HAMAS", "Hamas", "PSE", "REB", "nsa"),
    "Haniyeh": ("P:ismail_haniyeh", "Ismail Haniyeh", "PSE", "REB", "person"),
    "Haniye": ("P:ismail_haniyeh", "Ismail Haniyeh", "PSE", "REB", "person"),
    "China": ("CHN", "China", "CHN", "GOV", "country"),
    "Chinese Ambassador": ("CHN", "China", "CHN", "DIP", "country"),
    "Israel": ("ISR", "Israel", "ISR", "GOV", "country"),
    "Qatar": ("QAT", "Qatar", "QAT", "GOV", "country"),
    "Russia": ("RUS", "Russia", "RUS", "GOV", "country"),
    "Fatah": ("FATAH", "Fatah", "PSE", "PTY", "nsa"),
    "Ukraine": ("UKR", "Ukraine", "UKR", "GOV", "country"),
    "President Biden": ("USA", "United States", "USA", "GOV", "country"),
    "United States": ("USA", "United States", "USA", "GOV", "country"),
    "Japan": ("JPN", "Japan", "JPN", "GOV", "country"),
    "Prime Minister": (None, None, None, "GOV", None),  # unresolved on purpose
}
PLACES = {
    "Doha": (290030, 25.28, 51.53, "QAT"),
    "Gaza": (281133, 31.5, 34.47, "PSE"),
    "Moscow": (524901, 55.75, 37.62, "RUS"),
}
VERBS = {
    "met": ("CONSULT", 1, 1.0),
    "spoke": ("CONSULT", 1, 1.0),
    "discussed": ("CONSULT", 1, 1.0),
    "welcomed": ("SUPPORT", 1, 3.0),
    "condemned": ("ACCUSE", 3, -2.0),
    "withdraw": ("RETREAT", 2, 4.0),
    "attacked": ("ASSAULT", 4, -9.0),
    "sanctions": ("SANCTION", 4, -6.0),
    "agreed": ("AGREE", 1, 4.0),
}
_ACTOR_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, ACTORS), key=len, reverse=True)) + r")\b")
_PLACE_RE = re.compile(r"\b(" + "|".join(PLACES) + r")\b")
_VERB_RE = re.compile(r"\b(" + "|".join(VERBS) + r")\b")
_SENT_RE = re.compile(r"[^.!?\n]+[.!?]?")
_DATE_RE = re.compile(r"\b(?:on|last) (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _mention(m: re.Match[str]) -> ActorMention:
    actor_id, name, country, sector, kind = ACTORS[m.group(1)]
    return ActorMention(
        text=m.group(1), start=m.start(1), end=m.end(1), actor_id=actor_id, name=name, country=country,
        sector=sector, resolved=actor_id is not None, kind=kind,
    )  # fmt: skip


def _ref(m: ActorMention) -> ActorRef:
    return ActorRef(text=m.text, actor_id=m.actor_id, name=m.name, country=m.country, sector=m.sector)


def code(article: Article) -> DocumentResult:
    text = article.text
    mentions = [_mention(m) for m in _ACTOR_RE.finditer(text)]
    places = [
        PlaceMention(text=m.group(1), start=m.start(1), end=m.end(1), name=m.group(1), geonameid=PLACES[m.group(1)][0],
                     lat=PLACES[m.group(1)][1], lon=PLACES[m.group(1)][2], country_code=PLACES[m.group(1)][3])
        for m in _PLACE_RE.finditer(text)
    ]  # fmt: skip
    times = [
        TimeMention(text=m.group(0), start=m.start(), end=m.end(), value=None, precision="day")
        for m in _DATE_RE.finditer(text)
    ]
    events: list[Event] = []
    for index, sent in enumerate(_SENT_RE.finditer(text)):
        s0, s1 = sent.start(), sent.end()
        for verb in _VERB_RE.finditer(text, s0, s1):
            before = [m for m in mentions if s0 <= m.start and m.end <= verb.start()]
            after = [m for m in mentions if verb.end() <= m.start and m.end <= s1]
            if not before:
                continue
            etype, quad, intensity = VERBS[verb.group(1)]
            place = next((p for p in places if s0 <= p.start < s1), None)
            when = next((t for t in times if s0 <= t.start < s1), None)
            events.append(
                Event(
                    id=f"{article.doc_id}-e{len(events) + 1}", event_type=etype, actor=(_ref(before[-1]),),
                    recipient=(_ref(after[0]),) if after else (), date=article.date,
                    date_precision="document" if article.date else "unknown",
                    date_text=when.text if when else None, location=place,
                    status="negated" if " not " in sent.group(0) else "asserted",
                    trigger=TriggerRef(text=verb.group(1), start=verb.start(), end=verb.end()),
                    sentence=SentenceRef(index=index, start=s0, end=s1, text=sent.group(0)),
                    quad_class=quad, intensity=intensity, confidence=0.7,
                )
            )  # fmt: skip
    return DocumentResult(
        doc_id=article.doc_id, title=article.title, source=article.source, url=article.url, date=article.date,
        events=tuple(events), actors=tuple(mentions), places=tuple(places), times=tuple(times),
    )  # fmt: skip


class StubCoder:
    """Codes with ``code``; documents whose id is in ``fail`` come back as stage errors."""

    def __init__(self, fail: Iterable[str] = (), version: str = VERSION) -> None:
        self.fail = set(fail)
        self.version = version
        self.seen: list[str] = []

    def run(self, articles: Iterable[Article]) -> Iterator[DocumentResult | StageError]:
        for article in articles:
            self.seen.append(article.doc_id)
            if article.doc_id in self.fail:
                yield StageError(article.doc_id, "events", "planted failure")
            else:
                yield code(article)


def read_jsonl(path: str, limit: int) -> Iterator[Article]:
    with open(path, encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if n >= limit:
                return
            rec = json.loads(line)
            yield Article(
                doc_id=rec["id"], text=rec["text"], title=rec["title"], date=rec["date"], source=rec["source"],
                url=rec["url"], origin=path,
            )  # fmt: skip


def main(argv: list[str]) -> int:
    from backchannel.store import Store, ingest

    db, corpus, limit = argv[0], argv[1], int(argv[2])

    class Announcing(StubCoder):
        def run(self, articles: Iterable[Article]) -> Iterator[DocumentResult | StageError]:
            for result in super().run(articles):
                yield result
                print(f"coded {result.doc_id}", flush=True)

    with Store.open(db) as store:
        summary = ingest(store, read_jsonl(corpus, limit), Announcing(), VERSION, inputs=[corpus])
    print(f"done documents={summary.documents} skipped={summary.skipped}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
