"""Type recall on a held-aside part of the NGEC synthetic PLOVER stories.

Each story (``ngec-synthetic-plover.jsonl``: ``text``, ``plover_event``, ``title_template``) was
generated for one PLOVER type.  Stories of one title template are variations of each other, so the
held-aside part is chosen by template (by ``split.hash_rank``, within each type): its stories come
from headlines the project never tuned on.  Recall: share of held-aside stories with an asserted, non-historical event
of the story's type anywhere in the story; also per type and their mean.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from backchannel.eval.events import asserted_events
from backchannel.eval.split import hash_rank
from backchannel.events.ontology import EVENT_TYPES
from backchannel.ingest import read_text
from backchannel.pipeline import Pipeline
from backchannel.records import DocumentResult

__all__ = ["HELD_ASIDE_PER_THOUSAND", "StoryReport", "SyntheticStory", "evaluate_stories", "read_held_aside"]

HELD_ASIDE_PER_THOUSAND = 100  # one template in ten of each type
STORIES_PER_TEMPLATE = 8


@dataclass(frozen=True)
class SyntheticStory:
    id: str
    text: str
    event_type: str
    template: str


@dataclass
class StoryReport:
    stories: int
    recall: float
    per_type: dict[str, float]
    support: dict[str, int]

    @property
    def macro_recall(self) -> float:
        return sum(self.per_type.values()) / len(self.per_type) if self.per_type else 0.0


def read_held_aside(
    path: Path, per_thousand: int = HELD_ASIDE_PER_THOUSAND, per_template: int = STORIES_PER_TEMPLATE
) -> list[SyntheticStory]:
    """The held-aside stories (file order): of each type's title templates, the ``per_thousand``
    share with the lowest hash rank (at least one, so every type is measured), and of each such
    template its first ``per_template`` stories (the others are variations on the same headline)."""
    stories = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if rec.get("plover_event") in EVENT_TYPES:
            template = str(rec.get("title_template") or rec["id"])
            stories.append(SyntheticStory(str(rec["id"]), rec["text"], rec["plover_event"], template))
    templates: dict[str, set[str]] = {}
    for story in stories:
        templates.setdefault(story.event_type, set()).add(story.template)
    chosen: set[str] = set()
    for names in templates.values():
        ranked = sorted(names, key=lambda name: (hash_rank(name), name))
        chosen.update(ranked[: max(1, math.ceil(len(ranked) * per_thousand / 1000))])
    taken: Counter[str] = Counter()
    out = []
    for story in stories:
        if story.template in chosen and taken[story.template] < per_template:
            taken[story.template] += 1
            out.append(story)
    return out


def evaluate_stories(stories: list[SyntheticStory], pipeline: Pipeline) -> StoryReport:
    articles = [read_text(s.text, doc_id=f"synthetic-{s.id}") for s in stories]
    results = {r.doc_id: r for r in pipeline.run(articles) if isinstance(r, DocumentResult)}
    found: Counter[str] = Counter()
    support: Counter[str] = Counter()
    for story in stories:
        doc = results.get(f"synthetic-{story.id}")
        types = {e.event_type for e in asserted_events(doc)} if doc is not None else set()
        support[story.event_type] += 1
        found[story.event_type] += story.event_type in types
    total = sum(support.values())
    return StoryReport(
        stories=total,
        recall=sum(found.values()) / total if total else 0.0,
        per_type={t: found[t] / support[t] for t in sorted(support)},
        support=dict(sorted(support.items())),
    )
