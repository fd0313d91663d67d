"""The `sendscan` command and its subcommands."""

from __future__ import annotations

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


def main() -> None:
    app()
