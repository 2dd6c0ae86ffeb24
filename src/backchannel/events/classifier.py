"""A small learned PLOVER event-type classifier for one sentence.

Features are cheap strings read off spaCy tokens (lemmas of verbs and their
objects, dependency-relation pairs, lemma unigrams and bigrams, negation and
modality markers), hashed with CRC-32 into a fixed number of buckets.  A
multinomial logistic regression over the buckets gives a probability for each
of the 16 PLOVER types and for ``NONE`` (no event).  Inference needs numpy only.

The weights ship as ``data/event_classifier.json``, written by
``scripts/train_event_classifier.py``; :meth:`EventTypeClassifier.load` checks
the file's sha256 against :data:`ARTIFACT_SHA256` before using it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span, Token

from backchannel.errors import ModelError
from backchannel.events.ontology import EVENT_TYPES

__all__ = [
    "ARTIFACT_NAME",
    "ARTIFACT_SHA256",
    "FEATURE_VERSION",
    "LABELS",
    "NONE_LABEL",
    "EventTypeClassifier",
    "hash_features",
    "sentence_features",
]

NONE_LABEL = "NONE"
LABELS: tuple[str, ...] = (*EVENT_TYPES, NONE_LABEL)
ARTIFACT_NAME = "event_classifier.json"
# sha256 of data/event_classifier.json; update it together with the artifact (`make train` prints it).
ARTIFACT_SHA256 = "7044c7a8f758d7b24a4b33446367b79b5a08f55c16ebbaccbaba1ba64df03d67"
FEATURE_VERSION = 1

# Named-entity types replaced by a placeholder so that names do not become features.
_MASKED_ENTS = frozenset({"GPE", "PERSON", "ORG", "NORP", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"})
_OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd", "dative"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "conj", "pcomp"})
# not-words: a feature set of the trained model (FEATURE_VERSION); changing it means retraining
_MODAL_LEMMAS = frozenset(
    {"will", "would", "may", "might", "could", "can", "shall", "should", "must", "ought"}
)  # not-words


def _lemma(tok: Token) -> str:
    if tok.ent_type_ in _MASKED_ENTS:
        return f"<{tok.ent_type_}>"
    if tok.like_num:
        return "<NUM>"
    return tok.lemma_.lower()


def sentence_features(sent: Span | Doc) -> list[str]:
    """The feature strings of one sentence (duplicates kept: they count)."""
    feats: list[str] = []
    prev = "<S>"
    for tok in sent:
        if tok.is_punct or tok.is_space:
            continue
        lem = _lemma(tok)
        feats.append(f"u:{lem}")
        if lem != prev or not lem.startswith("<"):
            feats.append(f"b:{prev}_{lem}")
        prev = lem
        pos = tok.pos_
        if pos in ("VERB", "NOUN", "ADJ", "PROPN") and not lem.startswith("<"):
            head = tok.head
            feats.append(f"d:{tok.dep_}:{lem}")
            if head is not tok:
                feats.append(f"h:{_lemma(head)}>{tok.dep_}>{lem}")
        if pos == "VERB" or (pos == "AUX" and tok.dep_ == "ROOT"):
            feats.extend(_verb_features(tok, lem))
    return feats


def _verb_features(verb: Token, lem: str) -> Iterable[str]:
    yield f"v:{lem}"
    if verb.dep_ == "ROOT":
        yield f"root:{lem}"
    negated = False
    modal = False
    for child in verb.children:
        dep = child.dep_
        if dep == "neg":
            negated = True
        elif dep == "aux" and child.lemma_.lower() in _MODAL_LEMMAS:
            modal = True
            yield f"mod:{child.lemma_.lower()}"
        elif dep in _OBJECT_DEPS:
            yield f"vo:{lem}_{_lemma(child)}"
        elif dep == "prt":
            yield f"vp:{lem}_{child.lemma_.lower()}"
        elif dep == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield f"vpp:{lem}_{child.lemma_.lower()}_{_lemma(pobj)}"
            yield f"vpr:{lem}_{child.lemma_.lower()}"
        elif dep in _SUBJECT_DEPS:
            yield f"sv:{_lemma(child)}_{lem}"
        elif dep in _CLAUSE_DEPS and child.pos_ in ("VERB", "AUX"):
            yield f"vc:{lem}>{dep}>{child.lemma_.lower()}"
    if negated:
        yield f"neg:{lem}"
        yield "neg"
    if modal:
        yield f"modv:{lem}"


def hash_features(feats: Iterable[str], n_buckets: int) -> np.ndarray:
    """Bucket ids (CRC-32 modulo ``n_buckets``) of feature strings."""
    return np.fromiter((zlib.crc32(f.encode("utf-8")) % n_buckets for f in feats), dtype=np.int64)


def _decode(blob: str, dtype: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(blob), dtype=np.dtype(dtype))


class EventTypeClassifier:
    """Multinomial logistic regression over hashed sentence features."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, labels: tuple[str, ...]) -> None:
        if weights.ndim != 2 or weights.shape[1] != len(labels) or bias.shape != (len(labels),):
            raise ModelError(f"event classifier: weights {weights.shape} and bias {bias.shape} do not fit {labels}")
        self.weights = weights
        self.bias = bias
        self.labels = labels
        self.n_buckets = weights.shape[0]

    @classmethod
    def load(cls) -> EventTypeClassifier:
        """The packaged artifact, after checking its sha256."""
        ref = resources.files("backchannel.events") / "data" / ARTIFACT_NAME
        return cls.from_path(Path(str(ref)), ARTIFACT_SHA256)

    @classmethod
    def from_path(cls, path: Path, sha256: str) -> EventTypeClassifier:
        """Load an artifact from ``path``; raises :class:`ModelError` unless its sha256 is ``sha256``."""
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ModelError(f"event classifier artifact {path} cannot be read: {exc}") from exc
        digest = hashlib.sha256(raw).hexdigest()
        if digest != sha256:
            raise ModelError(
                f"event classifier artifact {path} has sha256 {digest}, expected {sha256}; "
                "rebuild it with `make train` or restore the packaged file"
            )
        return cls.from_artifact(json.loads(raw))

    @classmethod
    def from_artifact(cls, art: dict[str, Any]) -> EventTypeClassifier:
        """Build from the parsed JSON artifact (sparse rows of int8 weights with a scale per label, base64)."""
        if art.get("feature_version") != FEATURE_VERSION:
            raise ModelError(f"event classifier artifact has feature version {art.get('feature_version')}")
        labels = tuple(art["labels"])
        if labels != LABELS:
            raise ModelError(f"event classifier artifact labels {labels} are not {LABELS}")
        n_buckets = int(art["n_buckets"])
        rows = _decode(art["rows"], "<i4")
        scale = np.asarray(art["scale"], dtype=np.float32)
        values = _decode(art["weights"], "<i1").astype(np.float32).reshape(len(rows), len(labels)) * scale
        weights = np.zeros((n_buckets, len(labels)), dtype=np.float32)
        weights[rows] = values
        bias = np.asarray(art["bias"], dtype=np.float32)
        return cls(weights, bias, labels)

    def proba_of_buckets(self, buckets: np.ndarray) -> np.ndarray:
        """Probabilities (in the order of :attr:`labels`) for already hashed features."""
        z = self.weights[buckets].sum(axis=0) + self.bias
        e = np.exp(z - z.max())
        out: np.ndarray = e / e.sum()
        return out

    def _softmax(self, sent: Span | Doc) -> np.ndarray:
        return self.proba_of_buckets(hash_features(sentence_features(sent), self.n_buckets))

    def predict_proba(self, sent: Span | Doc) -> dict[str, float]:
        """Probability of each PLOVER type and of ``NONE``; sums to 1."""
        p = self._softmax(sent)
        return {label: float(v) for label, v in zip(self.labels, p, strict=True)}

    def predict(self, sent: Span | Doc) -> tuple[str, float]:
        """The most probable label and its probability."""
        p = self._softmax(sent)
        i = int(p.argmax())
        return self.labels[i], float(p[i])
