"""The store URL from the command line and the environment: --store / CROSSWIRE_STORE."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _crosswire(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crosswire", *args], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})})


def test_crosswire_store_env_names_a_postgresql_store(postgres_url, demo_dir):
    one = sorted(demo_dir.glob("*.txt"))[0]
    added = _crosswire("add", str(one), env={"CROSSWIRE_STORE": postgres_url})
    assert added.returncode == 0, added.stderr
    listed = _crosswire("--store", postgres_url, "stories", "--json")
    assert listed.returncode == 0, listed.stderr
    stories = json.loads(listed.stdout)
    assert len(stories) == 1


def test_an_unreachable_postgresql_store_is_exit_4_with_a_clear_message():
    result = _crosswire("--store", "postgresql://nobody:secret@127.0.0.1:1/none", "stories")
    assert result.returncode == 4
    assert "cannot open the store" in result.stderr and "Traceback" not in result.stderr
    assert "secret" not in result.stderr  # the password is not echoed
