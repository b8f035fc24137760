"""The one data model that flows between crosswire's stages.

Field names follow ``shared/contract/dossier.md`` (the dossier contract, version 1). Stages take
and return these types; :mod:`crosswire.report.json` is the one place that turns them into the
contract's JSON.

The flow::

    RawDocument --clean--> Article --extract--> Extraction
    [Article] --group--> [Story] + [LineageEdge]
    Story + [Article] + [Extraction] --compare--> Dossier
    [Dossier] + [Rejection] --> Analysis
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ArticleRole = Literal["origin", "derivative", "independent", "unknown"]
ClaimKind = Literal["event", "quantity", "date", "role", "quote", "other"]
ClaimStatus = Literal["corroborated", "single-source", "contested"]
DiscrepancyKind = Literal["numeric", "status", "temporal", "attribution", "factual", "other"]
EntityType = Literal["person", "org", "place", "other"]
EdgeKind = Literal["cites", "copies", "rewrites"]
Tense = Literal["past", "future", "ongoing"]
EventStatus = Literal["asserted", "negated", "reported", "planned", "hypothetical"]
Qualifier = Literal["about", "more than", "less than", "up to"]


# --------------------------------------------------------------------------- ingest


@dataclass
class RawDocument:
    """One input record as a reader found it, before cleaning.

    ``content`` is HTML when ``kind == "html"``, else plain text (possibly with markdown debris).
    Fields a reader already knows (a JSONL record's title, a feed entry's date) are carried as
    hints; cleaning fills in what is missing from the content itself.
    """

    source: str
    content: str
    kind: Literal["text", "html"] = "text"
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    language: str | None = None


@dataclass
class Upload:
    """Bytes a user handed over with a file name (an HTTP upload): read like a file of that name."""

    name: str
    data: bytes


@dataclass
class Rejection:
    """An input that could not be analysed, with a one-line reason."""

    source: str
    error: str


@dataclass
class Article:
    """A cleaned article: body text without site chrome, plus recovered metadata."""

    id: str
    source: str
    text: str
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # an ISO date (the contract's); the time of day, when known, is in published_at
    updated: str | None = None
    url: str | None = None
    language: str | None = None
    role: ArticleRole = "unknown"
    based_on: list[str] = field(default_factory=list)
    # Paragraphs of ``text`` (``text`` is ``"\n\n".join(paragraphs)``).
    paragraphs: list[str] = field(default_factory=list)
    # The publication as an ISO 8601 date-time, when the input gave a time of day.
    published_at: str | None = None


# --------------------------------------------------------------------------- extraction
# Every mention carries ``text`` (the surface string) and ``start``/``end`` character offsets
# into the article's ``text`` (the record's ``text`` for ``crosswire extract``).


@dataclass
class QuantityMention:
    text: str
    start: int
    end: int
    amount: float
    unit: str | None = None
    measure: str | None = None
    qualifier: Qualifier | None = None
    # The same fact in another unit, e.g. "9.9 trillion yen ($70 billion)": the parenthesised
    # conversion rides along with the main quantity rather than becoming a second fact.
    alternatives: list[QuantityMention] = field(default_factory=list)
    # Upper bound of a range ("3 to 5 percent": amount 3, upper 5).
    upper: float | None = None
    sentence: str | None = None


@dataclass
class DateMention:
    text: str
    start: int
    end: int
    value: str | None  # YYYY-MM-DD, YYYY-MM, YYYY or START/END; None if unresolvable
    tense: Tense | None = None
    sentence: str | None = None


@dataclass
class EntityMention:
    text: str
    start: int
    end: int
    name: str  # canonical name
    type: EntityType
    role: str | None = None


@dataclass
class QuoteMention:
    text: str
    start: int
    end: int
    speaker: str | None = None


@dataclass
class AttributionMention:
    text: str  # the crediting phrase, e.g. "according to the Financial Times"
    start: int
    end: int
    source: str  # whom it credits: "Financial Times", "a U.S. official", "unattributed"
    sentence: str = ""


@dataclass
class EventMention:
    text: str
    start: int
    end: int
    predicate: str  # normalised lemma: "cancel", "postpone", "demand"
    arguments: list[str] = field(default_factory=list)
    status: EventStatus = "asserted"
    sentence: str | None = None


@dataclass
class Extraction:
    """Everything the extraction stage found in one article (or one ``extract`` record)."""

    id: str
    quantities: list[QuantityMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    quotes: list[QuoteMention] = field(default_factory=list)
    attributions: list[AttributionMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    # Sentence boundaries as (start, end) offsets into the text, so later stages quote
    # evidence verbatim without re-splitting.
    sentences: list[tuple[int, int]] = field(default_factory=list)
    error: str | None = None


# --------------------------------------------------------------------------- grouping


@dataclass
class LineageEdge:
    """``source`` cites, copies or rewrites ``target`` (an article id or an outlet name)."""

    source: str
    target: str
    kind: EdgeKind
    score: float | None = None
    evidence: str = ""


@dataclass
class Story:
    id: str
    article_ids: list[str]
    title: str | None = None
    origin: str | None = None
    first_published: str | None = None
    last_published: str | None = None


# --------------------------------------------------------------------------- comparison


@dataclass
class Quantity:
    amount: float
    unit: str | None = None
    measure: str | None = None
    qualifier: Qualifier | None = None


@dataclass
class Support:
    article: str
    evidence: str
    attributed_to: str | None = None


@dataclass
class Claim:
    id: str
    kind: ClaimKind
    text: str
    quantity: Quantity | None = None
    date: str | None = None
    support: list[Support] = field(default_factory=list)
    independent_sources: int = 0
    status: ClaimStatus = "single-source"

    @property
    def outlets(self) -> int:
        """Number of distinct articles supporting the claim (derived, never stored)."""
        return len({s.article for s in self.support})


@dataclass
class Position:
    value: str
    articles: list[str]
    evidence: list[str]


@dataclass
class Discrepancy:
    id: str
    kind: DiscrepancyKind
    about: str
    positions: list[Position]
    note: str = ""


@dataclass
class TimelineEntry:
    date: str
    text: str
    articles: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)


@dataclass
class EntityRole:
    role: str
    articles: list[str]


@dataclass
class Entity:
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    roles: list[EntityRole] = field(default_factory=list)


@dataclass
class Quote:
    speaker: str | None
    text: str
    articles: list[str]


@dataclass
class SummarySentence:
    text: str
    citations: list[str]


@dataclass
class Dossier:
    story: Story
    articles: list[Article]
    claims: list[Claim] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    lineage: list[LineageEdge] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The DOSSIER of the contract as a JSON-ready dict."""
        from .report.json import dossier_to_dict

        return dossier_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The DOSSIER of the contract as JSON text."""
        from .report.json import dossier_to_dict, dumps

        return dumps(dossier_to_dict(self), indent=indent)

    def to_markdown(self) -> str:
        from .report.markdown import render_markdown

        return render_markdown(self)

    def to_html(self) -> str:
        """A standalone HTML page (one file, no external resources)."""
        from .report.html import render_html

        return render_html(self, standalone=True)


@dataclass
class SearchHit:
    """One search result: an article (``id`` its id) or a claim (``id`` its id within its story),
    the story it belongs to (None for an article in no story) and a snippet of its text."""

    kind: Literal["article", "claim"]
    id: str
    story_id: str | None
    story_title: str | None
    text: str


@dataclass
class Analysis:
    """The result of one ``analyze`` run: a dossier per story and the rejected inputs."""

    stories: list[Dossier] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    def to_dict(self) -> dict:
        from .report.json import analysis_to_dict

        return analysis_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The whole analysis as the contract's JSON document."""
        from .report.json import analysis_to_dict, dumps

        return dumps(analysis_to_dict(self), indent=indent)
