"""Summary: a comparison -> the national picture.

The table that analyses of SEND inspections make by hand: the categories
ranked by how many areas have at least one weakness finding in them (and what
share of the areas that is), split by the areas' outcome and by the framework
of their inspection, with the areas that have a strength in them beside.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .comparison import Comparison, Row

#: Outcomes in the order a reader expects them: the 2023 framework's three,
#: then the 2016-2022 framework's verdicts, then documents with none (news).
OUTCOMES = ("positive", "inconsistent", "systemic", "WSoA required", "no WSoA", "revisit", "no outcome")
FRAMEWORKS = {"send_report_2023": "2023 framework", "send_letter_2016": "2016-2022 framework",
              "send_revisit": "2016-2022 framework"}
OTHER_FRAMEWORK = "news and other"


@dataclass
class Line:
    """One category: how many areas have it as a weakness (overall, per outcome,
    per framework) and how many as a strength."""
    category: str
    weakness: int
    strength: int
    by_outcome: dict[str, int] = field(default_factory=dict)
    by_framework: dict[str, int] = field(default_factory=dict)


@dataclass
class Summary:
    areas: int
    #: outcome -> how many areas have it (only outcomes some area has)
    outcomes: dict[str, int]
    frameworks: dict[str, int]
    lines: list[Line]

    def share(self, count: int, of: int | None = None) -> float:
        """count as a fraction of the areas (or of `of` areas), 0 when there are none."""
        whole = self.areas if of is None else of
        return round(count / whole, 3) if whole else 0.0

    def to_rows(self) -> list[dict]:
        """Flat dicts, one per category, ranked: for CSV, spreadsheets and pandas."""
        rows = []
        for rank, line in enumerate(self.lines, 1):
            row = {"rank": rank, "category": line.category, "areas": self.areas,
                   "weakness_areas": line.weakness, "weakness_share": self.share(line.weakness)}
            for outcome, total in self.outcomes.items():
                row[f"weakness_{slug(outcome)}"] = line.by_outcome[outcome]
                row[f"of_{slug(outcome)}"] = total
            for framework, total in self.frameworks.items():
                row[f"weakness_{slug(framework)}"] = line.by_framework[framework]
                row[f"of_{slug(framework)}"] = total
            row["strength_areas"], row["strength_share"] = line.strength, self.share(line.strength)
            rows.append(row)
        return rows

    def to_dict(self) -> dict:
        return {"areas": self.areas, "outcomes": self.outcomes, "frameworks": self.frameworks,
                "categories": [{"category": line.category, "weakness_areas": line.weakness,
                                "weakness_share": self.share(line.weakness), "by_outcome": line.by_outcome,
                                "by_framework": line.by_framework, "strength_areas": line.strength,
                                "strength_share": self.share(line.strength)} for line in self.lines]}


def slug(name: str) -> str:
    """A column-name form of an outcome or framework: "WSoA required" -> "wsoa_required"."""
    return "".join(c if c.isalnum() else "_" for c in name.lower()).strip("_").replace("__", "_")


def outcome_of(row: Row) -> str:
    """The area's outcome in one of OUTCOMES, whichever framework its document is from."""
    if row.outcome:
        return row.outcome
    if row.doc_type == "send_revisit":
        return "revisit"
    if row.result in ("WSoA required", "no WSoA"):
        return row.result
    return "no outcome"


def framework_of(row: Row) -> str:
    return FRAMEWORKS.get(row.doc_type, OTHER_FRAMEWORK)


def summarise(comparison: Comparison) -> Summary:
    """The national picture of a comparison's areas (its document rows; averages
    and neighbours without a document do not count)."""
    rows = comparison.area_rows()
    outcomes = {o: n for o in OUTCOMES if (n := sum(1 for r in rows if outcome_of(r) == o))}
    frameworks = {f: n for f in (*dict.fromkeys(FRAMEWORKS.values()), OTHER_FRAMEWORK)
                  if (n := sum(1 for r in rows if framework_of(r) == f))}
    lines = [line_of(category, rows, outcomes, frameworks) for category in comparison.categories]
    order = {c: i for i, c in enumerate(comparison.categories)}
    lines.sort(key=lambda line: (-line.weakness, -line.strength, order[line.category]))
    return Summary(areas=len(rows), outcomes=outcomes, frameworks=frameworks, lines=lines)


def line_of(category: str, rows: list[Row], outcomes: dict[str, int], frameworks: dict[str, int]) -> Line:
    weak = [r for r in rows if r.cells.get(category, [0, 0])[0]]
    return Line(category=category, weakness=len(weak),
                strength=sum(1 for r in rows if r.cells.get(category, [0, 0])[1]),
                by_outcome={o: sum(1 for r in weak if outcome_of(r) == o) for o in outcomes},
                by_framework={f: sum(1 for r in weak if framework_of(r) == f) for f in frameworks})
