"""Train the sentence-level PLOVER event-type classifier and write its JSON artifact.

    .venv/bin/python scripts/train_event_classifier.py \\
        --train ../shared/train/ngec-synthetic-plover.jsonl \\
        --out src/backchannel/events/data/event_classifier.json

Training data: NGEC-2025 synthetic PLOVER stories (MIT, ahalterman/NGEC-2025); the
labels are the types the stories were generated for, one per story.  Examples:

1. The lede (first sentence) of each story carries the story's type.
2. A first model trained on the ledes labels the story's other sentences: a
   sentence whose top type is the story's type with p >= SELF_TRAIN_P is added as
   another example of that type (self-training).
3. Other sentences whose only verbs are stative or reporting verbs ("be", "say",
   "include", ...) are examples of NONE (no event).
4. With ``--negatives`` (real news or statement text, JSON lines with ``text``; never a gold or eval
   file): every ``--negative-every``-th document is coded by the rule coder, and its sentences in which
   the rules find no event at all (of any status) are further examples of NONE.  The synthetic stories
   make a poor "no event" class (FINDINGS, offline sentence encoders); real sentences without an
   event are what the learned fallback (``events/fallback.py``) must learn to leave alone.

Multinomial logistic regression over hashed features (see
``backchannel.events.classifier.sentence_features``), trained with class-balanced
weights by mini-batch AdaGrad in numpy, with a fixed seed; inputs are used in file
order, so two runs write byte-identical files.  Weights are stored as int8 with one scale per label.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import numpy.typing as npt

from backchannel.events.classifier import (
    FEATURE_VERSION,
    LABELS,
    NONE_LABEL,
    EventTypeClassifier,
    hash_features,
    sentence_features,
)
from backchannel.nlp import load_model

N_BUCKETS = 1 << 18
MIN_COUNT = 5  # a bucket must occur in this many training sentences to get a weight
MIN_ALPHA_TOKENS = 4  # shorter "sentences" (datelines, bylines) are skipped
SELF_TRAIN_P = 0.5
EPOCHS = 20
LEARNING_RATE = 0.2
L2 = 1e-5
BATCH_SIZE = 128
SEED = 0
STATIVE_VERBS = frozenset(
    {"be", "have", "say", "tell", "report", "include", "know", "live", "become", "remain", "seem", "base", "locate"}
    | {"call", "accord", "add", "note"}
)

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def read_stories(path: Path) -> list[tuple[str, str]]:
    stories = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                stories.append((rec["text"], rec["plover_event"]))
    return stories


def parse(stories: list[tuple[str, str]]) -> list[list[list[str]]]:
    """Feature strings of each usable sentence of each story."""
    nlp = load_model()
    out = []
    for doc in nlp.pipe((text for text, _ in stories), batch_size=64):
        sents = [s for s in doc.sents if sum(1 for t in s if t.is_alpha) >= MIN_ALPHA_TOKENS]
        out.append([sentence_features(s) for s in sents])
    return out


def read_texts(path: Path, every: int) -> list[str]:
    """The text of every ``every``-th document of a JSON-lines file, in file order."""
    texts = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(line for line in fh if line.strip()):
            if i % every == 0:
                texts.append(json.loads(line)["text"])
    return texts


def negative_sentences(texts: list[str]) -> list[list[str]]:
    """Feature strings of the sentences of ``texts`` in which the rule coder finds no event of any status."""
    from backchannel.ingest import read_text
    from backchannel.pipeline import Pipeline, Settings
    from backchannel.records import DocumentResult

    pipeline = Pipeline(Settings(tune_collector=False))
    coded: list[list[tuple[int, int]]] = []
    for res in pipeline.run(read_text(t, doc_id=f"negative-{i}") for i, t in enumerate(texts)):
        spans = [(e.sentence.start, e.sentence.end) for e in res.events] if isinstance(res, DocumentResult) else []
        coded.append(spans if isinstance(res, DocumentResult) else [(0, 1 << 40)])
    out = []
    for doc, spans in zip(pipeline.parser.nlp.pipe(texts, batch_size=16), coded, strict=True):
        for sent in doc.sents:
            if sum(1 for t in sent if t.is_alpha) < MIN_ALPHA_TOKENS:
                continue
            if any(start < sent.end_char and sent.start_char < end for start, end in spans):
                continue
            out.append(sentence_features(sent))
    return out


def is_stative(feats: list[str]) -> bool:
    return not any(f.startswith("v:") and f[2:] not in STATIVE_VERBS for f in feats)


class Trainer:
    """Class-balanced multinomial logistic regression by mini-batch AdaGrad over hashed features;
    ``none_weight`` multiplies the balanced weight of the NONE class (1.0: balanced like the others)."""

    def __init__(self, n_labels: int, none_weight: float = 1.0) -> None:
        self.k = n_labels
        self.none_weight = none_weight

    def fit(self, rows: list[IntArray], labels: list[int]) -> tuple[npt.NDArray[np.float32], FloatArray]:
        keep = [i for i, r in enumerate(rows) if len(r)]
        rows = [rows[i] for i in keep]
        y = np.asarray([labels[i] for i in keep], dtype=np.int64)
        n, k = len(rows), self.k
        counts = np.bincount(y, minlength=k).astype(np.float64)
        sw = 1.0 / counts[y]
        if self.none_weight != 1.0:
            sw[y == LABELS.index(NONE_LABEL)] *= self.none_weight
        sw *= n / sw.sum()
        used, inverse = np.unique(np.concatenate(rows), return_inverse=True)
        offsets = np.concatenate([[0], np.cumsum([len(r) for r in rows])])
        compact = [inverse[offsets[i] : offsets[i + 1]] for i in range(n)]
        w = np.zeros((len(used), k))
        b = np.zeros(k)
        gw = np.full((len(used), k), 1e-8)
        gb = np.full(k, 1e-8)
        rng = np.random.default_rng(SEED)
        for _ in range(EPOCHS):
            order = rng.permutation(n)
            for start in range(0, n, BATCH_SIZE):
                batch = order[start : start + BATCH_SIZE]
                feats = [compact[i] for i in batch]
                lens = np.asarray([len(f) for f in feats])
                uniq, inv = np.unique(np.concatenate(feats), return_inverse=True)
                wb = w[uniq]
                z = np.add.reduceat(wb[inv], np.concatenate([[0], np.cumsum(lens)[:-1]]), axis=0) + b
                z -= z.max(axis=1, keepdims=True)
                p = np.exp(z)
                p /= p.sum(axis=1, keepdims=True)
                p[np.arange(len(batch)), y[batch]] -= 1.0
                g_rows = p * (sw[batch] / len(batch))[:, None]
                g_feat = np.repeat(g_rows, lens, axis=0)
                g = np.stack([np.bincount(inv, weights=g_feat[:, j], minlength=len(uniq)) for j in range(k)], axis=1)
                g += L2 * wb
                gw[uniq] += g * g
                w[uniq] = wb - LEARNING_RATE * g / np.sqrt(gw[uniq])
                g_b = g_rows.sum(axis=0)
                gb += g_b * g_b
                b -= LEARNING_RATE * g_b / np.sqrt(gb)
        full = np.zeros((N_BUCKETS, k), dtype=np.float32)
        full[used] = w
        return full, b


def frequent_buckets(rows: list[IntArray]) -> npt.NDArray[np.bool_]:
    df = np.zeros(N_BUCKETS, dtype=np.int64)
    for r in rows:
        df[np.unique(r)] += 1
    out: npt.NDArray[np.bool_] = df >= MIN_COUNT
    return out


def build_examples(
    stories: list[tuple[str, str]], feats: list[list[list[str]]], negatives: list[list[str]] | None = None
) -> tuple[list[IntArray], list[int]]:
    index = {label: i for i, label in enumerate(LABELS)}
    hashed = [[hash_features(f, N_BUCKETS) for f in story] for story in feats]
    negative_rows = [hash_features(f, N_BUCKETS) for f in negatives or []]
    frequent = frequent_buckets([h for story in hashed for h in story] + negative_rows)
    hashed = [[h[frequent[h]] for h in story] for story in hashed]
    trainer = Trainer(len(LABELS))
    ledes = [(story[0], index[label]) for story, (_, label) in zip(hashed, stories, strict=True) if story]
    w1, b1 = trainer.fit([r for r, _ in ledes], [y for _, y in ledes])
    lede_model = EventTypeClassifier(w1, b1.astype(np.float32), LABELS)
    rows: list[IntArray] = []
    labels: list[int] = []
    for story_rows, story_feats, (_, label) in zip(hashed, feats, stories, strict=True):
        y = index[label]
        for i, (r, f) in enumerate(zip(story_rows, story_feats, strict=True)):
            if i == 0:
                rows.append(r)
                labels.append(y)
                continue
            p = lede_model.proba_of_buckets(r)
            if int(p.argmax()) == y and p[y] >= SELF_TRAIN_P:
                rows.append(r)
                labels.append(y)
            elif is_stative(f):
                rows.append(r)
                labels.append(index[NONE_LABEL])
    for r in negative_rows:
        rows.append(r[frequent[r]])
        labels.append(index[NONE_LABEL])
    return rows, labels


def serialize(weights: npt.NDArray[np.float32], bias: FloatArray, source: str, counts: dict[str, int]) -> bytes:
    scale = np.abs(weights).max(axis=0).astype(np.float64) / 127.0
    scale[scale == 0] = 1.0
    quantized = np.rint(weights / scale).astype("<i1")
    nonzero = np.flatnonzero(np.abs(quantized).max(axis=1) > 0).astype("<i4")
    art = {
        "format": "backchannel-event-classifier",
        "feature_version": FEATURE_VERSION,
        "model": "multinomial logistic regression over CRC-32 hashed spaCy features",
        "training_data": f"{source} (NGEC-2025 synthetic PLOVER stories, MIT, ahalterman/NGEC-2025)",
        "training_examples": counts,
        "labels": list(LABELS),
        "n_buckets": N_BUCKETS,
        "bias": [round(float(v), 6) for v in bias],
        "rows": base64.b64encode(nonzero.tobytes()).decode("ascii"),
        "scale": [float(f"{v:.8e}") for v in scale],
        "weights": base64.b64encode(np.ascontiguousarray(quantized[nonzero]).tobytes()).decode("ascii"),
    }
    return (json.dumps(art, indent=1, sort_keys=True) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", type=Path, required=True, help="NGEC synthetic PLOVER stories (JSON lines)")
    ap.add_argument("--out", type=Path, required=True, help="where to write the JSON artifact")
    ap.add_argument(
        "--negatives", type=Path, help="real text for NONE examples (JSON lines with 'text'; never a gold/eval file)"
    )
    ap.add_argument("--negative-every", type=int, default=10, help="use every N-th document of --negatives")
    ap.add_argument("--none-weight", type=float, default=1.0, help="weight of the NONE class against a balanced one")
    args = ap.parse_args(argv)
    started = time.monotonic()
    stories = read_stories(args.train)
    feats = parse(stories)
    print(f"parsed {len(stories)} stories in {time.monotonic() - started:.0f} s", file=sys.stderr)
    negatives = negative_sentences(read_texts(args.negatives, args.negative_every)) if args.negatives else []
    print(f"{len(negatives)} real sentences without an event", file=sys.stderr)
    rows, labels = build_examples(stories, feats, negatives)
    counts = {LABELS[k]: v for k, v in sorted(Counter(labels).items())}
    weights, bias = Trainer(len(LABELS), args.none_weight).fit(rows, labels)
    source = args.train.name
    if args.negatives:
        source += f"; NONE also from {args.negatives.name} (every {args.negative_every}th document, no rule event)"
    if args.none_weight != 1.0:
        source += f"; NONE weighted x{args.none_weight}"
    data = serialize(weights, bias, source, counts)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    print(f"wrote {args.out} ({len(data) / 1e6:.2f} MB, {len(rows)} examples) in {time.monotonic() - started:.0f} s")
    print(f"sha256 {digest}  (ARTIFACT_SHA256 in src/backchannel/events/classifier.py must equal this)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
