"""Clean: a `Source`'s pages -> the lines that belong to the document's body.

Three kinds of noise go: extraction debris inside lines (U+FFFE for a wrapped
hyphen, soft hyphens, ligatures, odd spaces, words pdfplumber splits in two),
running headers and footers that repeat on every page, and the web furniture
(cookie notices, sign-ups, job adverts) that news and council pages carry.
"""

from __future__ import annotations

import re
from collections import Counter

from .model import Line, Source

DEBRIS = str.maketrans({
    "\ufffe": "-",  # pdfium's mark for a hyphen at a wrap: "Stoke-on\ufffeTrent"
    "\u00ad": "-",  # soft hyphen, same role
    "\u2011": "-",  # non-breaking hyphen
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ",
    "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
})

#: pdfplumber sometimes cuts a word after its first letter ("i mprove"). A lone
#: lower-case letter other than "a" is never an English word, so it is rejoined.
SPLIT_WORD = re.compile(r"(?<![\w'’.-])([b-z]) (?=[a-z]{2,})")

#: Lines that are the web page around an article, never part of it.
FURNITURE = re.compile(
    r"cookie|sign up|newsletter|subscribe|tell us (?:your|what you) (?:views|think)|"
    r"was this page (?:helpful|useful)|share this (?:page|article)|related (?:articles|stories|links)|"
    r"^jobs?\b|\bvacanc(?:y|ies)\b.*£|£\s?\d[\d,]*.*\b(?:salary|per annum|apply|closing date)\b|"
    r"^(?:advertisement|skip to (?:main )?content|back to top|accept all|reject all)\b|"
    r"all rights reserved|^©",
    re.IGNORECASE,
)

#: Running footers known by their words, for documents too short to show repetition.
KNOWN_RUNNING = re.compile(r"^(?:Area SEND )?inspection report:|^page \d+(?: of \d+)?$|^\d{1,3}$", re.IGNORECASE)

#: Running headers and footers sit in these bands at the top and bottom of a page.
MARGIN_BAND = 0.09


def clean(source: Source) -> list[Line]:
    """The body lines of a document, in reading order, with tidy text."""
    rejoin = source.engine == "pdfplumber"
    lines = [_tidy(line, rejoin) for page in source.pages for line in page.lines]
    lines = [line for line in lines if line.text]
    if source.format == "pdf":
        running = running_lines(source)
        lines = [line for line in lines if not is_running(line, running, source)]
    else:
        lines = [line for line in lines if not is_furniture(line.text)]
    return lines


def normalise(text: str) -> str:
    """Text with extraction debris replaced and runs of spaces collapsed."""
    text = text.translate(DEBRIS)
    return re.sub(r" {2,}", " ", text).strip()


def is_furniture(text: str) -> bool:
    """True for a line of web-page furniture (short, and matching a known kind)."""
    return len(text) < 240 and bool(FURNITURE.search(text))


def running_lines(source: Source) -> set[str]:
    """Keys of the lines that repeat in the page margins: running headers and footers."""
    if len(source.pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in source.pages:
        counts.update({_key(line.text) for line in page.lines if _in_margin(line, source)})
    needed = max(2, round(0.3 * len(source.pages)))
    return {key for key, n in counts.items() if n >= needed}


def is_running(line: Line, running: set[str], source: Source) -> bool:
    """A running header or footer: in a page margin, and repeated or known by its words."""
    return _in_margin(line, source) and (_key(line.text) in running or bool(KNOWN_RUNNING.search(line.text)))


def _tidy(line: Line, rejoin_split_words: bool) -> Line:
    text = normalise(line.text)
    if rejoin_split_words:
        text = SPLIT_WORD.sub(r"\1", text)
    return Line(text, line.page, line.x0, line.x1, line.top, line.bottom)


def _key(text: str) -> str:
    # Page numbers and dates change from page to page; the rest repeats.
    return re.sub(r"\d+", "#", text.lower().strip())


def _in_margin(line: Line, source: Source) -> bool:
    # Pages are found by number: a damaged page left out shifts the list.
    height = next(p.height for p in source.pages if p.number == line.page)
    return line.top < MARGIN_BAND * height or line.bottom > (1 - MARGIN_BAND) * height
