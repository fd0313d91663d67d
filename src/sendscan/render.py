"""Render: documents -> rich renderables for the terminal. Nothing is printed here."""

from __future__ import annotations


from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import FINDING_KINDS, Document

KIND_STYLES = {
    "strength": "green", "weakness": "red", "recommendation": "yellow",
    "priority_action": "bold red", "significant_weakness": "bold red",
    "revisit_progress": "magenta", "narrative": "cyan", "listed": "cyan",
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
    said = [p for s in doc.sections if s.kind == "response" for p in s.text.split("\n\n") if p]
    if said:
        # Officials' words stay in view, apart: they are never findings.
        table = Table(title=Text("Responses: officials' words, not findings", style="dim"), title_justify="left",
                      expand=True, show_header=False)
        table.add_column("Response", ratio=1, style="dim")
        for paragraph in said:
            table.add_row(paragraph)
        parts.append(table)
    others = [s.kind for s in doc.sections if s.kind not in FINDING_KINDS and s.kind != "response"]
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
        # "↑": carried from the sentence before, which this one goes on about.
        names = Text("\n".join(c["id"] + (" ↑" if c.get("carried") else "") for c in tag.categories) or "–",
                     style=POLARITY_STYLES.get(tag.polarity, ""))
        mark = {"weakness": "−", "strength": "+", "neutral": "·"}[tag.polarity]
        evidence = [e for c in tag.categories for e in c["evidence"]]
        table.add_row(names, Text(mark, style=POLARITY_STYLES[tag.polarity]),
                      Text(section.kind.replace("_", " ")), str(finding.page), highlighted(finding.text, evidence))
    summary = item.summary()
    line = Text.assemble(("Weaknesses: ", "bold red"), ", ".join(summary["weakness"]) or "none",
                         ("   Strengths: ", "bold green"), ", ".join(summary["strength"]) or "none")
    return Group(document_header(item.document), table, line)
