"""A speaker named by first name alone in one article ("Kafoury's son, Charlie, said") and in
full in another ("said Charlie Kafoury") is one person, not a "who said" discrepancy."""

from __future__ import annotations

from crosswire.compare import discrepancies as d


def test_first_name_alone_and_full_name_are_one_speaker():
    label = {d._person("Charlie"): "Charlie", d._person("Charlie Kafoury"): "Charlie Kafoury"}
    by_who = {k: [] for k in label}
    assert d._credited_apart(None, by_who, label, {}, "who said", "apart") is None
