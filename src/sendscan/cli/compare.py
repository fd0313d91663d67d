"""`sendscan compare`: local areas by categories, with grouping and history."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..api import compare as compare_paths
from ..comparison import GROUPS, SORTS
from ..errors import SendscanError, UsageError
from ..summary import summarise
from .options import (
    CacheOption, CategoryOption, EngineOption, Format, FormatOption, JobsOption, NoCacheOption, OutputOption,
    PathsArgument, Polarity, PolarityOption, TaxonomyOption, cache_choice,
)
from .output import check_format, check_writable, emit, emit_renderable, fail, finish, running, write


#: A table written to a file is as wide as all columns need (19 categories with both counts, type, date, previous).
FILE_WIDTH = 240


def compare(
    paths: PathsArgument,
    taxonomy: TaxonomyOption = None,
    polarity: PolarityOption = Polarity.all,
    category: CategoryOption = None,
    group_by: Annotated[Optional[str], typer.Option("--group-by", help=f"Group rows by: {', '.join(GROUPS)}.")] = None,
    sort: Annotated[str, typer.Option("--sort", help=f"Order rows by: {', '.join(SORTS)}.")] = "area",
    by_document: Annotated[bool, typer.Option("--by-document", help="One row per document, not per area.")] = False,
    history: Annotated[Optional[str], typer.Option("--history", help="Show this area's documents side by side, oldest first.")] = None,
    neighbours: Annotated[Optional[str], typer.Option("--neighbours", help="Show this area beside its ten statistical neighbours, with their average.")] = None,
    summary: Annotated[bool, typer.Option("--summary", help="The national picture instead of the matrix: categories ranked by the areas weak in them, by outcome and framework.")] = False,
    format: FormatOption = Format.table,
    output: OutputOption = None,
    html: Annotated[Optional[Path], typer.Option("--html", dir_okay=False, help="Also write a self-contained HTML heatmap report to this file.")] = None,
    engine: EngineOption = "pypdfium2",
    jobs: JobsOption = None,
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Compare local areas: which weaknesses and strengths each has, and how many areas share each."""
    try:
        check_format(format, ("table", "csv", "json", "markdown", "xlsx"))
        if format is Format.xlsx:
            check_workbook(output, summary)
        check_writable(output, html)
        if group_by and group_by not in GROUPS:
            raise UsageError(f"--group-by must be one of: {', '.join(GROUPS)}")
        if sort not in SORTS:
            raise UsageError(f"--sort must be one of: {', '.join(SORTS)}")
        if summary and (history or by_document):
            raise UsageError("--summary counts areas: it goes with neither --history nor --by-document")
        if neighbours and (history or by_document or group_by):
            raise UsageError("--neighbours chooses its own rows: it goes with none of --history, --by-document, --group-by")
        chosen_cache = cache_choice(cache, no_cache)
        with running("comparing", chosen_cache is not False) as progress:
            comparison, errors = compare_paths(paths, taxonomy, polarity.value, category or None, group_by,
                                               by_document, sort, history, engine, chosen_cache, jobs, progress,
                                               neighbours)
    except SendscanError as error:
        raise fail(error) from None
    labels = category_labels(taxonomy) if html or summary or format is Format.xlsx else {}
    if html:
        write(html, heatmap_page(comparison, labels))
    if format is Format.xlsx:
        from ..report import xlsx

        write(output, xlsx.workbook(comparison, summarise(comparison), labels))
    elif summary:
        emit_summary(summarise(comparison), labels, format, output)
    else:
        emit_comparison(comparison, format, output)
    finish(errors)


def check_workbook(output: Path | None, summary: bool) -> None:
    """Before any work: a workbook needs a file to go to, and openpyxl to write it."""
    from ..report import xlsx

    if not output:
        raise UsageError("--format xlsx writes a workbook: give its file with -o, e.g. -o areas.xlsx")
    if summary:
        raise UsageError("--format xlsx holds the summary as a sheet of its own: leave out --summary")
    xlsx.openpyxl()


def emit_comparison(comparison, format: Format, output: Path | None) -> None:
    from ..report import text

    if format is Format.table:
        from rich.console import Console

        from ..report.terminal import comparison_view

        width = FILE_WIDTH if output else Console().width
        emit_renderable([comparison_view(comparison, width)], output, width)
    else:
        emit({Format.csv: text.comparison_csv, Format.json: text.comparison_json,
              Format.markdown: text.comparison_markdown}[format](comparison), output)


def category_labels(taxonomy: Path | None) -> dict[str, str]:
    from ..taxonomy import load

    return {c.id: c.label for c in load(taxonomy).categories}


def heatmap_page(comparison, labels: dict[str, str]) -> str:
    from ..report import heatmap

    return heatmap.page(comparison, labels)


def emit_summary(summary, labels: dict[str, str], format: Format, output: Path | None) -> None:
    from ..report import text

    if format is Format.table:
        from ..report.terminal import summary_view

        emit_renderable([summary_view(summary, labels)], output, FILE_WIDTH)
    elif format is Format.markdown:
        emit(text.summary_markdown(summary, labels), output)
    else:
        emit({Format.csv: text.summary_csv, Format.json: text.summary_json}[format](summary), output)
