"""Bad arguments and wrong-kind inputs found while fuzzing the CLI: one clear line, never exit 70."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from crosswire.errors import CrosswireError
from crosswire.web import serve


def run(args, home, stdin=None, timeout=120):
    env = {**os.environ, "CROSSWIRE_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "crosswire", *args], input=stdin, capture_output=True,
                          env=env, timeout=timeout)


@pytest.mark.parametrize("port", ["99999", "-1", "65536"])
def test_cli_serve_out_of_range_port_is_a_wrong_argument(tmp_path, port):
    proc = run(["serve", "--port", port], tmp_path, timeout=60)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err and "internal error" not in err
    assert "port" in err.lower()


def test_web_serve_refuses_an_out_of_range_port():
    with pytest.raises(CrosswireError, match="port"):
        serve(host="127.0.0.1", port=99999)


def test_cli_extract_on_a_file_that_is_not_jsonl_fails_with_one_message(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Not JSON at all.</p>\n<p>Second line.</p></body></html>\n")
    proc = run(["extract", str(page)], tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 1, (proc.returncode, err)
    assert proc.stdout == b""
    assert err.count("\n") == 1 and "JSONL" in err and "Traceback" not in err


def test_cli_extract_on_binary_input_fails_with_one_message(tmp_path):
    blob = tmp_path / "blob.bin"
    blob.write_bytes(bytes(range(256)) * 40)
    proc = run(["extract", str(blob)], tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and proc.stdout == b"" and err.count("\n") == 1, err


def test_cli_extract_jsonl_with_one_bad_line_keeps_errors_inline(tmp_path):
    src = tmp_path / "records.jsonl"
    src.write_text('{"id": "a", "text": "The council approved 12 new buses on Monday."}\nnot json\n')
    proc = run(["extract", str(src)], tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 2 and '"error"' in lines[1]
