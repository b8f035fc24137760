"""Article identity: one input from one source is one article, and no input is lost.

Two outlets running the same wire copy give two inputs with the same cleaned text; each must be
an article of its own (joined by a ``copies`` edge), while the same input given twice is stored
once. Every input ends up in a story or in ``rejected``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import crosswire
from crosswire.group.dedup import find_reuse
from crosswire.identity import article_id
from crosswire.models import Article
from crosswire.report.json import analysis_to_dict

BODY = (
    "The council of Eastvale voted on Tuesday to scrap its plan for a light-rail line, citing "
    "costs that had more than doubled to $2.4 billion, officials said.\n\n"
    "The vote was seven to two. Supporters of the line said they would try again next year with a "
    "smaller plan that runs only between the station and the hospital.\n\n"
    "Mayor Ruth Alder said the city could not borrow more without raising property taxes, which "
    "she had promised not to do before the election in November."
)
OTHER = (
    "A fire at a warehouse in the port district of Northbridge destroyed stocks of grain on "
    "Wednesday night, and firefighters worked until dawn to stop it spreading to the docks.\n\n"
    "No one was hurt, the fire service said. The cause of the fire is not yet known, and the "
    "owner of the warehouse said the grain had been insured."
)


def _write(folder: Path, name: str, content: str) -> Path:
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


def _articles(analysis) -> list:
    return [a for d in analysis.stories for a in d.articles]


def _copies(analysis) -> list:
    return [e for d in analysis.stories for e in d.lineage if e.kind == "copies"]


@pytest.fixture
def store(tmp_path):
    with crosswire.Store(tmp_path / "db.sqlite") as s:
        yield s


# --------------------------------------------------------------------------- the id


def test_identity_id_derives_from_source_and_content():
    a = Article(id="", source="a.txt", text=BODY)
    assert article_id(a) == article_id(Article(id="", source="a.txt", text=BODY.upper()))  # case, spacing
    assert article_id(a) != article_id(Article(id="", source="b.txt", text=BODY))  # another source
    assert article_id(a) != article_id(Article(id="", source="a.txt", text=OTHER))  # another text
    # Records of one container are told apart by the URL or the outlet they name.
    url = "https://news.example.com/2025/06/03/eastvale-rail"
    assert article_id(Article(id="", source="feed.xml", url=url, text=BODY)) != \
        article_id(Article(id="", source="feed.xml", url=url + "?syndicated", text=BODY))
    # A URL does not replace the source: a syndicated page declaring the original's URL as its
    # canonical one is another outlet's article, not the original again.
    assert article_id(Article(id="", source="reuters.html", url=url, text=BODY)) != \
        article_id(Article(id="", source="yahoo.html", url=url, text=BODY))
    assert article_id(Article(id="", source="feed.jsonl", outlet="Courier", text=BODY)) != \
        article_id(Article(id="", source="feed.jsonl", outlet="Gazette", text=BODY))


def test_identity_id_is_the_same_across_processes(tmp_path):
    import subprocess
    import sys

    code = ("from crosswire.identity import article_id; from crosswire.models import Article; "
            f"print(article_id(Article(id='', source='a.txt', text={BODY!r})))")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(Path(crosswire.__file__).parent.parent)}
                           ).stdout.strip() for seed in ("1", "2")}
    assert runs == {article_id(Article(id="", source="a.txt", text=BODY))}


def test_identity_local_path_is_resolved(tmp_path, monkeypatch):
    path = _write(tmp_path, "a.txt", BODY)
    monkeypatch.chdir(tmp_path)
    assert article_id(Article(id="", source="a.txt", text=BODY)) == \
        article_id(Article(id="", source=str(path), text=BODY))


# --------------------------------------------------------------------------- lineage between twins


def test_identity_identical_texts_are_copies_with_score_one_and_the_passage():
    first = Article(id="first", source="a", text=BODY, published="2025-06-03")
    second = Article(id="second", source="b", text=BODY, published="2025-06-04")
    for order in ([first, second], [second, first]):
        edges = find_reuse(order)
        assert [(e.source, e.target, e.kind, e.score) for e in edges] == [("second", "first", "copies", 1.0)]
        assert edges[0].evidence in BODY and len(edges[0].evidence) > len(BODY) * 0.9


def test_identity_identical_texts_of_one_day_the_earlier_time_is_the_source():
    early = Article(id="zz-early", source="a", text=BODY, published="2025-06-03",
                    published_at="2025-06-03T08:00:00+00:00")
    late = Article(id="aa-late", source="b", text=BODY, published="2025-06-03",
                   published_at="2025-06-03T11:30:00+00:00")
    edges = find_reuse([late, early])
    assert [(e.source, e.target) for e in edges] == [("aa-late", "zz-early")]


def test_identity_identical_undated_texts_the_first_seen_is_the_source():
    # Ids chosen so that sorting by id would give the opposite answer.
    seen_first = Article(id="zz", source="a", text=BODY)
    seen_second = Article(id="aa", source="b", text=BODY)
    edges = find_reuse([seen_first, seen_second])
    assert [(e.source, e.target) for e in edges] == [("aa", "zz")]


# --------------------------------------------------------------------------- through the pipeline


def test_identity_same_body_under_two_datelines_is_two_articles(tmp_path, store):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "courier.txt", "By Jane Doe\nJune 3, 2025\n\n" + BODY)
    _write(folder, "gazette.txt", "June 4, 2025\n\n" + BODY)
    analysis = store.analyze([str(folder)])
    articles = _articles(analysis)
    assert sorted(Path(a.source).name for a in articles) == ["courier.txt", "gazette.txt"]
    assert len({a.id for a in articles}) == 2
    assert len(analysis.stories) == 1
    (edge,) = _copies(analysis)
    by_name = {Path(a.source).name: a for a in articles}
    assert (edge.source, edge.target, edge.score) == (by_name["gazette.txt"].id, by_name["courier.txt"].id, 1.0)
    assert edge.evidence and edge.evidence in by_name["gazette.txt"].text
    assert by_name["courier.txt"].role == "origin" and by_name["gazette.txt"].role == "derivative"
    assert analysis.stories[0].story.origin == by_name["courier.txt"].id
    assert len(store.articles()) == 2


def test_identity_same_input_given_twice_is_stored_once(tmp_path, store):
    path = _write(tmp_path, "courier.txt", BODY)
    analysis = store.analyze([str(path), str(path)])
    assert len(_articles(analysis)) == 1 and len(store.articles()) == 1


def test_identity_second_source_added_later_joins_as_a_copy(tmp_path, store):
    first = _write(tmp_path, "courier.txt", BODY)
    second = _write(tmp_path, "gazette.txt", BODY)
    store.analyze([str(first)])
    analysis = store.analyze([str(second)])
    assert len(store.articles()) == 2
    assert len(analysis.stories) == 1
    articles = {Path(a.source).name: a for a in _articles(analysis)}
    assert set(articles) == {"courier.txt", "gazette.txt"}
    (edge,) = _copies(analysis)
    # Neither is dated: the one the store saw first is the origin.
    assert (edge.source, edge.target, edge.score) == (articles["gazette.txt"].id, articles["courier.txt"].id, 1.0)
    assert articles["courier.txt"].role == "origin"


def _duplicates_folder(root: Path) -> tuple[Path, int, int]:
    """A folder of duplicates; returns (folder, inputs given, inputs that repeat an earlier one)."""
    folder = root / "dups"
    (folder / "sub").mkdir(parents=True)
    _write(folder, "01-courier.txt", BODY)
    _write(folder, "02-gazette.txt", BODY)  # identical body, another source
    _write(folder, "03-herald.txt", "By Sam Ng\nJune 3, 2025 08:15\n\n" + BODY)  # a date line the cleaner strips
    _write(folder, "04-wire.txt", "EASTVALE, June 3 (Reuters) - " + BODY)  # a wire dateline kept in the text
    _write(folder, "05-fire.txt", OTHER)
    _write(folder / "sub", "06-fire-copy.txt", OTHER)
    _write(folder, "07-empty.txt", "")
    url = "https://news.example.com/2025/06/03/eastvale-rail"
    records = [
        {"text": BODY, "url": url, "outlet": "Example News", "published": "2025-06-03T08:00:00Z"},
        {"text": BODY, "url": url, "outlet": "Example News", "published": "2025-06-03T08:00:00Z"},  # repeat
        {"text": OTHER, "outlet": "Port Times"},
        {"text": OTHER, "outlet": "Dock Daily"},
    ]
    _write(folder, "08-records.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    inputs = 7 + len(records)
    return folder, inputs, 1


def test_identity_every_input_is_an_article_or_a_rejection(tmp_path, store):
    folder, given, repeats = _duplicates_folder(tmp_path)
    analysis = store.analyze([str(folder)])
    articles = _articles(analysis)
    assert len(articles) == len({a.id for a in articles})  # an article is in one story
    assert len(articles) + len(analysis.rejected) == given - repeats
    assert [Path(r.source).name for r in analysis.rejected] == ["07-empty.txt"]
    names = {Path(a.source).name for a in articles}
    assert names == {"01-courier.txt", "02-gazette.txt", "03-herald.txt", "04-wire.txt", "05-fire.txt",
                     "06-fire-copy.txt", "08-records.jsonl"}
    assert len(store.articles()) == len(articles)
    # Each pair of identical texts is joined by a copies edge of score 1.0.
    by_text: dict[str, list[str]] = {}
    for a in articles:
        by_text.setdefault(a.text, []).append(a.id)
    copies = {frozenset((e.source, e.target)): e for e in _copies(analysis)}
    twins = [ids for ids in by_text.values() if len(ids) > 1]
    assert sorted(len(ids) for ids in twins) == [4, 4]  # BODY x4 (courier, gazette, herald, record), OTHER x4
    for ids in twins:
        linked = {i for pair, e in copies.items() if pair <= set(ids) and e.score == 1.0 for i in pair}
        assert linked == set(ids)
    for e in copies.values():
        assert e.evidence in next(a.text for a in articles if a.id == e.source)
    # The wire's text with its dateline holds all of the others: they copy it, dropping its
    # credit, so it is the origin of their story.
    wire = next(a for a in articles if a.source.endswith("04-wire.txt"))
    courier = next(a for a in articles if a.source.endswith("01-courier.txt"))
    for i in by_text[courier.text]:
        assert copies[frozenset((i, wire.id))].source == i
    story = next(d for d in analysis.stories if wire.id in {a.id for a in d.articles})
    assert story.story.origin == wire.id
    assert all(e.target == wire.id for e in story.lineage if e.kind == "copies" and wire.id in (e.source, e.target))


def test_identity_rerunning_the_same_add_changes_nothing(tmp_path, store):
    folder, _, _ = _duplicates_folder(tmp_path)
    first = analysis_to_dict(store.analyze([str(folder)]))
    ids, stories = sorted(a.id for a in store.articles()), store.stories()
    again = analysis_to_dict(store.analyze([str(folder)]))
    assert sorted(a.id for a in store.articles()) == ids
    assert store.stories() == stories
    assert json.dumps(again, sort_keys=True) == json.dumps(first, sort_keys=True)


def test_identity_an_article_stored_under_its_old_content_id_is_not_stored_again(tmp_path):
    """Stores written before ids took the source in keep their articles' old ids."""
    from crosswire.ingest.meta import content_id
    from crosswire.store import ArticleStore

    path = _write(tmp_path, "courier.txt", BODY)
    other = _write(tmp_path, "gazette.txt", BODY)  # the input the old identity lost
    db = tmp_path / "old.sqlite"
    old = ArticleStore(db)
    old.add_articles([Article(id=content_id(BODY), source=str(path), text=BODY)])
    old.close()
    with crosswire.Store(db) as store:
        analysis = store.analyze([str(other), str(path)])
        ids = {Path(a.source).name: a.id for a in store.articles()}
        assert len(ids) == 2 and ids["courier.txt"] == content_id(BODY) != ids["gazette.txt"]
        assert sorted(a.id for a in _articles(analysis)) == sorted(ids.values())


PAGE = """<!doctype html><html><head><title>Eastvale scraps light rail</title>
<link rel="canonical" href="https://wire.example/2025/06/03/eastvale-rail"></head>
<body><nav>Home | World | Sport</nav><article><h1>Eastvale scraps light rail</h1>{paragraphs}</article>
<footer>Contact us</footer></body></html>"""


def test_identity_two_outlets_pages_declaring_one_canonical_url_are_two_articles(tmp_path, store):
    html = PAGE.format(paragraphs="".join(f"<p>{p}</p>" for p in BODY.split("\n\n")))
    first, second = _write(tmp_path, "wire.html", html), _write(tmp_path, "portal.html", html)
    analysis = store.analyze([str(first), str(second)])
    articles = _articles(analysis)
    assert sorted(Path(a.source).name for a in articles) == ["portal.html", "wire.html"]
    assert {a.url for a in articles} == {"https://wire.example/2025/06/03/eastvale-rail"}
    (edge,) = _copies(analysis)
    assert edge.score == 1.0
