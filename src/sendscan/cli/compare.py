"""`sendscan compare`: local areas by categories, with grouping and history."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..api import compare as compare_paths
from ..comparison import GROUPS, SORTS
from ..errors import SendscanError
from ..export import comparison_markdown, to_csv, to_json
from .options import (
    CompareFormat, Engine, format_option,
    MAX_SIZE_MB, CacheOption, CategoryOption, EngineOption, Format, JobsOption, MaxSizeOption,
    NoCacheOption, OutputOption, PathsArgument, Polarity, PolarityOption, TaxonomyOption, cache_choice, max_bytes,
)
from .output import check_writable, emit, emit_renderable, fail, finish, running, write


#: Choices that help and shell completion list.
GroupBy = Enum("GroupBy", {name: name for name in GROUPS}, type=str)
Sort = Enum("Sort", {name: name for name in SORTS}, type=str)

#: A table written to a file is as wide as all columns need (both counts, type, date).
FILE_WIDTH = 200


def compare(
    paths: PathsArgument,
    taxonomy: TaxonomyOption = None,
    polarity: PolarityOption = Polarity.all,
    category: CategoryOption = None,
    group_by: Annotated[Optional[GroupBy], typer.Option("--group-by", help="Group rows by this.")] = None,
    sort: Annotated[Sort, typer.Option("--sort", help="Order rows by this.")] = Sort.area,
    by_document: Annotated[bool, typer.Option("--by-document", help="One row per document, not per area.")] = False,
    history: Annotated[Optional[str], typer.Option("--history", help="Show this area's documents side by side, oldest first.")] = None,
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
    format, engine, group_by, sort = Format(format.value), engine.value, group_by and group_by.value, sort.value
    try:
        check_writable(output, html)
        chosen_cache = cache_choice(cache, no_cache)
        with running("comparing", chosen_cache is not False) as progress:
            comparison, errors = compare_paths(paths, taxonomy, polarity.value, category or None, group_by,
                                               by_document, sort, history, engine, chosen_cache, jobs, progress,
                                               max_bytes(max_size))
    except SendscanError as error:
        raise fail(error) from None
    if html:
        write_html(comparison, html, taxonomy)
    rows = comparison.to_rows()
    if format is Format.table:
        from rich.console import Console

        from ..render import comparison_view

        width = FILE_WIDTH if output else Console().width
        emit_renderable([comparison_view(comparison, width)], output, width)
    elif format is Format.csv:
        emit(to_csv(rows, list(rows[0]) if rows else ["area"]), output)
    elif format is Format.json:
        emit(to_json([comparison.to_dict()], single=True), output)
    else:
        emit(comparison_markdown(comparison), output)
    finish(errors)


def write_html(comparison, path: Path, taxonomy: Path | None) -> None:
    from .. import heatmap
    from ..taxonomy import load

    write(path, heatmap.page(comparison, {c.id: c.label for c in load(taxonomy).categories}))
