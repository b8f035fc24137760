"""`make demo` is one of the two commands a newcomer runs: its recipe must work from a fresh
checkout (no out/ folder yet). The recipe is read from the Makefile and run as written, in an
empty folder that holds only the examples."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _recipe(target: str) -> list[str]:
    lines, inside = [], False
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        if re.match(rf"^{target}\s*:", line):
            inside = True
            continue
        if inside:
            if not line.startswith("\t"):
                break
            lines.append(line[1:])
    return lines


@pytest.mark.slow
def test_makefile_demo_recipe_runs_in_a_fresh_checkout(tmp_path):
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    bin_dir = str(Path(sys.executable).parent)
    recipe = _recipe("demo")
    assert recipe, "no demo recipe in the Makefile"
    for cmd in recipe:
        cmd = cmd.replace("$(BIN)", bin_dir)
        done = subprocess.run(cmd, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "CROSSWIRE_HOME": str(tmp_path / "home")})
        assert done.returncode == 0, f"{cmd}: {done.stderr[-2000:]}"
    assert (tmp_path / "out" / "demo" / "dossier.html").exists()
