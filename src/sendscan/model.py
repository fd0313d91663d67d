"""Plain data passed between the steps: read -> clean -> structure -> tag.

Nothing here does work; each step's module turns one of these into the next.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

#: Bumped when a key of the extract JSON changes meaning or disappears.
#: Adding keys keeps the major version. See README, "The extract JSON".
SCHEMA_VERSION = "1.0"

#: The kinds of document sendscan tells apart (the extract JSON's `doc_type`).
DOC_TYPES = (
    "send_report_2023",
    "send_letter_2016",
    "send_revisit",
    "news_report",
    "council_page",
    "other_inspection",
    "unknown",
)
#: Documents a reporter or a council writes about an inspection.
NEWS_TYPES = ("news_report", "council_page")
#: Documents that are read but neither tagged nor compared.
LEFT_OUT = {"other_inspection": "an Ofsted inspection of children's services, not of SEND"}

#: Section kinds that hold findings, and the polarity a section gives them
#: (codebook, "Finding kinds and polarity"). None: the sentence decides.
FINDING_KINDS = {
    "strength": "strength",
    "weakness": "weakness",
    "recommendation": "weakness",
    "priority_action": "weakness",
    "significant_weakness": "weakness",
    "revisit_progress": None,  # the section's verdict decides
    "narrative": None,
    # News: an item of a list the article says the inspection set out ("The
    # report found:"): its own words decide, and a weakness where they do not say.
    "listed": None,
}
#: Section kinds in which the inspectors give their judgement: what summaries and comparisons count.
JUDGEMENT_KINDS = tuple(kind for kind in FINDING_KINDS if kind != "narrative")

#: Section kinds that hold no findings: front matter and context, officials'
#: quoted responses in news, and end matter (team, addresses, licence).
OTHER_KINDS = ("context", "response", "end_matter")


@dataclass
class Line:
    """One line of text as laid out on a page (PDF points; text files: rows)."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]


@dataclass
class Source:
    """What `read` returns: the lines of every page, before cleaning."""

    path: str
    format: str  # pdf | html | text
    pages: list[Page]
    engine: str | None = None
    #: What the container says of itself (HTML <title>, date), if anything.
    hints: dict = field(default_factory=dict)
    #: The distance between lines of one paragraph where the format fixes it
    #: (text rows); None where it must be measured (PDF).
    line_pitch: float | None = None
    #: PDF pages too damaged to load (pdfium's "Failed to load page"): left out.
    damaged_pages: list[int] = field(default_factory=list)


@dataclass
class Finding:
    """One bullet, numbered item, paragraph item or narrative sentence.

    `start`/`end` are offsets into `Document.text`, so
    `document.text[f.start:f.end] == f.text`.
    """

    text: str
    page: int
    start: int
    end: int
    #: Priority actions: who the table names as responsible for the action.
    responsible_body: str | None = None


@dataclass
class Section:
    kind: str
    title: str
    page: int
    findings: list[Finding] = field(default_factory=list)
    #: Body text of sections that hold no findings (context, end matter).
    text: str = ""
    #: The heading this section sits under (2016 letters' three questions).
    group: str | None = None
    #: Revisit letters: "sufficient" or "insufficient" progress.
    verdict: str | None = None


@dataclass
class Metadata:
    local_area: str | None = None
    inspection_start: str | None = None
    inspection_end: str | None = None
    previous_inspection: str | None = None
    previous_inspection_dates: list[str] = field(default_factory=list)
    outcome: str | None = None
    wsoa_required: bool | None = None
    revisit: dict | None = None
    next_full_inspection_years: int | None = None
    monitoring_inspection_months: int | None = None
    local_authority: str | None = None
    health_bodies: list[str] = field(default_factory=list)
    inspectors: list[dict] = field(default_factory=list)
    headline: str | None = None
    published: str | None = None


@dataclass
class Document:
    source: str
    format: str
    doc_type: str
    metadata: Metadata
    sections: list[Section]
    text: str
    pages: int
    engine: str | None = None
    #: Pages of the PDF that could not be loaded, as read (not kept in the JSON or the cache).
    damaged_pages: list[int] = field(default_factory=list)

    def findings(self):
        """Every (section, finding) pair, in document order."""
        for section in self.sections:
            for finding in section.findings:
                yield section, finding

    def to_dict(self) -> dict:
        """The extract JSON object (README, "The extract JSON")."""
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source,
            "format": self.format,
            "engine": self.engine,
            "doc_type": self.doc_type,
            "pages": self.pages,
            "metadata": asdict(self.metadata),
            "sections": [section_to_dict(s) for s in self.sections],
        }

    @classmethod
    def from_dict(cls, data: dict, text: str) -> "Document":
        """The document back from its extract JSON and its text (which the JSON
        leaves out; findings' offsets point into it)."""
        sections = [Section(**{**s, "findings": [Finding(**f) for f in s["findings"]]}) for s in data["sections"]]
        return cls(source=data["source"], format=data["format"], doc_type=data["doc_type"],
                   metadata=Metadata(**data["metadata"]), sections=sections, text=text, pages=data["pages"],
                   engine=data["engine"])


#: The fields of a section and of a finding, in order (a finding's are all plain values: str, int or None).
SECTION_FIELDS, FINDING_FIELDS = fields(Section), fields(Finding)


def section_to_dict(section: Section) -> dict:
    """Every section has `findings` (empty where the kind holds none);
    sections that hold no findings carry their body as `text` instead."""
    # As `asdict` gives it, field by field: its deep copy of every value of
    # every finding costs a few tenths of a millisecond per report, and a
    # finding holds nothing to copy.
    data = {f.name: getattr(section, f.name) for f in SECTION_FIELDS}
    data["findings"] = [{f.name: getattr(finding, f.name) for f in FINDING_FIELDS} for finding in section.findings]
    if section.kind in FINDING_KINDS:
        del data["text"]
    return data


@dataclass
class Tag:
    """What tagging says of one finding: its polarity and its categories,
    each {"id", "score", "evidence"} (the matched words)."""

    polarity: str
    categories: list[dict] = field(default_factory=list)

    def ids(self) -> list[str]:
        return [c["id"] for c in self.categories]


@dataclass
class Classified:
    """A document with a Tag for each of its findings, in `findings()` order."""

    document: Document
    tags: list[Tag]
    taxonomy: str = ""

    def tagged(self):
        """(section, finding, tag) for every finding."""
        for (section, finding), tag in zip(self.document.findings(), self.tags):
            yield section, finding, tag

    def selected(self, polarity: str = "all", categories: list[str] | None = None):
        """The tagged findings with this polarity ("all" for any) and any of these
        categories (codebook ids, or child ids found via them)."""
        for section, finding, tag in self.tagged():
            if polarity != "all" and tag.polarity != polarity:
                continue
            if categories and not any(c["id"] in categories or set(c.get("via", [])) & set(categories)
                                      for c in tag.categories):
                continue
            yield section, finding, tag

    def counted(self) -> list[tuple[Section, Finding, Tag]]:
        """The tagged findings that a summary and a comparison count.

        A report's judgement is in its judgement sections (strengths,
        weaknesses, areas for improvement and priority action, significant
        weaknesses, revisit verdicts). Its narrative sentences illustrate that
        judgement and, counted too, gave a report a dozen categories of each
        side; they count only in a document that has no judgement sections.
        In news and council pages every finding is a claim of the inspection
        (officials' words are responses, never findings), and all count: a
        list the article labels as weaknesses does not make its other
        findings illustrations."""
        tagged = list(self.tagged())
        if self.document.doc_type in NEWS_TYPES:
            return [t for t in tagged if t[0].kind in JUDGEMENT_KINDS or t[0].kind == "narrative"]
        judged = [t for t in tagged if t[0].kind in JUDGEMENT_KINDS]
        return judged or [t for t in tagged if t[0].kind == "narrative"]

    def summary(self) -> dict[str, list[str]]:
        """Weakness and strength categories of the counted findings, most often found first."""
        counts: dict[str, dict[str, int]] = {"weakness": {}, "strength": {}}
        for _, _, tag in self.counted():
            if tag.polarity in counts:
                for cid in tag.ids():
                    counts[tag.polarity][cid] = counts[tag.polarity].get(cid, 0) + 1
        return {p: sorted(c, key=lambda k: (-c[k], k)) for p, c in counts.items()}

    def to_dict(self, polarity: str = "all", categories: list[str] | None = None) -> dict:
        """The extract JSON, with `polarity` and `categories` on every finding
        (only the selected ones) and a `summary` (README, "The classify JSON")."""
        data = self.document.to_dict()
        kept = {id(f): t for _, f, t in self.selected(polarity, categories)}
        for section, out in zip(self.document.sections, data["sections"]):
            out["findings"] = [
                {**found, "polarity": kept[id(f)].polarity, "categories": kept[id(f)].categories}
                for f, found in zip(section.findings, out["findings"]) if id(f) in kept
            ]
        data["taxonomy"] = self.taxonomy
        data["summary"] = self.summary()
        return data

    @classmethod
    def from_dict(cls, data: dict, text: str) -> "Classified":
        """The inverse of `to_dict()` (with every finding kept) and the document's text."""
        plain = {**data, "sections": [{**s, "findings": [{k: v for k, v in f.items() if k not in TAG_KEYS}
                                                          for f in s["findings"]]} for s in data["sections"]]}
        tags = [Tag(f["polarity"], f["categories"]) for s in data["sections"] for f in s["findings"]]
        return cls(Document.from_dict(plain, text), tags, data["taxonomy"])


#: Keys that classify adds to each finding of the extract JSON.
TAG_KEYS = ("polarity", "categories")
