"""Revisit letters (2018 to 2022): context up to the headline result, then one
section per area of significant weakness, each with its verdict."""

from __future__ import annotations

import re

from ..model import Section
from .blocks import Block, Writer, finding
from .headed import fill

VERDICT = re.compile(
    r"\bha(?:s|ve) (not )?made sufficient progress in addressing (?:this|the) (?:area of )?(?:significant )?weakness\b(?!es)",
    re.I,
)
HEADLINE = re.compile(r"sufficient progress in addressing .{0,40}?significant weaknesses", re.I)


def sections_of(blocks: list[Block], writer: Writer) -> list[Section]:
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
