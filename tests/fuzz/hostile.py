"""A generated corpus of hostile input files, deterministic by seed.

    python tests/fuzz/hostile.py OUT_DIR [-n 3000] [--seed 0]

Each file is one of the kinds below, built from a seeded random generator, so a corpus of N
files with seed S is the same on every machine and a failing file can be rebuilt by index
(``make_one(seed, index)``). The kinds are what a reader of news files meets at its worst:

    gzip       truncated, bit-flipped, trailing garbage, nested, a decompression bomb
    html       deep nesting (up to 100,000 levels), unclosed tags, scripts, giant attributes
    jsonl      wrong types, NUL, invalid UTF-8, lone surrogates, huge fields and numbers, deep arrays
    json       the same as a document, arrays and envelopes
    feed       internal and external entities, DTDs, billion laughs, bad dates, empty entries
    warc       bad or missing headers, lying Content-Length, truncated records, bad HTTP inside
    text       RTL and bidi overrides, combining marks, zero-width characters, no spaces, controls
    binary     empty, blank, random bytes, magic numbers of other formats, oversized files
    mutant     byte flips, truncations and splices of the valid files in tests/data/inputs
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import io
import json
import lzma
import random
from collections.abc import Callable
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "data" / "inputs"
PROSE = ("The council voted on Tuesday to close the old bridge after engineers found cracks. "
         "Mayor Ana Ruiz said 1,200 drivers cross it every day and repairs would cost $4.5 million. "
         "\"We had no choice,\" she told reporters in Eastvale. Police said nobody was hurt.")
RTL = "قال رئيس البلدية إن الجسر سيغلق يوم الثلاثاء. ראש העיר אמר כי הגשר ייסגר ביום שלישי."
ODD = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u202d", "\u2066", "\u2069",
       "\u0301", "\u0336", "\u034f", "\u00ad", "\u2028", "\u2029", "\x0b", "\x0c", "\x1b", "\x7f",
       "\ufffd", "\U0001f600", "\U000e0041", "\u180e", "\u3000", "\ufff9"]


def _prose(rng: random.Random, words: int | None = None) -> str:
    base = PROSE.split()
    n = words or rng.randint(5, 200)
    return " ".join(base[rng.randrange(len(base))] for _ in range(n))


def _weird(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.5:
            out.append(rng.choice(ODD))
        elif r < 0.7:
            out.append(chr(rng.randint(0x300, 0x36f)) * rng.randint(1, 30))  # combining pile-up
        elif r < 0.85:
            out.append(RTL[rng.randrange(len(RTL)):][:rng.randint(1, 40)])
        else:
            out.append(chr(rng.choice([rng.randint(1, 0x1f), rng.randint(0x80, 0x9f), rng.randint(0xe000, 0xf8ff)])))
    return "".join(out)


def _seed_files() -> list[Path]:
    return sorted(p for p in SEEDS.rglob("*") if p.is_file() and p.suffix != ".py")


# --------------------------------------------------------------------------- kinds


def gzip_kind(rng: random.Random) -> tuple[str, bytes]:
    inner = PROSE.encode() * rng.randint(1, 50)
    packed = gzip.compress(inner)
    how = rng.randrange(6)
    if how == 0:
        data = packed[:rng.randint(0, len(packed) - 1)]
    elif how == 1:
        data = bytearray(packed)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        data = bytes(data)
    elif how == 2:
        data = packed + bytes(rng.randrange(256) for _ in range(rng.randint(1, 200)))
    elif how == 3:
        data = gzip.compress(gzip.compress(gzip.compress(inner)))
    elif how == 4:
        data = b"\x1f\x8b" + bytes(rng.randrange(256) for _ in range(rng.randint(0, 100)))
    else:
        data = rng.choice([bz2.compress, lzma.compress])(inner)[:rng.randint(5, 60)]
        return rng.choice(["a.txt.bz2", "a.txt.xz"]), data
    return rng.choice(["a.txt.gz", "a.jsonl.gz", "a.warc.gz", "a.html.gz", "a.gz", "a.xml.gz"]), data


def bomb_kind(rng: random.Random) -> tuple[str, bytes]:
    # 60 MB of one byte in ~60 KB: the reader's cap (20 MB) must stop it, not memory.
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as f:
        chunk = (b"a" if rng.random() < 0.5 else b"{\"text\": \"") * 1_000_000
        for _ in range(60):
            f.write(chunk)
    return rng.choice(["bomb.txt.gz", "bomb.jsonl.gz", "bomb.gz"]), out.getvalue()


def html_kind(rng: random.Random) -> tuple[str, bytes]:
    how = rng.randrange(5)
    text = _prose(rng) + _weird(rng, rng.randint(0, 20))
    if how == 0:
        depth = rng.choice([1000, 5000, 20_000, 100_000])
        tag = rng.choice(["div", "span", "b", "p", "table", "li", "article"])
        body = f"<{tag}>" * depth + text + (f"</{tag}>" * depth if rng.random() < 0.5 else "")
    elif how == 1:
        body = "".join(f"<{rng.choice(['div', 'p', 'i', 'td', 'tr', 'ul'])} class=x{i}>{_prose(rng, 3)}"
                       for i in range(rng.randint(100, 20_000)))
    elif how == 2:
        body = (f"<script>{'x=1;' * rng.randint(1, 10_000)}</script><style>{'a{}' * 1000}</style>"
                f"<p title=\"{'A' * rng.randint(1, 1_000_000)}\">{text}</p><!-- {'-' * 1000}")
    elif how == 3:
        body = f"<p>{text}</p>" * rng.randint(1, 50) + "<" * rng.randint(1, 5000) + "&#x110000;&#0;&bogus;&#99999999;"
    else:
        body = f"<article><h1>{_weird(rng, 50)}</h1><p>{RTL} {text}</p><p>\x00{text}\x00</p></article>"
    head = rng.choice(["<!doctype html><html><head><title>t</title>"
                       "<meta property='og:url' content='javascript:alert(1)'>"
                       "<link rel=canonical href='file:///etc/passwd'></head><body>",
                       "<html><body>", "<!DOCTYPE html [<!ENTITY x 'y'>]><html><body>", ""])
    data = (head + body + "</body></html>").encode("utf-8", "surrogatepass")
    return rng.choice(["page.html", "page.htm", "page.txt", "page"]), data


def _json_value(rng: random.Random, depth: int = 0):
    r = rng.random()
    if depth > 3 or r < 0.25:
        return rng.choice([None, True, False, 0, -1, 1e308, -1e-308, 2 ** 70, "", _prose(rng, 3),
                           "\x00", "\ud800", _weird(rng, 5), "2025-13-45T99:99:99Z", "0000-00-00"])
    if r < 0.5:
        return [_json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(["text", "title", "published", "url", "outlet", "authors", "source", "html",
                        "maintext", "date_publish", "articleBody", "author", "x"]): _json_value(rng, depth + 1)
            for _ in range(rng.randint(0, 5))}


def _record(rng: random.Random) -> str:
    how = rng.randrange(10)
    if how == 0:
        return json.dumps({"text": rng.choice([5, [PROSE], {"a": 1}, None, True, 1.5])})
    if how == 1:
        return json.dumps({"text": PROSE + "\x00" + _weird(rng, 10), "title": "\x00"})
    if how == 2:  # over MAX_TEXT_CHARS (500,000) now and then, not always: disk and time
        return json.dumps({"text": "x" * (rng.randint(100_000, 600_000) if rng.random() < 0.05 else rng.randint(1000, 20_000))})
    if how == 3:
        return json.dumps({"text": PROSE, "published": rng.choice([12345, "yesterday", "9999-99-99", [],
                                                                   "2025-02-30", "-0001-01-01", "1e400"])})
    if how == 4:
        return "[" * rng.randint(1000, 200_000) + "]" * rng.randint(0, 10)
    if how == 5:
        return '{"text": "' + PROSE + '", "n": ' + "9" * rng.randint(1000, 100_000) + "}"
    if how == 6:
        return '{"text": "\\ud800\\udfff\\udc00' + PROSE + '", "title": "\\u0000"}'
    if how == 7:
        return json.dumps({"text": RTL + _weird(rng, 200), "authors": [{"name": {"x": []}}] * 3})
    if how == 8:
        return json.dumps(_json_value(rng))
    return json.dumps({"html": "<div>" * 5000 + PROSE, "url": "http://[::1"})


def jsonl_kind(rng: random.Random) -> tuple[str, bytes]:
    lines = [_record(rng).encode("utf-8", "surrogatepass") for _ in range(rng.randint(1, 12))]
    if rng.random() < 0.3:
        lines.insert(rng.randrange(len(lines) + 1), b'{"text": "\xff\xfe\xc0\xaf bad utf-8 ' + PROSE.encode() + b'"}')
    if rng.random() < 0.2:
        lines.insert(rng.randrange(len(lines) + 1), b"\x00" * rng.randint(1, 100))
    sep = rng.choice([b"\n", b"\r\n", b"\r", b"\n\n"])
    return rng.choice(["records.jsonl", "records.ndjson", "records.json", "records.txt"]), sep.join(lines)


def json_kind(rng: random.Random) -> tuple[str, bytes]:
    how = rng.randrange(4)
    if how == 0:
        data = "[" + ",".join(_record(rng) for _ in range(rng.randint(1, 8))) + rng.choice(["]", "", ",", "]]"])
    elif how == 1:
        data = json.dumps({rng.choice(["articles", "items", "data", "results"]):
                           [_json_value(rng) for _ in range(rng.randint(0, 10))]})
    elif how == 2:
        data = '{"articles": ' + "[" * rng.randint(100, 50_000)
    else:
        data = json.dumps({"text": PROSE, "title": _weird(rng, 30)}) + rng.choice(["", "}", " trailing", "\x00"])
    return rng.choice(["doc.json", "doc.jsonl", "doc"]), data.encode("utf-8", "surrogatepass")


def feed_kind(rng: random.Random) -> tuple[str, bytes]:
    how = rng.randrange(6)
    item = f"<item><title>{_prose(rng, 6)}</title><description>{_prose(rng)}</description>" \
           f"<pubDate>{rng.choice(['Tue, 10 Jun 2025 10:00:00 GMT', 'not a date', '99 Foo 0000', ''])}</pubDate>" \
           f"<link>{rng.choice(['http://x/a', 'javascript:alert(1)', 'file:///etc/passwd', ''])}</link></item>"
    if how == 0:  # billion laughs
        levels = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
        dtd = f'<!DOCTYPE rss [<!ENTITY l0 "lol">{levels}]>'
        body = f"<rss version='2.0'><channel><title>&l9;</title><item><title>&l9;</title><description>&l9;</description></item></channel></rss>"
    elif how == 1:  # external entity
        dtd = ('<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY net SYSTEM '
               '"http://127.0.0.1:9/x"><!ENTITY % p SYSTEM "http://127.0.0.1:9/p"> %p;]>')
        body = f"<rss version='2.0'><channel><item><title>&xxe;</title><description>&net; {PROSE}</description></item></channel></rss>"
    elif how == 2:  # atom with odd content
        dtd = ""
        body = ("<feed xmlns='http://www.w3.org/2005/Atom'>" + "".join(
            f"<entry><title type='html'>{_weird(rng, 10)}</title><content type='{rng.choice(['html', 'xhtml', 'text', 'x'])}'>"
            f"&lt;div&gt;{'&lt;b&gt;' * rng.randint(0, 3000)}{_prose(rng)}</content>"
            f"<updated>{rng.choice(['2025-06-10T10:00:00Z', '2025-99-10', ''])}</updated></entry>"
            for _ in range(rng.randint(0, 20))) + "</feed>")
    elif how == 3:  # many items, deep junk
        dtd = ""
        body = "<rss version='2.0'><channel>" + item * rng.randint(0, 300) + "<x>" * rng.randint(0, 20_000) + "</channel></rss>"
    elif how == 4:  # RDF, truncated
        dtd = ""
        body = ("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns='http://purl.org/rss/1.0/'>"
                + item.replace("item", "item") * 3)[: rng.randint(50, 2000)]
    else:  # internal entities and CDATA
        dtd = '<!DOCTYPE rss [<!ENTITY a "' + "A" * rng.randint(1, 100_000) + '">]>'
        body = f"<rss version='2.0'><channel><item><title>&a;</title><description><![CDATA[{_prose(rng)}]]>]]&gt;</description></item></channel></rss>"
    decl = rng.choice(['<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="bogus-enc"?>',
                       '<?xml version="1.0" encoding="UTF-16"?>', ""])
    return rng.choice(["feed.xml", "feed.rss", "feed.atom", "feed"]), (decl + dtd + body).encode("utf-8", "surrogatepass")


def warc_kind(rng: random.Random) -> tuple[str, bytes]:
    html = f"<html><body><p>{PROSE}</p></body></html>".encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
    records = []
    for _ in range(rng.randint(1, 5)):
        length = rng.choice([str(len(http)), "-5", "abc", str(len(http) + 10_000), "9" * 30, "", str(len(http) // 2)])
        headers = [rng.choice(["WARC/1.0", "WARC/9.9", "HTTP/1.1", "", "WARC/1.0 extra"]),
                   f"WARC-Type: {rng.choice(['response', 'request', 'resource', 'warcinfo', '', 'x' * 5000])}",
                   f"WARC-Target-URI: {rng.choice(['http://x/a', 'javascript:alert(1)', '', '::::'])}",
                   f"WARC-Date: {rng.choice(['2025-06-10T10:00:00Z', 'never'])}",
                   f"Content-Type: {rng.choice(['application/http; msgtype=response', 'text/html', ''])}",
                   f"Content-Length: {length}"]
        rng.shuffle(headers[1:])
        if rng.random() < 0.2:
            headers.append("Broken header line without colon")
        payload = http if rng.random() < 0.7 else rng.choice([b"HTTP/1.1 999 ???\r\n\r\n" + html, b"garbage" * 100,
                                                              b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n"])
        records.append("\r\n".join(headers).encode() + b"\r\n\r\n" + payload + b"\r\n\r\n")
    data = b"".join(records)
    if rng.random() < 0.3:
        data = data[: rng.randint(1, len(data))]
    if rng.random() < 0.3:
        return "pages.warc.gz", gzip.compress(data)[: rng.randint(10, 10_000)] if rng.random() < 0.5 else gzip.compress(data)
    return rng.choice(["pages.warc", "pages.arc", "pages"]), data


def text_kind(rng: random.Random) -> tuple[str, bytes]:
    how = rng.randrange(5)
    if how == 0:
        text = "\n".join(_prose(rng) + _weird(rng, rng.randint(1, 30)) for _ in range(rng.randint(1, 20)))
    elif how == 1:
        text = "\u202e" + RTL * rng.randint(1, 50) + "\u202c" + PROSE
    elif how == 2:
        text = "".join(c + "\u0301\u0336\u0489" * rng.randint(1, 20) for c in PROSE)  # zalgo
    elif how == 3:
        text = "a" * rng.randint(1000, 600_000 if rng.random() < 0.05 else 20_000)  # one word, no spaces
    else:
        text = "\u200b".join(PROSE) + "\n" * rng.randint(0, 10_000) + "\x00" * rng.randint(0, 10)
    encoding = rng.choice(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252"])
    data = text.encode(encoding, errors="ignore")
    if rng.random() < 0.2:
        data = data[: rng.randint(1, max(1, len(data)))]
    return rng.choice(["article.txt", "article.md", "article", "article.html"]), data


def binary_kind(rng: random.Random) -> tuple[str, bytes]:
    how = rng.randrange(7)
    if how == 0:
        data = b""
    elif how == 1:
        data = rng.choice([b" ", b"\n", b"\t\r\n", "\u3000\u200b".encode()]) * rng.randint(1, 10_000)
    elif how == 2:
        data = bytes(rng.randrange(256) for _ in range(rng.randint(1, 50_000)))
    elif how == 3:
        magic = rng.choice([b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\x7fELF", b"PK\x03\x04", b"GIF89a",
                            b"\xff\xd8\xff", b"SQLite format 3\x00", b"\xfe\xff", b"\xff\xfe", b"\xef\xbb\xbf"])
        data = magic + bytes(rng.randrange(256) for _ in range(rng.randint(0, 5000)))
    elif how == 4:
        data = (PROSE + "\n").encode() * rng.randint(1, 5) + b"\x00" + bytes(range(256))
    elif how == 5:
        data = b"\xff" * rng.randint(1, 100_000)
    else:
        data = (PROSE + "\n\n").encode() * rng.randint(1, 3000)
    return rng.choice(["blob.bin", "blob.txt", "blob.json", "blob.xml", "blob", "blob.gz"]), data


def mutant_kind(rng: random.Random) -> tuple[str, bytes]:
    seeds = _seed_files()
    path = rng.choice(seeds)
    data = bytearray(path.read_bytes())
    for _ in range(rng.randint(1, 4)):
        how = rng.randrange(4)
        if how == 0 and data:
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif how == 1 and data:
            del data[rng.randrange(len(data)):]
        elif how == 2:
            other = rng.choice(seeds).read_bytes()
            at = rng.randrange(len(data) + 1)
            data[at:at] = other[: rng.randint(0, len(other))]
        else:
            at = rng.randrange(len(data) + 1)
            data[at:at] = rng.choice([b"\x00", b"\xff\xfe", "\u202e".encode(), b"<![CDATA[", b"]]>", b"&#0;",
                                      b"<!ENTITY", b"\r", b"{", b"\"", b"\\u"]) * rng.randint(1, 50)
    return path.name, bytes(data)


KINDS: list[tuple[str, Callable[[random.Random], tuple[str, bytes]], int]] = [
    ("gzip", gzip_kind, 10), ("html", html_kind, 10), ("jsonl", jsonl_kind, 14), ("json", json_kind, 8),
    ("feed", feed_kind, 12), ("warc", warc_kind, 10), ("text", text_kind, 10), ("binary", binary_kind, 8),
    ("mutant", mutant_kind, 18),
]


def make_one(seed: int, index: int) -> tuple[str, str, bytes]:
    """(kind, file name, bytes) of file ``index`` of the corpus of ``seed``."""
    rng = random.Random(f"{seed}:{index}")
    if index == 0:
        return ("bomb", *bomb_kind(rng))
    weights = [w for _, _, w in KINDS]
    kind, make, _ = rng.choices(KINDS, weights=weights)[0]
    name, data = make(rng)
    if index % 1000 == 1:  # ~25 MB, over the 20 MB article cap: a few per corpus are enough
        return "huge", rng.choice(["huge.txt", "huge.jsonl", "huge.html"]), (PROSE + "\n\n").encode() * 120_000
    return kind, name, data


def write_corpus(out: Path, n: int, seed: int = 0, per_folder: int = 0) -> list[Path]:
    """Write ``n`` hostile files into ``out`` (in sub-folders of ``per_folder`` files if given)."""
    paths = []
    for i in range(n):
        kind, name, data = make_one(seed, i)
        folder = out / f"batch-{i // per_folder:03d}" if per_folder else out
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{i:05d}-{kind}-{name}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("-n", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--per-folder", type=int, default=0)
    args = ap.parse_args()
    paths = write_corpus(args.out, args.n, args.seed, args.per_folder)
    print(f"{len(paths)} files, {sum(p.stat().st_size for p in paths) / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
