"""The exception tree, drawn in one place.

    CrosswireError            anything crosswire raises on purpose; the CLI prints its message
    ├── InputError            an input cannot be read or is not an article (one per source)
    │   ├── UnsupportedInput  binary, unknown or empty content
    │   └── InputTooLarge     an article over the size bound after decompression
    ├── StoreError            the SQLite store cannot be opened or written
    ├── NotFound              an unknown story or article id
    ├── InvalidCorrection     a correction that cannot be made (split a story of all its articles…)
    └── ModelUnavailable      an embedding model's files, or the extra it needs, are missing

Every other exception is a bug: the CLI shows one line and, with ``--debug``, the traceback.
"""


class CrosswireError(Exception):
    """Base class: the message is one line a user can act on."""


class InputError(CrosswireError):
    """An input could not be read as articles."""


class UnsupportedInput(InputError):
    """The input is binary, empty or of an unknown kind."""


class InputTooLarge(InputError):
    """An article exceeds the size bound after decompression."""


class StoreError(CrosswireError):
    """The store cannot be opened, migrated or written."""


class NotFound(CrosswireError):
    """An id names no story or article in the store."""


class InvalidCorrection(CrosswireError):
    """A correction of the store that cannot be made as asked (the store is left unchanged)."""


class ModelUnavailable(CrosswireError):
    """An embedding model cannot be loaded: its files are missing or corrupt, or its extra is absent."""
