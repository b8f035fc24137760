"""The dossier as an HTML page a reader takes in at a glance.

Jinja2 with autoescaping on for every template: article-derived strings (titles, outlets,
evidence, quotes) are hostile input and only ever reach the page escaped. Charts are inline SVG
built from geometry computed here, so the page needs no script and, when ``standalone``, no
external resource at all (the CSS is inlined; :data:`STYLE_CSP_SOURCE` is its CSP hash).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from crosswire.models import Analysis, Article, Dossier
from crosswire.report.exports import claim_matrix, oppositions, render_jsonld, safe_url
from crosswire.report.numbering import (
    COL_CONTRADICTED,
    COL_INDEPENDENT,
    INDEPENDENT_NOTE,
    MARKS,
    article_refs,
    discrepancy_labels,
)

TEMPLATES = Path(__file__).parent / "templates"
CSS = (TEMPLATES / "dossier.css").read_text(encoding="utf-8")
# The value a Content-Security-Policy ``style-src`` needs to allow the inlined stylesheet.
STYLE_CSP_SOURCE = "'sha256-" + base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode() + "'"

# Bounds on what the charts draw, so a story of thousands of articles still yields a page.
MAX_GRAPH_NODES = 60
MAX_GRAPH_EDGES = 150
MAX_TIMELINE_POINTS = 120
LABEL_CHARS = 26
# Rows of the claim matrix shown at first; the rest fold away so the page stays glanceable.
MATRIX_ROWS = 25
_STATUS_RANK = {"contested": 0, "corroborated": 1, "single-source": 2}

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES)),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _short(text: str | None, n: int = LABEL_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _json_script(data: dict) -> Markup:
    """JSON safe inside a ``<script type=application/ld+json>`` block (no ``</script>`` breakout)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# --------------------------------------------------------------------------- dates


def _parse_date(value: str | None) -> tuple[dt.date, dt.date] | None:
    """(start, end) of a ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` date (or the start of an interval)."""
    if not value:
        return None
    value = value.split("/")[0].strip()[:10]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            d = dt.date.fromisoformat(value)
            return d, d
        if re.fullmatch(r"\d{4}-\d{2}", value):
            y, m = int(value[:4]), int(value[5:7])
            start = dt.date(y, m, 1)
            end = dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
            return start, end
        if re.fullmatch(r"\d{4}", value):
            y = int(value)
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
    except ValueError:
        return None
    return None


# --------------------------------------------------------------------------- view model


@dataclass
class ArticleView:
    article: Article
    label: str  # "[1]", "[2]", ... in reading order, as in every other format
    anchor: str
    url: str | None
    name: str = ""  # outlet, else title, else file name (unique within the story)


@dataclass
class Node:
    key: str
    label: str
    title: str
    x: float
    y: float
    css: str
    anchor: str | None = None


@dataclass
class Edge:
    path: str
    kind: str
    label: str
    lx: float
    ly: float
    title: str


@dataclass
class Graph:
    width: int
    height: int
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    truncated: bool = False


@dataclass
class Mark:
    x: float
    y: float
    n: int
    title: str
    anchor: str
    precise: bool


@dataclass
class Tick:
    x: float
    y: float
    label: str


@dataclass
class PubMark:
    x: float
    y: float
    label: str
    title: str


@dataclass
class Chart:
    width: int
    height: int
    axis_y: float
    x0: float
    x1: float
    marks: list[Mark]
    ticks: list[Tick]
    pubs: list[PubMark]
    breaks: list[float]
    truncated: bool = False


NODE_W, NODE_H, COL_W, ROW_H, PAD = 190, 40, 340, 62, 20


def _bezier(t: float, *pts: tuple[float, float]) -> tuple[float, float]:
    """The point at ``t`` on a cubic Bézier curve."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts
    u = 1 - t
    return (u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
            u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3)


def _lineage_graph(dossier: Dossier, views: dict[str, ArticleView]) -> Graph:
    """Lay the lineage out in columns: sources on the left, each borrower right of what it borrows."""
    edges = dossier.lineage[:MAX_GRAPH_EDGES]
    keys: list[str] = [a for a in views]
    for e in edges:
        for k in (e.target, e.source):
            if k not in keys:
                keys.append(k)
    truncated = len(keys) > MAX_GRAPH_NODES or len(dossier.lineage) > MAX_GRAPH_EDGES
    keys = keys[:MAX_GRAPH_NODES]
    shown = set(keys)
    edges = [e for e in edges if e.source in shown and e.target in shown and e.source != e.target]
    borrows: dict[str, list[str]] = {k: [] for k in keys}
    for e in edges:
        borrows[e.source].append(e.target)

    depth: dict[str, int] = {}

    def depth_of(k: str, seen: frozenset = frozenset()) -> int:
        # Iterative bound: a cycle (A copies B copies A) must not recurse forever.
        if k in depth:
            return depth[k]
        if k in seen or len(seen) > len(keys):
            return 0
        d = 1 + max((depth_of(t, seen | {k}) for t in borrows[k]), default=-1)
        depth[k] = d
        return d

    for k in keys:
        depth_of(k)
    columns: dict[int, list[str]] = {}
    for k in keys:
        columns.setdefault(depth[k], []).append(k)
    rows = max((len(c) for c in columns.values()), default=1)
    graph = Graph(width=PAD * 2 + NODE_W + COL_W * max(columns, default=0),
                  height=PAD * 2 + NODE_H + ROW_H * (rows - 1) + 10, truncated=truncated)
    pos: dict[str, tuple[float, float]] = {}
    for col, members in sorted(columns.items()):
        offset = (rows - len(members)) * ROW_H / 2
        for i, k in enumerate(members):
            x, y = PAD + col * COL_W, PAD + offset + i * ROW_H
            pos[k] = (x, y)
            v = views.get(k)
            if v is not None:
                a = v.article
                graph.nodes.append(Node(k, _short(f"{v.label} {v.name}"),
                                        f"{v.label} {v.name} ({a.role})",
                                        x, y, f"node role-{a.role}", v.anchor))
            else:
                graph.nodes.append(Node(k, _short(k), f"outside source: {k}", x, y, "node outside"))
    into: dict[str, int] = {}
    for e in edges:
        into[e.target] = into.get(e.target, 0) + 1
    seen: dict[str, int] = {}
    for e in edges:
        (sx, sy), (tx, ty) = pos[e.source], pos[e.target]
        sy, ty = sy + NODE_H / 2, ty + NODE_H / 2
        if sx > tx:  # the usual case: borrower to the right, arrow from its left side to the source
            p0, p1, p2, p3 = (sx, sy), (sx - 60, sy), (tx + NODE_W + 60, ty), (tx + NODE_W + 6, ty)
        elif sx < tx:  # only after a cycle was cut: borrower to the left
            p0, p1, p2, p3 = (sx + NODE_W, sy), (sx + NODE_W + 60, sy), (tx - 60, ty), (tx - 6, ty)
        else:  # same column: bow out to the right
            bow = sx + NODE_W + 70
            p0, p1, p2, p3 = (sx + NODE_W, sy), (bow, sy), (bow, ty), (sx + NODE_W + 6, ty)
            graph.width = max(graph.width, int(bow + 60))
        # Labels of edges into one node would print on top of each other at the midpoints:
        # spread them along their curves instead.
        k, n = seen.get(e.target, 0), into[e.target]
        seen[e.target] = k + 1
        t = 0.5 if n == 1 else 0.3 + 0.4 * k / (n - 1)
        lx, ly = _bezier(t, p0, p1, p2, p3)
        path = "M{:.0f},{:.0f} C{:.0f},{:.0f} {:.0f},{:.0f} {:.0f},{:.0f}".format(*p0, *p1, *p2, *p3)
        score = f" {e.score:.0%}" if e.score is not None else ""
        def name(ref: str) -> str:
            v = views.get(ref)
            return f"{v.label} {v.name}" if v is not None else ref

        title = f"{name(e.source)} {e.kind} {name(e.target)}{score}: {e.evidence}"
        graph.edges.append(Edge(path, e.kind, f"{e.kind}{score}", lx, ly - 4, title))
    return graph


def _timeline_chart(dossier: Dossier, views: dict[str, ArticleView], prefix: str) -> Chart | None:
    """Dated events above an axis, publication dates below it, one slot per distinct date.

    Slots are evenly spaced in date order rather than proportional: news timelines mix a
    background fact years back with a dozen events in one week, and a proportional axis would
    pile the week into one unreadable tower. Long gaps are drawn as breaks in the axis instead.
    """
    events = [(i, e, span) for i, e in enumerate(dossier.timeline) if (span := _parse_date(e.date))]
    truncated = len(events) > MAX_TIMELINE_POINTS
    events = events[:MAX_TIMELINE_POINTS]
    pubs = [(v, v.article.published[:10], span[0]) for v in list(views.values())[:MAX_GRAPH_NODES]
            if (span := _parse_date(v.article.published))]
    if not events and not pubs:
        return None
    slot_dates: dict[str, tuple[dt.date, dt.date]] = {}
    for _, entry, span in events:
        slot_dates.setdefault(entry.date, span)
    for _, key, day in pubs:
        slot_dates.setdefault(key, (day, day))
    order = sorted(slot_dates, key=lambda k: (slot_dates[k], k))
    starts = [slot_dates[k][0] for k in order]
    gaps = sorted((b - a).days for a, b in zip(starts, starts[1:]))
    typical = gaps[len(gaps) // 2] if gaps else 0
    step, x0 = 44, 40
    xs: dict[str, float] = {}
    breaks: list[float] = []
    x = x0
    for i, key in enumerate(order):
        if i:
            gap = (starts[i] - starts[i - 1]).days
            x += step
            if gap > max(60, 4 * typical):  # a long silence: mark it rather than spend width on it
                breaks.append(x - step / 4)
                x += step / 2
        xs[key] = x
    width = int(max(600, x + x0))
    per_slot: dict[str, int] = {}
    for _, entry, _ in events:
        per_slot[entry.date] = per_slot.get(entry.date, 0) + 1
    axis_y = 30 + 24 * max(per_slot.values(), default=1)
    marks, used = [], {}
    for i, entry, (s, e) in events:
        lane = used.get(entry.date, 0)
        used[entry.date] = lane + 1
        marks.append(Mark(xs[entry.date], axis_y - 18 - lane * 24, i + 1, f"{entry.date}: {entry.text}",
                          f"{prefix}event-{i + 1}", s == e))
    pub_marks, pub_lanes = [], {}
    for v, key, _ in pubs:
        lane = pub_lanes.get(key, 0)
        pub_lanes[key] = lane + 1
        pub_marks.append(PubMark(xs[key], axis_y + 30 + lane * 12, v.label,
                                 f"{v.label} {v.name} published {v.article.published}"))
    label_y = axis_y + 30 + 12 * max(pub_lanes.values(), default=0)
    ticks = [Tick(xs[k], label_y, k) for k in order]
    return Chart(width, int(label_y + 70), axis_y, x0 - 20, width - 20, marks, ticks, pub_marks, breaks,
                 truncated)


def _claim_when(dossier: Dossier) -> dict[str, str]:
    """The date shown beside a claim: its timeline entry's, which keeps the precision of the
    article's words ("next week" is a month there), not the first day of a vague span; a claim
    whose date is too vague for the timeline shows none."""
    when: dict[str, str] = {}
    for entry in dossier.timeline:
        for cid in entry.claims:
            when.setdefault(cid, entry.date)
    return when


def _context(dossier: Dossier, prefix: str) -> dict:
    refs = article_refs(dossier)
    ordered = [r.article for r in refs.values()]
    views = {aid: ArticleView(r.article, r.label, f"{prefix}article-{r.n}", safe_url(r.article.url), r.name)
             for aid, r in refs.items()}
    disc_labels = discrepancy_labels(dossier)
    disc_anchor = {d.id: f"{prefix}disc-{i + 1}" for i, d in enumerate(dossier.discrepancies)}
    claims_by_id = {c.id: i for i, c in enumerate(dossier.claims)}
    status_counts: dict[str, int] = {}
    for c in dossier.claims:
        status_counts[c.status] = status_counts.get(c.status, 0) + 1
    rank = {a.id: i for i, a in enumerate(ordered)}

    def by_order(ids: list[str]) -> list[str]:
        """Cited article ids in reading order ([1], [2], ...), outside sources last."""
        return sorted(ids, key=lambda x: (rank.get(x, len(rank)), x))

    flat = {a.id: " ".join(a.text.split()) for a in ordered}

    def who_said(evidence: str, candidates: list[str]) -> list[str]:
        """Which of ``candidates`` carry ``evidence`` verbatim (the contract pairs them only loosely)."""
        needle = " ".join(evidence.split())
        return by_order([c for c in candidates if needle and needle in flat.get(c, "")])

    ranked = sorted(dossier.claims, key=lambda c: (_STATUS_RANK.get(c.status, 3), -c.independent_sources,
                                                   -c.outlets))
    return {
        "d": dossier,
        "by_order": by_order,
        "who_said": who_said,
        "top_claims": ranked[:MATRIX_ROWS],
        "more_claims": ranked[MATRIX_ROWS:],
        "p": prefix,
        "views": views,
        "ordered": [views[a.id] for a in ordered],
        "matrix": claim_matrix(dossier),
        "opposed": oppositions(dossier),
        "claim_when": _claim_when(dossier),
        "disc_labels": disc_labels,
        "disc_anchor": disc_anchor,
        "marks": MARKS,
        "col_independent": COL_INDEPENDENT,
        "col_contradicted": COL_CONTRADICTED,
        "independent_note": INDEPENDENT_NOTE,
        "claim_anchor": {cid: f"{prefix}claim-{i + 1}" for cid, i in claims_by_id.items()},
        "status_counts": status_counts,
        "graph": _lineage_graph(dossier, views),
        "chart": _timeline_chart(dossier, views, prefix),
        "origin": views.get(dossier.story.origin or ""),
        "node_w": NODE_W,
        "node_h": NODE_H,
    }


# --------------------------------------------------------------------------- public


def render_html(dossier: Dossier, *, standalone: bool = True) -> str:
    """One dossier: a self-contained offline page, or (``standalone=False``) the web app's fragment."""
    ctx = _context(dossier, "")
    body = _ENV.get_template("dossier.html.j2").render(**ctx)
    if not standalone:
        return body
    return _ENV.get_template("page.html.j2").render(
        title=dossier.story.title or "Untitled story", css=Markup(CSS), body=Markup(body),
        style_src=Markup(STYLE_CSP_SOURCE),
        jsonld=_json_script(render_jsonld(dossier)))


def render_analysis_html(analysis: Analysis) -> str:
    """A self-contained page: an index of the stories, each dossier, and the rejected inputs."""
    bodies = []
    for i, dossier in enumerate(analysis.stories):
        ctx = _context(dossier, f"s{i + 1}-")
        bodies.append(Markup(_ENV.get_template("dossier.html.j2").render(**ctx)))
    body = _ENV.get_template("analysis.html.j2").render(
        stories=list(zip(analysis.stories, bodies)), rejected=analysis.rejected)
    graph = [item for d in analysis.stories for item in render_jsonld(d)["@graph"]]
    return _ENV.get_template("page.html.j2").render(
        title="crosswire analysis", css=Markup(CSS), body=Markup(body),
        style_src=Markup(STYLE_CSP_SOURCE),
        jsonld=_json_script({"@context": "https://schema.org", "@graph": graph}))
