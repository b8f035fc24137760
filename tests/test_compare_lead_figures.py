"""Figures that open their articles (headline or lead) are about the story's own event.

Two outlets telling the haul of one robbery in their own words rarely write sentences alike
enough to align, yet a fact-checker sets their opening figures side by side. Texts written for
these tests; the real pipeline runs on them.
"""

from __future__ import annotations

import crosswire
from crosswire.models import RawDocument

A = ("Armed robbers raided the Morel jewellery shop in the centre of Lyon early on Tuesday and escaped "
     "with gems and watches worth $3.1 million, police said. Two staff members were threatened with "
     "handguns but nobody was hurt. The gang fled on two motorbikes towards the ring road. "
     "The shop had been insured for $5 million, its owner told reporters on Tuesday afternoon.")
B = ("A gang held up staff at the Morel jewellery store in Lyon on Tuesday morning before fleeing with a "
     "$4 million haul of rings and watches. Detectives were studying footage from street cameras "
     "near the Morel store. Witnesses described hearing shouting and seeing the robbers leave on "
     "motorbikes towards the ring road. Nobody was hurt, police said.")
C = ("Detectives in Lyon are hunting a gang who stole jewellery from the Morel store on Tuesday. "
     "Officers said the shop's cameras had filmed the robbery and that the thieves left on motorbikes. "
     "The owner said the shop was insured for $8 million and would reopen on Friday.")


def _money(tmp_path, *texts: tuple[str, str]):
    raw = [RawDocument(source=f"outlet{i}.txt", title=t, content=c, published="2014-06-03")
           for i, (t, c) in enumerate(texts)]
    with crosswire.Store(tmp_path / "crosswire.db") as store:
        (d,) = store.analyze(raw).stories
    return [x for x in d.discrepancies if x.kind == "numeric" and x.about.startswith("amount of money")]


def test_opening_figures_of_one_event_disagree(tmp_path):
    found = _money(tmp_path, ("Lyon jewellery shop robbed of $3.1 million in gems", A),
                   ("Robbers flee Lyon jewellery store with $4 million haul", B))
    assert len(found) == 1, [(x.about, [p.value for p in x.positions]) for x in found]
    values = {p.value for p in found[0].positions}
    assert values == {"3.1 million USD", "4 million USD"}, values


def test_a_later_figure_is_not_set_against_an_opening_one(tmp_path):
    # the insured sum is told deep in both articles, in sentences unlike each other: two things
    found = _money(tmp_path, ("Lyon jewellery shop robbed of $3.1 million in gems", A),
                   ("Police hunt Lyon jewellery robbers", C))
    assert found == [], [(x.about, [p.value for p in x.positions]) for x in found]
