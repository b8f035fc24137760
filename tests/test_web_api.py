"""The HTTP API over a real uvicorn server on a loopback port: every endpoint, and bad input."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import httpx
import pytest

import crosswire
from crosswire.errors import CrosswireError
from crosswire.report.json import validate_analysis, validate_dossier
from crosswire.web import create_app, serve

sys.path.insert(0, str(Path(__file__).parent / "data" / "web"))
import server as web_helpers  # noqa: E402

DEMO = Path(__file__).resolve().parent.parent / "examples" / "japan-2plus2"
ARTICLES = Path(__file__).parent / "data" / "web" / "articles"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> str:
    store = crosswire.Store(tmp_path_factory.mktemp("web-api") / "crosswire.db")
    with web_helpers.running_server(create_app(store)) as url:
        yield url


@pytest.fixture(scope="module")
def client(base_url):
    with httpx.Client(base_url=base_url, timeout=120) as c:
        yield c


@pytest.fixture(scope="module")
def analysed(client) -> dict:
    """The demo corpus uploaded as multipart files, analysed once for the module."""
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(DEMO.glob("*.txt"))]
    response = client.post("/api/analyze", files=files)
    assert response.status_code == 200, response.text
    return response.json()


def assert_still_up(client):
    assert client.get("/api/stories").status_code == 200


def test_web_api_analyze_multipart_answers_the_contract_document(analysed):
    validate_analysis(analysed)
    assert analysed["schema"] == "crosswire/analysis@1"
    assert sum(len(d["articles"]) for d in analysed["stories"]) == 5
    assert analysed["rejected"] == []
    sources = {a["source"] for d in analysed["stories"] for a in d["articles"]}
    assert sources == {p.name for p in DEMO.glob("*.txt")}  # named as uploaded, not by a temp path


def test_web_api_analyze_json_articles(client):
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("harbour-*.txt"))]
    body = {"articles": [{"text": texts[0], "title": "Port workers end strike", "outlet": "Harbour Daily",
                          "published": "2025-03-03"},
                         {"text": texts[1], "source": "second.txt", "url": "https://example.org/2"}]}
    response = client.post("/api/analyze", json=body)
    assert response.status_code == 200, response.text
    document = response.json()
    validate_analysis(document)
    articles = [a for d in document["stories"] for a in d["articles"]]
    assert {a["source"] for a in articles} >= {"pasted-1", "second.txt"}
    first = next(a for a in articles if a["source"] == "pasted-1")
    assert first["outlet"] == "Harbour Daily" and first["published"] == "2025-03-03"


def test_web_api_analyze_multipart_container_upload(client):
    jsonl = ARTICLES / "bridge.jsonl"
    response = client.post("/api/analyze", files=[("files", (jsonl.name, jsonl.read_bytes(), "application/x-ndjson"))])
    assert response.status_code == 200, response.text
    articles = {a["outlet"] for d in response.json()["stories"] for a in d["articles"]}
    assert {"City Courier", "Valley Post"} <= articles


def test_web_api_lists_stories(client, analysed):
    listing = client.get("/api/stories").json()["stories"]
    ids = {s["id"] for s in listing}
    assert {d["story"]["id"] for d in analysed["stories"]} <= ids
    for s in listing:
        assert set(s) == {"id", "title", "articles", "first_published", "last_published"}
    title = analysed["stories"][0]["story"]["title"]
    if title:
        found = client.get("/api/stories", params={"q": title[:12]}).json()["stories"]
        assert analysed["stories"][0]["story"]["id"] in {s["id"] for s in found}


def test_web_api_story_in_every_format(client, analysed):
    story = max(analysed["stories"], key=lambda d: len(d["articles"]))
    url = f"/api/stories/{story['story']['id']}"
    as_json = client.get(url)
    assert as_json.headers["content-type"].startswith("application/json")
    validate_dossier(as_json.json())
    assert as_json.json()["story"]["id"] == story["story"]["id"]
    md = client.get(url, params={"format": "md"})
    assert md.headers["content-type"].startswith("text/markdown") and md.text.startswith("#")
    html = client.get(url, params={"format": "html"})
    assert html.headers["content-type"].startswith("text/html") and 'id="matrix"' in html.text
    table = list(csv.reader(io.StringIO(client.get(url, params={"format": "csv"}).text)))
    assert table[0][:5] == ["claim_id", "kind", "text", "status", "independent_sources"]
    assert len(table[0]) == 5 + len(story["articles"])
    jsonld = client.get(url, params={"format": "jsonld"})
    assert jsonld.json()["@context"] == "https://schema.org"


def test_web_api_story_format_by_accept_header(client, analysed):
    url = f"/api/stories/{analysed['stories'][0]['story']['id']}"
    assert client.get(url, headers={"Accept": "text/markdown"}).headers["content-type"].startswith("text/markdown")
    assert client.get(url, headers={"Accept": "text/csv"}).headers["content-type"].startswith("text/csv")
    assert client.get(url, headers={"Accept": "text/html,*/*;q=0.8"}).headers["content-type"].startswith("text/html")
    assert client.get(url, headers={"Accept": "*/*"}).json()["schema"] == "crosswire/dossier@1"


def test_web_api_article(client, analysed):
    article = analysed["stories"][0]["articles"][0]
    got = client.get(f"/api/articles/{article['id']}")
    assert got.status_code == 200
    assert got.json() == article


def test_web_api_pages_and_docs(client, analysed):
    index = client.get("/")
    assert index.status_code == 200 and 'id="analyse-form"' in index.text
    assert analysed["stories"][0]["story"]["id"] in index.text
    page = client.get(f"/stories/{analysed['stories'][0]['story']['id']}")
    assert page.status_code == 200 and 'id="matrix"' in page.text and "/static/app.js" in page.text
    docs = client.get("/docs")
    assert docs.status_code == 200
    for path in ("/api/analyze", "/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}"):
        assert path in docs.text
    assert "cdn" not in docs.text.lower()
    assert "/api/analyze" in client.get("/openapi.json").json()["paths"]
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")


def test_web_page_form_without_javascript_posts_and_redirects(client):
    demo = sorted(DEMO.glob("*.txt"))[0]
    response = client.post("/analyze", files=[("files", (demo.name, demo.read_bytes(), "text/plain"))],
                           data={"text": ""}, headers={"Accept": "text/html"})
    assert response.status_code == 303
    story = client.get(response.headers["location"])
    assert story.status_code == 200 and 'id="matrix"' in story.text
    empty = client.post("/analyze", files=[("files", ("", b"", "application/octet-stream"))],
                        data={"text": "  "}, headers={"Accept": "text/html"})
    assert empty.status_code == 422 and "nothing to analyse" in empty.text
    assert empty.headers["content-type"].startswith("text/html")


def test_web_api_sends_security_headers(client):
    for path in ("/", "/api/stories", "/docs", "/api/stories/nope"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(("kwargs", "status", "words"), [
    ({"content": b"", "headers": {"content-type": "application/json"}}, 400, "malformed JSON"),
    ({"content": b'{"articles": [', "headers": {"content-type": "application/json"}}, 400, "malformed JSON"),
    ({"content": b"\xff\xfe\x00", "headers": {"content-type": "application/json"}}, 400, "malformed JSON"),
    ({"content": b"[" * 200_000 + b"]" * 200_000, "headers": {"content-type": "application/json"}}, 400,
     "nested too deeply"),
    ({"content": b'{"articles": [{"text": ' + b"9" * 6000 + b"}]}", "headers": {"content-type": "application/json"}},
     400, "malformed JSON"),
    ({"content": b"--x\r\nbroken", "headers": {"content-type": "multipart/form-data"}}, 400, "boundary"),
    ({"json": {"articles": "not a list"}}, 400, "expected a JSON object"),
    ({"json": {"articles": [{"title": "no text"}]}}, 400, "articles[0]"),
    ({"json": {"articles": [{"text": "x", "title": 5}]}}, 400, "articles[0].title"),
    ({"json": [1, 2]}, 400, "expected a JSON object"),
    ({"content": b"plain words", "headers": {"content-type": "text/plain"}}, 415, "multipart/form-data"),
    ({"content": b"no type at all"}, 415, "application/json"),
    ({"json": {"articles": []}}, 422, "nothing to analyse"),
    ({"files": [("files", ("blob.bin", bytes(range(256)) * 40, "application/octet-stream"))]}, 422,
     "nothing analysable"),
    ({"json": {"articles": [{"text": "   "}]}}, 422, "nothing analysable"),
])
def test_web_api_rejects_bad_input_with_json_errors(client, kwargs, status, words):
    response = client.post("/api/analyze", **kwargs)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert words in response.json()["error"]
    assert "Traceback" not in response.text
    assert_still_up(client)


def test_web_api_refuses_a_50_mb_body(client):
    body = b'{"articles": [{"text": "' + b"a" * 50_000_000 + b'"}]}'
    response = client.post("/api/analyze", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "larger than" in response.json()["error"]
    assert_still_up(client)


def test_web_api_counts_a_streamed_body_without_length(client):
    def chunks():
        for _ in range(30):
            yield b"a" * 1_000_000

    response = client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert_still_up(client)


def test_web_api_unknown_ids_and_formats(client, analysed):
    for path in ("/api/stories/nope", "/api/articles/nope", "/api/stories/..%2F..%2Fetc"):
        response = client.get(path)
        assert response.status_code == 404 and "error" in response.json()
    bad = client.get(f"/api/stories/{analysed['stories'][0]['story']['id']}", params={"format": "pdf"})
    assert bad.status_code == 400 and "unknown format" in bad.json()["error"]
    assert client.get("/nowhere").status_code == 404
    assert client.delete("/api/stories").status_code == 405
    assert_still_up(client)


def test_web_api_serves_concurrent_requests(client, analysed):
    from concurrent.futures import ThreadPoolExecutor

    story = analysed["stories"][0]["story"]["id"]
    paths = ["/api/stories", f"/api/stories/{story}", f"/api/stories/{story}?format=html", "/", "/docs"] * 6

    def fetch(path):
        with httpx.Client(base_url=str(client.base_url), timeout=60) as c:
            return c.get(path).status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        codes = list(pool.map(fetch, paths))
    assert codes == [200] * len(paths)


def test_web_api_refuses_foreign_host_and_cross_origin_posts(client):
    # DNS rebinding: a page on another name must not reach a token-less local server.
    assert client.get("/api/stories", headers={"Host": "evil.example"}).status_code == 403
    cross = client.post("/api/analyze", json={"articles": [{"text": "x"}]},
                        headers={"Origin": "http://evil.example"})
    assert cross.status_code == 403 and "cross-origin" in cross.json()["error"]
    sandboxed = client.post("/api/analyze", json={"articles": [{"text": "x"}]}, headers={"Origin": "null"})
    assert sandboxed.status_code == 403


def test_web_api_token_guards_api_and_pages(tmp_path):
    store = crosswire.Store(tmp_path / "crosswire.db")
    with web_helpers.running_server(create_app(store, token="s3cret-token")) as url:
        with httpx.Client(base_url=url) as c:
            assert c.get("/api/stories").status_code == 401
            assert c.get("/api/stories", headers={"Authorization": "Bearer wrong"}).status_code == 401
            ok = c.get("/api/stories", headers={"Authorization": "Bearer s3cret-token"})
            assert ok.status_code == 200 and ok.json() == {"stories": []}
            assert c.post("/api/analyze", json={"articles": [{"text": "x"}]}).status_code == 401
            assert 'action="/login"' in c.get("/").text
            assert c.post("/login", data={"token": "nope"}).status_code == 401
            login = c.post("/login", data={"token": "s3cret-token"})
            assert login.status_code == 303 and "httponly" in login.headers["set-cookie"].lower()
            assert c.get("/api/stories").status_code == 200  # the cookie now carries the token
            assert 'id="analyse-form"' in c.get("/").text


def test_web_serve_refuses_a_public_host_without_token(monkeypatch):
    monkeypatch.delenv("CROSSWIRE_TOKEN", raising=False)
    with pytest.raises(CrosswireError, match="token"):
        serve(host="0.0.0.0", port=1)
