"""Text: a comparison -> CSV, JSON or Markdown."""

from __future__ import annotations

from ..export import to_csv, to_json


def comparison_csv(comparison) -> str:
    rows = comparison.to_rows()
    return to_csv(rows, list(rows[0]) if rows else ["area"])


def comparison_json(comparison) -> str:
    data = comparison.to_dict()
    if comparison.focus:
        data.update(area=comparison.focus, missing=comparison.missing)
    return to_json([data], single=True)


def comparison_markdown(comparison) -> str:
    """The comparison as a Markdown table (categories that have findings only)."""
    shown = [c for c in comparison.categories if any(r.cells.get(c) for r in comparison.rows)]
    lines = ["| area | document | date | outcome | previous (2016-22) | " + " | ".join(shown) + " |",
             "|---|---|---|---|---|" + "---|" * len(shown)]
    if comparison.focus:
        lines[:0] = [f"**{comparison.focus} and its statistical neighbours**", ""]
    for r in comparison.rows:
        cells = [f"{r.cells[c][0]:g}/{r.cells[c][1]:g}" if c in r.cells else "" for c in shown]
        document = r.doc_type + (" (Ofsted's published statistics)" if r.kind == "published" else "")
        lines.append(f"| {r.area} | {document} | {r.inspection_end or ''} | {r.result or ''} | {r.previous or ''} | "
                     + " | ".join(cells) + " |")
    totals = comparison.totals()
    lines.append("| **areas with the weakness** | | | | | " + " | ".join(str(totals[c]) for c in shown) + " |")
    missing = f"No document among the inputs for: {', '.join(comparison.missing)}.\n" if comparison.missing else ""
    differ = "".join(f"- {r.area}, {r.doc_type} {r.inspection_end or ''}: Ofsted's statistics differ: {d}\n"
                     for r in comparison.rows for d in r.disagreements)
    return "\n".join(lines) + "\n\nCells: weakness findings/strength findings.\n" + missing + (
        "\nWhere Ofsted's published statistics read otherwise than the document (the document's reading is shown):\n\n"
        + differ if differ else "")


def summary_csv(summary) -> str:
    rows = summary.to_rows()
    return to_csv(rows, list(rows[0]) if rows else ["rank", "category"])


def summary_json(summary) -> str:
    return to_json([summary.to_dict()], single=True)


def summary_markdown(summary, labels: dict[str, str]) -> str:
    """The national picture as a Markdown table: "n (share)" and "n/of" cells."""
    heads = ["#", "category", "areas weak", *(f"{o} (of {n})" for o, n in summary.outcomes.items()),
             *(f"{f} (of {n})" for f, n in summary.frameworks.items()), "areas strong"]
    lines = [f"Categories by the number of areas (of {summary.areas}) with at least one weakness finding in them.", "",
             "| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for rank, line in enumerate(summary.lines, 1):
        cells = [str(rank), labels.get(line.category, line.category),
                 f"{line.weakness} ({summary.share(line.weakness):.0%})",
                 *(str(line.by_outcome[o]) for o in summary.outcomes),
                 *(str(line.by_framework[f]) for f in summary.frameworks),
                 f"{line.strength} ({summary.share(line.strength):.0%})"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
