"""The command line: thin commands over the library (`sendscan.api`).

Each command imports the library when it runs, not when the command line
is built, so that `sendscan --help` and `--version` start at once."""

from .app import app, main

__all__ = ["app", "main"]
