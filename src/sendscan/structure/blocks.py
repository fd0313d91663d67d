"""Lines -> blocks (a heading, a bullet, a numbered item or a paragraph), by
their markers and by vertical gaps; the `Writer` that builds `Document.text`;
and sentence splitting. Shared by every kind of document."""

from __future__ import annotations

import bisect
import functools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace

from .. import headings
from ..model import Finding, Line

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
TERMINAL = re.compile(r"[.!?:;][”’\"')]*$")
SPACES = re.compile(r"\s*")
WRAP_HYPHEN = re.compile(r"\w[-‐]$")
ABBREVIATIONS = ("e.g.", "i.e.", "Mr.", "Mrs.", "Ms.", "Dr.", "Cllr.", "St.", "No.", "etc.", "approx.")
SENTENCE_END = re.compile(r"[.!?][”’\"')]*(?=\s+[“‘\"'(]?[A-Z0-9])")

@dataclass
class Block:
    """Consecutive lines that belong together."""

    kind: str  # heading | bullet | numbered | paragraph
    lines: list[Line]
    marker: str = ""
    rule: headings.Rule | None = None

    @functools.cached_property
    def text(self) -> str:
        """The lines joined, once: sections read a block's text several times,
        and its lines are settled once `blocks_of` has built it."""
        return join_lines([line.text for line in self.lines])

    @functools.cached_property
    def line_starts(self) -> list[int]:
        """Where each line starts in the block's text (one character between
        lines), so that a sentence's page is found by bisection, not a walk."""
        starts, pos = [], 0
        for line in self.lines:
            starts.append(pos)
            pos += len(line.text) + 1
        return starts

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
        # A weak marker after an item with the same marker is the next item, though
        # the item before ends with no full stop (news lists: "- plans are late").
        same_run = bullet and blocks and blocks[-1].kind == "bullet" and blocks[-1].marker == bullet.group(1)
        if (numbered or (bullet and bullet.group(1) in WEAK_BULLETS and not same_run)) and blocks \
                and blocks[-1].kind != "heading" and mid_sentence(blocks[-1].lines[-1]) \
                and not starts_paragraph(blocks[-1].lines[-1], line, pitch) \
                and not (numbered and next_number(blocks[-1], numbered)):
            bullet = numbered = None  # "aged 12 to" / "24) following...": a wrap, not an item
        if bullet or numbered:
            marker = (bullet or numbered).group(0)
            body = Line(line.text[len(marker):], line.page, line.x0, line.x1, line.top, line.bottom)
            blocks.append(Block("bullet" if bullet else "numbered", [body], marker=marker.strip()))
        elif unmarked_item(blocks, line, doc_type, pitch):
            blocks.append(Block("bullet", [line]))
        elif not blocks or blocks[-1].kind == "heading" or starts_paragraph(blocks[-1].lines[-1], line, pitch):
            blocks.append(Block("paragraph", [line]))
        else:
            blocks[-1].lines.append(line)
        i += 1
    return blocks


def next_number(block: Block, numbered: re.Match) -> bool:
    """Whether a numbered line goes on from the item before (1. then 2.)."""
    return block.kind == "numbered" and block.marker.strip("().").isdigit() \
        and int(numbered.group(1)) == int(block.marker.strip("().")) + 1


def unmarked_item(blocks: list[Block], line: Line, doc_type: str, pitch: float) -> bool:
    """News and council text copied from a page loses its list markers: after
    a paragraph that ends with a colon ("The report found:"), each line that
    follows with no blank line between is an item of its own."""
    if doc_type not in ("news_report", "council_page") or not blocks:
        return False
    last = blocks[-1]
    if last.kind == "paragraph" and last.lines[-1].text.rstrip().endswith(":"):  # the text ends with its last line
        return True
    return last.kind == "bullet" and not last.marker and not starts_paragraph(last.lines[-1], line, pitch)


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
        if text[start:m.end()].endswith(ABBREVIATIONS) or re.search(r"(?:^|\s)[A-Z]\.$", text[start:m.end()]):
            continue  # "e.g.", "Cllr.", an initial ("Cllr J. Ward")
        spans.append((start, m.end()))
        start = SPACES.match(text, m.end()).end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def finding(text: str, page: int, writer: Writer) -> Finding:
    start = writer.add(text)
    return Finding(text=text, page=page, start=start, end=start + len(text))


def page_at(block: Block, offset: int) -> int:
    """The page on which the character at `offset` of the block's text stands."""
    return block.lines[bisect.bisect_right(block.line_starts, offset) - 1].page
