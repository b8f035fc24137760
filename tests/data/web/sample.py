"""A hand-built, realistic dossier for the HTML/export/web renderer tests.

Built from the model classes (not from the pipeline) so the renderers can be checked against
known content: five articles, one origin, two derivatives, an outside source, a numeric and a
status discrepancy, a timeline, entities, quotes and a cited summary.
"""

from __future__ import annotations

from crosswire.models import (
    Analysis,
    Article,
    Claim,
    Discrepancy,
    Dossier,
    Entity,
    EntityRole,
    LineageEdge,
    Position,
    Quantity,
    Quote,
    Rejection,
    Story,
    SummarySentence,
    Support,
    TimelineEntry,
)

FT = "Financial Times"


def _article(aid, outlet, title, published, text, role="unknown", based_on=()):
    return Article(
        id=aid,
        source=f"corpus/{aid}.txt",
        text=text,
        outlet=outlet,
        title=title,
        authors=["Staff"],
        published=published,
        url=f"https://{outlet.lower().replace(' ', '')}.example/{aid}",
        language="en",
        role=role,
        based_on=list(based_on),
        paragraphs=text.split("\n\n"),
    )


S_A1 = "Japan cancelled the annual 2+2 talks after Washington asked it to raise defence spending to 3.5% of GDP."
S_A2 = "Japan has called off the 2+2 meeting, according to the Financial Times, after a U.S. demand of 3.5% of GDP."
S_A3 = "Tokyo scrapped the talks when the U.S. pressed for defence spending of 5% of GDP."
S_A4 = "A U.S. official said the talks had been \"postponed\" weeks ago."
S_A5 = "The meeting was cancelled, officials in Tokyo said, because of the July 20 upper house election."
S_A1b = "The talks had been scheduled for July 1 in Washington."
S_A4b = "The talks, set for July 1 in Washington, were postponed."
S_Q = "\"Our defence budget is decided by Japan, not by others,\" Prime Minister Shigeru Ishiba said in March."


def build_dossier() -> Dossier:
    articles = [
        _article("a1f00d", FT, "Japan cancels US security talks over defence spending demand",
                 "2025-06-20", f"{S_A1}\n\n{S_A1b}\n\n{S_Q}", role="origin"),
        _article("b2e11c", "Asia Wire", "Japan calls off 2+2 meeting", "2025-06-21",
                 f"{S_A2}\n\nThe talks were expected to include Marco Rubio.", role="derivative",
                 based_on=["a1f00d", FT]),
        _article("c3d22b", "Pacific Ledger", "Tokyo scraps talks as U.S. presses for 5%",
                 "2025-06-22", f"{S_A3}\n\nElbridge Colby pushed for the increase.", role="derivative",
                 based_on=["a1f00d"]),
        _article("d4c33a", "Capital Post", "U.S. says talks were postponed", "2025-06-23",
                 f"{S_A4}\n\n{S_A4b}", role="independent"),
        _article("e5b44f", "Defence Review", "Election timing behind Japan's decision", "2025-07-21",
                 f"{S_A5}\n\nThe Liberal Democratic Party faced a difficult vote.", role="independent"),
    ]
    claims = [
        Claim(id="c-cancel", kind="event", text="Japan cancelled the 2+2 security talks with the United States.",
              support=[Support("a1f00d", S_A1), Support("b2e11c", S_A2, FT), Support("c3d22b", S_A3),
                       Support("e5b44f", S_A5, "officials in Tokyo")],
              independent_sources=2, status="contested"),
        Claim(id="c-35pct", kind="quantity", text="The U.S. asked Japan to spend 3.5% of GDP on defence.",
              quantity=Quantity(3.5, "%", "defence spending, share of GDP"),
              support=[Support("a1f00d", S_A1), Support("b2e11c", S_A2, FT)],
              independent_sources=1, status="contested"),
        Claim(id="c-5pct", kind="quantity", text="The U.S. asked Japan to spend 5% of GDP on defence.",
              quantity=Quantity(5.0, "%", "defence spending, share of GDP"),
              support=[Support("c3d22b", S_A3)], independent_sources=1, status="contested"),
        Claim(id="c-date", kind="date", text="The talks were scheduled for July 1 in Washington.",
              date="2025-07-01", support=[Support("a1f00d", S_A1b), Support("d4c33a", S_A4b)],
              independent_sources=2, status="corroborated"),
        Claim(id="c-postpone", kind="event", text="The talks were postponed.",
              support=[Support("d4c33a", S_A4, "a U.S. official")], independent_sources=1,
              status="contested"),
        Claim(id="c-quote", kind="quote", text="Shigeru Ishiba said Japan decides its own defence budget.",
              support=[Support("a1f00d", S_Q)], independent_sources=1, status="single-source"),
    ]
    discrepancies = [
        Discrepancy(id="d-share", kind="numeric", about="defence spending the U.S. asked for, share of GDP",
                    positions=[Position("3.5%", ["a1f00d", "b2e11c"], [S_A1, S_A2]),
                               Position("5%", ["c3d22b"], [S_A3])],
                    note="The derivative articles disagree with the origin on the figure."),
        Discrepancy(id="d-status", kind="status", about="whether the talks were cancelled or postponed",
                    positions=[Position("cancelled", ["a1f00d", "b2e11c", "c3d22b", "e5b44f"],
                                        [S_A1, S_A2, S_A3, S_A5]),
                               Position("postponed", ["d4c33a"], [S_A4])],
                    note="A cancellation and a postponement are different outcomes."),
    ]
    timeline = [
        TimelineEntry("2025-03", "Ishiba says Japan decides its own defence budget.", ["a1f00d"], ["c-quote"]),
        TimelineEntry("2025-06-20", "Reports say Japan cancelled the 2+2 talks.", ["a1f00d", "b2e11c"], ["c-cancel"]),
        TimelineEntry("2025-07-01", "Date the talks had been scheduled for.", ["a1f00d", "d4c33a"], ["c-date"]),
        TimelineEntry("2025-07-20", "Upper house election.", ["e5b44f"], []),
    ]
    entities = [
        Entity("Japan", "place", ["Tokyo"], [EntityRole("cancelling party", ["a1f00d", "c3d22b"])]),
        Entity("Elbridge Colby", "person", ["Colby"],
               [EntityRole("Under Secretary of Defense for Policy", ["c3d22b"])]),
        Entity("Shigeru Ishiba", "person", ["Ishiba"], [EntityRole("Prime Minister", ["a1f00d"])]),
        Entity(FT, "org", ["FT"], [EntityRole("original reporter", ["b2e11c"])]),
    ]
    quotes = [
        Quote("Shigeru Ishiba", "Our defence budget is decided by Japan, not by others,", ["a1f00d"]),
        Quote(None, "postponed", ["d4c33a"]),
    ]
    lineage = [
        LineageEdge("b2e11c", FT, "cites", None, "according to the Financial Times"),
        LineageEdge("b2e11c", "a1f00d", "copies", 0.62, S_A2),
        LineageEdge("c3d22b", "a1f00d", "rewrites", 0.35, S_A3),
    ]
    summary = [
        SummarySentence("Japan called off its 2+2 security talks with the United States.",
                        ["a1f00d", "b2e11c", "e5b44f"]),
        SummarySentence("Outlets disagree on the spending share Washington demanded: 3.5% or 5% of GDP.",
                        ["a1f00d", "c3d22b"]),
        SummarySentence("A U.S. official described the talks as postponed rather than cancelled.", ["d4c33a"]),
    ]
    story = Story(id="st-japan22", article_ids=[a.id for a in articles],
                  title="Japan cancels 2+2 security talks with the U.S.", origin="a1f00d",
                  first_published="2025-06-20", last_published="2025-07-21")
    return Dossier(story, articles, claims, discrepancies, timeline, entities, quotes, lineage, summary)


def build_analysis() -> Analysis:
    second = build_dossier()
    second.story = Story(id="st-second", article_ids=second.story.article_ids, title="A second story",
                         origin=None, first_published=None, last_published=None)
    return Analysis([build_dossier(), second], [Rejection("broken.bin", "binary content")])
