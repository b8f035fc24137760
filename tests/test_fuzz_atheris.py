"""A short bounded run of the atheris target fuzz/fuzz_pipeline.py (read → clean → extract)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris")

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_fuzz_atheris_pipeline_target_finds_no_crash_in_a_bounded_run(tmp_path):
    corpus = tmp_path / "corpus"  # libFuzzer adds to its first corpus folder: never the repo's
    corpus.mkdir()
    for p in (ROOT / "tests" / "data" / "inputs").iterdir():
        if p.is_file() and p.suffix != ".py":
            shutil.copy(p, corpus / p.name)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "fuzz_pipeline.py"), str(corpus), "-max_total_time=20",
         "-timeout=60", "-rss_limit_mb=2048", f"-artifact_prefix={tmp_path}/", "-print_final_stats=1"],
        capture_output=True, timeout=300)
    err = proc.stderr.decode(errors="replace")
    crashes = [p.name for p in tmp_path.iterdir() if p.name.startswith(("crash-", "timeout-", "oom-", "leak-"))]
    assert proc.returncode == 0 and not crashes, (crashes, err[-3000:])
    assert "Done" in err and "stat::number_of_executed_units" in err
