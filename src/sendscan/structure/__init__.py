"""Structure: clean lines -> a `Document` of sections and findings.

Lines become blocks (`blocks.py`); how blocks become sections depends on the
kind of document, one module per kind: `headed` (2023 reports and 2016
letters, by their fixed headings), `revisit` (one section per weakness, with
its verdict) and `news` (news reports and council pages, sentence by sentence
by who is speaking). All text is written once into `Document.text`, and every
finding records where it stands there.
"""

from __future__ import annotations

from .. import headings, metadata
from ..errors import shown
from ..model import Document, Line, Source
from . import headed, news, revisit
from .blocks import Writer, blocks_of, join_lines, sentences

__all__ = ["structure", "join_lines", "sentences"]


def structure(lines: list[Line], source: Source) -> Document:
    """The document model of a cleaned source."""
    doc_type = headings.doc_type(lines, source)
    if source.format != "pdf" and news.published_by_council(source):
        # On a council's (or NHS body's) own site, whatever it quotes or is
        # titled ("Area SEND inspection of Luton – Luton Council").
        doc_type = "council_page"
    elif source.format != "pdf" and doc_type == "unknown":
        by_families = news.published_by_families(source) or news.sent_by_families(source)
        doc_type = "news_report" if by_families else news.kind(lines, source)
    blocks = blocks_of(lines, doc_type, source.line_pitch)
    writer = Writer()
    if doc_type == "send_revisit":
        sections = revisit.sections_of(blocks, writer)
    elif doc_type in news.KINDS:
        sections = news.sections_of(blocks, doc_type, writer)
    else:
        sections = headed.sections_of(blocks, doc_type, writer)
    text = writer.text()
    meta = metadata.extract(text, doc_type, sections, source)
    if doc_type in news.KINDS:
        news.facts(meta, sections, text, source)
    return Document(
        source=shown(source.path), format=source.format, doc_type=doc_type, metadata=meta,
        sections=sections, text=text, pages=len(source.pages) + len(source.damaged_pages), engine=source.engine,
        damaged_pages=source.damaged_pages,
    )
