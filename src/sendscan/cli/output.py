"""Where a command's result goes, and how its problems are reported: the one
place that turns `SendscanError`s into messages and exit statuses."""

from __future__ import annotations

import io
import os
import time
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import SendscanError, UsageError
from ..export import write_atomic

stderr = Console(stderr=True, highlight=False)


def report(error: SendscanError) -> None:
    """One line on standard error: 'error: FILE: what is wrong' (or 'warning:'
    for a notice, which stopped nothing)."""
    label = "[bold red]error[/]" if error.exit_code else "[bold yellow]warning[/]"
    stderr.print(f"{label}: {escape(str(error))}", soft_wrap=True)


def fail(error: SendscanError) -> typer.Exit:
    report(error)
    return typer.Exit(code=error.exit_code)


def check_writable(*paths: Path | None) -> None:
    """Before any work: each file asked for can be written where it is to go,
    so that a long run does not end with nowhere to put its result."""
    for path in filter(None, paths):
        folder = path.parent
        if not folder.is_dir():
            raise UsageError(f"cannot be written: the folder {folder} does not exist", str(path))
        if not os.access(folder, os.W_OK):
            raise UsageError(f"cannot be written: the folder {folder} is not writable", str(path))


def write(path: Path, text: str | bytes) -> None:
    """A whole file or nothing; a failure (disk full...) is reported like any other."""
    try:
        write_atomic(str(path), text)
    except SendscanError as error:
        raise fail(error) from None


def emit(text: str, output: Path | None) -> None:
    """Text to the output file (atomically) or to standard output."""
    if output:
        write(output, text)
    else:
        typer.echo(text, nl=False)


def emit_renderable(renderables, output: Path | None, width: int = 120) -> None:
    """Rich renderables to the terminal, or as plain text `width` wide to the output file."""
    if output:
        buffer = io.StringIO()
        console = Console(file=buffer, width=width, color_system=None)
        for item in renderables:
            console.print(item)
        write(output, buffer.getvalue())
    else:
        console = Console()
        for item in renderables:
            console.print(item)


def emit_any(result, output: Path | None, width: int = 120) -> None:
    """A report as `sendscan.report.render` gives it: text, a workbook's bytes
    (always to a file) or rich renderables."""
    if isinstance(result, bytes):
        write(output, result)
    elif isinstance(result, str):
        emit(result, output)
    else:
        emit_renderable([result], output, width)


def finish(errors: list[SendscanError]) -> None:
    """Report every input that failed, at the end of the run, and exit 1 if any did."""
    for error in errors:
        report(error)
    if failed(errors):
        raise typer.Exit(code=1)


def failed(errors: list[SendscanError]) -> bool:
    return any(e.exit_code for e in errors)


@contextmanager
def running(description: str, cached: bool):
    """The span of a long run: a progress bar (see `progress_bar`), and Ctrl-C
    turned into one line and exit status 130 rather than a traceback."""
    try:
        with progress_bar(description) as progress:
            yield progress
    except KeyboardInterrupt:
        resume = "; the documents finished are cached, so running it again goes on from there" if cached else ""
        stderr.print(f"[bold yellow]interrupted[/]{resume}", soft_wrap=True)
        raise typer.Exit(code=130) from None


@contextmanager
def progress_bar(description: str):
    """A `progress(path, pages, total)` callback drawing a bar on standard error
    (files, pages, pages per second, time left); None when standard error is
    not a terminal, so that logs and pipes stay clean."""
    if not stderr.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
               TextColumn("{task.fields[pages]} pages, {task.fields[rate]:.0f} pages/s"), TimeRemainingColumn())
    with Progress(*columns, console=stderr, transient=True) as bar:
        task = bar.add_task(description, total=None, pages=0, rate=0.0)
        started, pages_done = time.perf_counter(), 0

        def advance(path: str | None, pages: int, total: int) -> None:
            nonlocal pages_done
            pages_done += pages
            rate = pages_done / max(time.perf_counter() - started, 1e-6)
            bar.update(task, total=total, advance=1 if path else 0, pages=pages_done, rate=rate)

        yield advance
