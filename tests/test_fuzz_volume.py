"""Hostile input at volume: 3,000 generated files (tests/fuzz/hostile.py) through the CLI and
the Python API, each process measured (exit code, traceback, time, peak RSS from wait4).

Half the corpus goes through ``crosswire analyze FOLDER --json`` (a folder of 250 files per
process), half through ``crosswire.Store.analyze`` in tests/fuzz/drive_api.py (which also times
read → clean of every input alone). Every process must end with exit 0 or 1, no traceback, no
exit 70, within its time bound and under 2 GB of peak RSS; every input file must be accounted
for in the answer (an article's or a rejection's source).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from crosswire.report.json import validate_analysis

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))
import hostile  # noqa: E402

FILES = 3000
PER_FOLDER = 250
RSS_LIMIT_MB = 2048
PROCESS_TIMEOUT = 900  # per folder of 250 files; any single input over 60 s is caught in the API driver
DRIVER = Path(__file__).parent / "fuzz" / "drive_api.py"


def run_measured(cmd: list[str], out: Path, err: Path, env: dict,
                 timeout: float = PROCESS_TIMEOUT) -> tuple[int, float, float, bool]:
    """(exit code, peak RSS in MB, seconds, hung: killed after ``timeout``) of one process, its output in files."""
    started = time.monotonic()
    hung = False
    with out.open("wb") as o, err.open("wb") as e:
        proc = subprocess.Popen(cmd, stdout=o, stderr=e, env=env)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                hung = True
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.2)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    return proc.returncode, usage.ru_maxrss / 1024, time.monotonic() - started, hung


def accounted(document: dict, folder: Path) -> list[str]:
    """Names of the folder's files that no article and no rejection of ``document`` comes from."""
    sources = [a["source"] for d in document["stories"] for a in d["articles"]]
    sources += [r["source"] for r in document["rejected"]]
    root = str(folder) + os.sep
    # A record inside a file is named path:LINE, path#N or path:LINE#K; file names hold neither.
    names = {s[len(root):].split(":")[0].split("#")[0] for s in sources if s.startswith(root)}
    return sorted(p.name for p in folder.iterdir() if p.name not in names)


@pytest.fixture(scope="module")
def volume(tmp_path_factory) -> dict:
    """Run the corpus once: {"report": [...], "failures": [...], "rss": [(who, MB)]}."""
    tmp_path = tmp_path_factory.mktemp("volume")
    corpus = tmp_path / "corpus"
    hostile.write_corpus(corpus, FILES, seed=16, per_folder=PER_FOLDER)
    folders = sorted(corpus.iterdir())
    half = len(folders) // 2
    env = {**os.environ, "CROSSWIRE_HOME": str(tmp_path / "home")}
    report = []
    failures = []
    peaks = []
    api: dict = {}
    api_out, api_err = tmp_path / "api.json", tmp_path / "api.err"
    api_cmd = [sys.executable, str(DRIVER), str(tmp_path / "api.db"), *map(str, folders[half:])]
    # The API half runs beside the CLI half: two processes, two cores. Its own names: the loop
    # below rebinds cmd/out/err, which a closure would read whenever the thread got to them.
    # It reads all its folders in one process, so it has a folder's bound per folder (one bound
    # for six folders killed it at 900 s on a loaded machine, with no input near 60 s).
    api_timeout = PROCESS_TIMEOUT * (len(folders) - half)
    driver = threading.Thread(target=lambda: api.setdefault(
        "run", run_measured(api_cmd, api_out, api_err, env, api_timeout)))
    driver.start()
    for n, folder in enumerate(folders[:half]):
        out, err = tmp_path / f"cli-{n}.json", tmp_path / f"cli-{n}.err"
        cmd = [sys.executable, "-m", "crosswire", "--store", str(tmp_path / f"cli-{n}.db"), "analyze",
               str(folder), "--json"]
        code, rss, seconds, hung = run_measured(cmd, out, err, env)
        stderr = err.read_text(errors="replace")
        report.append(f"cli {folder.name}: exit {code}, {seconds:.0f} s, peak RSS {rss:.0f} MB")
        peaks.append((f"cli {folder.name}", rss))
        if hung or code not in (0, 1) or "Traceback" in stderr or "internal error" in stderr:
            failures.append(f"{report[-1]}{' HUNG' if hung else ''}\n{stderr[-3000:]}")
            continue
        document = json.loads(out.read_text())
        validate_analysis(document)
        missing = accounted(document, folder)
        if missing:
            failures.append(f"cli {folder.name}: inputs missing from the answer: {missing[:10]}")
    driver.join()
    code, rss, seconds, hung = api["run"]
    stderr = api_err.read_text(errors="replace")
    report.append(f"api {len(folders) - half} folders: exit {code}, {seconds:.0f} s, peak RSS {rss:.0f} MB")
    peaks.append(("api", rss))
    if hung or code != 0 or "Traceback" in stderr:
        failures.append(f"{report[-1]}{' HUNG' if hung else ''}\n{stderr[-3000:]}")
    else:
        summary = json.loads(api_out.read_text())
        report.append(f"api: {json.dumps(summary)}")
        if summary["inputs"] != FILES - half * PER_FOLDER:
            failures.append(f"api: {summary['inputs']} inputs read, not {FILES - half * PER_FOLDER}")
        if summary["slowest_seconds"] > 60:
            failures.append(f"api: one input took {summary['slowest_seconds']} s to read and clean: {summary['slowest']}")
    print("\n".join(report))
    return {"report": report, "failures": failures, "rss": peaks}


@pytest.mark.slow
def test_fuzz_3000_hostile_inputs_no_traceback_no_exit_70_no_hang_nothing_lost(volume):
    assert not volume["failures"], "\n\n".join(volume["failures"])


@pytest.mark.slow
def test_fuzz_3000_hostile_inputs_peak_rss_under_2_gb(volume):
    over = [f"{who}: {mb:.0f} MB" for who, mb in volume["rss"] if mb > RSS_LIMIT_MB]
    assert not over, over
