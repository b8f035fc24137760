"""The HTTP API and web page (``crosswire serve``): see :mod:`crosswire.web.app`."""

from .app import create_app, serve

__all__ = ["create_app", "serve"]
