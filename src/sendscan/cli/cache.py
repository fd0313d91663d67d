"""`sendscan cache info|clear`: look at and empty the result cache."""

from __future__ import annotations

import time

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..cache import Cache, CacheInfo, default_path
from ..errors import Notice, SendscanError
from ..export import to_json
from .options import CacheOption, Format, InfoFormat, format_option
from .output import emit, fail, report

app = typer.Typer(help="Look at and empty the result cache.", no_args_is_help=True)


@app.command()
def info(cache: CacheOption = None, format: format_option(InfoFormat) = InfoFormat.table) -> None:
    """Where the cache is, how many documents and pages it holds, and its size."""
    format = Format(format.value)
    path = cache or default_path()
    try:
        if path.exists():
            with Cache(path) as store:
                found = store.info()
                notice = store.notice
        else:
            found, notice = CacheInfo(str(path), 0, 0, 0, [], None, None), None
    except SendscanError as error:
        raise fail(error) from None
    if notice:
        report(Notice(notice))
    if format is Format.json:
        emit(to_json([found.to_dict()], single=True), None)
    else:
        Console().print(info_table(found))


def info_table(found: CacheInfo) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_row("cache", Text(found.path))
    table.add_row("holds", f"{found.entries} documents, {found.pages} pages")
    table.add_row("size", f"{found.bytes / 1e6:.1f} MB" if found.bytes >= 1e6 else f"{found.bytes / 1e3:.0f} kB")
    if found.entries:
        table.add_row("written by", ", ".join(f"sendscan {v}" for v in found.versions))
        table.add_row("oldest", time.strftime("%Y-%m-%d %H:%M", time.localtime(found.oldest)))
        table.add_row("newest", time.strftime("%Y-%m-%d %H:%M", time.localtime(found.newest)))
    return table


@app.command()
def clear(cache: CacheOption = None) -> None:
    """Remove every cached result (the next run reads every file afresh)."""
    path = cache or default_path()
    if not path.exists():
        typer.echo(f"{path}: no cache here; nothing to clear")
        return
    try:
        with Cache(path) as store:
            removed = store.clear()
            notice = store.notice
    except SendscanError as error:
        raise fail(error) from None
    if notice:
        report(Notice(notice))
    typer.echo(f"{path}: removed {removed} cached documents")
