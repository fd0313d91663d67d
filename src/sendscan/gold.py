"""Gold annotations: what a careful reader says each finding is about.

A gold file is JSON lines. Each line names a document (its file name), and
either one finding of it - by section kind, position among that kind's
findings, and the key of its text - or a whole section kind:

    {"document": "report.pdf", "section": "weakness", "index": 2, "key": "3f2a9c0b1d4e",
     "categories": ["health_waits", "mental_health"], "polarity": "weakness"}
    {"document": "report.pdf", "section": "recommendation",
     "categories": ["identification", "exclusions"], "polarity": "weakness"}

A line may instead hold its own `text` in place of `document`, `index` and
`key`: a finding written by the project to train on (its sentences are its
own, so nothing needs reading). Such lines of one file are findings of one
made-up document named for the file, each in a section of its own, so that
no sentence is read as following another:

    {"text": "Families wait too long for a wheelchair.", "section": "narrative",
     "categories": ["health_waits"], "polarity": "weakness"}

unless they name a `passage`: consecutive lines of one passage are one
section, each sentence read as following the one before, as in a report's
narrative ("This means that..." is about what came before):

    {"text": "This leaves some families in crisis.", "section": "narrative",
     "categories": ["health_waits"], "polarity": "weakness", "passage": "area-1"}

A written line with `"trains": "polarity"` trains the polarity model alone;
its categories are the writer's, scored where the file is evaluated but not
learnt by the checker (see `sendscan.tag.training`).

`key` is the first 12 hex digits of the SHA-1 of the finding's text,
whitespace collapsed and lower-cased; it lets a gold file refer to a finding
without copying its words, and shows when the parser's text has changed.
A line whose key no longer matches the finding at `index` is resolved by
key; one that matches no finding is an error.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import SendscanError
from .model import FINDING_KINDS, Document, Finding, Metadata, Section

POLARITIES = ("weakness", "strength", "neutral")


class GoldError(SendscanError):
    """A gold file that cannot be used."""

    exit_code = 2


@dataclass
class GoldItem:
    document: str
    section: str
    categories: list[str]
    polarity: str
    index: int | None = None
    key: str | None = None
    line: int = 0
    source: str = ""
    #: A finding written in the gold itself (see module docstring).
    text: str | None = None
    #: The passage a written finding belongs to (see module docstring).
    passage: str | None = None
    #: "polarity": a written finding that trains the polarity model alone.
    trains: str | None = None

    @property
    def whole_section(self) -> bool:
        return self.index is None


def text_key(text: str) -> str:
    """The key of a finding's text (see module docstring)."""
    collapsed = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha1(collapsed.encode("utf-8")).hexdigest()[:12]


def load(path: str | Path, known_categories: set[str]) -> list[GoldItem]:
    """Every item of a gold file, checked; GoldError names the file and line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise GoldError("no such gold file", str(path)) from None
    except UnicodeDecodeError as e:
        raise GoldError(f"is not a gold file: not UTF-8 text (byte 0x{e.object[e.start]:02x} at offset {e.start})",
                        str(path)) from None
    except OSError as e:
        raise GoldError(f"cannot be read ({e.strerror or e})", str(path)) from None
    items = []
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.lstrip().startswith("#"):
            items.append(item(line, number, str(path), known_categories))
    if not items:
        raise GoldError("gold file holds no annotations", str(path))
    written: dict[str, int] = {}
    for found in items:
        if found.text is not None:
            # Its place among the made-up document's findings of its kind.
            found.document, found.index, found.key = path.name, written.get(found.section, 0), text_key(found.text)
            written[found.section] = found.index + 1
    return items


def written_document(items: list[GoldItem]) -> Document:
    """The made-up document of a file's written findings: each in a section of
    its own, but for consecutive findings of one passage, which share one."""
    written = [i for i in items if i.text is not None]
    sections: list[Section] = []
    for before, i in zip([None] + written, written):
        finding = Finding(i.text, 1, 0, len(i.text))
        if i.passage is not None and before is not None and (before.passage, before.section) == (i.passage, i.section):
            sections[-1].findings.append(finding)
        else:
            sections.append(Section(kind=i.section, title="", page=1, findings=[finding]))
    return Document(source=written[0].source, format="text", doc_type="written", metadata=Metadata(),
                    sections=sections, text="\n".join(i.text for i in written), pages=1)


def item(line: str, number: int, path: str, known: set[str]) -> GoldItem:
    where = f"{path}:{number}"
    try:
        data = json.loads(line)
    except json.JSONDecodeError as e:
        raise GoldError(f"not valid JSON ({e.msg})", where) from None
    if not isinstance(data, dict):
        raise GoldError("not a JSON object", where)
    written = isinstance(data.get("text"), str) and "document" not in data
    missing = {"section", "categories", "polarity"} - set(data) | (set() if written else {"document"} - set(data))
    if missing:
        raise GoldError(f"missing {', '.join(sorted(missing))}", where)
    if data["section"] not in FINDING_KINDS:
        raise GoldError(f"unknown section kind {data['section']!r}; one of: {', '.join(FINDING_KINDS)}", where)
    if data["polarity"] not in POLARITIES:
        raise GoldError(f"polarity must be one of {', '.join(POLARITIES)}", where)
    unknown = [c for c in data["categories"] if c not in known]
    if unknown:
        raise GoldError(f"unknown categor{'y' if len(unknown) == 1 else 'ies'} {', '.join(unknown)} (not in the taxonomy)", where)
    return GoldItem(document=data.get("document", ""), section=data["section"], categories=list(data["categories"]),
                    polarity=data["polarity"], index=data.get("index"), key=data.get("key"), line=number, source=path,
                    text=data["text"] if written else None, passage=passage_of(data, where) if written else None,
                    trains=trains_of(data, where) if written else None)


def passage_of(data: dict, where: str) -> str | None:
    passage = data.get("passage")
    if passage is not None and not isinstance(passage, str):
        raise GoldError("passage must be a string (the name of the passage)", where)
    return passage


def trains_of(data: dict, where: str) -> str | None:
    trains = data.get("trains")
    if trains not in (None, "polarity"):
        raise GoldError(f'trains must be "polarity" (or left out, to train both models), not {trains!r}', where)
    return trains


def resolve(gold: GoldItem, document: Document) -> list[tuple[Section, Finding]]:
    """The findings a gold item refers to: one finding, or a whole section kind's."""
    pairs = [(s, f) for s, f in document.findings() if s.kind == gold.section]
    if gold.whole_section:
        return pairs
    where = f"{gold.source}:{gold.line}"
    if gold.index is not None and gold.index < len(pairs):
        if gold.key is None or text_key(pairs[gold.index][1].text) == gold.key:
            return [pairs[gold.index]]
    if gold.key:
        for pair in pairs:
            if text_key(pair[1].text) == gold.key:
                return [pair]
    raise GoldError(
        f"{gold.document} has no {gold.section} finding #{gold.index} with key {gold.key}; "
        "the document or the parser has changed: update the gold file", where)
