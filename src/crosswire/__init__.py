"""crosswire: cross-check the news, one dossier per story.

    >>> import crosswire
    >>> analysis = crosswire.analyze(["examples/japan-2plus2/"])    # doctest: +SKIP
    >>> dossier = analysis.stories[0]                               # doctest: +SKIP
    >>> print(dossier.to_markdown())                                # doctest: +SKIP
"""

from .api import Store, analyze
from .errors import CrosswireError, InputError, InvalidCorrection, NotFound
from .models import Analysis, Article, Claim, Discrepancy, Dossier, RawDocument, SearchHit, Story, Upload

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Article",
    "Claim",
    "CrosswireError",
    "Discrepancy",
    "Dossier",
    "InputError",
    "InvalidCorrection",
    "NotFound",
    "RawDocument",
    "SearchHit",
    "Store",
    "Story",
    "Upload",
    "__version__",
    "analyze",
]
