"""Tiny laid-out documents for tests: each row is (page, top, x0, text)."""

from __future__ import annotations

from sendscan.clean import clean
from sendscan.model import Line, Page, Source
from sendscan.structure import structure

HEIGHT = 842.0


def source_of(rows, pages: int | None = None, engine: str = "pypdfium2") -> Source:
    count = pages or max(r[0] for r in rows)
    by_page: dict[int, list[Line]] = {n: [] for n in range(1, count + 1)}
    for page, top, x0, text in rows:
        by_page[page].append(Line(text, page, x0, x0 + 6.0 * len(text), top, top + 11.7))
    return Source(path="layout.pdf", format="pdf", engine=engine,
                  pages=[Page(n, 595.0, HEIGHT, lines) for n, lines in by_page.items()])


def document_of(rows, pages: int | None = None, engine: str = "pypdfium2"):
    source = source_of(rows, pages, engine)
    return structure(clean(source), source)


def report_rows(body, pages: int = 2):
    """A 2023 report's first lines, a running footer on every later page, then `body`."""
    head = [
        (1, 40, 56, "Local area partnership report"),
        (1, 80, 56, "Area SEND inspection of Fenmarsh Local Area Partnership"),
        (1, 110, 56, "Inspection dates: 3 to 7 June 2024"),
    ]
    footers = [(p, 800, 60, f"Area SEND inspection report: Fenmarsh Local Area Partnership, 3 to 7 June 2024 {p}")
               for p in range(2, pages + 1)]
    return head + footers + list(body)
