"""ECB+ event coreference as same-fact sentence pairs (the gold of ``claim_alignment.py``).

Reads the original token-level XML files straight from ``ECB+_train_dev_xml.tar.gz`` (no
extraction to disk) and the list of fully annotated sentences
(``ECBplus_coreference_sentences_train_dev.csv``). Only those sentences are scored: outside
them the annotation is partial, so a missing link there says nothing.

Per annotated sentence, its *events* are the instances of the event mentions it holds
(markables ``ACTION_*`` / ``NEG_ACTION_*`` anchored to its tokens): the ``instance_id`` of the
``CROSS_DOC_COREF`` target when that id is an event (``ACT*``/``NEG*``), else a key of the
mention's own (an unlinked mention is an event no other sentence shares, but it still counts
in the sentence's total). Entity, time and location chains are ignored, and so are
``INTRA_DOC_COREF`` chains (they never cross documents, and pairs are always cross-document).

For two annotated sentences ``a``, ``b`` of different documents of one subtopic:

- ``dense``:  ``|E(a) & E(b)| >= 1``;
- ``strict``: ``|E(a) & E(b)| >= 1`` and ``|E(a) & E(b)| >= 0.5 * max(|E(a)|, |E(b)|)``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tarfile
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA_DIR = HERE / "data" / "ecbplus"
TARBALL = DATA_DIR / "ECB+_train_dev_xml.tar.gz"
SENTENCES_CSV = DATA_DIR / "ECBplus_coreference_sentences_train_dev.csv"
DOCS = DATA_DIR / "docs.jsonl"

STRICT_SHARE = 0.5
STRICT_DEFINITION = (
    "strict: the two sentences share >= 1 event instance and |shared| >= "
    f"{STRICT_SHARE} * max(|E(a)|, |E(b)|), E(s) = the instances of the event mentions "
    "(ACTION_*/NEG_ACTION_*) in s, an unlinked mention its own instance; "
    "dense: they share >= 1 event instance (CROSS_DOC_COREF target ACT*/NEG*)"
)
_EVENT_TAG = re.compile(r"^(NEG_)?ACTION_")
_EVENT_INSTANCE = re.compile(r"^(ACT|NEG)")


class GoldError(Exception):
    """The ECB+ files are missing or do not read as the annotation this eval expects."""


@dataclass
class EventMention:
    """One annotated event trigger: its XML tokens (sentence-local positions) and instances."""

    m_id: str
    tag: str
    sentence: int
    positions: list[int]  # token ``number`` attributes inside the sentence
    instances: frozenset[str]


@dataclass
class XmlDocument:
    """What the eval needs of one ECB+ XML file."""

    name: str  # "1_10ecbplus"
    tokens: dict[int, list[str]] = field(default_factory=dict)  # sentence -> token strings
    events: list[EventMention] = field(default_factory=list)
    descriptors: dict[str, str] = field(default_factory=dict)  # instance id -> TAG_DESCRIPTOR

    def events_in(self, sentence: int) -> frozenset[str]:
        """E(sentence): the instances of the sentence's event mentions."""
        return frozenset().union(*(m.instances for m in self.events if m.sentence == sentence))


def parse_xml(name: str, data: bytes | str) -> XmlDocument:
    """One ECB+ XML document: tokens by sentence and event mentions with their instances."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise GoldError(f"{name}: not well-formed XML ({exc})") from None
    doc = XmlDocument(name=name)
    where: dict[str, tuple[int, int]] = {}
    for tok in root.iter("token"):
        try:
            sent, num = int(tok.get("sentence")), int(tok.get("number"))
        except (TypeError, ValueError):
            raise GoldError(f"{name}: token {tok.get('t_id')} lacks sentence/number") from None
        where[tok.get("t_id")] = (sent, num)
        doc.tokens.setdefault(sent, []).append(tok.text or "")
    markables = root.find("Markables")
    relations = root.find("Relations")
    if markables is None:
        return doc
    by_id = {m.get("m_id"): m for m in markables}
    instance_of: dict[str, set[str]] = {}
    for rel in relations if relations is not None else []:
        if rel.tag != "CROSS_DOC_COREF" or rel.find("target") is None:
            continue
        target = by_id.get(rel.find("target").get("m_id"))
        iid = target.get("instance_id") if target is not None else None
        if not iid or not _EVENT_INSTANCE.match(iid):
            continue
        doc.descriptors[iid] = target.get("TAG_DESCRIPTOR") or iid
        for src in rel.findall("source"):
            instance_of.setdefault(src.get("m_id"), set()).add(iid)
    for m in markables:
        anchors = [where[a.get("t_id")] for a in m.iter("token_anchor") if a.get("t_id") in where]
        if not anchors or not _EVENT_TAG.match(m.tag):
            continue
        m_id = m.get("m_id")
        own = instance_of.get(m_id) or {f"{name}#{m_id}"}
        doc.events.append(EventMention(m_id=m_id, tag=m.tag, sentence=anchors[0][0],
                                       positions=sorted(p for _, p in anchors),
                                       instances=frozenset(own)))
    return doc


def read_tarball(path: Path = TARBALL) -> dict[str, XmlDocument]:
    """Every ``ECB+/<topic>/<name>.xml`` of the tarball, by document name."""
    if not path.exists():
        raise GoldError(f"missing {path}")
    out = {}
    try:
        with tarfile.open(path, "r:gz") as tar:
            for member in tar:
                if member.isfile() and member.name.endswith(".xml"):
                    name = Path(member.name).stem
                    out[name] = parse_xml(name, tar.extractfile(member).read())
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise GoldError(f"{path}: unreadable tarball ({exc})") from None
    return out


def read_annotated(path: Path = SENTENCES_CSV) -> set[tuple[str, int]]:
    """The fully annotated sentences as ``(document name, XML sentence number)``."""
    if not path.exists():
        raise GoldError(f"missing {path}")
    with open(path, encoding="utf-8", newline="") as fh:
        text = fh.read()
    out = set()
    for row in csv.DictReader(io.StringIO(text)):
        try:
            out.add((f"{int(row['Topic'])}_{row['File'].strip()}", int(row["Sentence Number"])))
        except (KeyError, TypeError, ValueError):
            raise GoldError(f"{path}: unexpected row {row}") from None
    return out


def read_docs(path: Path = DOCS) -> dict[str, dict]:
    """docs.jsonl by ``doc_id``."""
    if not path.exists():
        raise GoldError(f"missing {path}")
    out = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                ok = all(isinstance(d.get(k), str) for k in ("doc_id", "subtopic", "text")) \
                    and isinstance(d.get("sentences"), list)
            except (json.JSONDecodeError, AttributeError):
                ok = False
            if not ok:
                raise GoldError(f"{path}:{n}: not a document record (doc_id, subtopic, sentences, text)")
            out[d["doc_id"]] = d
    return out


def text_index(doc: dict, xml_sentence: int) -> int:
    """Index into ``doc["sentences"]`` of an XML sentence (ecbplus files lose sentence 0, the URL)."""
    return xml_sentence - 1 if doc["doc_id"].endswith("ecbplus") else xml_sentence


def sentence_offsets(doc: dict) -> list[tuple[int, int]]:
    """Character span of each ``sentences[k]`` in ``text`` (``text`` joins them with newlines)."""
    spans, pos = [], 0
    for s in doc["sentences"]:
        start = doc["text"].find(s, pos)
        if start < 0:  # never on the shipped file; a changed file must not shift every later span
            spans.append((-1, -1))
            continue
        spans.append((start, start + len(s)))
        pos = start + len(s)
    return spans


@dataclass
class Sentence:
    """One annotated sentence, located in the docs.jsonl text crosswire reads."""

    doc: str
    number: int  # XML sentence number
    text: str
    span: tuple[int, int]  # in the document's docs.jsonl ``text``
    tokens: list[str]
    events: frozenset[str]
    triggers: list[list[int]]  # token positions of each event mention

    @property
    def key(self) -> tuple[str, int]:
        return (self.doc, self.number)


@dataclass
class Subtopic:
    """One story: its documents and annotated sentences."""

    name: str
    split: str
    docs: list[dict]
    sentences: list[Sentence]


def _alnum(s: str) -> str:
    return re.sub(r"[^0-9a-z]", "", s.lower())


def build_subtopics(docs: dict[str, dict], xml: dict[str, XmlDocument],
                    annotated: set[tuple[str, int]]) -> tuple[list[Subtopic], list[str]]:
    """Subtopics (sorted by topic number, ecb before ecbplus) with their located sentences;
    also the problems met (annotated sentences that could not be located, so are left out)."""
    problems: list[str] = []
    by_sub: dict[str, list[dict]] = {}
    for d in docs.values():
        by_sub.setdefault(d["subtopic"], []).append(d)
    out = []
    for sub in sorted(by_sub, key=lambda s: (int(s.split("_")[0]), s)):
        members = sorted(by_sub[sub], key=lambda d: d["doc_id"])
        sentences = []
        for d in members:
            x = xml.get(d["doc_id"])
            spans = sentence_offsets(d)
            for name, num in sorted(k for k in annotated if k[0] == d["doc_id"]):
                k = text_index(d, num)
                if x is None or num not in x.tokens or not 0 <= k < len(spans) or spans[k][0] < 0:
                    problems.append(f"{name} sentence {num}: not found")
                    continue
                text = d["sentences"][k]
                # docs.jsonl was detokenised from these tokens: the letters and digits must agree
                if _alnum(text) != _alnum("".join(x.tokens[num])):
                    problems.append(f"{name} sentence {num}: text does not match its XML tokens")
                    continue
                sentences.append(Sentence(
                    doc=d["doc_id"], number=num, text=text, span=spans[k], tokens=x.tokens[num],
                    events=x.events_in(num),
                    triggers=[m.positions for m in x.events if m.sentence == num]))
        out.append(Subtopic(sub, members[0].get("split_cybulska_vossen_2015", "?"), members, sentences))
    return out, problems


@dataclass
class Pair:
    a: Sentence
    b: Sentence
    dense: bool
    strict: bool


def gold_label(a: frozenset[str], b: frozenset[str]) -> tuple[bool, bool]:
    """(dense, strict) for two sentences' event sets, as defined in the module docstring."""
    shared = len(a & b)
    strict = shared >= 1 and shared >= STRICT_SHARE * max(len(a), len(b))
    return shared >= 1, strict


def pairs_of(sub: Subtopic) -> list[Pair]:
    """Every pair of annotated sentences from two different documents of the subtopic."""
    out = []
    for a, b in combinations(sub.sentences, 2):
        if a.doc != b.doc:
            out.append(Pair(a, b, *gold_label(a.events, b.events)))
    return out


def load(split: str | None = None) -> tuple[list[Subtopic], list[str], dict[str, str]]:
    """Subtopics of a split (``train``, ``dev`` or all), located-sentence problems, and the
    instance descriptors (``t1_checking_into_betty_ford``) for printing examples."""
    xml = read_tarball(TARBALL)  # the module's paths read at call time, so a test can move them
    subs, problems = build_subtopics(read_docs(DOCS), xml, read_annotated(SENTENCES_CSV))
    descriptors = {k: v for x in xml.values() for k, v in x.descriptors.items()}
    return [s for s in subs if split in (None, s.split)], problems, descriptors
