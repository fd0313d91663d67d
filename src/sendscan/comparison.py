"""Comparison: classified documents -> a matrix of local areas by categories.

Each row is a local area (its most recent document) or, with `by_document`,
one document; each cell counts the findings of that category as weaknesses
and as strengths. Areas are identified through the reference table, so "BCP"
and "Bournemouth, Christchurch and Poole" are one row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import areas
from .errors import SendscanError
from .model import Classified
from .taxonomy import CODEBOOK_IDS

GROUPS = ("outcome", "doc-type", "year", "region")
#: Bumped (major) when a key of the compare JSON changes meaning or goes;
#: see src/sendscan/data/compare.schema.json.
SCHEMA_VERSION = "1.0"
SORTS = ("area", "date", "weaknesses")


@dataclass
class Row:
    area: str
    region: str | None
    doc_type: str
    inspection_end: str | None
    outcome: str | None
    source: str
    #: The verdict in words, for every kind of letter: "systemic", "WSoA required",
    #: "progress on 2 of 3" (a revisit).
    result: str | None = None
    #: category id -> [weakness findings, strength findings]
    cells: dict[str, list[int]] = field(default_factory=dict)
    group: str | None = None
    #: category id -> the findings behind its cell: {polarity, text, page, section, matched}
    evidence: dict[str, list[dict]] = field(default_factory=dict)

    def weaknesses(self) -> int:
        return sum(1 for w, _ in self.cells.values() if w)


@dataclass
class Comparison:
    rows: list[Row]
    categories: list[str]
    group_by: str | None = None
    #: The area whose documents these are, for a history (rows in date order).
    history: str | None = None

    def totals(self) -> dict[str, int]:
        """How many rows (areas) have each category as a weakness."""
        return {c: sum(1 for r in self.rows if r.cells.get(c, [0, 0])[0]) for c in self.categories}

    def to_dict(self) -> dict:
        """The compare JSON (src/sendscan/data/compare.schema.json)."""
        return {"schema_version": SCHEMA_VERSION, "categories": self.categories, "group_by": self.group_by,
                "history": self.history, "totals": self.totals(), "rows": self.to_rows()}

    def to_rows(self) -> list[dict]:
        """Flat dicts, one per row, ready for csv.DictWriter or pandas.DataFrame."""
        out = []
        for r in self.rows:
            row = {"area": r.area, "region": r.region, "group": r.group, "doc_type": r.doc_type,
                   "inspection_end": r.inspection_end, "outcome": r.outcome, "result": r.result, "source": r.source}
            for c in self.categories:
                weak, strong = r.cells.get(c, [0, 0])
                row[f"{c}_weakness"], row[f"{c}_strength"] = weak, strong
            out.append(row)
        return out


def area_name(item: Classified) -> str:
    """The canonical area name, or the document's own where the table has none."""
    named = item.document.metadata.local_area or item.document.source
    found = areas.lookup(named)
    return found.name if found else named


def row_of(item: Classified, polarity: str, categories: list[str] | None) -> Row:
    meta = item.document.metadata
    name = area_name(item)
    row = Row(area=name, region=areas.region_of(name), doc_type=item.document.doc_type,
              inspection_end=meta.inspection_end or meta.published, outcome=meta.outcome, source=item.document.source,
              result=result_of(meta))
    for section, finding, tag in item.selected(polarity, categories):
        for category in tag.categories:
            cell = row.cells.setdefault(category["id"], [0, 0])
            if tag.polarity == "weakness":
                cell[0] += 1
            elif tag.polarity == "strength":
                cell[1] += 1
            row.evidence.setdefault(category["id"], []).append(
                {"polarity": tag.polarity, "text": finding.text, "page": finding.page, "section": section.title,
                 "matched": category["evidence"]})
    return row


def result_of(meta) -> str | None:
    """What the inspectors decided, in words, whichever framework the letter is from."""
    if meta.outcome:
        return meta.outcome
    if meta.revisit:
        return f"progress on {meta.revisit['sufficient']} of {meta.revisit['total']}"
    if meta.wsoa_required is not None:
        return "WSoA required" if meta.wsoa_required else "no WSoA"
    return None


def compare(classified: list[Classified], polarity: str = "all", categories: list[str] | None = None,
            group_by: str | None = None, by_document: bool = False, sort: str = "area") -> Comparison:
    """The matrix; by default one row per area, from its most recent document."""
    rows = [row_of(item, polarity, categories) for item in classified]
    if not by_document:
        latest: dict[str, Row] = {}
        # An area's row is its latest inspection document; news only where there is none.
        for row in sorted(rows, key=lambda r: (r.doc_type.startswith("send_"), r.inspection_end or "")):
            latest[row.area] = row
        rows = list(latest.values())
    for row in rows:
        row.group = group_of(row, group_by)
    rows.sort(key=sort_key(sort))
    if group_by:
        rows.sort(key=lambda r: r.group or "")
    return Comparison(rows=rows, categories=list(categories or CODEBOOK_IDS), group_by=group_by)


def history(classified: list[Classified], area: str, polarity: str = "all",
            categories: list[str] | None = None) -> Comparison:
    """One area's documents side by side, oldest first (2016 letter, revisit, 2023 report)."""
    wanted = areas.lookup(area)
    name = wanted.name if wanted else area
    mine = [c for c in classified if area_name(c).lower() == name.lower()]
    if not mine and classified:
        found = sorted({area_name(c) for c in classified})
        raise SendscanError(f"no document here is about {area!r}; the areas found are: {', '.join(found)}")
    rows = sorted((row_of(c, polarity, categories) for c in mine), key=lambda r: r.inspection_end or "")
    # The documents spell the name best where the reference table does not know it.
    return Comparison(rows=rows, categories=list(categories or CODEBOOK_IDS), history=rows[0].area if rows else name)


def group_of(row: Row, group_by: str | None) -> str | None:
    if group_by == "outcome":
        return row.outcome or "none"
    if group_by == "doc-type":
        return row.doc_type
    if group_by == "year":
        return (row.inspection_end or "unknown")[:4]
    if group_by == "region":
        return row.region or "unknown"
    return None


def sort_key(sort: str):
    if sort == "date":
        return lambda r: (r.inspection_end or "", r.area)
    if sort == "weaknesses":
        return lambda r: (-r.weaknesses(), r.area)
    return lambda r: r.area.lower()
