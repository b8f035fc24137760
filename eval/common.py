"""Helpers every eval script shares: pinned floors and a plain table."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent


def load_eval(name: str):
    """``eval/<name>.py`` as a module, loaded once by path (eval/ is no package, and names such
    as ``quantities`` or ``dates`` must not shadow anything on sys.path)."""
    key = f"eval_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, EVAL_DIR / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


def load_floor(name: str) -> dict[str, float]:
    """The pinned floors of ``eval/<name>_floor.json``."""
    return json.loads((EVAL_DIR / f"{name}_floor.json").read_text(encoding="utf-8"))


def print_table(title: str, header: list[str], rows: list[list[object]]) -> None:
    """Print rows as an aligned text table (floats with 3 decimals)."""
    cells = [[f"{v:.3f}" if isinstance(v, float) else str(v) for v in row] for row in rows]
    widths = [max([len(str(h))] + [len(r[i]) for r in cells if i < len(r)])
              for i, h in enumerate(header)]
    print(f"\n{title}")
    print("  ".join(str(h).ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)))


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    """Precision (matched predictions / predictions), recall (matched gold / gold) and F1."""
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def flat(results: dict[str, dict]) -> dict[str, float]:
    """``{"set": {"f1": x}}`` as ``{"set.f1": x}``, the keys floor files use."""
    return {f"{name}.{k}": v for name, metrics in results.items() for k, v in metrics.items()
            if isinstance(v, (int, float))}


def check_floors(measured: dict[str, float], floors: dict[str, float]) -> list[str]:
    """One message per measure below its floor (a floor with no measure is a failure too)."""
    failures = []
    for key, floor in floors.items():
        if key.startswith("_"):
            continue
        value = measured.get(key)
        if value is None or value < floor:
            failures.append(f"{key}: {value if value is None else round(value, 4)} < floor {floor}")
    return failures
