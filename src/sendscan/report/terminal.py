"""Terminal: a comparison -> rich renderables (the matrix, and its legend). Nothing is printed here."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..render import OUTCOME_STYLES


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


def comparison_view(comparison, width: int = 80) -> Group:
    """Areas by categories, cells red by weaknesses. Where the width allows
    (about 200 columns for all categories) cells show "weaknesses/strengths"
    and rows their document type and date; at 80 columns a cell shows
    weaknesses only. A history is labelled by date."""
    shown = [c for c in comparison.categories if any(r.cells.get(c) for r in comparison.rows)] or comparison.categories
    # Wide: area 24, document 11, date 10, outcome 18 (each padded by 2), and "10/3" cells.
    both = width >= (45 if comparison.history else 71) + 7 * len(shown)
    # The previous inspection, where the width allows it beside everything else.
    previous = both and not comparison.history and any(r.previous for r in comparison.rows) \
        and width >= 71 + 7 * len(shown) + 26
    table = Table(box=None, pad_edge=False, padding=(0, 1) if both else (0, 0, 0, 1),
                  show_edge=False, header_style="bold")
    table.add_column("Date" if comparison.history else "Area", no_wrap=True, max_width=24 if both else 14)
    if both:
        table.add_column("Document", no_wrap=True, min_width=11)
        if not comparison.history:
            table.add_column("Date", no_wrap=True, min_width=10)
        table.add_column("Outcome", no_wrap=True, min_width=12)
        if previous:
            table.add_column("Previous (2016-22)", no_wrap=True, max_width=24, overflow="ellipsis")
    else:
        table.add_column("Outc.", no_wrap=True, max_width=5)
    for category in shown:
        table.add_column(ABBREVIATIONS.get(category, category[:2]), justify="right", no_wrap=True,
                         min_width=5 if both else 2)
    facts = ((3 if not comparison.history else 2) + previous) if both else 1
    group = object()
    for row in comparison.rows:
        if comparison.group_by and row.group != group:
            group = row.group
            table.add_row(Text(f"{comparison.group_by}: {group}", style="bold"), *[""] * (len(shown) + facts))
        label = row.inspection_end or "undated" if comparison.history else row.area
        if row.kind == "published":
            label += "†"
        doc_type = SHORT_DOC_TYPES.get(row.doc_type, row.doc_type)
        outcome = Text(row.result or "–", style=OUTCOME_STYLES.get(row.outcome, ""))
        if both:
            known = [doc_type] + ([] if comparison.history else [row.inspection_end or ""]) + [outcome]
            known += [Text(row.previous or "", style="dim")] if previous else []
        else:
            short = "news" if row.from_news else row.outcome or doc_type or ("none" if row.kind == "missing" else "")
            known = [Text(short[:5], style=OUTCOME_STYLES.get(row.outcome, ""))]
        style = {"average": "bold", "missing": "dim"}.get(row.kind, "")
        table.add_row(Text(label, style=style), *known, *[cell(row, c, both) for c in shown])
    totals = comparison.totals()
    table.add_row(Text("areas weak" if not comparison.history else "documents weak", style="bold"),
                  *[""] * facts, *[Text(str(totals[c]), style="bold") for c in shown])
    title = [Text(heading, style="bold")] if (heading := title_of(comparison)) else []
    legend = Text(("Cells: weakness findings/strength findings. " if both else
                   "Cells: weakness findings (green ·: strengths only; a wider terminal, --html or --format csv show both). ")
                  + "; ".join(f"{ABBREVIATIONS.get(c, c)} {c}" for c in shown), style="dim")
    missing = [Text(f"No document among the inputs for: {', '.join(comparison.missing)}.")] if comparison.missing else []
    return Group(*title, table, *missing, *record_notes(comparison), legend)


def record_notes(comparison) -> list[Text]:
    """Lines under the table: rows taken from Ofsted's statistics, and where they disagree with a document."""
    notes = []
    if any(r.kind == "published" for r in comparison.rows):
        notes.append(Text("† from Ofsted's published statistics of 2016-2022 (no letter among the inputs)."))
    for row in comparison.rows:
        for disagreement in row.disagreements:
            notes.append(Text(f"{row.area}, {SHORT_DOC_TYPES.get(row.doc_type, row.doc_type)} "
                              f"{row.inspection_end or ''}: Ofsted's statistics differ: {disagreement}", style="yellow"))
    return notes


def title_of(comparison) -> str | None:
    if comparison.history:
        return f"{comparison.history}: documents oldest first"
    if comparison.focus:
        return f"{comparison.focus} and its statistical neighbours"
    return None


def cell(row, category: str, both: bool) -> Text:
    weak, strong = row.cells.get(category, [0, 0])
    style = "bold white on red" if weak >= 2 else "red" if weak else "green" if strong else "dim"
    if both:
        return Text(f"{weak:g}/{strong:g}" if weak or strong else "·", style=style)
    return Text(f"{weak:g}" if weak else "·" if strong else "", style=style)


#: Short column heads for the outcomes and frameworks of a summary.
SHORT_OUTCOMES = {"positive": "pos.", "inconsistent": "incon.", "systemic": "syst.", "WSoA required": "WSoA",
                  "no WSoA": "no WSoA", "revisit": "revisit", "no outcome": "none"}
SHORT_FRAMEWORKS = {"2023 framework": "2023", "2016-2022 framework": "2016-22", "news and other": "news"}


def summary_view(summary, labels: dict[str, str]) -> Group:
    """Categories ranked by the areas weak in them; per outcome and framework
    "weak areas/areas with that outcome"; strengths beside."""
    table = Table(box=None, pad_edge=False, padding=(0, 1), show_edge=False, header_style="bold", expand=True)
    table.add_column("#", justify="right")
    table.add_column("Category", overflow="ellipsis", no_wrap=True, ratio=1)
    table.add_column("Areas\nweak", justify="right", no_wrap=True, min_width=8)
    # One framework only: its column would repeat "Areas weak".
    frameworks = summary.frameworks if len(summary.frameworks) > 1 else {}
    for head, total, style in [*((SHORT_OUTCOMES[o], n, OUTCOME_STYLES.get(o, "")) for o, n in summary.outcomes.items()),
                               *((SHORT_FRAMEWORKS[f], n, "dim") for f, n in frameworks.items())]:
        table.add_column(f"{head}\n/{total}", justify="right", style=style, no_wrap=True, min_width=len(head))
    table.add_column("Areas\nstrong", justify="right", style="green", no_wrap=True, min_width=8)
    for rank, line in enumerate(summary.lines, 1):
        weak = Text(f"{line.weakness} {summary.share(line.weakness):4.0%}",
                    style="bold red" if summary.share(line.weakness) >= 0.5 else "red" if line.weakness else "dim")
        table.add_row(str(rank), labels.get(line.category, line.category), weak,
                      *[str(line.by_outcome[o]) for o in summary.outcomes],
                      *[str(line.by_framework[f]) for f in frameworks],
                      f"{line.strength} {summary.share(line.strength):4.0%}")
    title = Text(f"The national picture: {summary.areas} area{'s' if summary.areas != 1 else ''}, "
                 "categories by the areas with at least one weakness finding in them", style="bold")
    legend = Text("Columns per outcome and framework: areas weak in the category, of the areas with that outcome "
                  "(pos. positive, incon. inconsistent, syst. systemic; 2023 and 2016-22: the framework of "
                  "each area's latest inspection). Areas strong: with at least one strength finding.", style="dim")
    return Group(title, table, legend)
