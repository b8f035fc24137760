"""Quote speakers, session 10: a possessor's three-word role before the speaker's name."""

from __future__ import annotations

from crosswire.extract.entities import extract_entities
from crosswire.extract.quotes import extract_quotes


def _speakers(nlp, text):
    doc = nlp(text)
    return [q.speaker for q in extract_quotes(text, doc, extract_entities(doc))]


def test_possessor_role_of_three_words_leads_to_the_named_speaker(nlp):
    # The possessive ending is no word of the role: "senior policy adviser" still leads to
    # the adviser, not to the senator whose adviser he is.
    text = ('Senator Elizabeth Warren spoke at the county fair on Monday.\n\n'
            '"The roads will be repaired before winter, and every school will open on time," '
            "Warren's senior policy adviser Tom Becker said in the statement.\n")
    assert _speakers(nlp, text) == ["Tom Becker"]
