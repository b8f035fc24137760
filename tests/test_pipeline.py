"""The whole pipeline through the Python API: the same answer locally, on Dask, and without a model."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import crosswire
from crosswire.report.json import analysis_to_dict, validate_analysis
from crosswire.pipeline import COMPARE_BATCH, Pipeline


def _comparable(doc: dict) -> dict:
    """The analysis without what legitimately differs between stores (nothing should)."""
    return json.loads(json.dumps(doc, sort_keys=True))


@pytest.fixture(scope="module")
def demo_analysis(tmp_path_factory, demo_dir_module):
    with crosswire.Store(tmp_path_factory.mktemp("s") / "db.sqlite") as store:
        return store.analyze([str(demo_dir_module)])


@pytest.fixture(scope="module")
def demo_dir_module():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "examples" / "japan-2plus2"


@pytest.mark.slow
def test_pipeline_demo_is_one_valid_story(demo_analysis):
    doc = analysis_to_dict(demo_analysis)
    validate_analysis(doc)
    assert len(demo_analysis.stories) == 1
    dossier = demo_analysis.stories[0]
    assert len(dossier.articles) == 5
    assert dossier.story.origin is not None


@pytest.mark.slow
def test_pipeline_api_and_cli_give_the_same_dossier(demo_analysis, demo_dir_module, tmp_path):
    env = {**os.environ, "CROSSWIRE_HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "crosswire", "analyze", str(demo_dir_module), "--json"],
                          capture_output=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr.decode()
    assert _comparable(json.loads(proc.stdout)) == _comparable(analysis_to_dict(demo_analysis))


@pytest.mark.slow
def test_pipeline_on_a_dask_local_cluster_matches_local_run(demo_analysis, demo_dir_module, tmp_path):
    with crosswire.Store(tmp_path / "db.sqlite") as store:
        on_dask = store.analyze([str(demo_dir_module)], dask="local")
    assert _comparable(analysis_to_dict(on_dask)) == _comparable(analysis_to_dict(demo_analysis))


@pytest.mark.slow
def test_pipeline_on_dask_runs_cleaning_extraction_and_comparison_on_workers(demo_analysis, demo_dir_module, tmp_path):
    from dask.distributed import Client, LocalCluster, get_task_stream

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as cluster, Client(cluster) as client:
        with get_task_stream(client) as stream, crosswire.Store(tmp_path / "db.sqlite") as store:
            on_dask = store.analyze([str(demo_dir_module)], dask=cluster.scheduler_address)
        ran = {str(t["key"]).split("-")[0] for t in stream.data}  # "compare_batch-<token>"
    assert {"clean_batch", "extract_batch", "compare_batch"} <= ran, ran
    assert _comparable(analysis_to_dict(on_dask)) == _comparable(analysis_to_dict(demo_analysis))


@pytest.mark.slow
def test_pipeline_works_without_a_spacy_model(demo_dir_module, tmp_path):
    env = {**os.environ, "CROSSWIRE_HOME": str(tmp_path), "CROSSWIRE_NO_MODEL": "1"}
    proc = subprocess.run([sys.executable, "-m", "crosswire", "analyze", str(demo_dir_module), "--json"],
                          capture_output=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    validate_analysis(doc)
    claims = [c for s in doc["stories"] for c in s["claims"]]
    assert any(c["kind"] == "quantity" for c in claims)


def test_pipeline_same_article_twice_in_one_run_is_one_article(tmp_path):
    text = ("The council of Eastvale voted on Tuesday to scrap its plan for a light-rail line, citing costs "
            "that had more than doubled to $2.4 billion, officials said.")
    docs = [crosswire.RawDocument(source="a", content=text), crosswire.RawDocument(source="a", content=text + "\n\nMenu")]
    with crosswire.Store(tmp_path / "db.sqlite") as store:
        analysis = store.analyze(docs)
        assert sum(len(d.articles) for d in analysis.stories) == 1
        assert len(store.articles()) == 1


def test_pipeline_same_text_from_two_sources_is_two_articles_one_copying_the_other(tmp_path):
    text = ("The council of Eastvale voted on Tuesday to scrap its plan for a light-rail line, citing costs "
            "that had more than doubled to $2.4 billion, officials said.")
    docs = [crosswire.RawDocument(source="a", content=text), crosswire.RawDocument(source="b", content=text + "\n\nMenu")]
    with crosswire.Store(tmp_path / "db.sqlite") as store:
        analysis = store.analyze(docs)
        articles = [a for d in analysis.stories for a in d.articles]
        assert sorted(a.source for a in articles) == ["a", "b"] and len(store.articles()) == 2
        by_source = {a.source: a.id for a in articles}
        edges = [e for d in analysis.stories for e in d.lineage if e.kind == "copies"]
        # Undated: the input given second copies the one given first.
        assert [(e.source, e.target, e.score) for e in edges] == [(by_source["b"], by_source["a"], 1.0)]


@pytest.mark.slow
def test_pipeline_cli_api_and_http_give_the_same_analysis(demo_dir_module, tmp_path, monkeypatch):
    """One corpus, three interfaces, one answer (each input named by its file name)."""
    import httpx

    from crosswire.web import create_app

    sys.path.insert(0, str(demo_dir_module.parent.parent / "tests" / "data" / "web"))
    import server as web_helpers

    names = sorted(p.name for p in demo_dir_module.glob("*.txt"))
    env = {**os.environ, "CROSSWIRE_HOME": str(tmp_path / "cli")}
    proc = subprocess.run([sys.executable, "-m", "crosswire", "analyze", *names, "--json"], cwd=demo_dir_module,
                          capture_output=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr.decode()
    by_cli = json.loads(proc.stdout)

    monkeypatch.chdir(demo_dir_module)
    with crosswire.Store(tmp_path / "api.sqlite") as store:
        by_api = analysis_to_dict(store.analyze(names))

    with crosswire.Store(tmp_path / "http.sqlite") as store:
        with web_helpers.running_server(create_app(store)) as url:
            files = [("files", (n, (demo_dir_module / n).read_bytes(), "text/plain")) for n in names]
            response = httpx.post(url + "/api/analyze", files=files, timeout=300)
    assert response.status_code == 200, response.text
    by_http = response.json()
    assert _comparable(by_cli) == _comparable(by_api) == _comparable(by_http)


class _Slots:
    """The one thing Pipeline asks a Dask client before splitting work: its worker slots."""

    def __init__(self, slots: int):
        self.slots = slots

    def nthreads(self):
        return {f"tcp://127.0.0.1:{9000 + k}": 1 for k in range(self.slots)}


def test_pipeline_dask_tasks_are_small_enough_to_keep_every_worker_busy(tmp_path):
    # The run ends with the slowest worker's last task: at four tasks per slot a 200-article
    # extraction (25-article tasks of 3-8 s) left one of two workers idle for its last ~15%.
    with crosswire.Store(tmp_path / "db.sqlite") as store:
        pipeline = Pipeline(store._store, client=_Slots(2))
        size = pipeline._batch_size(200)
        assert -(-200 // size) >= 16  # at least eight extraction tasks per slot
        assert pipeline._batch_size(20) == 8  # never below MIN_DASK_BATCH
        stories = pipeline._batch_size(26, largest=COMPARE_BATCH, smallest=1)
        assert -(-26 // stories) >= 13 and stories <= COMPARE_BATCH
        assert Pipeline(store._store)._batch_size(200) == 64  # locally: one big batch at a time


@pytest.mark.slow
def test_pipeline_warm_worker_loads_the_models_on_every_worker():
    from dask.distributed import Client, LocalCluster

    from crosswire.pipeline import warm_worker

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        loaded = client.run(warm_worker)
    assert len(loaded) == 2
    assert all(v == {"nlp": True, "encoder": "static"} for v in loaded.values()), loaded
