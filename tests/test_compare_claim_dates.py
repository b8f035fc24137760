"""A claim's date keeps the precision of its words (issue 12: "next week" was drawn as a day)."""

from __future__ import annotations

import crosswire
from crosswire.models import RawDocument


def test_compare_claim_date_of_a_vague_span_is_its_month(tmp_path):
    # (texts of 15 words or more: a shorter paste is refused as no article)
    texts = ["The two governments will hold security talks in Washington next week, officials of both said.",
             "Officials of both said the two governments will hold security talks in Washington next week."]
    raw = [RawDocument(source=f"outlet{i}.txt", content=t, published="2025-06-20") for i, t in enumerate(texts)]
    with crosswire.Store(tmp_path / "crosswire.db") as store:
        (d,) = store.analyze(raw).stories
    dated = [c.date for c in d.claims if c.date]
    assert dated and all(x == "2025-06" for x in dated), dated
