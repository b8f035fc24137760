"""Reuse detection: copies and rewrites, with the share borrowed and the shared passage."""

from __future__ import annotations

from pathlib import Path

from crosswire.group.dedup import find_reuse
from crosswire.models import Article

GROUP = Path(__file__).resolve().parent / "data" / "group"


def _art(name: str, published: str | None = None) -> Article:
    return Article(id=name, source=name, text=(GROUP / f"{name}.txt").read_text(encoding="utf-8"),
                   published=published)


def test_dedup_repost_copies_its_source_with_share_and_passage():
    edges = find_reuse([_art("copy_source", "2024-03-04"), _art("copy_repost", "2024-03-05")])
    assert len(edges) == 1
    e = edges[0]
    assert (e.source, e.target, e.kind) == ("copy_repost", "copy_source", "copies")
    assert 0.8 <= e.score <= 1.0
    assert "Elm Street bridge for eighteen months" in e.evidence
    assert e.evidence in _art("copy_repost").text


def test_dedup_reworded_retelling_in_same_order_is_a_rewrite():
    edges = find_reuse([_art("copy_source", "2024-03-04"), _art("copy_rewrite", "2024-03-06")])
    assert [(e.source, e.target, e.kind) for e in edges] == [("copy_rewrite", "copy_source", "rewrites")]
    assert edges[0].score >= 0.5
    assert edges[0].evidence in _art("copy_rewrite").text


def test_dedup_independent_report_of_same_event_is_not_reuse():
    edges = find_reuse([_art("copy_source", "2024-03-04"), _art("copy_independent", "2024-03-04")])
    assert edges == []


def test_dedup_different_events_are_not_reuse():
    assert find_reuse([_art("quake_a1"), _art("quake_b1"), _art("copy_source")]) == []


def test_dedup_demo_credited_reports_are_not_copies(demo_dir):
    arts = [Article(id=p.stem.split("_")[0], source=str(p), text=p.read_text(encoding="utf-8"))
            for p in sorted(demo_dir.glob("*.txt"))]
    assert not [e for e in find_reuse(arts) if e.kind == "copies"]


def test_dedup_hostile_input_is_bounded_and_fast():
    import time

    long = Article(id="long", source="l", text="The same words again and again. " * 200_000)
    twin = Article(id="twin", source="t", text="The same words again and again. " * 200_000)
    empty = Article(id="empty", source="e", text="")
    t0 = time.perf_counter()
    edges = find_reuse([long, twin, empty])
    assert time.perf_counter() - t0 < 20
    assert [(e.source, e.target, e.kind) for e in edges] == [("twin", "long", "copies")]
    assert len(edges[0].evidence) <= 60_000


_EDGES_IN_A_FRESH_PROCESS = """
import json, sys
sys.path.insert(0, sys.argv[1])
from synthetic import synthetic_corpus
from crosswire.group.dedup import find_reuse
articles = synthetic_corpus(400, seed=3)
by_story = {}
for a in articles:
    by_story.setdefault(a.id.split("-")[0], []).append(a)
# All of a few stories at once, so the LSH index holds many near-threshold pairs.
group = [a for key in sorted(by_story)[:40] for a in by_story[key]]
print(json.dumps(sorted((e.source, e.target, e.kind, e.score) for e in find_reuse(group))))
"""


def test_dedup_edges_do_not_depend_on_the_process_hash_seed():
    # Python salts str hashes per process: MinHashes built on them put a different set of
    # pairs in front of the aligner on every run, so lineage changed between two runs.
    import os
    import subprocess
    import sys

    bench = str(Path(__file__).resolve().parent.parent / "benchmarks")
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", _EDGES_IN_A_FRESH_PROCESS, bench], env=env,
                             capture_output=True, text=True, check=True).stdout
        runs.append(out)
    assert runs[0] and runs[0] == runs[1]


def _datasketch_candidate_pairs(docs):
    """candidate_pairs as it was written over datasketch 2's MinHash and MinHashLSH (the
    reference the numpy MinHash and band index must match pair for pair)."""
    from datasketch import MinHash, MinHashLSH

    from crosswire.group import dedup

    seed = MinHash(num_perm=dedup.NUM_PERM, seed=1)
    pairs = set()
    for threshold, features in ((dedup.LSH_SHINGLE_THRESHOLD, lambda d: d.shingles()),
                                (dedup.LSH_WORD_THRESHOLD, lambda d: d.content)):
        lsh = MinHashLSH(threshold=threshold, num_perm=dedup.NUM_PERM)
        hashes = {}
        for i, d in enumerate(docs):
            feats = features(d)
            if not feats:
                continue
            m = MinHash(num_perm=dedup.NUM_PERM, hashfunc=dedup._hash32, permutations=seed.permutations,
                        scheme=seed.scheme)
            m.update_batch(list(feats))
            assert (dedup._minhash(feats) == m.hashvalues).all()
            found = lsh.query(m)
            if len(found) > dedup.MAX_NEIGHBOURS:
                found = sorted(found, key=lambda j: -m.jaccard(hashes[j]))[:dedup.MAX_NEIGHBOURS]
            pairs.update((j, i) for j in found)
            lsh.insert(i, m)
            hashes[i] = m
    return pairs


def test_dedup_candidate_pairs_are_those_of_datasketch():
    # The MinHash and LSH bands are written out with numpy so a run does not import datasketch
    # (and scipy with it); they must pick exactly the pairs datasketch picks, boilerplate cut
    # (more than MAX_NEIGHBOURS candidates) included.
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from synthetic import synthetic_corpus

    from crosswire.group import dedup

    articles = synthetic_corpus(400, seed=3)
    by_story = {}
    for a in articles:
        by_story.setdefault(a.id.split("-")[0], []).append(a)
    group = [a for key in sorted(by_story)[:40] for a in by_story[key]]
    template = "Reporting by the wire desk; editing by the night desk. " * 30
    group += [Article(id=f"t{k}", source=f"t{k}", text=template + f" Item {k} of the feed.") for k in range(30)]
    docs = [dedup._Doc(a) for a in group]
    ours = dedup.candidate_pairs(docs)
    assert len(ours) > 100
    assert ours == _datasketch_candidate_pairs(docs)


def test_dedup_lsh_bands_are_datasketchs_optimum():
    from datasketch.lsh import _optimal_param

    from crosswire.group import dedup

    for threshold, bands in dedup._LSH_BANDS.items():
        assert bands == _optimal_param(threshold, dedup.NUM_PERM, 0.5, 0.5)
