"""Lengths of time: the running length of something still going on ("five days of riots"), a
game clock ("4 minutes 48 seconds remaining") and two lengths far apart are not one length told
two ways; a fixed term ("ordered to serve 90 days") is.

Texts written for these tests; the real pipeline runs on them.
"""

from __future__ import annotations

from story_texts import one_dossier

CITY = ("Protests spread across the port city of Velmar on Sunday after police shot a student during "
        "a march, and shops in the old town stayed shut. {x} The interior minister called for calm and "
        "promised an inquiry into the shooting.")
COURT = ("A judge in Harlow sentenced the singer Tom Avery on Monday for drunk driving, after a crash "
         "that injured a cyclist on the ring road. {x} His lawyer said he would not appeal.")
MATCH = ("The Harlow Hawks beat the Velmar Rams 24-21 on Sunday in a game decided late in the fourth "
         "quarter. {x} The win sends the Hawks to the play-offs for the first time in six years.")


def _lengths(tmp_path, base: str, *xs: str):
    d = one_dossier(tmp_path, [base.format(x=x) for x in xs], "2012-10-08")
    return [(x.about, sorted(p.value for p in x.positions)) for x in d.discrepancies
            if x.about.startswith("length of time")]


def test_running_length_of_an_ongoing_thing_is_not_compared(tmp_path):
    assert not _lengths(tmp_path, CITY,
                        "The shooting sparked five days of riots in the city, the police said.",
                        "The shooting sparked eight days of riots in the city, the police said.")


def test_fixed_term_is_compared(tmp_path):
    assert len(_lengths(tmp_path, COURT,
                        "He was ordered to serve 90 days of treatment at a clinic, the court said.",
                        "He was ordered to serve 60 days of treatment at a clinic, the court said.")) == 1


def test_game_clock_is_not_a_length(tmp_path):
    assert not _lengths(tmp_path, MATCH,
                        "Rick Dale ran in the winning touchdown with just under five minutes left in the game.",
                        "Rick Dale ran in the winning touchdown with 4 minutes 48 seconds remaining in the game.")


def test_lengths_far_apart_are_two_things(tmp_path):
    assert not _lengths(tmp_path, COURT,
                        "He was ordered to serve 90 days in a clinic, and he checked in on Monday.",
                        "He was ordered to serve two minutes in a clinic, and he checked in on Monday.")
