"""Every file the README names is in the repository (it linked a contract file that was not)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ("out/",)  # written by `make demo`


def test_readme_names_only_files_that_exist():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([A-Za-z0-9_.\-]+/[A-Za-z0-9_./\-]*)`", text))
    named |= set(re.findall(r"\]\(([A-Za-z0-9_.\-]+/[A-Za-z0-9_./\-]*)\)", text))
    missing = [p for p in sorted(named) if not p.startswith(GENERATED)
               and not (ROOT / p).exists() and not (ROOT / "src" / "crosswire" / p).exists()]
    assert not missing, f"README names files that are not in the repository: {missing}"
