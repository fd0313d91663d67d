"""Where a command's result goes, and how its problems are reported: the one
place that turns `SendscanError`s into messages and exit statuses."""

from __future__ import annotations

import io
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import SendscanError, UsageError
from ..export import write_atomic
from .options import Format

stderr = Console(stderr=True, highlight=False)


def report(error: SendscanError) -> None:
    """One line on standard error: 'error: FILE: what is wrong'."""
    stderr.print(f"[bold red]error[/]: {escape(str(error))}", soft_wrap=True)


def fail(error: SendscanError) -> typer.Exit:
    report(error)
    return typer.Exit(code=error.exit_code)


def check_format(fmt: Format, allowed: tuple[str, ...]) -> None:
    if fmt.value not in allowed:
        raise UsageError(f"--format {fmt.value} is not available here; choose one of: {', '.join(allowed)}")


def emit(text: str, output: Path | None) -> None:
    """Text to the output file (atomically) or to standard output."""
    if output:
        write_atomic(str(output), text)
    else:
        typer.echo(text, nl=False)


def emit_renderable(renderables, output: Path | None) -> None:
    """Rich renderables to the terminal, or as plain text to the output file."""
    if output:
        buffer = io.StringIO()
        console = Console(file=buffer, width=120, color_system=None)
        for item in renderables:
            console.print(item)
        write_atomic(str(output), buffer.getvalue())
    else:
        console = Console()
        for item in renderables:
            console.print(item)


def finish(errors: list[SendscanError]) -> None:
    """Report every input that failed, and exit 1 if any did."""
    for error in errors:
        report(error)
    if errors:
        raise typer.Exit(code=1)
