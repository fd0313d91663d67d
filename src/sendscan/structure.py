"""Structure: clean lines -> a `Document` of sections and findings.

Lines become blocks (a heading, a bullet, a numbered item or a paragraph) by
their markers and by vertical gaps; blocks become sections by the headings each
kind of document uses (`headings.py`); each section kind turns its blocks into
findings in its own way. All text is written once into `Document.text`, and
every finding records where it stands there.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace

from . import headings, metadata
from .errors import shown
from .model import FINDING_KINDS, Document, Finding, Line, Section, Source

BULLET = re.compile(r"^([◼▪•●■◦▫□➢►✓\-–−*·])\s+(?=\S)")
#: Markers that also occur as ordinary text at the start of a wrapped line.
WEAK_BULLETS = ("-", "–", "*")
NUMBERED = re.compile(r"^\(?(\d{1,2})[.)]\s+(?=\S)")
#: A vertical step this much larger than the usual line pitch starts a paragraph.
PARAGRAPH_STEP = 1.1
#: ... or this many points larger, after a line that ends a sentence.
SMALL_GAP = 0.3
#: A jump left or right this wide is another column (table cells).
COLUMN_JUMP = 80.0
#: The end of a sentence or clause: ". ! ? : ;" and any closing quote or bracket.
SPACES = re.compile(r"\s*")
WRAP_HYPHEN = re.compile(r"\w[-‐]$")
TERMINAL = re.compile(r"[.!?:;][”’\"')]*$")
ABBREVIATIONS = ("e.g.", "i.e.", "Mr.", "Mrs.", "Ms.", "Dr.", "Cllr.", "St.", "No.", "etc.", "approx.")
SENTENCE_END = re.compile(r"[.!?][”’\"')]*(?=\s+[“‘\"'(]?[A-Z0-9])")
WSOA_INTRO = re.compile(r"areas? of significant weakness(?:es)?\s*:$", re.IGNORECASE)
VERDICT = re.compile(
    r"\bha(?:s|ve) (not )?made sufficient progress in addressing (?:this|the) (?:area of )?(?:significant )?weakness\b(?!es)",
    re.I,
)
HEADLINE = re.compile(r"sufficient progress in addressing .{0,40}?significant weaknesses", re.I)
BYLINE = re.compile(r"(?:By [A-Z]|Published|Posted|(?:Last )?[Uu]pdated|Date:)")
QUOTE = re.compile(r"[“\"][^”\"]{20,}[”\"]")
ATTRIBUTION = re.compile(r"\b(?:said|says|added|adds|commented|explained|told|stated|responded)\b", re.I)


@dataclass
class Block:
    """Consecutive lines that belong together."""

    kind: str  # heading | bullet | numbered | paragraph
    lines: list[Line]
    marker: str = ""
    rule: headings.Rule | None = None

    @property
    def text(self) -> str:
        return join_lines([line.text for line in self.lines])

    @property
    def page(self) -> int:
        return self.lines[0].page


@dataclass
class Writer:
    """Builds `Document.text`; each piece is a paragraph, and says where it starts."""

    parts: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, text: str) -> int:
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def text(self) -> str:
        return "".join(self.parts)


def structure(lines: list[Line], source: Source) -> Document:
    """The document model of a cleaned source."""
    doc_type = headings.doc_type(lines, source)
    blocks = blocks_of(lines, doc_type, source.line_pitch)
    writer = Writer()
    sections = sections_of(blocks, doc_type, writer)
    text = writer.text()
    meta = metadata.extract(text, doc_type, sections, source)
    return Document(
        source=shown(source.path), format=source.format, doc_type=doc_type, metadata=meta,
        sections=sections, text=text, pages=len(source.pages) + len(source.damaged_pages), engine=source.engine,
        damaged_pages=source.damaged_pages,
    )


# --- lines to blocks -------------------------------------------------------


def join_lines(texts: list[str]) -> str:
    """Lines joined into running text: a hyphen at a line end is a real one
    ("well-" + "considered") and stays, with no space; other wraps get a space."""
    parts, tail = [], ""
    for text in texts:
        # Only the last two characters decide, so the join stays linear in the text.
        joined = not parts or WRAP_HYPHEN.search(tail)
        parts.append(text if joined else " " + text)
        tail = (tail + parts[-1])[-2:]
    return "".join(parts)


def blocks_of(lines: list[Line], doc_type: str, pitch: float | None = None) -> list[Block]:
    pitch = pitch or line_pitch(lines)
    margin = left_margin(lines)
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        # A heading stands at the left margin; the same words further right
        # are a table's column header ("Areas for priority action").
        found = headings.match(lines, i, doc_type) if line.x0 < margin + COLUMN_JUMP else None
        if found:
            rule, n = found
            title = [replace(l, text=headings.MARKDOWN_HEADING.sub(r"\1", l.text)) for l in lines[i:i + n]]
            blocks.append(Block("heading", title, rule=rule))
            i += n
            continue
        bullet, numbered = BULLET.match(line.text), NUMBERED.match(line.text)
        if (numbered or (bullet and bullet.group(1) in WEAK_BULLETS)) and blocks \
                and blocks[-1].kind != "heading" and mid_sentence(blocks[-1].lines[-1]):
            bullet = numbered = None  # "aged 12 to" / "24) following...": a wrap, not an item
        if bullet or numbered:
            marker = (bullet or numbered).group(0)
            body = Line(line.text[len(marker):], line.page, line.x0, line.x1, line.top, line.bottom)
            blocks.append(Block("bullet" if bullet else "numbered", [body], marker=marker.strip()))
        elif not blocks or blocks[-1].kind == "heading" or starts_paragraph(blocks[-1].lines[-1], line, pitch):
            blocks.append(Block("paragraph", [line]))
        else:
            blocks[-1].lines.append(line)
        i += 1
    return blocks


def left_margin(lines: list[Line]) -> float:
    """Where most lines start."""
    return statistics.median_low(sorted(line.x0 for line in lines)) if lines else 0.0


def line_pitch(lines: list[Line]) -> float:
    """The usual distance from one line's top to the next line's, in one paragraph:
    the smallest step (to half a point) that is common, since gaps between
    paragraphs are larger and, in short documents, may be as many."""
    steps = [
        b.top - a.top for a, b in zip(lines, lines[1:])
        if a.page == b.page and 0 < b.top - a.top < 40 and abs(b.x0 - a.x0) < COLUMN_JUMP
    ]
    if not steps:
        return 12.0
    counts = Counter(round(step * 2) / 2 for step in steps)
    common = sorted(v for v, n in counts.items() if n >= max(2, 0.1 * len(steps)))
    return common[0] if common else statistics.median(steps)


def starts_paragraph(prev: Line, line: Line, pitch: float) -> bool:
    """Whether `line` begins a new paragraph rather than continuing `prev`'s."""
    if line.page != prev.page:
        # Across a page break only the sentence tells: a finished sentence
        # followed by a capital letter is taken as a new paragraph.
        return ends_sentence(prev.text) and line.text[:1].isupper()
    step = line.top - prev.top
    if step < -1 or abs(line.x0 - prev.x0) > COLUMN_JUMP:
        return True  # back up the page, or across: another column or cell
    # Some reports leave a wide gap between paragraphs, others only half a
    # point more than between lines; with so small a gap, the previous line
    # must also end a sentence.
    return step > pitch * PARAGRAPH_STEP or (step > pitch + SMALL_GAP and ends_sentence(prev.text))


def mid_sentence(line: Line) -> bool:
    """True if the line stops mid-sentence, so the next line continues it."""
    return not ends_sentence(line.text) and not re.search(r"\b(?:and|or)$", line.text)


def ends_sentence(text: str) -> bool:
    return bool(TERMINAL.search(text))


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, closing quotes included."""
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if text[start:m.end()].endswith(ABBREVIATIONS):
            continue
        spans.append((start, m.end()))
        start = SPACES.match(text, m.end()).end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


# --- blocks to sections ----------------------------------------------------


def sections_of(blocks: list[Block], doc_type: str, writer: Writer) -> list[Section]:
    """Group blocks under their headings and turn each group into a section."""
    if doc_type == "send_revisit":
        return revisit_sections(blocks, writer)
    groups = grouped(blocks, doc_type)
    sections = []
    group_title = None
    for rule, title, members in groups:
        if rule and rule.group:
            group_title = title
        kind = rule.kind if rule else ("context" if not sections else "narrative")
        section = Section(kind=kind, title=title, page=members[0].page if members else 0,
                          group=group_title if kind in ("strength", "weakness") else None)
        if title:
            writer.add(title)
        fill(section, members, writer)
        sections.append(section)
    return [s for s in sections if s.title or s.findings or s.text]


def grouped(blocks: list[Block], doc_type: str) -> list[tuple[headings.Rule | None, str, list[Block]]]:
    """(heading rule, title, blocks) for each run of blocks under one heading."""
    groups: list[tuple[headings.Rule | None, str, list[Block]]] = []
    rule, title, members = None, "", []
    for block in blocks:
        if block.kind == "heading":
            if block.text.lower() == title.lower() and not members:
                continue  # a repeated heading ("Areas for improvement" twice)
            groups.append((rule, title, members))
            rule, title, members = block.rule, block.text, []
        elif WSOA_INTRO.search(block.text):
            # "...tackle the following areas of significant weakness:" is context
            # of its own, and opens the list of significant weaknesses.
            groups.append((rule, title, members))
            groups.append((headings.CONTEXT, "", [block]))
            rule, title, members = headings.SIGNIFICANT_WEAKNESS, "Areas of significant weakness", []
        else:
            members.append(block)
    groups.append((rule, title, members))
    groups = [g for g in groups if g[1] or g[2]]
    if doc_type in ("news_report", "council_page", "unknown"):
        groups = split_responses(groups)
    return groups


def fill(section: Section, blocks: list[Block], writer: Writer) -> None:
    """Give a section its findings (or, for context kinds, its text)."""
    if not blocks:
        return
    if section.kind not in FINDING_KINDS:
        section.text = "\n\n".join(block.text for block in blocks)
        for block in blocks:
            writer.add(block.text)
        return
    rows = priority_rows([l for b in blocks for l in b.lines]) if section.kind == "priority_action" else None
    if rows is not None:
        units = None
        for body, action in rows:
            if body:
                writer.add(body)
            section.findings.append(finding(join_lines([l.text for l in action]), action[0].page, writer))
            section.findings[-1].responsible_body = body or None
    elif section.kind == "priority_action":
        units = items(blocks)
    elif section.kind == "narrative":
        units = None
        for block in blocks:
            add_narrative(section, block, writer)
    elif section.kind == "recommendation":
        units = items(blocks)
    else:
        units = bullets(blocks)
    for unit in units or []:
        section.findings.append(finding(join_units(unit), unit[0].page, writer))


def finding(text: str, page: int, writer: Writer) -> Finding:
    start = writer.add(text)
    return Finding(text=text, page=page, start=start, end=start + len(text))


def join_units(unit: list[Block]) -> str:
    """One finding's text from a block and the blocks that continue it."""
    parts = []
    for block in unit:
        text = block.text
        if block.kind == "bullet" and parts:
            text = f"{block.marker} {text}"
        parts.append(text)
    return " ".join(parts)


def bullets(blocks: list[Block]) -> list[list[Block]]:
    """One unit per bullet; paragraphs after a bullet continue it (page breaks,
    second paragraphs). Where there are no bullets, each paragraph is a unit."""
    units: list[list[Block]] = []
    marked = any(b.kind in ("bullet", "numbered") for b in blocks)
    for block in blocks:
        if not marked or block.kind != "paragraph" or not units:
            units.append([block])
        else:
            units[-1].append(block)
    return units


def items(blocks: list[Block]) -> list[list[Block]]:
    """Recommendation items: a numbered item or paragraph, with any bullets
    that hang from it ("This should include: ◼ ... ◼ ...")."""
    units: list[list[Block]] = []
    for block in blocks:
        hangs = block.kind == "bullet" and units and units[-1][0].kind != "bullet"
        continues = block.kind == "paragraph" and units and not ends_sentence(units[-1][-1].text)
        if hangs or continues:
            units[-1].append(block)
        else:
            units.append([block])
    return units


def priority_rows(lines: list[Line]) -> list[tuple[str, list[Line]]] | None:
    """Rows of the "Areas for priority action" table: (responsible body, action lines).

    Cells come out as separate lines (pdfium keeps a cell's lines together,
    our pdfplumber reader splits lines at wide gaps), so the action column is
    whatever stands well right of the responsible-body column. Each
    responsible-body cell starts a row; an action line belongs to the last row
    that started at or above it. None if there is no second column.
    """
    lines = [l for l in lines if not re.match(r"(Responsible body|Areas for priority action)\b", l.text)]
    if not lines:
        return None
    left = min(l.x0 for l in lines)
    body = [l for l in lines if l.x0 <= left + COLUMN_JUMP]
    actions = [l for l in lines if l.x0 > left + COLUMN_JUMP]
    if not actions:
        return None
    cells = body_cells(body, line_pitch(lines))
    rows: list[tuple[str, list[Line]]] = [(join_lines([l.text for l in c]), []) for c in cells] or [("", [])]
    for line in sorted(actions, key=lambda l: (l.page, l.top)):
        above = [i for i, c in enumerate(cells) if (c[0].page, c[0].top - 3) <= (line.page, line.top)]
        rows[above[-1] if above else 0][1].append(line)
    return [row for row in rows if row[1]]


def body_cells(column: list[Line], pitch: float) -> list[list[Line]]:
    """The cells of a table column: a new page or a gap starts one."""
    cells: list[list[Line]] = []
    for line in sorted(column, key=lambda l: (l.page, l.top)):
        prev = cells[-1][-1] if cells else None
        if prev is None or line.page != prev.page or line.top - prev.top > pitch * PARAGRAPH_STEP:
            cells.append([])
        cells[-1].append(line)
    return cells


def add_narrative(section: Section, block: Block, writer: Writer) -> None:
    """Narrative: a bullet or item is one finding; a paragraph gives one per sentence."""
    if block.kind in ("bullet", "numbered"):
        section.findings.append(finding(block.text, block.page, writer))
        return
    text = block.text
    if BYLINE.match(text) and len(text) < 100:
        writer.add(text)  # who wrote it and when: in the text, not a finding
        return
    start = writer.add(text)
    starts = line_starts(block)
    for s, e in sentences(text):
        page = block.lines[bisect.bisect_right(starts, s) - 1].page
        section.findings.append(Finding(text=text[s:e], page=page, start=start + s, end=start + e))


def line_starts(block: Block) -> list[int]:
    """Where each line of the block starts in its text (counting one character
    between lines), so that a sentence's page is found by bisection."""
    starts, pos = [], 0
    for line in block.lines:
        starts.append(pos)
        pos += len(line.text) + 1
    return starts


def split_responses(groups):
    """News and council pages: officials' quoted responses go to a section of
    their own, after the section they stood in, so they are never findings."""
    out = []
    for rule, title, members in groups:
        said = [b for b in members if is_response(b.text)]
        out.append((rule, title, [b for b in members if b not in said]))
        if said:
            out.append((headings.RESPONSE, "Responses", said))
    return out


def is_response(text: str) -> bool:
    return bool(QUOTE.search(text)) and (bool(ATTRIBUTION.search(text)) or text.startswith(("“", '"')))


# --- revisit letters -------------------------------------------------------


def revisit_sections(blocks: list[Block], writer: Writer) -> list[Section]:
    """Context up to the headline result, then one section per weakness.

    Each weakness runs up to its verdict ("The area has (not) made sufficient
    progress in addressing this area of weakness"), whatever its headings look
    like; what follows the last verdict is context, then end matter.
    """
    end = next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.rule.kind == "end_matter"), len(blocks))
    body, closing = blocks[:end], blocks[end:]
    headline = next((i for i, b in enumerate(body) if HEADLINE.search(b.text)), -1)
    runs: list[list[Block]] = [body[:headline + 1], []]
    for block in body[headline + 1:]:
        if runs[-1] and VERDICT.search(runs[-1][-1].text):
            runs.append([])
        runs[-1].append(block)
    sections = []
    for run in runs:
        if run and VERDICT.search(run[-1].text):
            sections.extend(weakness_sections(run, writer, number=len([s for s in sections if s.kind == "revisit_progress"]) + 1))
        else:
            sections.append(plain_section("context", run, writer))
    if closing:
        sections.append(plain_section("end_matter", closing, writer))
    return [s for s in sections if s.text or s.findings]


def plain_section(kind: str, blocks: list[Block], writer: Writer) -> Section:
    section = Section(kind=kind, title="", page=blocks[0].page if blocks else 0)
    fill(section, blocks, writer)
    return section


def weakness_sections(run: list[Block], writer: Writer, number: int) -> list[Section]:
    """A revisit_progress section (and any context that led into it)."""
    at = next((i for i, b in enumerate(run[:-1]) if is_title(b)), None)
    lead = run[:at] if at is not None else []
    title = run[at].text if at is not None else f"Area of significant weakness {number}"
    body = run[at + 1:] if at is not None else run
    verdict = VERDICT.search(run[-1].text)
    section = Section(kind="revisit_progress", title=title, page=body[0].page,
                      verdict="insufficient" if verdict.group(1) else "sufficient")
    sections = [plain_section("context", lead, writer)] if lead else []
    writer.add(title)
    for block in body:
        if block.kind != "heading":
            section.findings.append(finding(block.text, block.page, writer))
    return sections + [section]


def is_title(block: Block) -> bool:
    """A short block that does not read as a finished sentence is a heading."""
    text = block.text
    return block.kind != "heading" and len(block.lines) <= 3 and (not text.endswith(".") or len(text) < 120) \
        and not VERDICT.search(text) and not HEADLINE.search(text)
