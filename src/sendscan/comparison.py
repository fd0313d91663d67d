"""Comparison: classified documents -> a matrix of local areas by categories.

Each row is a local area (its most recent document) or, with `by_document`,
one document; each cell counts the findings of that category as weaknesses
and as strengths. Areas are identified through the reference table, so "BCP"
and "Bournemouth, Christchurch and Poole" are one row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import areas, record
from .errors import SendscanError, UsageError
from .model import NEWS_TYPES, Classified
from .taxonomy import CODEBOOK_IDS

GROUPS = ("outcome", "doc-type", "year", "region")
#: Bumped (major) when a key of the compare JSON changes meaning or goes;
#: see src/sendscan/data/compare.schema.json.
SCHEMA_VERSION = "1.0"
SORTS = ("area", "date", "weaknesses")
AVERAGE = "Neighbours' average"
#: The documents of the 2016-2022 framework, whose inspection the statistics record.
OLD_FRAMEWORK = ("send_letter_2016", "send_revisit")


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
    #: category id -> [weakness findings, strength findings] (means, for an average row)
    cells: dict[str, list[int | float]] = field(default_factory=dict)
    group: str | None = None
    #: category id -> the findings behind its cell: {polarity, text, page, section, matched}
    evidence: dict[str, list[dict]] = field(default_factory=dict)
    #: What the row is: read from a "document"; with neighbours also the neighbours'
    #: "average" (cells are means) or a neighbour with no document among the inputs
    #: ("missing"); in a history, an inspection known only from Ofsted's statistics ("published").
    kind: str = "document"
    #: With neighbours: "area", or "neighbour N" (N its place in the reference table's list).
    role: str | None = None
    #: The area's inspection under the 2016-2022 framework, in words, from the published
    #: statistics (for rows whose own document is not from that framework).
    previous: str | None = None
    #: Where Ofsted's published statistics read otherwise than the document (which wins).
    disagreements: list[str] = field(default_factory=list)
    #: Every finding selected from the document: {section, page, polarity, categories, evidence, text}.
    findings: list[dict] = field(default_factory=list)

    @property
    def from_news(self) -> bool:
        """Known from a news report or council page, not an inspection document."""
        return self.doc_type in NEWS_TYPES

    def weaknesses(self) -> int:
        return sum(1 for w, _ in self.cells.values() if w)


@dataclass
class Comparison:
    rows: list[Row]
    categories: list[str]
    group_by: str | None = None
    #: The area whose documents these are, for a history (rows in date order).
    history: str | None = None
    #: One row per document rather than per area.
    by_document: bool = False
    #: The area compared with its statistical neighbours, and the neighbours with no document.
    focus: str | None = None
    missing: list[str] = field(default_factory=list)

    def area_rows(self) -> list[Row]:
        """The rows read from documents (not averages, nor areas without a document)."""
        return [r for r in self.rows if r.kind == "document"]

    def totals(self) -> dict[str, int]:
        """How many rows (areas) have each category as a weakness."""
        return {c: sum(1 for r in self.area_rows() if r.cells.get(c, [0, 0])[0]) for c in self.categories}

    def to_dict(self) -> dict:
        """The compare JSON (src/sendscan/data/compare.schema.json)."""
        return {"schema_version": SCHEMA_VERSION, "categories": self.categories, "group_by": self.group_by,
                "history": self.history, "totals": self.totals(), "rows": self.to_rows()}

    def to_rows(self) -> list[dict]:
        """Flat dicts, one per row, ready for csv.DictWriter or pandas.DataFrame."""
        out = []
        for r in self.rows:
            row = {"area": r.area, "region": r.region, "group": r.group, "doc_type": r.doc_type,
                   "inspection_end": r.inspection_end, "outcome": r.outcome, "result": r.result,
                   "from_news": r.from_news, "previous": r.previous, "source": r.source}
            if self.focus:
                row["role"] = r.role
            if self.history:
                row["kind"] = r.kind
            row["disagreements"] = "; ".join(r.disagreements)
            for c in self.categories:
                # An area with no document has no counts, not counts of nought.
                weak, strong = r.cells.get(c, [0, 0]) if r.kind != "missing" else (None, None)
                row[f"{c}_weakness"], row[f"{c}_strength"] = weak, strong
            out.append(row)
        return out


def check_options(group_by: str | None = None, sort: str = "area", history: str | None = None,
                  neighbours: str | None = None, by_document: bool = False, summary: bool = False) -> None:
    """Options of a comparison that do not fit together, as a usage error."""
    if group_by and group_by not in GROUPS:
        raise UsageError(f"--group-by must be one of: {', '.join(GROUPS)}")
    if sort not in SORTS:
        raise UsageError(f"--sort must be one of: {', '.join(SORTS)}")
    if summary and (history or by_document):
        raise UsageError("--summary counts areas: it goes with neither --history nor --by-document")
    if neighbours and (history or by_document or group_by):
        raise UsageError("--neighbours chooses its own rows: it goes with none of --history, --by-document, --group-by")


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
    if row.from_news:
        # What an article says of the verdict is second-hand: the row says so.
        row.result = f"news: {row.result}" if row.result else "news"
    if past := record.previous(name):
        row.disagreements = disagreements(item, past)
        if row.doc_type not in OLD_FRAMEWORK:
            row.previous = past.words()
    counted = {id(finding) for _, finding, _ in item.counted()}
    for section, finding, tag in item.selected(polarity, categories):
        row.findings.append({"section": section.kind, "page": finding.page, "polarity": tag.polarity,
                             "categories": tag.ids(), "text": finding.text,
                             "evidence": [e for c in tag.categories for e in c["evidence"]]})
        if id(finding) not in counted:  # a report's narrative illustrates its judgement (Classified.counted)
            continue
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


def disagreements(item: Classified, past: record.Inspection) -> list[str]:
    """What the published statistics say otherwise than the document about the same inspection."""
    meta = item.document.metadata
    if item.document.doc_type == "send_letter_2016":
        named = sum(len(s.findings) for s in item.document.sections if s.kind == "significant_weakness")
        return record.letter_disagreements(meta, named, past)
    if item.document.doc_type == "send_revisit":
        return record.revisit_disagreements(meta, past)
    if item.document.doc_type == "send_report_2023":
        return record.report_disagreements(meta, past)
    return []


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
    return Comparison(rows=rows, categories=list(categories or CODEBOOK_IDS), group_by=group_by,
                      by_document=by_document)


def history(classified: list[Classified], area: str, polarity: str = "all",
            categories: list[str] | None = None) -> Comparison:
    """One area's documents side by side, oldest first (2016 letter, revisit, 2023 report)."""
    wanted = areas.lookup(area)
    name = wanted.name if wanted else area
    mine = [c for c in classified if area_name(c).lower() == name.lower()]
    past = record.previous(name)
    if not mine and not past and classified:
        found = sorted({area_name(c) for c in classified})
        unlisted = ", and Ofsted's statistics of 2016-2022 do not list it" if wanted else ""
        raise SendscanError(f"no document here is about {area!r}{unlisted}; the areas found are: {', '.join(found)}")
    rows = [row_of(c, polarity, categories) for c in mine]
    if past:
        rows += published_rows(past, {r.doc_type for r in rows})
    rows.sort(key=history_key)
    # The documents spell the name best where the reference table does not know it.
    named = next((r.area for r in rows if r.kind == "document"), name)
    return Comparison(rows=rows, categories=list(categories or CODEBOOK_IDS), history=named)


def published_rows(past: record.Inspection, given: set[str]) -> list[Row]:
    """Rows for the inspection and revisit known from the statistics only: a
    letter given among the inputs stands instead (its own reading wins)."""
    rows = []
    facts = dict(area=past.area, region=areas.region_of(past.area), outcome=None, source=record.SOURCE,
                 kind="published")
    if "send_letter_2016" not in given:
        weaknesses = f" ({past.significant_weaknesses} significant weaknesses)" if past.significant_weaknesses else ""
        rows.append(Row(doc_type="send_letter_2016", inspection_end=past.inspection_start,
                        result=past.result() + weaknesses, **facts))
    if past.revisit_start and "send_revisit" not in given:
        rows.append(Row(doc_type="send_revisit", inspection_end=past.revisit_start, result=past.revisit_result(),
                        **facts))
    return rows


def neighbours(classified: list[Classified], area: str, polarity: str = "all",
               categories: list[str] | None = None) -> Comparison:
    """The area and its ten statistical neighbours (reference table order), each
    from its latest document, a row for the average of the neighbours found,
    and rows naming those with no document among the inputs."""
    wanted = areas.lookup(area)
    if not wanted:
        raise SendscanError(f"{area!r} is not a local area of England that sendscan knows; give its name as "
                            "its reports or the ONS write it (e.g. 'Bedford Borough', 'BCP')")
    found = {r.area: r for r in compare(classified, polarity, categories).rows}
    rows = [role_row(found, wanted, "area")]
    for rank, code in enumerate(wanted.neighbours, 1):
        rows.append(role_row(found, areas.by_code(code), f"neighbour {rank}"))
    present = [r for r in rows[1:] if r.kind == "document"]
    rows.append(Row(area=f"{AVERAGE} ({len(present)} of {len(wanted.neighbours)})", region=None, doc_type="",
                    inspection_end=None, outcome=None, source="", kind="average", role="average",
                    cells=mean_cells(present, categories or CODEBOOK_IDS)))
    return Comparison(rows=rows, categories=list(categories or CODEBOOK_IDS), focus=wanted.name,
                      missing=[r.area for r in rows if r.kind == "missing"])


def role_row(found: dict[str, Row], area: areas.Area, role: str) -> Row:
    """The area's row among those compared, or a row saying it has no document."""
    row = found.get(area.name) or Row(area=area.name, region=area.region, doc_type="", inspection_end=None,
                                      outcome=None, source="", result="no document", kind="missing")
    row.role = role
    return row


def mean_cells(rows: list[Row], categories: list[str]) -> dict[str, list[float]]:
    """Per category, the mean weakness and strength findings of the rows (one decimal)."""
    if not rows:
        return {}
    means = {}
    for category in categories:
        weak = sum(r.cells.get(category, [0, 0])[0] for r in rows) / len(rows)
        strong = sum(r.cells.get(category, [0, 0])[1] for r in rows) / len(rows)
        if weak or strong:
            means[category] = [round(weak, 1), round(strong, 1)]
    return means


def history_key(row: Row) -> tuple:
    """Oldest first; news may give only the month ("2024-03"), and comes after
    the inspection document of that month that it retells."""
    date = row.inspection_end or ""
    return date[:7], not row.doc_type.startswith("send_"), date


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
