"""Heatmap: a comparison -> one self-contained HTML page.

Areas down the side, categories across the top, each cell coloured by how many
weakness findings the area has in that category. Clicking a cell opens the
findings behind it. Everything is in the one file (inline CSS, no scripts, no
fonts or images fetched), so it works offline and can be mailed to colleagues.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape

from .. import __version__
from ..comparison import Comparison, Row
from ..summary import summarise
from . import chart, hexmap
from .shading import cell_class

POLARITY_ORDER = {"weakness": 0, "strength": 1, "neutral": 2}
OUTCOME_LABELS = {"positive": "Positive", "inconsistent": "Inconsistent", "systemic": "Systemic"}
DOC_TYPE_LABELS = {
    "send_report_2023": "2023 report", "send_letter_2016": "2016 letter", "send_revisit": "Revisit",
    "news_report": "News", "council_page": "Council page", "unknown": "Unknown",
}

STYLE = """
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
.meta { color: #59636e; margin: 0 0 16px; }
.footer { margin-top: 16px; font-size: 12px; }
.legend { display: flex; gap: 14px; align-items: center; margin: 0 0 16px; flex-wrap: wrap; }
.legend span.swatch { display: inline-block; width: 22px; height: 16px; vertical-align: middle; border: 1px solid #d0d7de; margin-right: 4px; }
table.heatmap { border-collapse: collapse; }
.heatmap th, .heatmap td { border: 1px solid #d0d7de; padding: 0; }
.heatmap thead th { position: sticky; top: 0; background: #fff; box-shadow: inset 0 -1px #d0d7de; }
.heatmap thead th.category { height: 170px; width: 34px; vertical-align: bottom; }
.heatmap thead th.category div { writing-mode: vertical-rl; transform: rotate(180deg); padding: 6px 0; margin: 0 auto; font-weight: 600; white-space: nowrap; }
.heatmap th.area { text-align: left; padding: 4px 8px; white-space: nowrap; font-weight: 600; }
.heatmap td.fact { padding: 4px 8px; white-space: nowrap; color: #59636e; }
.heatmap td.cell { width: 34px; height: 30px; text-align: center; }
.heatmap td.cell a { display: block; line-height: 30px; color: inherit; text-decoration: none; font-weight: 600; }
.heatmap td.cell a:hover { outline: 2px solid #0969da; outline-offset: -2px; }
.heatmap td.cell small { font-weight: 400; font-size: 10px; color: #1a7f37; }
.w1 { background: #ffd8d3; } .w2 { background: #ffaba1; } .w3 { background: #f8705e; color: #fff; }
.w4 { background: #c4291c; color: #fff; } .w3 small, .w4 small { color: #fff !important; }
.s { background: #dafbe1; }
.heatmap tr.average th, .heatmap tr.average td.fact { font-style: italic; }
.heatmap tr.average td.cell { font-weight: 400; font-size: 12px; }
.heatmap tr.missing th { color: #59636e; font-weight: 400; }
.heatmap tr.published th, .heatmap tr.published td.fact { font-style: italic; color: #59636e; }
.heatmap tr:target th.area { outline: 2px solid #0969da; outline-offset: -2px; }
.heatmap td.previous { font-size: 12px; white-space: normal; min-width: 160px; max-width: 220px; }
.differ { font-size: 11px; font-weight: 600; color: #9a6700; background: #fff8c5; border-radius: 3px; padding: 0 4px; }
.disagreements h2 { font-size: 17px; margin: 20px 0 4px; }
.heatmap tr.group th { background: #f6f8fa; text-align: left; padding: 6px 8px; }
.heatmap tr.totals th, .heatmap tr.totals td { background: #f6f8fa; font-weight: 600; text-align: center; padding: 4px 0; }
.heatmap tr.totals th { text-align: left; padding: 4px 8px; }
.outcome { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.outcome.positive { background: #dafbe1; color: #116329; }
.outcome.inconsistent { background: #fff1c2; color: #7d4e00; }
.outcome.systemic { background: #ffd8d3; color: #a40e26; }
.outcome.other { background: #eaeef2; color: #424a53; }
.evidence { display: none; }
.evidence:target { display: block; position: fixed; top: 0; right: 0; bottom: 0; width: min(560px, 90vw); overflow: auto;
  background: #fff; border-left: 1px solid #d0d7de; box-shadow: -8px 0 24px rgba(0,0,0,.15); padding: 16px 20px; }
.evidence h2 { font-size: 17px; margin: 0 28px 4px 0; }
.evidence .close { position: absolute; top: 12px; right: 16px; font-size: 22px; text-decoration: none; color: #59636e; }
.evidence li { margin: 0 0 12px; }
.evidence .where { color: #59636e; font-size: 12px; }
.evidence mark { background: #ffe36e; }
.tag { font-size: 11px; font-weight: 600; text-transform: uppercase; padding: 0 5px; border-radius: 3px; margin-right: 4px; }
.tag.weakness { background: #ffd8d3; color: #a40e26; } .tag.strength { background: #dafbe1; color: #116329; }
.tag.neutral { background: #eaeef2; color: #424a53; }
"""


def page(comparison: Comparison, labels: dict[str, str] | None = None, title: str | None = None,
         subtitle: str = "") -> str:
    """The whole HTML document; `labels` names the categories (id -> label)."""
    labels = labels or {}
    title = title or default_title(comparison)
    body = [f"<h1>{escape(title)}</h1>",
            f'<p class="meta">{escape(subtitle or summary(comparison))}</p>',
            legend(),
            table(comparison, labels),
            disagreements(comparison),
            *england(comparison, labels),
            *national(comparison, labels),
            f'<p class="meta footer">Made with sendscan {__version__} on {date.today():%-d %B %Y}. '
            "Findings are tagged by rules and a trained checker: check a finding against its letter before quoting it.</p>",
            *evidence_panels(comparison, labels)]
    return ("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta name=\"generator\" content=\"{GENERATOR}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n<style>{STYLE}{chart.STYLE}{map_style(comparison)}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def default_title(comparison: Comparison) -> str:
    if comparison.history:
        return f"{comparison.history}: SEND inspections over time"
    if comparison.focus:
        return f"{comparison.focus} and its statistical neighbours: SEND inspections compared"
    return "SEND inspections compared"


def shows_map(comparison: Comparison) -> bool:
    """The map, where the rows are areas (one area's history needs none)."""
    return not comparison.history and bool(comparison.area_rows())


def england(comparison: Comparison, labels: dict[str, str]):
    if shows_map(comparison):
        yield hexmap.section(comparison, labels)


def map_style(comparison: Comparison) -> str:
    return hexmap.STYLE + hexmap.fill_rules(comparison.categories) if shows_map(comparison) else ""


def national(comparison: Comparison, labels: dict[str, str]):
    """The national picture's chart, where the rows are areas (not one area's history)."""
    if not (comparison.history or comparison.by_document) and len(comparison.area_rows()) > 1:
        yield chart.summary_chart(summarise(comparison), labels)


#: Marks the report as sendscan's, so that a later run over the same folder leaves it out.
GENERATOR = "sendscan"


def summary(comparison: Comparison) -> str:
    rows = comparison.area_rows()
    areas = len({r.area for r in rows})
    documents = len(rows)
    what = f"{areas} local area{'s' if areas != 1 else ''}"
    if documents != areas:
        what += f", {documents} documents"
    outcomes = [r.outcome for r in rows if r.outcome]
    if outcomes:
        what += " (" + ", ".join(f"{outcomes.count(o)} {OUTCOME_LABELS[o].lower()}" for o in OUTCOME_LABELS
                                 if o in outcomes) + ")"
    if comparison.missing:
        what += f"; no document among the inputs for {', '.join(comparison.missing)}"
    return (f"{what}. Each cell counts the findings in that category that are weaknesses "
            "(the small green number: strengths). Click a cell for the findings behind it.")


def legend() -> str:
    steps = [("w1", "1"), ("w2", "2–3"), ("w3", "4–6"), ("w4", "7 or more"), ("s", "strengths only")]
    items = "".join(f'<span><span class="swatch {cls}"></span>{label}</span>' for cls, label in steps)
    return f'<div class="legend"><strong>Weakness findings:</strong>{items}</div>'


def table(comparison: Comparison, labels: dict[str, str]) -> str:
    head = "".join(f'<th class="category" scope="col" title="{escape(labels.get(c, c))}">'
                   f"<div>{escape(labels.get(c, c))}</div></th>" for c in comparison.categories)
    previous = shows_previous(comparison)
    facts = 4 + previous
    lines = ['<table class="heatmap">',
             '<thead><tr><th scope="col">Area</th><th scope="col">Document</th><th scope="col">Date</th>'
             '<th scope="col">Outcome</th>'
             + ('<th scope="col" title="From Ofsted\'s published statistics">Previous (2016–2022)</th>' if previous else "")
             + f"{head}</tr></thead>", "<tbody>"]
    group = None
    for index, row in enumerate(comparison.rows):
        if comparison.group_by and row.group != group:
            group = row.group
            lines.append(f'<tr class="group"><th colspan="{facts + len(comparison.categories)}">'
                         f"{escape(comparison.group_by)}: {escape(str(group))}</th></tr>")
        lines.append(row_html(index, row, comparison.categories, labels, previous))
    totals = comparison.totals()
    lines.append(f'<tr class="totals"><th colspan="{facts}">Areas with the weakness</th>'
                 + "".join(f"<td>{totals[c] or ''}</td>" for c in comparison.categories) + "</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def shows_previous(comparison: Comparison) -> bool:
    """A column for the previous inspection, in a comparison of areas where some row has one."""
    return not comparison.history and any(r.previous for r in comparison.rows)


def row_anchor(index: int) -> str:
    return f"r{index}"


def row_html(index: int, row: Row, categories: list[str], labels: dict[str, str], previous: bool = False) -> str:
    differ = (f' <span class="differ" title="{escape("Ofsted’s statistics differ: " + "; ".join(row.disagreements))}">'
              "≠ statistics</span>" if row.disagreements else "")
    document = escape(DOC_TYPE_LABELS.get(row.doc_type, row.doc_type))
    if row.kind == "published":
        document += '<br><small>Ofsted’s published statistics</small>'
    facts = (f'<th class="area" scope="row" title="{escape(row.source)}">{escape(row.area)}{differ}</th>'
             f'<td class="fact">{document}</td>'
             f'<td class="fact">{escape(row.inspection_end or "")}</td>'
             f"<td class=\"fact\">{outcome_badge(row)}</td>"
             + (f'<td class="fact previous">{escape(row.previous or "")}</td>' if previous else ""))
    return (f'<tr class="{row.kind}" id="{row_anchor(index)}">' + facts
            + "".join(cell_html(index, row, c, labels) for c in categories) + "</tr>")


def disagreements(comparison: Comparison) -> str:
    """Under the table: where Ofsted's statistics read otherwise than a document (whose reading the table shows)."""
    items = "".join(f"<li><strong>{escape(r.area)}</strong>, {escape(DOC_TYPE_LABELS.get(r.doc_type, r.doc_type))} "
                    f"{escape(r.inspection_end or '')}: {escape(d)}</li>" for r in comparison.rows for d in r.disagreements)
    if not items:
        return ""
    return ('<section class="disagreements"><h2>Where Ofsted’s published statistics differ</h2>'
            "<p class=\"meta\">The table shows each document's own reading; Ofsted's statistics of the 2016–2022 "
            f"framework (November 2022) say otherwise here. Check the letter.</p><ul>{items}</ul></section>")


def outcome_badge(row: Row) -> str:
    """The 2023 outcome as a coloured badge; earlier letters' verdicts in grey."""
    if row.outcome:
        return f'<span class="outcome {escape(row.outcome)}">{escape(OUTCOME_LABELS.get(row.outcome, row.outcome))}</span>'
    return f'<span class="outcome other">{escape(row.result or "–")}</span>'


def cell_html(index: int, row: Row, category: str, labels: dict[str, str]) -> str:
    weak, strong = row.cells.get(category, [0, 0])
    if not weak and not strong:
        return '<td class="cell"></td>'
    title = f"{row.area}, {labels.get(category, category)}: {weak:g} weakness{'es' if weak != 1 else ''}, " \
            f"{strong:g} strength{'s' if strong != 1 else ''}"
    shown = (f"{weak:g}" if weak else "") + (f"<small>+{strong:g}</small>" if strong else "")
    if row.kind == "average":  # means: no findings behind them to open
        return f'<td class="cell {cell_class(weak)}" title="{escape(title)} on average">{shown}</td>'
    return (f'<td class="cell {cell_class(weak)}"><a href="#{anchor(index, category)}" '
            f'title="{escape(title)}">{shown}</a></td>')


def anchor(index: int, category: str) -> str:
    return f"e{index}-{category}"


def evidence_panels(comparison: Comparison, labels: dict[str, str]):
    """One hidden panel per filled cell, shown when its cell's link is followed (CSS :target)."""
    for index, row in enumerate(comparison.rows):
        for category in comparison.categories:
            findings = row.evidence.get(category)
            if not findings:
                continue
            # Weaknesses first: a red cell is clicked to see them.
            ordered = sorted(findings, key=lambda f: POLARITY_ORDER.get(f["polarity"], 3))
            weak, strong = row.cells.get(category, [0, 0])
            yield (f'<section class="evidence" id="{anchor(index, category)}">'
                   '<a class="close" href="#" title="Close">×</a>'
                   f"<h2>{escape(row.area)}: {escape(labels.get(category, category))}</h2>"
                   f'<p class="where">{weak} weakness{"es" if weak != 1 else ""}, {strong} '
                   f'strength{"s" if strong != 1 else ""} · {escape(row.source)}</p>'
                   f'<ol>{"".join(evidence_item(f) for f in ordered)}</ol></section>')


def evidence_item(finding: dict) -> str:
    where = ", ".join(x for x in (finding["section"], f"page {finding['page']}" if finding["page"] else "") if x)
    return (f'<li><span class="tag {escape(finding["polarity"])}">{escape(finding["polarity"])}</span>'
            f'{highlighted(finding["text"], finding["matched"])}<div class="where">{escape(where)}</div></li>')


def highlighted(text: str, matched: list[str]) -> str:
    """The finding, escaped, with the words that gave it the category marked."""
    if not matched:
        return escape(text)
    pattern = re.compile("|".join(re.escape(m) for m in sorted(matched, key=len, reverse=True)), re.IGNORECASE)
    out, last = [], 0
    for hit in pattern.finditer(text):
        out += [escape(text[last:hit.start()]), f"<mark>{escape(hit.group())}</mark>"]
        last = hit.end()
    return "".join(out) + escape(text[last:])
