"""`sendscan compare`: local areas by categories, with grouping and history."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..comparison import GROUPS, SORTS, check_options
from ..errors import SendscanError
from ..report import check_workbook, render
from .options import (
    CompareFormat, Engine, format_option,
    MAX_SIZE_MB, CacheOption, CategoryOption, EngineOption, Format, JobsOption, MaxSizeOption, ModelOption,
    NoCacheOption, OutputOption, PathsArgument, Polarity, PolarityOption, RulesOnlyOption, TaxonomyOption,
    cache_choice, max_bytes, model_choice,
)
from .output import check_writable, emit_any, fail, finish, running, write


#: Choices that help and shell completion list.
GroupBy = Enum("GroupBy", {name: name for name in GROUPS}, type=str)
Sort = Enum("Sort", {name: name for name in SORTS}, type=str)

#: A table written to a file is as wide as all columns need (19 categories with both counts, type, date, previous).
FILE_WIDTH = 240


def compare(
    paths: PathsArgument,
    taxonomy: TaxonomyOption = None,
    model: ModelOption = None,
    rules_only: RulesOnlyOption = False,
    polarity: PolarityOption = Polarity.all,
    category: CategoryOption = None,
    group_by: Annotated[Optional[GroupBy], typer.Option("--group-by", help="Group rows by this.")] = None,
    sort: Annotated[Sort, typer.Option("--sort", help="Order rows by this.")] = Sort.area,
    by_document: Annotated[bool, typer.Option("--by-document", help="One row per document, not per area.")] = False,
    history: Annotated[Optional[str], typer.Option("--history", help="Show this area's documents side by side, oldest first.")] = None,
    neighbours: Annotated[Optional[str], typer.Option("--neighbours", help="Show this area beside its ten statistical neighbours, with their average.")] = None,
    summary: Annotated[bool, typer.Option("--summary", help="The national picture instead of the matrix: categories ranked by the areas weak in them, by outcome and framework.")] = False,
    format: format_option(CompareFormat) = CompareFormat.table,
    output: OutputOption = None,
    html: Annotated[Optional[Path], typer.Option("--html", dir_okay=False, help="Also write a self-contained HTML heatmap report to this file.")] = None,
    engine: EngineOption = Engine.pypdfium2,
    jobs: JobsOption = None,
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
    max_size: MaxSizeOption = MAX_SIZE_MB,
) -> None:
    """Compare local areas: which weaknesses and strengths each has, and how many areas share each."""
    from ..api import compare as compare_paths

    format, engine, group_by, sort = Format(format.value), engine.value, group_by and group_by.value, sort.value
    try:
        check_writable(output, html)
        check_options(group_by, sort, history, neighbours, by_document, summary)
        if format is Format.xlsx:
            check_workbook(output, summary)
        chosen_cache = cache_choice(cache, no_cache)
        with running("comparing", chosen_cache is not False) as progress:
            comparison, errors = compare_paths(paths, taxonomy, polarity.value, category or None, group_by,
                                               by_document, sort, history, engine, chosen_cache, jobs, progress,
                                               neighbours, model_choice(model, rules_only), max_bytes(max_size))
    except SendscanError as error:
        raise fail(error) from None
    labels = category_labels(taxonomy) if html or summary or format is Format.xlsx else {}
    if html:
        from ..report import heatmap

        write(html, heatmap.page(comparison, labels))
    width = FILE_WIDTH if output else terminal_width()
    emit_any(render(comparison, format.value, labels, summary, width), output, width)
    finish(errors)


def terminal_width() -> int:
    from rich.console import Console

    return Console().width


def category_labels(taxonomy: Path | None) -> dict[str, str]:
    from ..taxonomy import load

    return {c.id: c.label for c in load(taxonomy).categories}
