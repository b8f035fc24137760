"""Fetching URLs and sitemaps against a real HTTP server on a loopback port (tests/local_http.py)."""

from __future__ import annotations

import gzip
import time

import pytest
from local_http import QUAKE, LocalServer, Route, article_html

from crosswire import __version__
from crosswire.ingest.fetch import Fetcher, fetch_documents, parse_sitemap, read_url_file
from crosswire.models import RawDocument, Rejection


@pytest.fixture
def server():
    with LocalServer() as s:
        s.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
        s.routes["/news/quake"] = Route(article_html("Quake hits Qeshm", QUAKE))
        yield s


def fast(**kw) -> Fetcher:
    kw = {"timeout": 1.0, "retries": 1, "backoff": 0.05, "per_host_interval": 0.0, **kw}
    return Fetcher(**kw)


def test_fetch_reads_a_page_with_a_user_agent_naming_crosswire(server):
    with fast() as f:
        got = f.fetch(server.base + "/news/quake")
    assert not isinstance(got, Rejection), got
    assert got.status == 200 and b"Qeshm" in got.content
    agents = {ua for path, ua in server.log}
    assert all(ua.startswith(f"crosswire/{__version__}") for ua in agents)


def test_fetch_follows_redirects_and_bounds_them(server):
    server.routes["/old"] = Route(status=301, headers={"Location": "/news/quake"})
    server.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    server.routes["/ftp"] = Route(status=302, headers={"Location": "ftp://127.0.0.1/x"})
    with fast(max_redirects=3) as f:
        got = f.fetch(server.base + "/old")
        loop = f.fetch(server.base + "/loop")
        ftp = f.fetch(server.base + "/ftp")
    assert got.final_url == server.base + "/news/quake"
    assert isinstance(loop, Rejection) and "more than 3 redirects" in loop.error
    assert server.hits("/loop") == 4
    assert isinstance(ftp, Rejection) and "non-http(s)" in ftp.error


def test_fetch_reports_404_without_retrying(server):
    with fast() as f:
        got = f.fetch(server.base + "/missing")
    assert isinstance(got, Rejection) and got.source == server.base + "/missing"
    assert "HTTP 404" in got.error
    assert server.hits("/missing") == 1


def test_fetch_retries_a_500_with_backoff_then_gives_up(server):
    server.routes["/flaky"] = Route(article_html("x", QUAKE), fail_times=1)
    server.routes["/down"] = Route(b"", fail_times=99)
    with fast(retries=2) as f:
        flaky = f.fetch(server.base + "/flaky")
        down = f.fetch(server.base + "/down")
    assert not isinstance(flaky, Rejection) and server.hits("/flaky") == 2
    assert isinstance(down, Rejection) and "HTTP 500" in down.error
    assert server.hits("/down") == 3  # one try and two retries


def test_fetch_gives_up_on_a_hanging_server(server):
    server.routes["/hang"] = Route(article_html("x", QUAKE), hang=3.0)
    started = time.monotonic()
    with fast(timeout=0.5, retries=0) as f:
        got = f.fetch(server.base + "/hang")
    assert isinstance(got, Rejection) and "timed out" in got.error
    assert time.monotonic() - started < 2.5


def test_fetch_aborts_an_oversized_answer(server):
    server.routes["/big"] = Route(b"x" * 200_000)
    bomb = gzip.compress(b"<p>" + b"a" * 5_000_000)
    server.routes["/bomb"] = Route(bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})
    server.routes["/small.gz"] = Route(gzip.compress(article_html("x", QUAKE)),
                                       headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})
    with fast(max_bytes=100_000) as f:
        big, bombed, small = (f.fetch(server.base + p) for p in ("/big", "/bomb", "/small.gz"))
    assert isinstance(big, Rejection) and "too large" in big.error
    assert isinstance(bombed, Rejection) and "too large" in bombed.error
    assert not isinstance(small, Rejection) and b"Qeshm" in small.content


def test_fetch_obeys_robots_txt(server):
    server.routes["/private/page"] = Route(article_html("x", QUAKE))
    server.routes["/to-private"] = Route(status=302, headers={"Location": "/private/page"})
    with fast() as f:
        refused = f.fetch(server.base + "/private/page")
        redirected = f.fetch(server.base + "/to-private")
    assert isinstance(refused, Rejection) and "robots.txt" in refused.error
    assert isinstance(redirected, Rejection) and "robots.txt" in redirected.error
    assert server.hits("/private/page") == 0
    assert server.hits("/robots.txt") == 1  # read once per host


def test_fetch_treats_a_failing_robots_txt_as_a_refusal_and_a_missing_one_as_none(server):
    del server.routes["/robots.txt"]
    with fast() as f:
        assert not isinstance(f.fetch(server.base + "/news/quake"), Rejection)
    server.routes["/robots.txt"] = Route(b"", fail_times=99)
    with fast(retries=0) as f:
        got = f.fetch(server.base + "/news/quake")
    assert isinstance(got, Rejection) and "robots.txt" in got.error


def test_fetch_refuses_other_schemes_and_unreachable_hosts():
    with fast(retries=0) as f:
        assert "not an http(s) URL" in f.fetch("file:///etc/passwd").error
        assert "not an http(s) URL" in f.fetch("javascript:alert(1)").error
        got = f.fetch("http://127.0.0.1:9/")  # discard port: nothing listens
    assert isinstance(got, Rejection) and got.error


def test_fetch_waits_between_two_requests_to_one_host(server):
    with fast(per_host_interval=0.4) as f:
        f.fetch(server.base + "/news/quake")
        started = time.monotonic()
        f.fetch(server.base + "/news/quake")
    assert time.monotonic() - started >= 0.35


def test_fetch_documents_reads_pages_and_sitemaps(server):
    server.routes["/news/second"] = Route(article_html("Aftershock", QUAKE[1:]))
    server.routes["/sitemap.xml"] = Route(
        (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
         f"<url><loc>{server.base}/news/quake</loc></url><url><loc>{server.base}/news/second</loc></url>"
         f"<url><loc>mailto:x@example.com</loc></url></urlset>").encode(), headers={"Content-Type": "application/xml"})
    server.routes["/index.xml"] = Route(
        (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
         f"<sitemap><loc>{server.base}/sitemap.xml</loc></sitemap></sitemapindex>").encode(),
        headers={"Content-Type": "application/xml"})
    with fast() as f:
        items = list(fetch_documents([server.base + "/index.xml", server.base + "/news/quake"], f))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.source for d in docs] == [server.base + "/news/quake", server.base + "/news/second"]
    assert all(d.kind == "html" and d.url == d.source for d in docs)
    assert [r.error for r in items if isinstance(r, Rejection)] == ["sitemap entry is not an http(s) URL"]
    assert server.hits("/news/quake") == 1  # named twice, fetched once


def test_parse_sitemap_refuses_entities_and_ignores_other_xml():
    assert parse_sitemap(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><urlset><url><loc>&a;</loc></url></urlset>') is None
    assert parse_sitemap(b"<html><body>urlset</body></html>") is None
    assert parse_sitemap(b'<urlset><url><loc>http://a.example/1</loc></url></urlset>') == ("urlset", ["http://a.example/1"])


def test_read_url_file_skips_comments_and_rejects_non_urls(tmp_path):
    listed = tmp_path / "urls.txt"
    listed.write_text("# mine\nhttp://a.example/1\n\nnot a url\nhttps://b.example/2\n")
    urls, rejected = read_url_file(str(listed))
    assert urls == ["http://a.example/1", "https://b.example/2"]
    assert [(r.source, r.error) for r in rejected] == [(f"{listed}:4", "not an http(s) URL")]


def test_a_gzipped_sitemap_is_read_and_a_gzip_bomb_is_not(server):
    urlset = (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              f"<url><loc>{server.base}/news/quake</loc></url></urlset>").encode()
    server.routes["/sitemap.xml.gz"] = Route(gzip.compress(urlset), headers={"Content-Type": "application/gzip"})
    server.routes["/bomb.xml.gz"] = Route(gzip.compress(urlset[:-9] + b" " * 3_000_000 + b"</urlset>"),
                                          headers={"Content-Type": "application/gzip"})
    with fast(max_bytes=1_000_000) as f:
        items = list(fetch_documents([server.base + "/sitemap.xml.gz", server.base + "/bomb.xml.gz"], f))
    assert [i.source for i in items if isinstance(i, RawDocument)] == [server.base + "/news/quake"]
    assert server.hits("/news/quake") == 1
