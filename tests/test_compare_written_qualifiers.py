"""A discrepancy's positions give each figure with its qualifier as the article wrote it
("at least 7", "almost 50"), not the contract's class of it ("more than", "about").

Texts written for these tests; the real pipeline runs on them.
"""

from __future__ import annotations

from story_texts import one_dossier

QUAKE = ("A strong earthquake struck the hill town of Varna in northern Osland on Monday, "
         "flattening mud-brick homes. {x} Rescue teams from the capital reached the town by nightfall.")


def test_positions_keep_the_written_qualifier(tmp_path):
    d = one_dossier(tmp_path, [QUAKE.format(x="The quake killed at least seven people, the governor said."),
                               QUAKE.format(x="The quake killed almost 50 people, the governor said.")],
                    "2016-04-11")
    values = sorted(p.value for x in d.discrepancies if x.about.startswith("number of people killed")
                    for p in x.positions)
    assert values == ["almost 50 people", "at least 7 people"], values
    notes = [x.note for x in d.discrepancies if x.about.startswith("number of people killed")]
    assert "at least 7" in notes[0] and "more than 7" not in notes[0]
