"""Corrections, search and error pages over HTTP: a real uvicorn server on a loopback port."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest

import crosswire
from crosswire.report.json import validate_dossier
from crosswire.web import create_app

sys.path.insert(0, str(Path(__file__).parent / "data" / "web"))
import server as web_helpers  # noqa: E402

DEMO = Path(__file__).resolve().parent.parent / "examples" / "japan-2plus2"
ARTICLES = Path(__file__).parent / "data" / "web" / "articles"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = crosswire.Store(tmp_path_factory.mktemp("web-corrections") / "crosswire.db")
    with web_helpers.running_server(create_app(store, render_ttl=0)) as url:
        with httpx.Client(base_url=url, timeout=120) as c:
            files = [("files", (p.name, p.read_bytes(), "text/plain"))
                     for p in sorted(DEMO.glob("*.txt")) + sorted(ARTICLES.iterdir())]
            assert c.post("/api/analyze", files=files).status_code == 200
            yield c


def _stories(client) -> dict[str, dict]:
    return {s["id"]: s for s in client.get("/api/stories").json()["stories"]}


def _titled(client, word: str) -> dict:
    return next(s for s in _stories(client).values() if word in (s["title"] or "").lower())


def test_web_search_matches_words_in_any_order_and_takes_hostile_queries(client):
    hits = client.get("/api/search", params={"q": "dockers Rotterdam"}).json()["hits"]
    assert hits and {h["story_id"] for h in hits} == {_titled(client, "strike")["id"]}
    assert client.get("/api/search", params={"q": "Rotterdam dockers"}).json()["hits"]
    for hostile in ('"', "NEAR(a b", "a* OR", "<script>", "'; --"):
        answer = client.get("/api/search", params={"q": hostile})
        assert answer.status_code == 200 and "hits" in answer.json()
    assert client.get("/api/search", params={"q": "x" * 3000}).status_code == 400
    # The story listing's q: every word, in any order.
    strike = _titled(client, "strike")
    words = (strike["title"] or "").split()
    listed = client.get("/api/stories", params={"q": f"{words[-1]} {words[0]}"}).json()["stories"]
    assert strike["id"] in [s["id"] for s in listed]


def test_web_unknown_pages_answer_html_to_a_browser_and_json_to_api_clients(client):
    for path in ("/stories/unknown", "/nowhere"):
        page = client.get(path, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
        assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
        assert "Error 404" in page.text and "Back to the stories" in page.text
        api = client.get(path)
        assert api.status_code == 404 and "error" in api.json()
    # Under /api/ an error is JSON whatever the Accept header (the README's contract for the API).
    assert client.get("/api/stories/unknown", headers={"Accept": "text/html"}).json()["error"]


def test_web_corrections_rename_split_merge_set_delete(client):
    japan = _titled(client, "japan")
    renamed = client.patch(f"/api/stories/{japan['id']}", json={"title": "Talks <b>off</b>"})
    assert renamed.status_code == 200 and renamed.json()["story"]["title"] == "Talks <b>off</b>"
    page = client.get(f"/stories/{japan['id']}", headers={"Accept": "text/html"}).text
    assert "Talks &lt;b&gt;off&lt;/b&gt;" in page and "<b>off</b>" not in page
    assert 'id="corrections"' in page and 'id="merge-form"' in page

    out = sorted(japan["articles"])[:1]
    split = client.post(f"/api/stories/{japan['id']}/split", json={"articles": out, "title": "Apart"})
    assert split.status_code == 201, split.text
    validate_dossier(split.json())
    new_id = split.json()["story"]["id"]
    assert _stories(client)[new_id]["articles"] == out

    merged = client.post(f"/api/stories/{japan['id']}/merge", json={"stories": [new_id]})
    assert merged.status_code == 200 and new_id not in _stories(client)
    assert sorted(_stories(client)[japan["id"]]["articles"]) == sorted(japan["articles"])

    set_ = client.patch(f"/api/articles/{out[0]}", json={"outlet": "Kyodo", "published": "2025-06-20"})
    assert set_.status_code == 200, set_.text
    article = client.get(f"/api/articles/{out[0]}").json()
    assert (article["outlet"], article["published"]) == ("Kyodo", "2025-06-20")

    deleted = client.delete(f"/api/articles/{out[0]}")
    assert deleted.status_code == 200 and deleted.json()["dossier"]["story"]["id"] == japan["id"]
    assert client.get(f"/api/articles/{out[0]}").status_code == 404
    bridge = _titled(client, "bridge")
    assert client.delete(f"/api/stories/{bridge['id']}").status_code == 200
    assert bridge["id"] not in _stories(client)
    assert client.get(f"/api/stories/{bridge['id']}").status_code == 404


def test_web_corrections_refuse_bad_requests_with_json_errors(client):
    story = next(iter(_stories(client).values()))
    base = f"/api/stories/{story['id']}"
    assert client.patch(base, content=b"title=x", headers={"content-type": "application/x-www-form-urlencoded"}) \
        .status_code == 415
    assert client.patch(base, content=b"{", headers={"content-type": "application/json"}).status_code == 400
    assert client.post(base + "/merge", json={"stories": "x"}).status_code == 400
    assert client.post(base + "/merge", json={"stories": ["nope"]}).status_code == 404
    whole = client.post(base + "/split", json={"articles": story["articles"]})
    assert whole.status_code == 400 and "at least one article" in whole.json()["error"]
    assert client.patch("/api/articles/nope", json={"outlet": "x"}).status_code == 404
    assert client.patch(f"/api/articles/{story['articles'][0]}", json={"published": "soon"}).status_code == 400
    assert client.delete("/api/stories/nope").status_code == 404
    foreign = client.delete(base, headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403 and story["id"] in _stories(client)
