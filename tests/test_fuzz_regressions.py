"""Every input the fuzzing found a crash or a hang with, kept in tests/data/hostile/, run again.

Each file goes through the CLI as a user runs it, in its own process with a time bound: a
clear answer (exit 0 or 1, a JSON document), no traceback, no exit 70, no hang.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent / "data" / "hostile"
CASES = sorted(p for p in HOSTILE.iterdir() if p.is_file() and not p.name.endswith(".md"))


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_fuzz_regression_file_is_answered_in_bounded_time(tmp_path, path):
    env = {**os.environ, "CROSSWIRE_HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "crosswire", "analyze", str(path), "--json"],
                          capture_output=True, env=env, timeout=60)
    err = proc.stderr.decode(errors="replace")
    assert proc.returncode in (0, 1), err[-2000:]
    assert "Traceback" not in err and "internal error" not in err
    json.loads(proc.stdout)


def test_extract_long_digit_run_is_linear(tmp_path):
    """A run of 90,000 digits after a trigger word: the duration patterns' \\d+ backtracked over
    it from every start (quadratic), one article took 541 s to extract."""
    text = "The talks lasted for " + "9" * 90_000 + " days, officials said on Monday."
    code = ("import sys, json; from crosswire.extract.pipeline import Extractor; "
            "ex = Extractor(use_model=False).extract('a', sys.stdin.read()); print(json.dumps(ex.error))")
    proc = subprocess.run([sys.executable, "-c", code], input=text.encode(), capture_output=True, timeout=30)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
