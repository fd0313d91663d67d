"""Documents read by their fixed headings: 2023 area SEND reports, 2016-framework
letters, and unknown documents (whose short lines standing alone are taken as
headings). Blocks are grouped under their headings (`headings.py` says what
kind of section each opens) and each section kind turns its blocks into
findings in its own way.
"""

from __future__ import annotations

import re

from .. import headings
from ..model import FINDING_KINDS, Finding, Line, Section
from .blocks import (COLUMN_JUMP, PARAGRAPH_STEP, Block, Writer, ends_sentence, finding, join_lines, line_pitch,
                     page_at, sentences)

WSOA_INTRO = re.compile(r"areas? of significant weakness(?:es)?\s*:$", re.IGNORECASE)


def sections_of(blocks: list[Block], doc_type: str, writer: Writer) -> list[Section]:
    """Group blocks under their headings and turn each group into a section."""
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
        elif block.text.endswith(":") and WSOA_INTRO.search(block.text):
            # "...tackle the following areas of significant weakness:" is context
            # of its own, and opens the list of significant weaknesses. (The colon
            # is tested first, cheaply, and most blocks fail: a block's text ends
            # with its stripped last line, so the pattern's final colon is its last character.)
            groups.append((rule, title, members))
            groups.append((headings.CONTEXT, "", [block]))
            rule, title, members = headings.SIGNIFICANT_WEAKNESS, "Areas of significant weakness", []
        else:
            members.append(block)
    groups.append((rule, title, members))
    return [g for g in groups if g[1] or g[2]]


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
    start = writer.add(text)
    for s, e in sentences(text):
        page = page_at(block, s)
        section.findings.append(Finding(text=text[s:e], page=page, start=start + s, end=start + e))
