"""Compressed inputs found broken by fuzzing: bzip2 and xz were never readable (every .bz2 or .xz
file, valid or not, became "unreadable input: TypeError")."""

from __future__ import annotations

import bz2
import lzma

import pytest

from crosswire.ingest.readers import read_upload
from crosswire.models import RawDocument, Rejection

TEXT = ("Port workers ended their strike on Monday after the union accepted a 4% raise, "
        "the harbour authority said.\n")


@pytest.mark.parametrize("suffix, pack", [(".bz2", bz2.compress), (".xz", lzma.compress)])
def test_fuzz_bz2_and_xz_files_are_read(suffix, pack):
    items = list(read_upload("article.txt" + suffix, pack(TEXT.encode())))
    assert len(items) == 1 and isinstance(items[0], RawDocument), items
    assert items[0].content == TEXT


@pytest.mark.parametrize("suffix, pack", [(".bz2", bz2.compress), (".xz", lzma.compress)])
def test_fuzz_truncated_bz2_and_xz_are_corrupt_not_unreadable(suffix, pack):
    data = pack((TEXT * 200).encode())
    items = list(read_upload("article.txt" + suffix, data[: len(data) // 2]))
    assert len(items) == 1 and isinstance(items[0], Rejection), items
    assert items[0].error.startswith("truncated or corrupt"), items[0].error
    assert "TypeError" not in items[0].error


def test_fuzz_warc_without_any_page_is_a_rejection_not_silence():
    """Found by fuzzing: a WARC of request records only yielded nothing at all (the input vanished)."""
    http = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
    record = (b"WARC/1.0\r\nWARC-Type: request\r\nWARC-Target-URI: http://x/\r\n"
              b"WARC-Date: 2025-06-10T10:00:00Z\r\nContent-Type: application/http; msgtype=request\r\n"
              b"Content-Length: " + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n")
    items = list(read_upload("pages.warc", record * 2))
    assert len(items) == 1 and isinstance(items[0], Rejection), items
    assert "no HTML page" in items[0].error


@pytest.mark.parametrize("name", ["doc.jsonl", "doc.json"])
def test_fuzz_empty_envelope_is_a_rejection_not_silence(name):
    """Found by fuzzing: {"articles": []} in a .jsonl file yielded nothing (the input vanished)."""
    items = list(read_upload(name, b'{"articles": []}'))
    assert len(items) == 1 and isinstance(items[0], Rejection), items
    assert "no records" in items[0].error
