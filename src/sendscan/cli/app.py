"""The `sendscan` command and its subcommands."""

from __future__ import annotations

import gc
import os
import sys

import typer

from .. import __version__
from . import cache, taxonomy
from .classify import classify
from .compare import compare
from .evaluate import evaluate
from .extract import extract
from .train import train

app = typer.Typer(
    name="sendscan",
    help="Read Ofsted/CQC SEND inspection letters and news reports: extract their structure and findings.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_show_locals=False,
)
app.command()(extract)
app.command()(classify)
app.command()(compare)
app.command()(evaluate)
app.command()(train)
app.add_typer(taxonomy.app, name="taxonomy")
app.add_typer(cache.app, name="cache")


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"sendscan {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Read Ofsted/CQC SEND inspection letters and news reports."""


#: Allocations between two collections of the youngest generation, and how
#: many collections of each generation between two of the next (Python's: 700, 10, 10).
GC_THRESHOLDS = (50_000, 20, 20)


def main() -> None:
    """Run the command, then end the process at once: tearing down an
    interpreter that holds spaCy frees every object one by one (about 0.2 s)
    for nothing, since the output is written and flushed and the cache closed
    by then. Only here, the entry point: the library never exits.

    Starting spaCy makes hundreds of thousands of objects that live to the
    end; at Python's thresholds the collector walks them again and again
    (0.1 s of a 1 s classify). This process is the command's own, so the
    collector runs less often here (the library leaves it alone).

    spaCy's numpy starts an OpenBLAS thread that spins for a tenth of a
    second of CPU, on the core the other processes of a run need; sendscan's
    arithmetic is too small for a second thread to help, so it has none
    (unless the user's environment says otherwise)."""
    gc.set_threshold(*GC_THRESHOLDS)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        app()
        status = 0
    except SystemExit as done:
        status = exit_status(done.code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # the reader went away (`| head`): what it wanted was written
            pass
    os._exit(status)


def exit_status(code) -> int:
    """The status `sys.exit(code)` would give: None is 0, a message is 1 (after printing it)."""
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)
    return 1
