"""`crosswire add` killed with SIGKILL at random moments leaves a store that opens, passes
PRAGMA integrity_check and lists its stories; a re-run of the same add stores every article
exactly once, each in one story and in the clusterer's state. Real processes, a real SQLite file."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time

import pytest

from test_concurrent_writers import ROOT, add_command, check_store, write_corpus


@pytest.mark.slow
def test_add_killed_at_five_random_moments_then_rerun_loses_and_duplicates_nothing(tmp_path):
    corpus = tmp_path / "in"
    expected = {str(p) for p in write_corpus(corpus, 30, seed=3)}
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    # How long a whole add takes here, into a scratch store: the kills fall inside it.
    started = time.monotonic()
    subprocess.run(add_command(str(tmp_path / "scratch.db"), corpus), env=env, check=True,
                   capture_output=True, timeout=600)
    duration = time.monotonic() - started
    seed = int(os.environ.get("CROSSWIRE_CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    store = str(tmp_path / "store.db")
    for moment in sorted(rng.uniform(0.2, duration) for _ in range(5)):
        proc = subprocess.Popen(add_command(store, corpus), env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=moment)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        if os.path.exists(store):
            conn = sqlite3.connect(store)
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"seed {seed}, {moment:.2f} s"
            conn.close()
            listed = subprocess.run([*add_command(store, corpus)[:5], "stories"], env=env,
                                    capture_output=True, text=True, timeout=120)
            assert listed.returncode == 0, (seed, moment, listed.stderr)
    rerun = subprocess.run(add_command(store, corpus), env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, (seed, rerun.stderr)
    check_store(store, expected)
    # The re-run wrote a dossier for every story.
    conn = sqlite3.connect(store)
    assert conn.execute("SELECT count(*) FROM stories WHERE dossier IS NULL").fetchone()[0] == 0
