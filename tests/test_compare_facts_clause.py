"""The clause around a mention: cut at clause marks, never inside a figure."""

from __future__ import annotations

from crosswire.compare.facts import ArticleView
from crosswire.models import Article


def test_compare_clause_keeps_a_figure_with_thousands_commas_whole():
    text = "In May, thieves stole jewellery worth £910,000 from a hotel room, police said."
    view = ArticleView(Article(id="a", source="a.txt", text=text), None)
    at = text.index("stole")  # a mention beside the figure, as an event's or a date's
    clause = view.clause((0, len(text)), (at, at + len("stole")))
    assert "£910,000 from a hotel room" in clause, clause
    assert "police said" not in clause
