"""Orchestrate the stages: ingest -> clean -> nlp -> actors, time, geo -> events -> DocumentResult.

Resources (the spaCy model, the actor knowledge base, the gazetteer, the trigger
lexicon) are built once in ``Pipeline.__init__`` and reused for every document;
that is also the shape Ray Data runs as a stateful actor.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

import pycountry
from spacy.language import Language
from spacy.tokens import Doc

from backchannel.actors import ActorKB, ActorResolver, GazetteerPlaces
from backchannel.clean import Cleaner
from backchannel.errors import BackchannelError, StageError
from backchannel.events import CODER_NAME, EventCoder, Lexicon
from backchannel.events.classifier import EventTypeClassifier
from backchannel.events.fallback import LearnedFallback
from backchannel.events.wordclasses import WordClasses
from backchannel.geo import Gazetteer, PlaceResolver, attach_location, toponyms
from backchannel.geo.sovereignty import as_of
from backchannel.ingest import read_text
from backchannel.nlp import Parser
from backchannel.records import (
    ActorMention,
    ActorRef,
    Article,
    CleanDoc,
    DocumentResult,
    Event,
    PlaceMention,
    TimeMention,
)
from backchannel.time import TimeTagger

__all__ = ["PIPELINE_VERSION", "Pipeline", "Settings", "default_pipeline", "extract"]

PIPELINE_VERSION = f"0.1.0+{CODER_NAME}"


_GC_YOUNG_THRESHOLD = 50_000  # new container objects between two collections of the youngest generation


@dataclass(frozen=True)
class Settings:
    """Pipeline settings; every field has a default."""

    batch_size: int = 16  # documents per spaCy batch
    max_chars: int = 2_000_000  # documents longer than this are coded on their first max_chars characters
    # The pipeline tunes the process's garbage collector once its resources are loaded (``gc.freeze`` and a
    # youngest-generation threshold of 50,000): a long document codes ~1.2x faster.  Both are process-wide, so
    # an application that tunes its own collector (or holds many cyclic objects it wants freed) sets False.
    tune_collector: bool = True
    # The learned fallback (``events/fallback.py``): where the lexicon finds no trigger in a sentence, an event
    # of the sentence classifier's type when its probability is at least this.  None: off (issue 14: it is
    # wired on only if it pays on the check halves; ``scripts/measure_fallback.py`` measures it).
    fallback_threshold: float | None = None


class Pipeline:
    """All stages, built once; call ``run`` on a stream of articles."""

    def __init__(self, settings: Settings | None = None, nlp: Language | None = None) -> None:
        self.settings = settings or Settings()
        lexicon = Lexicon.load()
        # "The Israeli Air Force bombs ...": digest sentences whose verb the parser took for a noun
        self.parser = Parser(nlp, batch_size=self.settings.batch_size, headline_verbs=lexicon.verb_lemmas())
        self.cleaner = Cleaner()
        gazetteer = Gazetteer.load()
        # "Gyumri mayor": the towns of the gazetteer give a title before a name its country
        self.actors = ActorResolver(ActorKB.load(), places=GazetteerPlaces(gazetteer))
        self.times = TimeTagger()
        self.places = PlaceResolver(gazetteer)
        kb = self.actors.kb
        self.classifier = EventTypeClassifier.load()
        self.coder = EventCoder(
            lexicon,
            attach_location=attach_location,
            country_actor=lambda code: _country_actor(kb, code),
            type_scorer=self.classifier.predict_proba,
            fallback=(
                None
                if self.settings.fallback_threshold is None
                else LearnedFallback(self.classifier, self.settings.fallback_threshold, WordClasses.load())
            ),
        )
        if self.settings.tune_collector:
            _tune_collector()

    def run(self, articles: Iterable[Article]) -> Iterator[DocumentResult | StageError]:
        """Code each article; a failing document yields a ``StageError`` and the batch goes on."""
        pending: list[CleanDoc | StageError] = []
        for article in articles:
            pending.append(self._clean(article))
            if len(pending) >= self.settings.batch_size:
                yield from self._flush(pending)
                pending = []
        if pending:
            yield from self._flush(pending)

    def extract_article(self, article: Article) -> DocumentResult:
        result = next(iter(self.run([article])))
        if isinstance(result, StageError):
            raise result
        return result

    # -------------------------------------------------------------- stages
    def _clean(self, article: Article) -> CleanDoc | StageError:
        problem = _not_unicode(article)
        if problem is not None:
            return StageError(article.doc_id, "clean", problem)
        try:
            return self.cleaner(article)
        except BackchannelError as exc:
            return StageError(article.doc_id, "clean", str(exc))
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            return StageError(article.doc_id, "clean", f"{type(exc).__name__}: {exc}")

    def _flush(self, pending: list[CleanDoc | StageError]) -> Iterator[DocumentResult | StageError]:
        cleans = [p for p in pending if isinstance(p, CleanDoc)]
        docs = iter(self.parser.pipe(c.work_text[: self.settings.max_chars] for c in cleans))
        for item in pending:
            if isinstance(item, StageError):
                yield item
                continue
            doc = next(docs)
            try:
                yield self._code(item, doc)
            except BackchannelError as exc:
                yield StageError(item.article.doc_id, "code", str(exc))
            except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
                yield StageError(item.article.doc_id, "code", f"{type(exc).__name__}: {exc}")

    def _code(self, clean: CleanDoc, doc: Doc) -> DocumentResult:
        article = clean.article
        date = article.date
        warnings = [f"{w.code}: {w.message}" for w in clean.warnings]
        if len(clean.work_text) > self.settings.max_chars:
            warnings.append(f"truncated: only the first {self.settings.max_chars} characters were coded")
        text = article.text
        actors = _requote(self.actors.find(doc, date), clean.work_text, text)
        times = _requote(self.times.tag(doc.text, date), clean.work_text, text)
        if date is None and any(t.value is None for t in times):
            warnings.append("no document date: relative time expressions are left unresolved")
        countries = [a.country for a in actors if a.country and len(a.country) == 3 and a.country != "IGO"]
        places = as_of(_requote(self.places.find(doc, countries), clean.work_text, text), date)
        # only a place's own name says where an event happened or whose an unknown actor is: demonyms and
        # places inside organisations' names ride along in the output (``PlaceMention.kind``)
        located = toponyms(places)  # the places that can locate an event or stand for an unknown actor
        actors = _places_for_unknowns(actors, located, doc)
        events = [
            _requote_event(e, clean.work_text, text) for e in self.coder(doc, clean, actors, times, located, date)
        ]
        return DocumentResult(
            doc_id=article.doc_id,
            title=article.title,
            source=article.source,
            url=article.url,
            date=date,
            events=tuple(events),
            actors=tuple(actors),
            places=tuple(places),
            times=tuple(times),
            removed=clean.removed,
            warnings=tuple(warnings),
        )


def _not_unicode(article: Article) -> str | None:
    """Why ``article`` cannot be coded and written as JSON (lone surrogates), or None."""
    for name in ("text", "title", "doc_id", "source", "url"):
        value = getattr(article, name)
        try:
            if value is not None:
                value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return f"field {name!r} holds a lone surrogate at character {exc.start}: not valid Unicode text"
    return None


_Span = TypeVar("_Span", ActorMention, TimeMention, PlaceMention)


def _requote(mentions: list[_Span], work_text: str, text: str) -> list[_Span]:
    """Mentions found in the working text, trimmed of blanked edges and quoting the original text."""
    out: list[_Span] = []
    for mention in mentions:
        start, end = mention.start, mention.end
        while start < end and work_text[start].isspace():
            start += 1
        while end > start and work_text[end - 1].isspace():
            end -= 1
        if start == end:
            continue  # nothing but blanked characters: not a mention of the original text
        if (start, end, text[start:end]) != (mention.start, mention.end, mention.text):
            mention = mention.model_copy(update={"start": start, "end": end, "text": text[start:end]})
        out.append(mention)
    return out


def _requote_ref(ref: ActorRef, work_text: str, text: str) -> ActorRef:
    if ref.start is None or ref.end is None:
        return ref
    start, end = ref.start, ref.end
    while start < end and work_text[start].isspace():
        start += 1
    while end > start and work_text[end - 1].isspace():
        end -= 1
    if (start, end, text[start:end]) == (ref.start, ref.end, ref.text):
        return ref
    return ref.model_copy(update={"start": start, "end": end, "text": text[start:end]})


def _requote_event(event: Event, work_text: str, text: str) -> Event:
    """An event whose argument spans (some built by the coder from the working text) quote the original text."""
    update: dict[str, object] = {
        role: tuple(_requote_ref(ref, work_text, text) for ref in getattr(event, role))
        for role in ("actor", "recipient", "mediator")
    }
    if event.reported_by is not None:
        update["reported_by"] = _requote_ref(event.reported_by, work_text, text)
    if event.location is not None:
        located = _requote([event.location], work_text, text)
        update["location"] = located[0] if located else None
    return event.model_copy(update=update)


def _places_for_unknowns(actors: list[ActorMention], places: list[PlaceMention], doc: Doc) -> list[ActorMention]:
    """'shelled Khan Younis', 'clashed in Omdurman': a name the actor base does not know but the
    gazetteer does is a place, which stands for its state (not for a state guessed from the sentence).
    A person's name stays a person ("Kenzo Oshima" is no town in Japan)."""
    at = {(p.start, p.end): p for p in places if p.country_code}
    out: list[ActorMention] = []
    for actor in actors:
        place = at.get((actor.start, actor.end))
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand") if place is not None else None
        # "Kenzo Oshima": a first name the entity left out (the gazetteer has already weighed the
        # entity label: "Khan Younis", which the small model calls a person, is a place)
        person = span is not None and any(
            c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < span.start for c in span.root.children
        )
        if place is not None and actor.kind == "unknown" and not actor.resolved and not person:
            actor = actor.model_copy(
                update={
                    "actor_id": place.country_code,
                    "name": place.name,
                    "country": place.country_code,
                    "resolved": True,
                    "kind": "place",
                }
            )
        out.append(actor)
    return out


def _country_actor(kb: ActorKB, code: str) -> ActorMention | None:
    """The country actor for an ISO alpha-3 code (used when a place's country hosts or mediates).

    The text does not name this party where it is used, so it quotes no span (``start == end``):
    a caller that knows the words implying it (the place) gives it their span."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return None
    found = kb.lookup(country.name)
    if found is not None:
        # lookup() quotes the looked-up name at 0..len(name), which is not a span of the document
        return found.model_copy(update={"text": country.name, "start": 0, "end": 0})
    return ActorMention(
        text=country.name, start=0, end=0, actor_id=code, name=country.name, country=code, resolved=True, kind="country"
    )


@lru_cache(maxsize=1)
def _tune_collector() -> None:
    # the model, knowledge base and gazetteer just loaded live as long as the pipeline: moved out of
    # the cyclic collector's reach, they are no longer scanned again by each full collection that
    # the millions of objects of a long document set off (a sixth of the coding time of one)
    gc.freeze()
    # and the short-lived tokens, spans and mentions of coding die before a collection sees them:
    # collected every 700 new objects, enough of them outlived two collections to set off full
    # collections whose cost grew faster than the document (a tenth of a 1 MB document's time)
    gc.set_threshold(max(gc.get_threshold()[0], _GC_YOUNG_THRESHOLD), *gc.get_threshold()[1:])


def default_pipeline() -> Pipeline:
    """One pipeline per process, built on first use."""
    return Pipeline()


def extract(
    text: str,
    date: str | None = None,
    *,
    doc_id: str = "text",
    title: str | None = None,
    pipeline: Pipeline | None = None,
) -> DocumentResult:
    """Code one text into PLOVER events: ``extract(text, date="2024-03-01")``."""
    article = read_text(text, doc_id=doc_id, date=date, title=title)
    return (pipeline or default_pipeline()).extract_article(article)
