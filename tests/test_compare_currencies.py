"""Sums in two currencies are set against each other at a rate with its evidence: the story's
own conversions ("£1 million ($1.5 million)"), else the ECB reference rate of the story's
publication day; never at a guessed rate. A converted sum that agrees with two disagreeing
figures of the other currency takes no side.

Texts written for these tests; the real pipeline runs on them.
"""

from __future__ import annotations

from story_texts import one_dossier

HEIST = ("Armed robbers raided a jewellery shop on Bellmont Street in the port city of Varna early on "
         "Monday and escaped on motorbikes. {x} No one was hurt, and police have made no arrests.")


def money(d):
    return [x for x in d.discrepancies if x.kind == "numeric" and x.about.startswith("amount of money")]


def test_two_currencies_compared_at_the_story_s_own_conversion(tmp_path):
    d = one_dossier(tmp_path, [
        HEIST.format(x="The gang took watches and rings worth £1 million ($1.5 million), the shop's owner said."),
        HEIST.format(x="The gang took watches and rings worth £1 million, the shop's owner said."),
        HEIST.format(x="The gang took watches and rings worth $3 million, the shop's owner said."),
    ], None)
    (found,) = money(d)
    values = sorted(p.value for p in found.positions)
    assert values == ["1 million GBP", "3 million USD"], values
    assert "own conversion" in found.note and "£1 million ($1.5 million)" in found.note, found.note


def test_two_currencies_agreeing_at_the_rate_are_no_discrepancy(tmp_path):
    d = one_dossier(tmp_path, [
        HEIST.format(x="The gang took watches and rings worth £1 million ($1.5 million), the shop's owner said."),
        HEIST.format(x="The gang took watches and rings worth £1 million, the shop's owner said."),
        HEIST.format(x="The gang took watches and rings worth $1.6 million, the shop's owner said."),
    ], None)
    assert money(d) == []


def test_without_a_rate_two_currencies_are_not_compared(tmp_path):
    # no conversion written and no publication date: no rate anyone could check
    d = one_dossier(tmp_path, [
        HEIST.format(x="The gang took watches and rings worth £1 million, the shop's owner said."),
        HEIST.format(x="The gang took watches and rings worth $3 million, the shop's owner said."),
    ], None)
    assert money(d) == []


def test_the_ecb_rate_of_the_publication_day(tmp_path):
    # £1 = $1.57 on 2013-09-09 (ECB reference rates): £1 million against $3 million disagree
    d = one_dossier(tmp_path, [
        HEIST.format(x="The gang took watches and rings worth £1 million, the shop's owner said."),
        HEIST.format(x="The gang took watches and rings worth $3 million, the shop's owner said."),
    ], "2013-09-09")
    (found,) = money(d)
    assert "ECB reference rate of 2013-09-09" in found.note, found.note


def test_a_converted_sum_between_two_figures_takes_no_side(tmp_path):
    # at €1 = $1.30 (the first article's conversion), €2 million is about $2.5 million and
    # about $2.6 million alike: the dollar figures disagree, the euro ones side with neither
    d = one_dossier(tmp_path, [
        HEIST.format(x="The gang took watches and rings worth €2 million ($2.6 million), the shop's owner said."),
        HEIST.format(x="The gang took watches and rings worth €2 million, the shop's owner said."),
        HEIST.format(x="The gang took watches and rings worth $2.6 million, the shop's owner said."),
        HEIST.format(x="The gang took watches and rings worth $2.5 million, the shop's owner said."),
    ], None)
    (found,) = money(d)
    values = sorted(p.value for p in found.positions)
    assert values == ["2.5 million USD", "2.6 million USD"], values
    assert "outlet1.txt" not in {a for p in found.positions for a in p.articles}
