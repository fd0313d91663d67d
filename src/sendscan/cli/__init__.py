"""The command line: thin commands over the library (`sendscan.api`)."""

from .app import app, main

__all__ = ["app", "main"]
