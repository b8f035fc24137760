"""A throwaway PostgreSQL server for tests: ``postgres_url`` (session-scoped).

initdb into a temporary folder, postgres on a free loopback port (its unix socket in that
folder too), stopped and removed at the end of the session. Skips, with the reason, when no
initdb is installed (``make postgres`` installs Debian's). PostgreSQL refuses to run as root:
as root the cluster belongs to, and runs as, the unprivileged user ``nobody``.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid

import pytest


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_owner(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "nobody", "--", *cmd]
    return [shutil.which("su") or "su", "-s", "/bin/sh", "nobody", "-c", " ".join(cmd)]


@pytest.fixture(scope="session")
def postgres_server():
    """The URL of the ``postgres`` database on a fresh server (trust auth, loopback only)."""
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL is not installed (no initdb): run `make postgres`")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed: pip install 'crosswire[postgres]'")
    root = tempfile.mkdtemp(prefix="crosswire-pg-")
    data, sock, log = os.path.join(root, "data"), os.path.join(root, "sock"), os.path.join(root, "log")
    os.mkdir(sock)
    if os.geteuid() == 0:
        import pwd

        nobody = pwd.getpwnam("nobody")
        for path in (root, sock):
            os.chown(path, nobody.pw_uid, nobody.pw_gid)
    port = _free_port()
    try:
        subprocess.run(_as_owner([initdb, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                                  "--no-sync"]), check=True, capture_output=True, timeout=120)
        options = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(_as_owner([pg_ctl, "-D", data, "-l", log, "-w", "-t", "60", "-o", options, "start"]),
                       check=True, capture_output=True, timeout=120)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(root, ignore_errors=True)
        detail = getattr(exc, "stderr", b"") or b""
        pytest.skip(f"could not start a PostgreSQL server: {detail.decode(errors='replace')[-300:]}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_owner([pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"]),
                       capture_output=True, timeout=120)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty database on the session's server for one test."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield postgres_server.rsplit("/", 1)[0] + "/" + name
