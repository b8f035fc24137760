"""``python -m crosswire`` runs the command line."""

from .cli import main

main()
