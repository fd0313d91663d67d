"""Excel: a comparison -> a workbook for analysts (openpyxl, the `xlsx` extra).

Four sheets: Comparison (a row per area, a column per category, shaded as the
heatmap), Findings (every finding behind it), Summary (the national picture)
and Legend. Headers are frozen and filtered.
"""

from __future__ import annotations

import io
from datetime import date

from .. import __version__
from ..comparison import Comparison
from ..errors import UsageError
from ..summary import Summary
from .shading import cell_class

#: The heatmap's shades (heatmap.STYLE) as Excel fills, and the colour of text on them.
SHADE_FILLS = {"w1": ("FFD8D3", "1F2328"), "w2": ("FFABA1", "1F2328"), "w3": ("F8705E", "FFFFFF"),
               "w4": ("C4291C", "FFFFFF"), "s": ("DAFBE1", "116329")}
OUTCOME_FILLS = {"positive": "DAFBE1", "inconsistent": "FFF1C2", "systemic": "FFD8D3"}
POLARITY_FILLS = {"weakness": "FFD8D3", "strength": "DAFBE1"}
HEADER_FILL = "EAEEF2"
FINDING_COLUMNS = ["area", "document", "doc_type", "section", "page", "polarity", "categories", "evidence", "text"]


def openpyxl():
    """openpyxl, or a usage error saying how to install it."""
    try:
        import openpyxl as module
    except ImportError:
        raise UsageError("--format xlsx needs openpyxl: pip install 'sendscan[xlsx]'") from None
    return module


def workbook(comparison: Comparison, summary: Summary, labels: dict[str, str]) -> bytes:
    """The whole workbook, as the bytes of an .xlsx file."""
    book = openpyxl().Workbook()
    comparison_sheet(book.active, comparison, labels)
    findings_sheet(book.create_sheet("Findings"), comparison)
    summary_sheet(book.create_sheet("Summary"), summary, labels)
    legend_sheet(book.create_sheet("Legend"), comparison, labels)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def fill(colour: str):
    from openpyxl.styles import PatternFill

    return PatternFill("solid", start_color=colour, end_color=colour)


def table(sheet, heads: list[str], rows: list[list], widths: dict[int, float] | None = None) -> None:
    """Headers in bold on grey, frozen, with filters over the rows; columns sized."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.append(heads)
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), fill(HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(heads))}{len(rows) + 1}"
    for index, head in enumerate(heads, 1):
        sheet.column_dimensions[get_column_letter(index)].width = (widths or {}).get(index, max(10, min(len(head), 28)))


def comparison_sheet(sheet, comparison: Comparison, labels: dict[str, str]) -> None:
    from openpyxl.styles import Font

    sheet.title = "Comparison"
    facts = ["area", "region", "document", "date", "outcome", "previous (2016-2022)",
             "where Ofsted's statistics differ", "source"]
    role = bool(comparison.focus)
    heads = facts + (["role"] if role else []) + [labels.get(c, c) for c in comparison.categories] \
        + [f"{labels.get(c, c)} (strengths)" for c in comparison.categories]
    rows = []
    for r in comparison.rows:
        counts = [r.cells.get(c, [0, 0]) if r.kind != "missing" else [None, None] for c in comparison.categories]
        rows.append([r.area, r.region, r.doc_type, r.inspection_end, r.result, r.previous,
                     "; ".join(r.disagreements) or None, r.source]
                    + ([r.role] if role else []) + [w for w, _ in counts] + [s for _, s in counts])
    table(sheet, heads, rows, {1: 28, 6: 36, 7: 36, 8: 30})
    first = len(facts) + role + 1
    for line, r in enumerate(comparison.rows, 2):
        if r.outcome in OUTCOME_FILLS:
            sheet.cell(line, 5).fill = fill(OUTCOME_FILLS[r.outcome])
        for offset, category in enumerate(comparison.categories):
            weak, strong = r.cells.get(category, [0, 0])
            if weak or strong:
                colour, text = SHADE_FILLS[cell_class(weak)]
                cell = sheet.cell(line, first + offset)
                cell.fill, cell.font = fill(colour), Font(color=text, bold=bool(weak))
            if strong:
                sheet.cell(line, first + len(comparison.categories) + offset).fill = fill(SHADE_FILLS["s"][0])


def findings_sheet(sheet, comparison: Comparison) -> None:
    from openpyxl.styles import Alignment

    rows = [[r.area, r.source, r.doc_type, f["section"], f["page"], f["polarity"], "; ".join(f["categories"]),
             "; ".join(f["evidence"]), f["text"]] for r in comparison.area_rows() for f in r.findings]
    table(sheet, FINDING_COLUMNS, rows, {1: 24, 2: 30, 4: 16, 7: 30, 8: 30, 9: 100})
    for line, row in enumerate(rows, 2):
        if row[5] in POLARITY_FILLS:
            sheet.cell(line, 6).fill = fill(POLARITY_FILLS[row[5]])
        sheet.cell(line, 9).alignment = Alignment(wrap_text=True, vertical="top")


def summary_sheet(sheet, summary: Summary, labels: dict[str, str]) -> None:
    rows = summary.to_rows()
    heads = ["rank", "category", "label", *(k for k in (rows[0] if rows else {}) if k not in ("rank", "category"))]
    values = [[r["rank"], r["category"], labels.get(r["category"], r["category"]),
               *(r[k] for k in heads[3:])] for r in rows]
    table(sheet, heads, values, {2: 20, 3: 40})
    for column, head in enumerate(heads, 1):
        if head.endswith("_share"):
            for line in range(2, len(values) + 2):
                cell = sheet.cell(line, column)
                cell.number_format = "0%"
                if head == "weakness_share" and cell.value:
                    cell.fill = fill(SHADE_FILLS[f"w{min(4, 1 + int(cell.value * 4))}"][0])


def legend_sheet(sheet, comparison: Comparison, labels: dict[str, str]) -> None:
    from openpyxl.styles import Font

    lines = [
        ("sendscan: SEND inspections compared", None),
        (f"Made with sendscan {__version__} on {date.today():%-d %B %Y}. Findings are tagged by rules: "
         "check a finding against its letter before quoting it.", None),
        ("", None),
        ("Comparison: a row per area (its latest document) or document; a column per category counts its weakness "
         "findings, then a column per category its strength findings.", None),
        ("Findings: every finding of the documents compared, with its polarity, categories and the words that "
         "matched (evidence).", None),
        ("Summary: categories ranked by the number of areas with at least one weakness finding in them, by outcome "
         "and framework; strengths beside.", None),
        ("Previous (2016-2022): from Ofsted's official statistics of the 2016-2022 framework (Open Government "
         "Licence v3.0).", None),
        ("", None),
        ("Colours of the weakness counts:", None),
        ("1 weakness finding", "w1"), ("2-3", "w2"), ("4-6", "w3"), ("7 or more", "w4"), ("strengths only", "s"),
        ("", None),
        ("Categories:", None),
        *((f"{c}: {labels.get(c, c)}", None) for c in comparison.categories),
    ]
    sheet.column_dimensions["A"].width = 120
    for line, (text, shade) in enumerate(lines, 1):
        cell = sheet.cell(line, 1, text)
        if shade:
            colour, ink = SHADE_FILLS[shade]
            cell.fill, cell.font = fill(colour), Font(color=ink)
    sheet.cell(1, 1).font = Font(bold=True, size=14)
