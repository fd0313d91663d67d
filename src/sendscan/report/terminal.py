"""Terminal: a comparison -> rich renderables (the matrix, and its legend). Nothing is printed here."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass
class Layout:
    """Which facts and counts the comparison table shows, and how wide each is."""

    label: int
    document: bool
    date: bool
    outcome: int
    previous: int
    both: bool
    categories: list[str]

    def width(self, history: bool) -> int:
        """Characters a row takes: each column is padded by one space on its left."""
        facts = [self.label, 11 if self.document else 0, 10 if self.date and not history else 0, self.outcome,
                 self.previous]
        cells = [5 if self.both else 2] * len(self.categories)
        return sum(w + 1 for w in facts + cells if w)


def layout(comparison, shown: list[str], width: int) -> Layout:
    """The richest layout that fits the width: every fact (the previous
    inspection too, where rows have one) and both counts where there is room;
    then fewer facts, shorter names, weakness counts only; at the last,
    categories from the right are left out (and the legend says so)."""
    label = min(max([len(row_label(comparison, r)) for r in comparison.rows] + [14]), 32)
    outcome = max([len(outcome_text(r)) for r in comparison.rows] + [7])
    previous = 24 if not comparison.history and any(r.previous for r in comparison.rows) else 0
    tries = [Layout(label, True, True, outcome, previous, True, shown),
             Layout(label, True, True, outcome, 0, True, shown), Layout(label, False, True, outcome, 0, True, shown),
             Layout(label, False, True, outcome, 0, False, shown), Layout(label, False, False, outcome, 0, False, shown),
             Layout(min(label, 24), False, False, 12, 0, False, shown),
             Layout(min(label, 24), False, False, 5, 0, False, shown), Layout(min(label, 14), False, False, 5, 0, False, shown)]
    for candidate in tries:
        if candidate.width(bool(comparison.history)) <= width:
            return candidate
    narrowest = tries[-1]
    while len(narrowest.categories) > 1 and narrowest.width(bool(comparison.history)) > width:
        narrowest.categories = narrowest.categories[:-1]
    return narrowest


def row_label(comparison, row) -> str:
    label = (row.inspection_end or "undated") if comparison.history else row.area
    return label + ("†" if row.kind == "published" else "")


def outcome_text(row) -> str:
    # A news row's result already says it is from news ("news: WSoA required").
    return row.result or ("none" if row.kind == "missing" else SHORT_DOC_TYPES.get(row.doc_type, row.doc_type or "–"))


def comparison_view(comparison, width: int = 80) -> Group:
    """Areas by categories, cells red by weaknesses, in the width there is
    (see `layout`). A history is labelled by date; groups get a heading each;
    neighbours, rows from Ofsted's statistics and where they disagree with a
    document are noted under the table."""
    shown = [c for c in comparison.categories if any(r.cells.get(c) for r in comparison.rows)] or comparison.categories
    plan = layout(comparison, shown, width)
    groups: dict = {}
    for row in comparison.rows:
        groups.setdefault(row.group if comparison.group_by else None, []).append(row)
    parts = [Text(heading, style="bold")] if (heading := title_of(comparison)) else []
    for number, (group, rows) in enumerate(groups.items()):
        title = Text(f"{comparison.group_by}: {group}", style="bold") if comparison.group_by else None
        parts.append(matrix(comparison, rows, plan, title, header=number == 0))
    parts.append(matrix(comparison, [], plan, None, header=not comparison.rows, totals=True))
    if comparison.missing:
        parts.append(Text(f"No document among the inputs for: {', '.join(comparison.missing)}."))
    parts += record_notes(comparison)
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
    if plan.previous:
        column("Previous (2016-22)", plan.previous)
    for category in plan.categories:
        column(ABBREVIATIONS.get(category, category[:2]), 5 if plan.both else 2, justify="right")
    for row in rows:
        style = {"average": "bold", "missing": "dim"}.get(row.kind, "")
        facts = [Text(row_label(comparison, row), style=style)]
        if plan.document:
            facts.append(Text(SHORT_DOC_TYPES.get(row.doc_type, row.doc_type or "")))
        if plan.date and not comparison.history:
            facts.append(Text(row.inspection_end or ""))
        facts.append(Text(outcome_text(row), style=OUTCOME_STYLES.get(row.outcome, "")))
        if plan.previous:
            facts.append(Text(row.previous or "", style="dim"))
        table.add_row(*facts, *[cell(row, c, plan.both) for c in plan.categories])
    if totals:
        count = comparison.totals()
        blanks = [""] * (int(plan.document) + int(plan.date and not comparison.history) + 1 + int(bool(plan.previous)))
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
