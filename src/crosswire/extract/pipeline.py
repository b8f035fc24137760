"""The extraction stage: one spaCy pass per article, then every extractor over that parse.

:class:`Extractor` loads the pipeline once and streams texts through ``nlp.pipe``; each record
then goes through quantities, dates, entities, quotes, attributions and events, all reading the
same ``Doc`` and the same sentence spans. When no model is installed every extractor takes its
rule-based path. :func:`extract_records` is the ``crosswire extract`` command's core.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import logging
import re
from collections import deque
from collections.abc import Iterable, Iterator

from crosswire.extract.attributions import extract_attributions
from crosswire.extract.entities import Sentences, extract_entities, is_pronoun
from crosswire.extract.events import extract_events
from crosswire.extract.quotes import extract_quotes
from crosswire.models import Extraction
from crosswire.nlp import parser_text
from crosswire.report.json import extraction_to_dict

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 500_000  # a bound for hostile input; a long feature article is ~60,000
_LONG_RUN = re.compile(r"\S{400,}")  # no word, URL or number in prose is this long
_SPACE = re.compile(r"\s+")
# spaCy's parse takes about 3.6 MB per 1,000 characters of a batch while it runs (measured on
# en_core_web_sm: 366 MB for one text of 100,000) and grows faster than the text in time (5.8 s
# for 100,000 characters, 17 s for 200,000): a text longer than CHUNK_CHARS is parsed in
# pieces, and a batch holds at most BATCH_CHARS characters (about 360 MB), so two 400,000-
# character inputs in one batch no longer take the process to 2.9 GB. The longest ECB+ document
# is 16,130 characters: news articles are parsed whole, as before.
CHUNK_CHARS = 20_000
BATCH_CHARS = 100_000
Record = tuple[str, str, "str | None"]


def _optional(module: str, name: str):
    """A sibling extractor written elsewhere, or None while it does not exist yet."""
    try:
        return getattr(importlib.import_module(f"crosswire.extract.{module}"), name)
    except (ImportError, AttributeError) as exc:  # pragma: no cover - only while it is missing
        log.warning("extract.%s.%s unavailable (%s): skipped", module, name, exc)
        return None


def _reference(published: str | None) -> dt.date | None:
    """The publication date as the anchor for relative dates; None when absent or malformed."""
    if not published or not isinstance(published, str):
        return None
    try:
        return dt.date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


class Extractor:
    """Loads the language pipeline once and extracts claims from many texts."""

    def __init__(self, nlp=None, *, use_model: bool = True):
        if nlp is None and use_model:
            from crosswire.nlp import load_nlp

            nlp = load_nlp()
        self.nlp = nlp
        self._quantities = _optional("quantities", "extract_quantities")
        self._dates = _optional("dates", "extract_dates")

    def extract(self, id: str, text: str, published: str | None = None) -> Extraction:
        """One record; see :meth:`extract_many`."""
        return next(self.extract_many([(id, text, published)]))

    def extract_many(self, records: Iterable[Record], batch_size: int = 32) -> Iterator[Extraction]:
        """Extractions in input order; a record that fails gets ``error`` and the run goes on.

        Texts are parsed in batches of at most ``batch_size`` pieces and BATCH_CHARS characters,
        a text longer than CHUNK_CHARS in pieces (:func:`_pieces`) joined back into one ``Doc``:
        the parse's memory grows with the characters of a batch, not with its count."""
        if self.nlp is None:
            for rid, text, published in records:
                yield self._guarded(rid, text, published, None)
            return
        waiting: deque[_Waiting] = deque()  # in input order, each until its pieces are parsed
        batch: list[tuple[_Waiting, str]] = []
        chars = 0
        for rid, text, published in records:
            item = _Waiting(rid, text, published, _invalid(text))
            waiting.append(item)
            if item.error is None and _LONG_RUN.search(text):
                # spaCy's tokenizer is quadratic on a long run without spaces ("\"" x 5000
                # takes seconds): such a text takes the rule-based path instead.
                item.parse = False
            if item.error is not None or not item.parse:
                continue
            pieces = _pieces(parser_text(text))
            item.expected = len(pieces)
            for piece in pieces:
                if batch and (len(batch) >= batch_size or chars + len(piece) > BATCH_CHARS):
                    self._parse(batch)
                    batch, chars = [], 0
                    yield from self._ready(waiting)
                batch.append((item, piece))
                chars += len(piece)
        self._parse(batch)
        yield from self._ready(waiting)

    def _parse(self, batch: list[tuple[_Waiting, str]]) -> None:
        """One ``nlp.pipe`` pass over a batch of pieces, each Doc handed to its record."""
        if not batch:
            return
        texts = [piece for _, piece in batch]
        for (item, _), doc in zip(batch, self.nlp.pipe(texts, batch_size=len(texts))):
            item.docs.append(doc)

    def _ready(self, waiting: deque[_Waiting]) -> Iterator[Extraction]:
        """The extractions of the records at the head of ``waiting`` whose parse is complete."""
        while waiting and waiting[0].complete():
            item = waiting.popleft()
            if item.error is not None:
                yield Extraction(id=item.rid, error=item.error)
            elif not item.parse:
                yield self._guarded(item.rid, item.text, item.published, None)
            else:
                doc = _joined(item.docs, parser_text(item.text))
                item.docs = []
                yield self._guarded(item.rid, item.text, item.published, doc)

    def _guarded(self, rid, text, published, doc) -> Extraction:
        reason = _invalid(text)
        if reason:
            return Extraction(id=rid, error=reason)
        if doc is None:
            # The rule-based extractors' patterns backtrack over a long run without spaces
            # ("\\d+" from every start of 90,000 digits took 541 s): blank such runs, offsets kept.
            text = _LONG_RUN.sub(lambda m: " " * len(m.group()), text)
        try:
            return self._run(rid, text, published, doc)
        except Exception as exc:  # one bad article must not stop a batch of thousands
            log.exception("extraction failed for %s", rid)
            return Extraction(id=rid, error=f"extraction failed: {type(exc).__name__}: {exc}")

    def _run(self, rid: str, text: str, published: str | None, doc) -> Extraction:
        sents = Sentences(text, doc)
        ex = Extraction(id=rid, sentences=list(sents.spans))
        if self._quantities is not None:
            ex.quantities = self._quantities(text, doc=doc)
        if self._dates is not None:
            ex.dates = self._dates(text, reference=_reference(published), doc=doc)
        mentions = extract_entities(doc if doc is not None else text, text=text,
                                    sentences=sents)
        ex.quotes = extract_quotes(text, doc, mentions, sentences=sents)
        ex.attributions = extract_attributions(text, doc, mentions, sentences=sents)
        ex.events = extract_events(doc, text=text, entities=mentions,
                                   attributions=ex.attributions, sentences=sents)
        # Pronoun mentions serve the speaker and source links above; stored, they would make
        # "he" an alias of every person in the dossier, so only named mentions are kept.
        ex.entities = [m for m in mentions if not is_pronoun(m)]
        return ex


class _Waiting:
    """A record in :meth:`Extractor.extract_many` waiting for the Docs of its pieces."""

    __slots__ = ("rid", "text", "published", "error", "parse", "expected", "docs")

    def __init__(self, rid, text, published, error):
        self.rid, self.text, self.published, self.error = rid, text, published, error
        self.parse = True
        self.expected = 0
        self.docs: list = []

    def complete(self) -> bool:
        return self.error is not None or not self.parse or len(self.docs) == self.expected


def _pieces(text: str) -> list[str]:
    """``text`` cut into pieces of at most CHUNK_CHARS characters that join back to it exactly,
    each cut after a paragraph break, else a line break, else a sentence end, else a space, in
    the second half of the piece (a run without spaces is at most 400 characters here)."""
    if len(text) <= CHUNK_CHARS:
        return [text]
    pieces = []
    start = 0
    while len(text) - start > CHUNK_CHARS:
        end = start + CHUNK_CHARS
        floor = start + CHUNK_CHARS // 2
        cut = None
        for sep in ("\n\n", "\n", ". "):
            at = text.rfind(sep, floor, end)
            if at >= 0:
                cut = at + len(sep)
                break
        if cut is None:
            spaces = [m.end() for m in _SPACE.finditer(text, floor, end)]
            cut = spaces[-1] if spaces else end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _joined(docs: list, text: str):
    """The Docs of a text's pieces as one Doc over the whole text (offsets and sentences kept)."""
    if len(docs) == 1:
        return docs[0]
    from spacy.tokens import Doc

    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:  # never seen: the pieces join to the text; a parse must not shift offsets
        log.warning("the pieces of a long text did not join back to it: rule-based extraction")
        return None
    return doc


def _invalid(text) -> str | None:
    if not isinstance(text, str):
        return "text is missing or not a string"
    if len(text) > MAX_TEXT_CHARS:
        return f"text too long ({len(text)} characters, limit {MAX_TEXT_CHARS})"
    return None


# --------------------------------------------------------------------------- crosswire extract



def _parse(line: str) -> Record | dict:
    try:
        data = json.loads(line)
    except ValueError as exc:
        return {"id": None, "error": f"invalid JSON: {exc}"}
    if not isinstance(data, dict):
        return {"id": None, "error": "record is not a JSON object"}
    rid = data.get("id")
    rid = rid if isinstance(rid, str) or rid is None else str(rid)
    if not isinstance(data.get("text"), str):
        return {"id": rid, "error": "record has no text"}
    published = data.get("published")
    return (rid, data["text"], published if isinstance(published, str) else None)


def extract_records(lines: Iterable[str], extractor: Extractor | None = None,
                    batch_size: int = 32) -> Iterator[dict]:
    """``crosswire extract``: one output dict per JSON line, in input order, errors inline."""
    extractor = extractor or Extractor()
    pending: deque = deque()  # error dicts, or None for a record handed to the extractor

    def records():
        for line in lines:
            if not line.strip():
                continue
            parsed = _parse(line)
            if isinstance(parsed, dict):
                pending.append(parsed)
            else:
                pending.append(None)
                yield parsed

    for ex in extractor.extract_many(records(), batch_size=batch_size):
        while pending and pending[0] is not None:
            yield pending.popleft()
        if pending:
            pending.popleft()
        yield extraction_to_dict(ex)
    while pending:
        item = pending.popleft()
        if item is not None:
            yield item
