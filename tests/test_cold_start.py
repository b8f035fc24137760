"""A cold ``crosswire analyze`` imports only what it uses (issue 13: cold demo under 3 s).

Each check runs in a fresh interpreter, since this test process has long since imported
everything. The libraries named here cost a measurable share of a cold run (``python -X
importtime``): scipy (through datasketch) about a second.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"


def _modules_after(code: str) -> set[str]:
    """Top-level package names in sys.modules after running ``code`` in a fresh interpreter."""
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}, timeout=120)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_cold_start_dedup_imports_neither_datasketch_nor_scipy():
    loaded = _modules_after("from crosswire.group.dedup import find_reuse")
    assert not loaded & {"datasketch", "scipy"}


def test_cold_start_static_encoder_does_not_import_model2vec():
    loaded = _modules_after("from crosswire.embeddings import get_encoder\nget_encoder().encode(['Talks were cancelled.'])")
    assert "model2vec" not in loaded and "huggingface_hub" not in loaded


def test_cold_start_spacy_pipes_never_run_are_not_loaded():
    from crosswire.nlp import load_nlp

    nlp = load_nlp()
    assert nlp is not None
    assert "senter" not in nlp.component_names  # excluded, not loaded and disabled
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]


def _full_modules_after(code: str) -> set[str]:
    """Every module name in sys.modules after running ``code`` in a fresh interpreter."""
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))\n"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}, timeout=120)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_cold_start_model_load_does_not_import_spacy_cli():
    # spacy.cli pulls typer, weasel, requests and httpx: 0.2 s of a cold run crosswire never uses
    loaded = _full_modules_after("import crosswire.ingest.meta\nfrom crosswire.nlp import load_nlp\n"
                                 "assert load_nlp() is not None")
    assert "spacy" in loaded
    assert not {m for m in loaded if m == "spacy.cli" or m.startswith("spacy.cli.")}
    assert not loaded & {"typer", "weasel", "requests", "httpx"}


def test_cold_start_spacy_cli_still_importable_after_lazy_import():
    # the placeholders are gone once spaCy is in: its real command line and spacy.info still work
    code = ("from crosswire.nlp import import_spacy\nspacy = import_spacy()\n"
            "import spacy.cli.download\nfrom spacy.cli.info import info\n"
            "assert callable(spacy.cli.download) and callable(info)\n"
            "assert 'spaCy version' in spacy.info(markdown=True, silent=True)\n")
    loaded = _full_modules_after(code)
    assert "spacy.cli.download" in loaded
