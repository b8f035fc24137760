"""The schema on every output: dates as the contract's ISO dates, and a suite that checks them all.

Inputs with a time of day (an RSS ``pubDate``, a JSONL ``published`` of "2025-06-03T08:00:00Z")
once gave ``story.last_published`` = "2025-06-03T08:00:00+00:00", which the project's own schema
rejects. ``tests/conftest.py`` now validates every contract document any test makes; the tests
here make the ones the demo never did, and check that the fixture itself fails a test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

import crosswire
from crosswire.published import split_published
from crosswire.report.json import (
    CHECK_ENV,
    article_from_dict,
    load_schema,
    validate_analysis,
    validate_article,
    validate_dossier,
    validate_story_listing,
)

INPUTS = Path(__file__).parent / "data" / "inputs"
BODY = ("The council of Eastvale voted on Tuesday to scrap its plan for a light-rail line, citing costs "
        "that had more than doubled to $2.4 billion, officials said. The vote was seven to two.")
RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Eastvale Courier</title>
<item><title>Eastvale scraps light rail</title><link>https://courier.example/rail</link>
<pubDate>Tue, 03 Jun 2025 08:00:00 GMT</pubDate><description>{body}</description></item>
</channel></rss>
"""


@pytest.fixture
def store(tmp_path):
    with crosswire.Store(tmp_path / "db.sqlite") as s:
        yield s


def test_schema_is_a_valid_json_schema():
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(load_schema())


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-06-03T08:00:00Z", ("2025-06-03", "2025-06-03T08:00:00+00:00")),
    ("2025-06-03T23:30:00-05:00", ("2025-06-03", "2025-06-03T23:30:00-05:00")),  # the publisher's day
    ("2025-06-03 08:00:00", ("2025-06-03", "2025-06-03T08:00:00")),  # news-please's date_publish
    ("Tue, 03 Jun 2025 08:00:00 GMT", ("2025-06-03", "2025-06-03T08:00:00+00:00")),
    ("2025-06-03", ("2025-06-03", None)),
    ("2025-06", ("2025-06", None)),
    ("2025", ("2025", None)),
    ("20250603", ("2025-06-03", None)),  # a bare date, no invented midnight
    ("June 3, 2025", ("2025-06-03", None)),
    ("2025-13-45", (None, None)),
    ("soon", (None, None)),
    ("", (None, None)),
    (None, (None, None)),
])
def test_schema_published_values_become_a_date_and_a_time_apart(value, expected):
    assert split_published(value) == expected


def _only_story(analysis):
    doc = analysis.to_dict()
    validate_analysis(doc)
    (story,) = doc["stories"]
    return story


def test_schema_jsonl_published_with_a_time_gives_iso_dates(tmp_path, store):
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps({"text": BODY, "published": "2025-06-03T08:00:00Z"}) + "\n", encoding="utf-8")
    story = _only_story(store.analyze([str(path)]))
    assert story["story"]["first_published"] == story["story"]["last_published"] == "2025-06-03"
    (article,) = story["articles"]
    assert (article["published"], article["published_at"]) == ("2025-06-03", "2025-06-03T08:00:00+00:00")


def test_schema_rss_pubdate_gives_iso_dates(tmp_path, store):
    path = tmp_path / "feed.xml"
    path.write_text(RSS.format(body=BODY), encoding="utf-8")
    story = _only_story(store.analyze([str(path)]))
    assert story["story"]["last_published"] == "2025-06-03"
    assert story["articles"][0]["published_at"] == "2025-06-03T08:00:00+00:00"


def test_schema_news_please_and_free_form_dates_give_iso_dates(tmp_path, store):
    path = tmp_path / "records.jsonl"
    records = [{"maintext": BODY, "date_publish": "2025-06-03 08:00:00", "url": "https://a.example/1"},
               {"text": BODY, "published": "June 4, 2025", "url": "https://b.example/2"},
               {"text": BODY, "published": "when it was ready", "url": "https://c.example/3"}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    story = _only_story(store.analyze([str(path)]))
    published = sorted((a["url"], a["published"]) for a in story["articles"])
    assert published == [("https://a.example/1", "2025-06-03"), ("https://b.example/2", "2025-06-04"),
                         ("https://c.example/3", None)]
    assert (story["story"]["first_published"], story["story"]["last_published"]) == ("2025-06-03", "2025-06-04")


def test_schema_every_reader_of_the_test_inputs_gives_valid_output(store):
    analysis = store.analyze([str(INPUTS)])
    validate_analysis(analysis.to_dict())
    assert analysis.stories and analysis.rejected
    validate_story_listing(crosswire.report.json.stories_to_dict(store.stories()))
    for article in store.articles():
        validate_article(crosswire.report.json.article_to_dict(article))


def test_schema_a_store_holding_date_times_reads_back_as_dates():
    article = article_from_dict({"id": "a", "source": "x", "text": "Body.", "published": "2025-06-03T08:00:00+00:00"})
    assert (article.published, article.published_at) == ("2025-06-03", "2025-06-03T08:00:00+00:00")


def test_schema_http_answers_with_times_are_valid(tmp_path):
    sys.path.insert(0, str(Path(__file__).parent / "data" / "web"))
    import server as web_helpers

    from crosswire.web import create_app

    with crosswire.Store(tmp_path / "db.sqlite") as store:
        with web_helpers.running_server(create_app(store)) as url, httpx.Client(base_url=url, timeout=120) as client:
            response = client.post("/api/analyze", json={"articles": [
                {"text": BODY, "outlet": "Courier", "published": "2025-06-03T08:00:00Z"},
                {"text": BODY, "outlet": "Gazette", "published": "2025-06-03T10:00:00+02:00"}]})
            assert response.status_code == 200, response.text
            doc = response.json()
            validate_analysis(doc)
            (story,) = doc["stories"]
            assert len(story["articles"]) == 2  # one text, two outlets: two articles
            (edge,) = [e for e in story["lineage"] if e["kind"] == "copies"]
            by_outlet = {a["outlet"]: a["id"] for a in story["articles"]}
            # 10:00+02:00 is 08:00Z: the same moment, so the one given first is the source.
            assert (edge["from"], edge["to"], edge["score"]) == (by_outlet["Gazette"], by_outlet["Courier"], 1.0)
            listing = client.get("/api/stories").json()
            validate_story_listing(listing)
            assert listing["stories"][0]["last_published"] == "2025-06-03"
            validate_dossier(client.get(f"/api/stories/{story['story']['id']}").json())
            article = client.get(f"/api/articles/{by_outlet['Courier']}").json()
            validate_article(article)
            assert article["published_at"] == "2025-06-03T08:00:00+00:00"


def test_schema_cli_json_outputs_with_times_are_valid(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(RSS.format(body=BODY), encoding="utf-8")
    env = {**os.environ, "CROSSWIRE_HOME": str(tmp_path / "home")}

    def cli(*args):
        proc = subprocess.run([sys.executable, "-m", "crosswire", *args], capture_output=True, env=env, timeout=600)
        assert proc.returncode == 0, proc.stderr.decode()
        return json.loads(proc.stdout)

    analysis = cli("analyze", str(path), "--json")
    validate_analysis(analysis)
    listing = cli("stories", "--json")
    validate_story_listing(listing)
    validate_dossier(cli("dossier", listing["stories"][0]["id"], "--format", "json"))


# --------------------------------------------------------------------------- the fixture itself

_INNER_TEST = '''
from crosswire.models import Article, Dossier, Story
from crosswire.report.json import dossier_to_dict


def _dossier(text):
    return Dossier(story=Story(id="s1", article_ids=["a1"]), articles=[Article(id="a1", source="x", text=text)])


def test_makes_a_valid_dossier():
    dossier_to_dict(_dossier("Some text."))


def test_makes_an_invalid_dossier_and_swallows_the_error():
    try:
        dossier_to_dict(_dossier(""))  # an article without text breaks the schema
    except Exception:
        pass
'''


def test_schema_fixture_fails_the_test_that_made_invalid_output(tmp_path):
    here = Path(__file__).parent
    for name in ("conftest.py", "postgres_server.py"):  # the conftest loads the second as a plugin
        (tmp_path / name).write_text((here / name).read_text(encoding="utf-8"))
    (tmp_path / "test_inner.py").write_text(_INNER_TEST)
    env = {k: v for k, v in os.environ.items() if k != CHECK_ENV}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(tmp_path),
                           str(tmp_path)], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "1 failed, 1 passed" in out
    assert "FAILED test_inner.py::test_makes_an_invalid_dossier_and_swallows_the_error" in out
    assert "broke the dossier schema" in out and "articles/0/text" in out
