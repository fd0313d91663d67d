"""The one exception family for problems a user can fix.

The library raises these; the CLI turns each into a one-line message and an
exit status in one place (`sendscan.cli.errors`). Anything else that escapes is
a bug in sendscan and is reported as such.
"""


class SendscanError(Exception):
    """A user-facing error: bad input, a bad taxonomy, a bad gold file."""

    exit_code = 1

    def __init__(self, message: str, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{shown(self.path)}: {self.message}" if self.path else self.message

    def __reduce__(self):
        # So that an error raised in a worker process arrives whole, path and all.
        return type(self), (self.message, self.path)


def shown(path: str) -> str:
    """A path as it may be printed, or written as UTF-8: bytes of the name that
    are not UTF-8 (which Python keeps as lone surrogates) as \\xff, and control
    characters as \\n, \\x1b..., so that a message stays on one line and a
    name cannot colour or move the terminal's text."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that is no byte of a name
        raw = path.encode("utf-8", "backslashreplace")
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def bug(error: Exception, path: str) -> SendscanError:
    """A bug of sendscan's met on a file, reported against that file so that
    the rest of a batch goes on."""
    return SendscanError(f"sendscan failed on this file ({type(error).__name__}: {error}); please report it", path)


class InputError(SendscanError):
    """A file that cannot be read as a document."""


class OutputError(SendscanError):
    """A file sendscan was asked to write that cannot be written."""


class UsageError(SendscanError):
    """Options that do not fit together."""

    exit_code = 2


class Notice(SendscanError):
    """Something the user should know that stopped nothing (a cache rebuilt)."""

    exit_code = 0


class LeftOut(Notice):
    """A file recognised and left out, said once: sendscan's own output, or
    an inspection of another kind than SEND."""


def damaged_notice(pages: list[int], path: str) -> "Notice":
    """What a user is told of a PDF whose pages could be read but for some."""
    return Notice(f"is a damaged PDF: page{'s' if len(pages) > 1 else ''} {', '.join(map(str, pages))} "
                  "could not be loaded; the others were read", path)
