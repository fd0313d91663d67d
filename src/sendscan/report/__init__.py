"""Reports of a comparison, one module per kind: the terminal table (`terminal`),
CSV/JSON/Markdown (`text`), the self-contained HTML page (`heatmap`, with its
`hexmap` and `chart`) and the Excel workbook (`xlsx`)."""

from __future__ import annotations

from ..errors import UsageError


def check_workbook(output, summary: bool) -> None:
    """Before any work: a workbook needs a file to go to, and openpyxl to write it."""
    from . import xlsx

    if not output:
        raise UsageError("--format xlsx writes a workbook: give its file with -o, e.g. -o areas.xlsx")
    if summary:
        raise UsageError("--format xlsx holds the summary as a sheet of its own: leave out --summary")
    xlsx.openpyxl()


def render(comparison, fmt: str, labels: dict[str, str], summary: bool = False, width: int = 80):
    """The comparison, or with `summary` its national picture, in a format: a rich
    renderable for "table", the bytes of a workbook for "xlsx", text otherwise."""
    from ..summary import summarise
    from . import terminal, text

    if fmt == "xlsx":
        from . import xlsx

        return xlsx.workbook(comparison, summarise(comparison), labels)
    if summary:
        picture = summarise(comparison)
        if fmt == "table":
            return terminal.summary_view(picture, labels)
        if fmt == "markdown":
            return text.summary_markdown(picture, labels)
        return {"csv": text.summary_csv, "json": text.summary_json}[fmt](picture)
    if fmt == "table":
        return terminal.comparison_view(comparison, width)
    return {"csv": text.comparison_csv, "json": text.comparison_json,
            "markdown": text.comparison_markdown}[fmt](comparison)
