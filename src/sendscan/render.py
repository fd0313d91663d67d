"""Render: documents -> rich renderables for the terminal. Nothing is printed here."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import FINDING_KINDS, Document

KIND_STYLES = {
    "strength": "green", "weakness": "red", "recommendation": "yellow",
    "priority_action": "bold red", "significant_weakness": "bold red",
    "revisit_progress": "magenta", "narrative": "cyan",
}
OUTCOME_STYLES = {"positive": "green", "inconsistent": "yellow", "systemic": "bold red"}


def document_header(doc: Document) -> Panel:
    """The facts an analyst wants first: area, type, dates, outcome."""
    meta = doc.metadata
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    rows = [
        ("Document", f"{doc.doc_type} ({doc.format}, {doc.pages} page{'s' if doc.pages != 1 else ''})"),
        ("Inspection", " to ".join(d for d in (meta.inspection_start, meta.inspection_end) if d) or None),
        ("Previous", meta.previous_inspection),
        ("Outcome", Text(meta.outcome, style=OUTCOME_STYLES[meta.outcome]) if meta.outcome else None),
        ("WSoA required", {True: "yes", False: "no"}.get(meta.wsoa_required)),
        ("Revisit", revisit_summary(meta.revisit)),
        ("Next inspection", f"within about {meta.next_full_inspection_years} years" if meta.next_full_inspection_years else None),
        ("Monitoring", f"within about {meta.monitoring_inspection_months} months" if meta.monitoring_inspection_months else None),
        ("Local authority", meta.local_authority),
        ("NHS", "; ".join(meta.health_bodies) or None),
        ("Headline", meta.headline),
        ("Published", meta.published),
        ("Inspectors", ", ".join(p["name"] for p in meta.inspectors) or None),
    ]
    for label, value in rows:
        if value:  # data is never read as rich markup: "[/]" in a name stays as written
            grid.add_row(label, Text(value) if isinstance(value, str) else value)
    return Panel(grid, title=Text(meta.local_area or "Unknown area", style="bold"), subtitle=Text(doc.source),
                 title_align="left", subtitle_align="right")


def revisit_summary(revisit: dict | None) -> str | None:
    if not revisit:
        return None
    return f"sufficient progress on {revisit['sufficient']} of {revisit['total']} significant weaknesses"


def document_view(doc: Document) -> Group:
    """Header, then each section with findings as a numbered table."""
    parts = [document_header(doc)]
    for section in doc.sections:
        if section.kind not in FINDING_KINDS:
            continue
        style = KIND_STYLES.get(section.kind, "")
        title = section.title or section.kind
        if section.verdict:
            title += f" [{section.verdict} progress]"
        table = Table(title=Text(f"{title}  ({section.kind})", style=style), title_justify="left",
                      show_lines=False, expand=True)
        table.add_column("#", justify="right", width=3)
        table.add_column("p.", justify="right", width=3)
        table.add_column("Finding", ratio=1)
        for n, finding in enumerate(section.findings, 1):
            table.add_row(str(n), str(finding.page), Text(finding.text))
        parts.append(table)
    others = [s.kind for s in doc.sections if s.kind not in FINDING_KINDS]
    parts.append(Text(f"{sum(len(s.findings) for s in doc.sections)} findings; "
                      f"{len(others)} context and end-matter sections not shown (see --format json)", style="dim"))
    return Group(*parts)


POLARITY_STYLES = {"weakness": "red", "strength": "green", "neutral": "dim"}


def highlighted(text: str, evidence: list[str]) -> Text:
    """The finding with its evidence words in bold."""
    out = Text(text)
    lowered = text.lower()
    for words in evidence:
        start = lowered.find(words.lower())
        while start >= 0:
            out.stylize("bold underline", start, start + len(words))
            start = lowered.find(words.lower(), start + len(words))
    return out


def classified_view(item, polarity: str = "all", categories: list[str] | None = None) -> Group:
    """Header, a table of tagged findings, and a one-line summary."""
    table = Table(expand=True, show_lines=True)
    table.add_column("Category", max_width=22)
    table.add_column("Pol.", width=4)
    table.add_column("Section", max_width=14)
    table.add_column("p.", justify="right", width=3)
    table.add_column("Finding (evidence in bold)", ratio=1)
    for section, finding, tag in item.selected(polarity, categories):
        names = Text("\n".join(tag.ids()) or "–", style=POLARITY_STYLES.get(tag.polarity, ""))
        mark = {"weakness": "−", "strength": "+", "neutral": "·"}[tag.polarity]
        evidence = [e for c in tag.categories for e in c["evidence"]]
        table.add_row(names, Text(mark, style=POLARITY_STYLES[tag.polarity]),
                      Text(section.kind.replace("_", " ")), str(finding.page), highlighted(finding.text, evidence))
    summary = item.summary()
    line = Text.assemble(("Weaknesses: ", "bold red"), ", ".join(summary["weakness"]) or "none",
                         ("   Strengths: ", "bold green"), ", ".join(summary["strength"]) or "none")
    return Group(document_header(item.document), table, line)


#: Two-letter column names so that the matrix fits 80 columns; a legend spells them out.
ABBREVIATIONS = {
    "leadership": "LE", "self_evaluation": "SE", "culture": "CU", "coproduction": "CP", "workforce": "WF",
    "identification": "ID", "ehcp_timeliness": "ET", "ehcp_quality": "EQ", "joint_commissioning": "JC",
    "health_waits": "HW", "mental_health": "MH", "exclusions": "EX", "alternative_provision": "AP",
    "adulthood": "PA", "local_offer": "LO", "social_care": "SC", "outcomes": "OU", "funding": "FU",
    "community": "CO",
}


#: Document types in a word, for narrow columns.
SHORT_DOC_TYPES = {"send_report_2023": "2023 report", "send_letter_2016": "2016 letter", "send_revisit": "revisit",
                   "news_report": "news", "council_page": "council", "unknown": "unknown"}


@dataclass
class Layout:
    """Which facts and counts the comparison table shows, and how wide each is."""

    label: int
    document: bool
    date: bool
    outcome: int
    both: bool
    categories: list[str]

    def width(self, history: bool) -> int:
        """Characters a row takes: each column is padded by one space on its left."""
        facts = [self.label, 11 if self.document else 0, 10 if self.date and not history else 0, self.outcome]
        cells = [5 if self.both else 2] * len(self.categories)
        return sum(w + 1 for w in facts + cells if w)


def layout(comparison, shown: list[str], width: int) -> Layout:
    """The richest layout that fits the width: every fact and both counts where
    there is room; then fewer facts, shorter names, weakness counts only; at
    the last, categories from the right are left out (and the legend says so)."""
    label = min(max([len(row_label(comparison, r)) for r in comparison.rows] + [14]), 32)
    outcome = max([len(r.result or "–") for r in comparison.rows] + [7])
    tries = [Layout(label, True, True, outcome, True, shown), Layout(label, False, True, outcome, True, shown),
             Layout(label, False, True, outcome, False, shown), Layout(label, False, False, outcome, False, shown),
             Layout(min(label, 24), False, False, 12, False, shown), Layout(min(label, 24), False, False, 5, False, shown),
             Layout(min(label, 14), False, False, 5, False, shown)]
    for candidate in tries:
        if candidate.width(bool(comparison.history)) <= width:
            return candidate
    narrowest = tries[-1]
    while len(narrowest.categories) > 1 and narrowest.width(bool(comparison.history)) > width:
        narrowest.categories = narrowest.categories[:-1]
    return narrowest


def row_label(comparison, row) -> str:
    return (row.inspection_end or "undated") if comparison.history else row.area


def comparison_view(comparison, width: int = 80) -> Group:
    """Areas by categories, cells red by weaknesses, in the width there is:
    see `layout`. A history is labelled by date; groups get a heading each."""
    shown = [c for c in comparison.categories if any(r.cells.get(c) for r in comparison.rows)] or comparison.categories
    plan = layout(comparison, shown, width)
    groups: dict = {}
    for row in comparison.rows:
        groups.setdefault(row.group if comparison.group_by else None, []).append(row)
    parts = [Text(f"{comparison.history}: documents oldest first", style="bold")] if comparison.history else []
    for number, (group, rows) in enumerate(groups.items()):
        title = Text(f"{comparison.group_by}: {group}", style="bold") if comparison.group_by else None
        parts.append(matrix(comparison, rows, plan, title, header=number == 0))
    parts.append(matrix(comparison, [], plan, None, header=not comparison.rows, totals=True))
    parts.append(legend(plan, shown))
    return Group(*parts)


def matrix(comparison, rows, plan: Layout, title: Text | None, header: bool, totals: bool = False) -> Table:
    """One block of the comparison, its columns as wide as the layout says, so
    that the blocks of every group line up."""
    table = Table(box=None, pad_edge=False, padding=(0, 0, 0, 1), show_edge=False, header_style="bold",
                  show_header=header, title=title, title_justify="left")

    def column(name: str, width: int, **style) -> None:
        table.add_column(name, width=width, no_wrap=True, overflow="ellipsis", **style)

    column("Date" if comparison.history else "Area", plan.label)
    if plan.document:
        column("Document", 11)
    if plan.date and not comparison.history:
        column("Date", 10)
    column("Outcome" if plan.outcome >= 7 else "Outc.", plan.outcome)
    for category in plan.categories:
        column(ABBREVIATIONS.get(category, category[:2]), 5 if plan.both else 2, justify="right")
    for row in rows:
        facts = [Text(row_label(comparison, row))]
        if plan.document:
            facts.append(Text(SHORT_DOC_TYPES.get(row.doc_type, row.doc_type)))
        if plan.date and not comparison.history:
            facts.append(Text(row.inspection_end or ""))
        facts.append(Text(row.result or SHORT_DOC_TYPES.get(row.doc_type, row.doc_type),
                          style=OUTCOME_STYLES.get(row.outcome, "")))
        table.add_row(*facts, *[cell(row, c, plan.both) for c in plan.categories])
    if totals:
        count = comparison.totals()
        blanks = [""] * (int(plan.document) + int(plan.date and not comparison.history) + 1)
        table.add_row(Text("documents weak" if comparison.history else "areas weak", style="bold"), *blanks,
                      *[Text(str(count[c]), style="bold") for c in plan.categories])
    return table


def legend(plan: Layout, shown: list[str]) -> Text:
    left = [c for c in shown if c not in plan.categories]
    text = ("Cells: weakness findings/strength findings. " if plan.both else
            "Cells: weakness findings (green ·: strengths only; a wider terminal, --html or --format csv show both). ")
    text += "; ".join(f"{ABBREVIATIONS.get(c, c)} {c}" for c in plan.categories)
    if left:
        text += (f". Not shown at this width: {', '.join(left)} (a wider terminal, --html or --format csv "
                 "show every category)")
    return Text(text, style="dim")


def cell(row, category: str, both: bool) -> Text:
    weak, strong = row.cells.get(category, [0, 0])
    style = "bold white on red" if weak >= 2 else "red" if weak else "green" if strong else "dim"
    if both:
        return Text(f"{weak}/{strong}" if weak or strong else "·", style=style)
    return Text(str(weak) if weak else "·" if strong else "", style=style)
