"""Cross-checking: align claims across a story's articles, score independence, find discrepancies."""

from crosswire.compare.dossier import build_dossier

__all__ = ["build_dossier"]
