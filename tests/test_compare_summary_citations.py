"""Summary sentences cite only the articles that state them."""

from __future__ import annotations

import pytest

import crosswire
from crosswire.compare.summary import states
from crosswire.models import RawDocument

LEAD = ("The Lisbon climate summit between Portugal and Spain was {} on Monday after negotiators "
        "failed to agree on water quotas, officials said.")
DROUGHT = ("Spanish officials said the dispute over the river's flow had deepened in recent months as "
           "drought hit farmers on both sides of the border.")


def _doc(outlet: str, verb: str, extra: str) -> RawDocument:
    return RawDocument(source=f"{outlet.lower().replace(' ', '-')}.txt", outlet=outlet, published="2024-05-06",
                       title=f"Lisbon summit {verb}", content="\n\n".join([LEAD.format(verb), DROUGHT, extra]))


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    docs = [_doc("Harbor Gazette", "postponed", "Portuguese environment minister Ana Costa said the meeting "
                 "would be held later in the year once the technical teams had finished their work."),
            _doc("Valley Times", "postponed", "Farm groups in Extremadura welcomed the delay and asked for a "
                 "bigger share of the Tagus."),
            _doc("Coastal Courier", "cancelled", "No new date has been set, a government spokesman in Madrid said.")]
    with crosswire.Store(tmp_path_factory.mktemp("summary") / "crosswire.db") as store:
        (d,) = store.analyze(docs).stories
    return d


def test_compare_summary_postponed_sentence_not_cited_to_cancelled_article(dossier):
    by_outlet = {a.outlet: a.id for a in dossier.articles}
    postponed = [s for s in dossier.summary if "was postponed on Monday" in s.text]
    assert postponed, [s.text for s in dossier.summary]
    for s in postponed:
        assert by_outlet["Coastal Courier"] not in s.citations
        assert {by_outlet["Harbor Gazette"], by_outlet["Valley Times"]} <= set(s.citations)
    # A sentence all three state is still cited to all three.
    drought = next(s for s in dossier.summary if s.text == DROUGHT)
    assert set(drought.citations) == set(by_outlet.values())


@pytest.mark.parametrize("sentence,evidence,expected", [
    ("The talks were postponed.", "The talks were called off.", False),
    ("The talks were postponed.", "The talks were delayed until May.", True),
    ("The US asked for 3.5% of GDP.", "The US asked for 5% of GDP.", False),
    ("The US asked for 3.5% of GDP.", "Washington wants 3.5 per cent, officials said.", True),
    ("Japan has cancelled the meeting.", "Japan has cancelled the meeting.", True),
])
def test_compare_summary_states(sentence, evidence, expected):
    assert states(sentence, evidence) is expected
