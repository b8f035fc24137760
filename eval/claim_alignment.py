"""Claim alignment on ECB+: are sentences of different outlets that state one fact in one claim?

Each ECB+ subtopic (``<topic>_ecb`` / ``<topic>_ecbplus``, one real-world story) is analysed as
one story: every document an Article (text of ``docs.jsonl``, ``source`` = doc id, ``url`` =
its source URL, ``published`` = the date in that URL or none), the real extraction stage, the
real lineage edges (``group.dedup.find_reuse`` + ``group.lineage.find_citations``), then
``crosswire.compare.build_dossier``. Two annotated sentences of different documents are
predicted the same fact when both are evidence of at least one common claim. Evidence is
mapped back to ECB+ sentences by character offsets: an ECB+ sentence belongs to a claim when
that claim's evidence in its article (the union of the evidence spans) covers at least half
of the sentence's characters (crosswire's sentence splitter may cut a little differently).

Gold (see ``ecbplus_events.py``) over the fully annotated sentences only: ``dense`` (the two
sentences share an event instance) and ``strict`` (they share at least half of their events).
Printed per split, pairwise precision / recall / F1 for crosswire beside, computed in the same
run on the same pairs: all pairs predicted same (the reference), TF-IDF cosine and sentence
embedding cosine (thresholds tuned on train for strict F1, then applied to dev), and the
classic same-trigger-lemma rule (gold event triggers, head lemma by the project's spaCy model).
``train`` is what thresholds (and the aligner's rules) are tuned on; ``dev`` is held out.
Exit status 1 when a crosswire figure falls under ``eval/claim_alignment_floor.json`` (checked
for the splits run, only on full runs of crosswire).

    PYTHONPATH=src .venv/bin/python eval/claim_alignment.py [--split train|dev|both]
        [--limit N] [--only crosswire|baselines] [--show K]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import ecbplus_events as gold_data
from common import check_floors, load_floor, print_table, prf
from ecbplus_events import Pair, Sentence, Subtopic

COVER = 0.5  # share of an ECB+ sentence's characters its claim evidence must cover
SPLITS = ("train", "dev")
_URL_DATE = re.compile(r"/(20\d\d)/(\d\d|[a-z]{3})/(\d\d)/")
_MON = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}


# --------------------------------------------------------------------------- crosswire


def url_date(url: str | None) -> str | None:
    """The publication date a news URL carries (``/2013/may/03/``), else None: ECB+ has none."""
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    month = int(m.group(2)) if m.group(2).isdigit() else _MON.get(m.group(2), 0)
    return f"{m.group(1)}-{month:02d}-{m.group(3)}" if 1 <= month <= 12 else None


def evidence_spans(text: str, evidence: str) -> list[tuple[int, int]]:
    """Where a verbatim evidence sentence sits in its article (every occurrence); spacing may
    differ (a joined line break), so fall back to a whitespace-tolerant match."""
    evidence = evidence.strip()
    if not evidence:
        return []
    spans, pos = [], text.find(evidence)
    while pos >= 0:
        spans.append((pos, pos + len(evidence)))
        pos = text.find(evidence, pos + 1)
    if not spans:
        pattern = r"\s+".join(re.escape(w) for w in evidence.split())
        spans = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    return spans


def covered(sentences: list[Sentence], spans: list[tuple[int, int]]) -> tuple[set, set]:
    """Keys of the sentences the spans cover at least ``COVER`` of, and of those they touch less."""
    full, partial = set(), set()
    for s in sentences:
        lo, hi = s.span
        marks = np.zeros(hi - lo, dtype=bool)
        for a, b in spans:
            if a < hi and b > lo:
                marks[max(a, lo) - lo:min(b, hi) - lo] = True
        if marks.any():
            (full if marks.mean() >= COVER else partial).add(s.key)
    return full, partial


@dataclass
class CrosswireRun:
    """What the dossiers say about the annotated sentences of some subtopics."""

    claims_of: dict[tuple[str, int], set[str]]  # sentence key -> ids of claims it is evidence of
    claim_text: dict[str, str]
    claims: int = 0
    single_article_claims: int = 0
    evidence: int = 0
    evidence_unlocated: int = 0
    partial: set | None = None  # annotated sentences touched by evidence, but under COVER

    def same(self, p: Pair) -> bool:
        return bool(self.claims_of.get(p.a.key, set()) & self.claims_of.get(p.b.key, set()))


def lineage_edges(articles, extractions) -> list:
    """The lineage edges the pipeline would give build_dossier (reuse and citations)."""
    from crosswire.group.dedup import find_reuse
    from crosswire.group.lineage import find_citations

    return find_reuse(articles) + find_citations(
        articles, {i: e.attributions for i, e in extractions.items()})


def run_crosswire(subs: list[Subtopic]) -> CrosswireRun:
    """Extract every document once (kept in memory for this run only), one dossier per subtopic."""
    from crosswire.compare import build_dossier
    from crosswire.extract.pipeline import Extractor
    from crosswire.models import Article, Story

    docs = [d for s in subs for d in s.docs]
    extractions = {e.id: e for e in Extractor().extract_many(
        [(d["doc_id"], d["text"], url_date(d.get("source_url"))) for d in docs])}
    out = CrosswireRun(claims_of={}, claim_text={}, partial=set())
    for sub in subs:
        articles = [Article(id=d["doc_id"], source=d["doc_id"], text=d["text"],
                            url=d.get("source_url"), published=url_date(d.get("source_url")))
                    for d in sub.docs]
        exs = {a.id: extractions[a.id] for a in articles}
        story = Story(id=sub.name, article_ids=[a.id for a in articles])
        dossier = build_dossier(story, articles, exs, lineage_edges(articles, exs))
        text_of = {a.id: a.text for a in articles}
        by_doc: dict[str, list[Sentence]] = {}
        for s in sub.sentences:
            by_doc.setdefault(s.doc, []).append(s)
        for n, claim in enumerate(dossier.claims):
            cid = f"{sub.name}/{n}"  # claim ids are the aligner's business: number them here
            out.claims += 1
            out.single_article_claims += claim.outlets == 1
            out.claim_text[cid] = claim.text
            spans: dict[str, list[tuple[int, int]]] = {}
            for sup in claim.support:
                out.evidence += 1
                found = evidence_spans(text_of.get(sup.article, ""), sup.evidence)
                out.evidence_unlocated += not found
                spans.setdefault(sup.article, []).extend(found)
            for art, art_spans in spans.items():
                full, partial = covered(by_doc.get(art, []), art_spans)
                out.partial |= partial
                for key in full:
                    out.claims_of.setdefault(key, set()).add(cid)
    out.partial -= set(out.claims_of)
    return out


# --------------------------------------------------------------------------- baselines


def tfidf_scores(subs: list[Subtopic], pairs: list[Pair]) -> np.ndarray:
    """Cosine of the two sentences' TF-IDF vectors, fitted on every sentence of the split's docs."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    vec.fit([s for sub in subs for d in sub.docs for s in d["sentences"]])
    sents = sorted({s.key: s for sub in subs for s in sub.sentences}.values(), key=lambda s: s.key)
    index = {s.key: i for i, s in enumerate(sents)}
    x = vec.transform([s.text for s in sents])  # rows are L2-normalised
    return np.array([x[index[p.a.key]].multiply(x[index[p.b.key]]).sum() for p in pairs])


def embedding_scores(encoder, subs: list[Subtopic], pairs: list[Pair]) -> np.ndarray:
    """Cosine of the two sentences' embeddings (the encoder's rows are L2-normalised)."""
    sents = sorted({s.key: s for sub in subs for s in sub.sentences}.values(), key=lambda s: s.key)
    index = {s.key: i for i, s in enumerate(sents)}
    v = np.asarray(encoder.encode([s.text for s in sents]), dtype=np.float32)
    return np.array([float(v[index[p.a.key]] @ v[index[p.b.key]]) for p in pairs])


def trigger_lemmas(nlp, sentence: Sentence) -> set[str]:
    """Lemmas of the heads of the sentence's annotated event triggers, parsed on the XML tokens."""
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=[t or "_" for t in sentence.tokens])
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    out = set()
    for positions in sentence.triggers:
        inside = set(positions)
        # the head of a multi-token trigger ("checked into") is the token governed from outside
        head = next((i for i in positions if doc[i].head.i not in inside or doc[i].head.i == i),
                    positions[0])
        out.add(doc[head].lemma_.lower())
    return out


def lemma_predictions(nlp, pairs: list[Pair]) -> list[bool]:
    lemmas: dict[tuple[str, int], set[str]] = {}
    for p in pairs:
        for s in (p.a, p.b):
            if s.key not in lemmas:
                lemmas[s.key] = trigger_lemmas(nlp, s)
    return [bool(lemmas[p.a.key] & lemmas[p.b.key]) for p in pairs]


def tune_threshold(scores: np.ndarray, gold: list[bool]) -> float:
    """The cut ``score >= t`` with the best F1 against ``gold`` (ties: the higher threshold)."""
    if not len(scores) or not any(gold):
        return 1.0
    order = np.argsort(-scores, kind="stable")
    s, g = scores[order], np.asarray(gold, dtype=float)[order]
    tp = np.cumsum(g)
    n = np.arange(1, len(s) + 1)
    f1 = 2 * tp / (n + g.sum())
    last_of_tie = np.append(s[1:] != s[:-1], True)  # a cut can only fall between distinct scores
    f1[~last_of_tie] = -1
    return float(s[int(np.argmax(f1))])


# --------------------------------------------------------------------------- scoring


def score(pred: list[bool], pairs: list[Pair]) -> dict[str, float]:
    """Pairwise precision / recall / F1 against strict and dense gold."""
    out: dict[str, float] = {"predicted": float(sum(pred))}
    for level in ("strict", "dense"):
        g = [getattr(p, level) for p in pairs]
        tp = sum(a and b for a, b in zip(pred, g))
        pr, rc, f1 = prf(tp, sum(pred), tp, sum(g))
        out.update({f"{level}_precision": pr, f"{level}_recall": rc, f"{level}_f1": f1})
    return out


def encoders() -> list[tuple[str, object]]:
    """The sentence encoders crosswire offers here; a missing one is named and skipped."""
    found = []
    try:
        from crosswire.embeddings import get_encoder
    except ImportError as exc:
        print(f"note: crosswire.embeddings is not available ({exc}): embedding baselines skipped")
        return found
    for name in ("static", "transformer"):
        try:
            found.append((name, get_encoder(name)))
        except Exception as exc:  # a missing optional extra is reported, never fatal
            print(f"note: {name} encoder not available ({type(exc).__name__}: {exc}): skipped")
    return found


def show_examples(run: CrosswireRun, pairs: list[Pair], k: int, descriptors: dict[str, str]) -> None:
    """K false positives (no shared event, yet one claim) and K false negatives (strict gold,
    not in one claim) of crosswire, with their sentences."""
    rng = random.Random(0)
    fps = [p for p in pairs if run.same(p) and not p.dense]
    fns = [p for p in pairs if p.strict and not run.same(p)]

    def where(s: Sentence) -> str:
        n = len(run.claims_of.get(s.key, ()))
        return f"in {n} claim(s)" if n else ("touched under cover" if s.key in run.partial else "in no claim")

    print(f"\ncrosswire false positives (one claim, no shared event): {len(fps)}; showing {min(k, len(fps))}")
    for p in rng.sample(fps, min(k, len(fps))):
        shared = sorted(run.claims_of[p.a.key] & run.claims_of[p.b.key])
        print(f"- claim {shared[0]}: {run.claim_text[shared[0]][:160]!r}")
        print(f"    {p.a.doc}#{p.a.number}: {p.a.text[:220]}")
        print(f"    {p.b.doc}#{p.b.number}: {p.b.text[:220]}")
    print(f"\ncrosswire false negatives (strict gold, no common claim): {len(fns)}; showing {min(k, len(fns))}")
    for p in rng.sample(fns, min(k, len(fns))):
        events = ", ".join(sorted(descriptors.get(i, i) for i in p.a.events & p.b.events))
        print(f"- shared events: {events}")
        print(f"    {p.a.doc}#{p.a.number} ({where(p.a)}): {p.a.text[:220]}")
        print(f"    {p.b.doc}#{p.b.number} ({where(p.b)}): {p.b.text[:220]}")


def run(split: str = "both", limit: int | None = None, only: str | None = None,
        show: int = 0) -> dict[str, float]:
    """Score the requested splits; returns ``{"<split>.<system>.<measure>": value}``."""
    t0 = time.time()
    subs_all, problems, descriptors = gold_data.load()
    by_split = {name: [s for s in subs_all if s.split == name][:limit] for name in SPLITS}
    wanted = list(SPLITS) if split == "both" else [split]
    pairs = {name: [p for s in subs for p in gold_data.pairs_of(s)] for name, subs in by_split.items()}
    n_sent = sum(len(s.sentences) for subs in by_split.values() for s in subs)
    print(f"ECB+ claim alignment. Gold: {gold_data.STRICT_DEFINITION}.")
    print(f"annotated sentences located in docs.jsonl: {n_sent}; not located: {len(problems)}")
    for p in problems[:5]:
        print(f"  {p}")

    measured: dict[str, float] = {}
    systems: dict[str, dict[str, list[bool]]] = {name: {} for name in wanted}
    notes: dict[str, str] = {}
    if only != "crosswire":
        # thresholds are always tuned on train, even when only dev is reported
        thresholds: dict[str, float] = {}
        tuned = {"TF-IDF cosine": lambda subs, ps: tfidf_scores(subs, ps)}
        for name, enc in encoders():
            real = getattr(enc, "name", name)  # the fallback encoder says it is not the model
            label = f"{name} embedding cosine" + (f" ({real})" if real != name else "")
            tuned[label] = lambda subs, ps, enc=enc: embedding_scores(enc, subs, ps)
        for label, fn in tuned.items():
            train_scores = fn(by_split["train"], pairs["train"])
            t = tune_threshold(train_scores, [p.strict for p in pairs["train"]])
            thresholds[label] = t
            for name in wanted:
                sc = train_scores if name == "train" else fn(by_split[name], pairs[name])
                systems[name][f"{label}, t={t:.3f}"] = list(sc >= t)
        from crosswire.nlp import load_nlp

        nlp = load_nlp(disable=("ner",))
        if nlp is None:
            print("note: spaCy model not installed: same-trigger-lemma baseline skipped")
        for name in wanted:
            if nlp is not None:
                systems[name]["same trigger lemma (gold triggers)"] = lemma_predictions(nlp, pairs[name])
            systems[name]["all pairs same (reference)"] = [True] * len(pairs[name])
        print("thresholds tuned on train for strict F1: "
              + ", ".join(f"{k} {v:.3f}" for k, v in thresholds.items()))
    runs: dict[str, CrosswireRun] = {}
    if only != "baselines":
        for name in wanted:
            t1 = time.time()
            cw = runs[name] = run_crosswire(by_split[name])
            systems[name] = {"crosswire": [cw.same(p) for p in pairs[name]], **systems[name]}
            in_claim = sum(1 for s in by_split[name] for x in s.sentences if x.key in cw.claims_of)
            total = sum(len(s.sentences) for s in by_split[name])
            notes[name] = (
                f"crosswire on {name}: {cw.claims} claims, {cw.single_article_claims / max(cw.claims, 1):.3f} "
                f"with one article; evidence {cw.evidence}, not found in its article {cw.evidence_unlocated}; "
                f"annotated sentences in a claim {in_claim}/{total}, touched by evidence under "
                f"{COVER:.0%} cover (not mapped) {len(cw.partial)}, in no claim {total - in_claim} "
                f"[{time.time() - t1:.1f}s]")
            measured[f"{name}.crosswire.single_article_claims"] = cw.single_article_claims / max(cw.claims, 1)

    for name in wanted:
        role = ("TUNED ON: baseline thresholds, the aligner's rules" if name == "train"
                else "HELD OUT: not looked at while tuning")
        n_strict = sum(p.strict for p in pairs[name])
        n_dense = sum(p.dense for p in pairs[name])
        rows = []
        for label, pred in systems[name].items():
            s = score(pred, pairs[name])
            key = "crosswire" if label == "crosswire" else label.split(",")[0]
            measured.update({f"{name}.{key}.{k}": v for k, v in s.items()})
            rows.append([label, s["strict_precision"], s["strict_recall"], s["strict_f1"],
                         s["dense_precision"], s["dense_recall"], s["dense_f1"], int(s["predicted"])])
        print_table(
            f"{name} [{role}]: {len(by_split[name])} subtopics, {len(pairs[name])} cross-document "
            f"pairs, {n_strict} strict / {n_dense} dense same-fact",
            ["system", "strict P", "strict R", "strict F1", "dense P", "dense R", "dense F1", "pred"], rows)
        if name in notes:
            print(notes[name])
    if show and runs:
        name = wanted[-1]
        show_examples(runs[name], pairs[name], show, descriptors)
    print(f"time: {time.time() - t0:.1f}s")
    return measured


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["train", "dev", "both"], default="both")
    ap.add_argument("--limit", type=int, default=None, help="first N subtopics of each split")
    ap.add_argument("--only", choices=["crosswire", "baselines"], default=None)
    ap.add_argument("--show", type=int, default=0, metavar="K",
                    help="print K false positives and K false negatives of crosswire (last split run)")
    args = ap.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        ap.error("--limit must be at least 1")
    try:
        measured = run(args.split, args.limit, args.only, args.show)
    except gold_data.GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.limit is not None or args.only == "baselines":
        print("floors not checked (partial run)")
        return 0
    splits = SPLITS if args.split == "both" else (args.split,)
    floors = {k: v for k, v in load_floor("claim_alignment").items() if k.split(".")[0] in splits}
    failures = check_floors(measured, floors)
    for f in failures:
        print(f"FLOOR: {f}", file=sys.stderr)
    print(f"floors: {len(floors) - len(failures)}/{len(floors)} met")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
