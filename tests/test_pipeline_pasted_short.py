"""A text given in memory (a paste) too short to be an article is refused, not made a story.

The HTTP API refuses such a paste with 422; the Python API reports it among the rejected inputs,
so nothing is lost silently and no one-word story is stored for good.
"""

from __future__ import annotations

import crosswire
from crosswire.models import RawDocument


def test_pipeline_one_word_paste_is_rejected_not_stored(tmp_path):
    with crosswire.Store(tmp_path / "x.db") as store:
        result = store.analyze([RawDocument(source="paste", content="hi")])
        assert result.stories == []
        (rejection,) = result.rejected
        assert rejection.source == "paste" and "too short to be an article" in rejection.error
        assert "1 word" in rejection.error
        assert store.stories() == [] and store.articles() == []


def test_pipeline_short_paste_beside_an_article_keeps_the_article(tmp_path):
    article = ("The city council of Dunmore voted on Tuesday to close the old Mill Road bridge to lorries "
               "after engineers found cracks in two of its supports during an inspection last month.")
    with crosswire.Store(tmp_path / "x.db") as store:
        result = store.analyze([RawDocument(source="a", content=article), RawDocument(source="b", content="Breaking news")])
        assert len(result.stories) == 1 and [r.source for r in result.rejected] == ["b"]


def test_pipeline_short_html_paste_is_left_to_the_cleaner(tmp_path):
    # markup counts no words of its own: a page is judged by its body, as a file is
    with crosswire.Store(tmp_path / "x.db") as store:
        result = store.analyze([RawDocument(source="p.html", content="<html><body><p>Hi</p></body></html>")])
        assert all("too short to be an article" not in r.error for r in result.rejected)
