"""Speaker attribution failure classes seen on PolNeAR train (issue 14), one test each."""

from __future__ import annotations

import pytest

from crosswire.extract.entities import extract_entities
from crosswire.extract.quotes import extract_quotes
from crosswire.nlp import load_nlp


def _quotes(nlp, text):
    doc = nlp(text)
    return [(q.text, q.speaker) for q in extract_quotes(text, doc, extract_entities(doc))]


def test_split_quote_second_piece_keeps_the_speaker(nlp):
    text = ("“We will win this state by a wide margin,” Senator Laura Diaz said. “Nobody can "
            "stop us now, not the polls and not the pundits.”")
    assert [s for _, s in _quotes(nlp, text)] == ["Laura Diaz", "Laura Diaz"]


def test_paragraph_opening_quote_after_named_speaker(nlp):
    text = ("Maria Lopez spoke to reporters outside the court.\n\n"
            "“This ruling is a disgrace to the whole state,” she told AFP.\n\n"
            "“They want to blame it on the voters and walk away.”")
    assert [s for _, s in _quotes(nlp, text)] == ["Maria Lopez", "Maria Lopez"]


def test_paragraph_opening_quote_after_colon_paragraph(nlp):
    text = ("The senator did not back down. Ted Cruz continued:\n\n"
            "“You look at the questions and you see why people distrust the media.”")
    assert [s for _, s in _quotes(nlp, text)] == ["Ted Cruz"]


@pytest.mark.parametrize("text", [
    "''We will not leave this town without a fight,'' said John Carter.",
    "\u00abWe will not leave this town without a fight,\u00bb said John Carter.",
    "\u201eWe will not leave this town without a fight,\u201c said John Carter.",
])
def test_archive_and_european_quote_marks(nlp, text):
    assert _quotes(nlp, text) == [("We will not leave this town without a fight", "John Carter")]


@pytest.mark.parametrize("text,speaker", [
    ("“We deny every claim in the lawsuit,” said Trump attorney Alan Garten.", "Alan Garten"),
    ("Ryan’s spokeswoman, AshLee Strong, said “the speaker has been clear about this for "
     "months.”", "AshLee Strong"),
    ("“This is a dangerous road for the country,” said Rep. Jerry Nadler.", "Jerry Nadler"),
    ("“This is a dangerous road for the country,” Sen. Bernie Sanders said.", "Bernie Sanders"),
])
def test_descriptor_and_title_give_the_name(nlp, text, speaker):
    assert [s for _, s in _quotes(nlp, text)] == [speaker]


def test_pronoun_prefers_the_subject_and_its_gender(nlp):
    text = ("Barack Obama went on to praise Hillary Clinton at the rally. “She is so much "
            "better qualified than anyone who has run before,” he said.")
    assert [s for _, s in _quotes(nlp, text)] == ["Barack Obama"]


def test_pronoun_never_resolves_to_a_name_inside_the_quote(nlp):
    text = ("Tom Brady arrived late to the meeting.\n\n"
            "“I think that Peter Hall is wrong about this whole plan,” he said.")
    assert [s for _, s in _quotes(nlp, text)] == ["Tom Brady"]


def test_show_titles_are_not_quotes(nlp):
    text = ("Vice presidential nominee Mike Pence said on “Fox News Sunday” that the campaign "
            "would release the records, and he repeated it on “Meet the Press.”")
    assert _quotes(nlp, text) == []


def test_fallback_without_model_keeps_split_quotes(monkeypatch):
    monkeypatch.setenv("CROSSWIRE_NO_MODEL", "1")
    load_nlp.cache_clear()
    try:
        text = ("“We will win this state by a wide margin,” said Laura Diaz. “Nobody can stop "
                "us now, not the polls and not the pundits.”")
        qs = extract_quotes(text, None, extract_entities(text))
        assert [q.speaker for q in qs] == ["Laura Diaz", "Laura Diaz"]
    finally:
        monkeypatch.delenv("CROSSWIRE_NO_MODEL")
        load_nlp.cache_clear()


def test_archive_marks_with_an_abbreviated_title_after_the_quote(nlp):
    text = "''Tell me what is going to happen with imports,'' Mr. Ferriola said on Monday."
    assert [s for _, s in _quotes(nlp, text)] == ["Ferriola"]


def test_colon_introduction_takes_the_clause_subject_not_its_last_name(nlp):
    text = ("Senate Majority Leader Mitch McConnell delivered a blunt message to Donald Trump: "
            "“It is time to quit attacking the people you competed with.”")
    assert [s for _, s in _quotes(nlp, text)] == ["Mitch McConnell"]


def test_descriptor_subject_before_a_partial_quote(nlp):
    text = ("Trump campaign spokeswoman Hope Hicks said in a statement that Donald Trump "
            "\"has a long history of being a strong supporter of Israel.\"")
    assert [s for _, s in _quotes(nlp, text)] == ["Hope Hicks"]


def test_a_name_in_the_next_clause_is_not_the_speaker(nlp):
    text = ("Ted Cruz said that there is “only one strong conservative in a position to win "
            "this race,” adding that it is why Donald Trump attacks him.")
    assert [s for _, s in _quotes(nlp, text)] == ["Ted Cruz"]


def test_name_with_apposition_before_the_verb(nlp):
    text = ("''He says what everyone else wants to say,'' Steve Moody, a small-business owner, "
            "said at the rally on Tuesday.")
    assert [s for _, s in _quotes(nlp, text)] == ["Steve Moody"]


def test_subject_with_apposition_before_said_colon(nlp):
    text = ("Michael Demastus, pastor of the Fort Des Moines Church and a Ted Cruz supporter, "
            "said: \"I have heard a lot of candidates pray, but never like this.\"")
    assert [s for _, s in _quotes(nlp, text)] == ["Michael Demastus"]


def test_possessor_before_an_apposition_is_not_the_speaker(nlp):
    text = ("“That is inevitable and it is going to happen,” Rep. Duncan Hunter’s chief of "
            "staff, Joe Kasper, told Politico.")
    assert [s for _, s in _quotes(nlp, text)] == ["Joe Kasper"]


def test_quote_in_a_sentence_about_a_person_without_a_verb_of_saying(nlp):
    text = ("Donald Trump assured the host during the interview, “Your reputation is amazing "
            "and I will not let you down.”")
    assert [s for _, s in _quotes(nlp, text)] == ["Donald Trump"]


def test_pronoun_goes_to_a_subject_in_apposition_over_the_last_speaker(nlp):
    text = ("“We will not pay for this,” said Giannis Panagopoulos, a union leader.\n\n"
            "The German Chancellor, Angela Merkel, said today that the crisis showed the rules "
            "must change.\n\n"
            "“The future of Europe is at stake,” she told a debate in Berlin.")
    assert [s for _, s in _quotes(nlp, text)][-1] == "Angela Merkel"


# Classes seen on PolNeAR train after the first round (issue 14, second pass).

@pytest.mark.parametrize("text,speaker", [
    # The main clause's subject, not a subject inside a subordinate clause ("just as X did").
    ("Dale Reid raised the example of Obama inviting Clinton into his circle, just as President "
     "Abraham Lincoln did in building a team of rivals. \"He reached out to her and gave her the "
     "best job he had to offer,\" he said.", "Dale Reid"),
    # "... predicted that X will win if Y wins": Y is a subject too, of a clause inside.
    ("Ohio Gov. John Kasich predicted at the debate that Republicans will take every state if "
     "Bernie Sanders wins the Democratic nomination.\n\n\"That is not even an issue,\" he said "
     "to applause.", "John Kasich"),
    ("Jamal Simmons, an Obama supporter, said he saw the shift in his own family, most of whom "
     "thought Barack Obama had no shot. “It is challenging the community’s assumptions,” he "
     "said.", "Jamal Simmons"),
])
def test_pronoun_prefers_the_main_clause_subject(nlp, text, speaker):
    assert [s for _, s in _quotes(nlp, text)][-1] == speaker


def test_gender_is_not_read_from_a_state_abbreviation(nlp):
    # "Miss." after the name is Mississippi, not a title: the man stays a man.
    text = ("Dewayne Smithy, 33, of Baldwin, Miss., dismisses the idea that casting a ballot "
            "makes a difference. \"I can't really find a candidate that I like,\" he said.")
    assert [s for _, s in _quotes(nlp, text)] == ["Dewayne Smithy"]


def test_descriptor_with_an_organisation_and_a_rank_gives_the_person(nlp):
    text = ("\"I don't see how this would change our operations,\" said Pentagon spokesman Navy "
            "Capt. Jeff Davis, who was asked about the strikes.")
    assert [s for _, s in _quotes(nlp, text)] == ["Jeff Davis"]


def test_continuation_after_adding_keeps_the_teller_not_a_name_in_the_quote(nlp):
    text = ("Mayor Dana Holt told reporters that Governor Ray Quinn “had a reckless plan for "
            "the port,” adding, “He lost the trust of every dock worker in the city.”")
    assert [s for _, s in _quotes(nlp, text)] == ["Dana Holt", "Dana Holt"]


def test_second_said_of_a_conjunction_keeps_the_first_subject(nlp):
    text = ("Mayor Ellen Park said the decision was made by police chief Tom Reyes and said, "
            "“Who are you going to trust on safety in this city?”")
    assert [s for _, s in _quotes(nlp, text)] == ["Ellen Park"]


def test_quote_glued_to_the_comma_after_said(nlp):
    text = "Ryan said,“Look, these images have no place in a presidential campaign.”"
    assert [s for _, s in _quotes(nlp, text)] == ["Ryan"]


def test_paragraph_opening_quote_after_reported_speech_of_a_person(nlp):
    text = ("If anything, Randy Ash argued in his email, the incident is an illustration of "
            "why the "
            "convention should adopt Robert’s Rules of Order.\n\n"
            "“In light of this serious breach, is it prudent for the committee to keep giving "
            "such power to the presiding officer?”")
    assert [s for _, s in _quotes(nlp, text)] == ["Randy Ash"]


def test_fronted_of_phrase_and_relative_clause_do_not_take_the_subject(nlp):
    # The parser makes "Of" the subject here; the name right under it is the speaker, not the
    # name the "of" phrase is about nor one inside the relative clause.
    text = ("Of Carson, Levine, who has given money to Marco Rubio, said, “He’s flat-out "
            "scary. I think he’s a wonderful man.”")
    assert [s for _, s in _quotes(nlp, text)] == ["Levine"]


@pytest.mark.parametrize("text,speaker", [
    ("Senator Jane Moss reported “no clear answer” from the agency.", "Jane Moss"),
    ("The governor, Tom Reyes, proclaimed the plan “a terrific piece” of work.", "Tom Reyes"),
])
def test_more_verbs_of_saying_anchor_a_partial_quote(nlp, text, speaker):
    assert [s for _, s in _quotes(nlp, text)] == [speaker]


def test_fact_check_quote_signed_by_the_next_paragraph(nlp):
    text = ("The senator repeated the claim at the debate.\n\n"
            "\"Boeing and other multinationals pay zero taxes in this country.\"\n\n"
            "- Bernie Sanders.\n\n"
            "This is a complex issue, subject to fierce debate.")
    assert [s for _, s in _quotes(nlp, text)] == ["Bernie Sanders"]


def test_according_to_before_the_quote(nlp):
    text = ("G4S receives millions in contracts. According to Paul Sperry of Counter Jihad, "
            "“Judicial Watch revealed that the company has been moving detainees at night.”")
    assert [s for _, s in _quotes(nlp, text)] == ["Paul Sperry"]


def test_straight_marks_quote_running_over_paragraphs(nlp):
    text = ("\"I am a fan of the pope,\" Bernie Sanders said aboard his plane. \"Whether it is "
            "wealth inequality or the planet, he has been a transformative leader.\n\n"
            "\"And he is a very beautiful man,\" Sanders continued. \"When you meet him, you see "
            "something very special in his face.\"")
    got = _quotes(nlp, text)
    assert [t for t, _ in got] == [
        "I am a fan of the pope", "Whether it is wealth inequality or the planet, he has been a "
        "transformative leader.", "And he is a very beautiful man",
        "When you meet him, you see something very special in his face."]
    assert {s for _, s in got} == {"Bernie Sanders"}


def test_the_subject_nearest_the_verb_when_a_heading_runs_into_the_sentence(nlp):
    # The parser gives "told" two subjects: "p.m." of the time-stamp heading and the speaker.
    text = ("6:50 p.m.\n\nWith her husband, former President Bill Clinton, standing by her side, "
            "Hillary Clinton has told her supporters that “we’re in this together.”")
    assert [s for _, s in _quotes(nlp, text)] == ["Hillary Clinton"]


def test_pronoun_takes_a_subject_a_few_sentences_back_over_a_nearer_modifier(nlp):
    text = ("Clinton appeared to have the most to gain from the debate.\n\n"
            "She skirted the opening question from moderator John Dickerson about the Obama "
            "administration.\n\nShe referred to jihadism. She was careful.\n\n"
            "\"I don't think we are at war with a religion,\" she said.")
    assert [s for _, s in _quotes(nlp, text)] == ["Clinton"]


def test_attribution_introducing_the_next_quote_is_not_the_previous_ones(nlp):
    text = ("“He is funny, and I would love to see him on stage,” New York attorney Eric Levine "
            "said of Trump. “But as president, his lack of knowledge is disturbing to me.” Of "
            "Carson, Levine, who has given money to Marco Rubio, said, “He’s flat-out scary.”")
    assert [s for _, s in _quotes(nlp, text)] == ["Eric Levine"] * 3


def test_pronoun_takes_a_sentence_opening_name_the_tagger_missed_as_subject(nlp):
    # "brags" is tagged a noun, so "Trump" is no parsed subject; it still opens the sentence.
    text = ("Donald Trump won again on Tuesday. Senate leader Mitch McConnell said the party "
            "would hold. In every contest, Democratic turnout has been way down.\n\n"
            "Trump brags that's good news for Republicans. "
            "\"GROWING PARTY,\" he declared in a tweet after the vote.")
    assert [s for _, s in _quotes(nlp, text)] == ["Donald Trump"]


def test_object_of_the_verb_above_an_infinitive_is_its_speaker(nlp):
    text = ("At one point, Cruz coached Trump to \"breathe, breathe, breathe.\" That prompted "
            "Rubio to make a joke about yoga and call Trump \"very flexible,\" a nod to his "
            "changes of position.")
    assert [s for _, s in _quotes(nlp, text)][-1] == "Rubio"


def test_pronoun_takes_the_possessor_of_a_subject_over_an_object(nlp):
    text = ("Ian Tuttle’s article also attacked Chris Christie for his endorsement. He calls "
            "the endorsement “the most transparent display of affection in years.”")
    assert [s for _, s in _quotes(nlp, text)] == ["Ian Tuttle"]


def test_vox_pop_quotes_signed_with_a_dash_on_their_line(nlp):
    text = ("Readers wrote in after the debate.\n\n"
            "“He is ignorant of our culture and our lives.” \u2015 Pamela Padilla\n“He represents "
            "our greatest shame as a country.” \u2015 Sonya Herridge\n\n"
            "Some voters liked the way he speaks \u2014 because he liked his overall message.")
    got = _quotes(nlp, text)
    assert [s for _, s in got][:2] == ["Pamela Padilla", "Sonya Herridge"]


def test_as_x_put_it_is_a_verb_of_saying(nlp):
    text = ("As Steven Rosenthal, a tax lawyer at the Tax Policy Center, recently put it, "
            "''Did Trump lower his taxes beyond what the law allows?''")
    assert [s for _, s in _quotes(nlp, text)] == ["Steven Rosenthal"]


def test_quote_after_reported_speech_in_its_own_paragraph(nlp):
    text = ("The administration may be reluctant to act while talks go on, Adam Schiff said. "
            "\"The other factor is that they do not want to look as if they take sides.\"")
    assert [s for _, s in _quotes(nlp, text)] == ["Adam Schiff"]


@pytest.mark.parametrize("text,speaker", [
    ("Russia insisted that Pyongyang \"stop its dangerous escapades at once.\"", "Russia"),
    ("Japan branded North Korea an \"outlaw nation in the neighborhood.\"", "Japan"),
])
def test_a_state_speaks_through_its_government(nlp, text, speaker):
    assert [s for _, s in _quotes(nlp, text)] == [speaker]


def test_dash_signature_after_a_no_break_space(nlp):
    text = ("“I cannot believe a man with no credentials is the nominee.”\u00a0\u2015 Jacklyn "
            "Ashley\u00a0\n“Trump must stop portraying us as dangerous gangsters.”\u2015 Carla "
            "Sanchez.\n\nGetty/Instagram.")
    assert [s for _, s in _quotes(nlp, text)] == ["Jacklyn Ashley", "Carla Sanchez"]


def test_descriptor_with_a_place_and_a_role_word_gives_the_name(nlp):
    # NER types both "Concord" and "Whit Symms" as organisations here; the role word
    # between them says the second is who spoke.
    text = "\"I can't vote for him this year,\" said Concord resident Whit Symms."
    assert [s for _, s in _quotes(nlp, text)] == ["Whit Symms"]


def test_pronoun_takes_a_name_given_to_a_common_noun_subject(nlp):
    text = ("That is where Tom Baker built his first factory twenty years ago.\n\n"
            "Outside the plant, a worker named Antonio Arroyo has nothing but good things to "
            "say about his job. “The atmosphere is relaxed and healthy,” he said.")
    assert [s for _, s in _quotes(nlp, text)] == ["Antonio Arroyo"]


def test_pronoun_never_takes_a_name_the_article_reads_as_a_place(nlp):
    # "Clarkston became his home": NER types the one subject mention a person, the four
    # others a place; the town keeps its type and the pronoun goes to the man.
    text = ("Many refugees came to Clarkston from Iraq. Life in Clarkston is quiet, and "
            "families in Clarkston stay.\n\n"
            "Omar Haddad, 40, the center's coordinator, came to Clarkston in 2012. Soon he got "
            "a car and a job at the center, and Clarkston became his home. Recently, he said, "
            "he has realized that the rest of the state is different.\n\n"
            "\"The stereotyping is still strong here,\" he said.")
    assert [s for _, s in _quotes(nlp, text)] == ["Omar Haddad"]


def test_organisation_and_title_before_the_name_in_a_misparsed_subject(nlp):
    # The parser takes "Council" for the subject and hangs the person under "on"; the
    # descriptor runs organisation, title, name, so the name is who spoke.
    text = ("The Council on American-Islamic Relations National Executive Director Nihad "
            "Awad says in a statement that Trump’s “inflammatory rhetoric has crossed the line "
            "from spreading hatred to inciting violence.”")
    assert [s for _, s in _quotes(nlp, text)] == ["Nihad Awad"]


def test_a_word_ending_a_sentence_is_no_initial_after_the_quote(nlp):
    # "…Trump. And Patrick says" after the quote: "p." is the end of a sentence, not an
    # initial, so the next sentence's "says" does not reach back to the quote.
    text = ("Dan Patrick spoke in Columbia on Saturday night.\n\n"
            "Patrick says “regardless of what the pundits say, it’s a two-man race” between "
            "Cruz and Trump. And Patrick says Cruz is the only candidate left in the race.")
    assert [s for _, s in _quotes(nlp, text)] == ["Dan Patrick"]


def test_name_with_a_party_tag_right_before_said_when_the_parse_fails(nlp):
    # A long opening clause leaves "said" without a subject in the parse; the name right
    # before it, past its "(R-WI)" tag, said it.
    text = ("Tuesday on a Milwaukee radio show, while discussing a controversial post from the "
            "nominee featuring an image of a rival, money and a star likened to the Star of "
            "David, Speaker of the House Rep. Paul Ryan (R-WI) said “those images have got no "
            "place in a presidential campaign.”")
    assert [s for _, s in _quotes(nlp, text)] == ["Paul Ryan"]


def test_show_titles_after_a_broadcasters_possessive_are_not_quotes(nlp):
    text = ("Speaking on WTMJ’s “Midday with Charlie Sykes,” the senator was asked about the "
            "tweet, and on ABC’s “This Week” she took no questions.")
    assert _quotes(nlp, text) == []


@pytest.mark.parametrize("text,speaker", [
    ("\"We cannot have people come here and deny the right to question them. They may not "
     "want to answer,\" Rep. John Marsh (R-Fla.) said. \"If you continue that, you destroy "
     "the whole basis of oversight.\"", "John Marsh"),
    ("\"He would be a great senator. Not good, great. One of the brightest members of the "
     "entire Congress,\" Rep. Elijah E. Cummings (D-Md.) said in a phone interview.",
     "Elijah E. Cummings"),
])
def test_party_tag_after_the_name_after_the_quote(nlp, text, speaker):
    # A quote that ends its sentence reads its attribution after the mark; the full stop
    # in "(R-Fla.)" is part of the tag, not the end of that attribution.
    assert set(s for _, s in _quotes(nlp, text)) == {speaker}
