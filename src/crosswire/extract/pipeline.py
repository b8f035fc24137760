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
from crosswire.report.json import extraction_to_dict

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 500_000  # a bound for hostile input; a long feature article is ~60,000
_LONG_RUN = re.compile(r"\S{400,}")  # no word, URL or number in prose is this long
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
        """Extractions in input order; a record that fails gets ``error`` and the run goes on."""
        if self.nlp is None:
            for rid, text, published in records:
                yield self._guarded(rid, text, published, None)
            return
        bad: dict[int, str] = {}
        unparsed: set[int] = set()

        def texts():
            for n, (rid, text, published) in enumerate(records):
                reason = _invalid(text)
                if reason:
                    bad[n] = reason
                elif _LONG_RUN.search(text):
                    # spaCy's tokenizer is quadratic on a long run without spaces ("\"" x 5000
                    # takes seconds): such a text takes the rule-based path instead.
                    unparsed.add(n)
                    reason = "unparsed"
                # A bad record still takes its place in the stream so output order holds.
                yield ("" if reason else text), (n, rid, text, published)

        stream = self.nlp.pipe(texts(), as_tuples=True, batch_size=batch_size)
        while True:
            try:
                doc, (n, rid, text, published) = next(stream)
            except StopIteration:
                return
            if n in bad:
                yield Extraction(id=rid, error=bad.pop(n))
            elif n in unparsed:
                unparsed.discard(n)
                yield self._guarded(rid, text, published, None)
            else:
                yield self._guarded(rid, text, published, doc)

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
