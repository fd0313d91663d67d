"""Export: documents (as their JSON dicts) -> JSON, JSON lines or Markdown text,
and writing a result file so that no reader ever sees half of it."""

from __future__ import annotations

import json
import os
import tempfile

from .errors import OutputError


def to_json(items: list[dict], single: bool) -> str:
    """One object for a single input, else an array; keys in a stable order."""
    data = items[0] if single and len(items) == 1 else items
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def to_jsonl(items: list[dict]) -> str:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


def to_markdown(documents: list[dict]) -> str:
    """Each document as a Markdown page: metadata list, then sections and findings."""
    return "\n".join(document_markdown(doc) for doc in documents)


def document_markdown(doc: dict) -> str:
    meta = doc["metadata"]
    lines = [f"# {meta.get('local_area') or doc['source']}", ""]
    lines.append(f"- **source**: {doc['source']}")
    lines.append(f"- **document type**: {doc['doc_type']}")
    for key, value in meta.items():
        if value not in (None, [], {}, "") and key != "local_area":
            lines.append(f"- **{key.replace('_', ' ')}**: {markdown_value(value)}")
    for section in doc["sections"]:
        lines += ["", f"## {section['title'] or section['kind'].replace('_', ' ').capitalize()} ({section['kind']})", ""]
        for finding in section["findings"]:
            lines.append(f"- {finding['text']} *(p. {finding['page']})*")
        if not section["findings"] and section.get("text"):
            lines.append(section["text"])
    return "\n".join(lines) + "\n"


def markdown_value(value) -> str:
    if isinstance(value, list):
        return "; ".join(markdown_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {markdown_value(v)}" for k, v in value.items() if v not in (None, []))
    return str(value)


def write_atomic(path: str, text: str | bytes) -> None:
    """Write a whole file or nothing: a temporary file beside it, then a rename.
    Text is written as UTF-8; bytes (a workbook) as they are."""
    directory = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".sendscan-", suffix=".tmp")
    except OSError as e:
        raise OutputError(f"cannot be written ({e.strerror or e})", path) from None
    try:
        with (os.fdopen(fd, "wb") if isinstance(text, bytes) else os.fdopen(fd, "w", encoding="utf-8", newline="")) as f:
            f.write(text)
        os.chmod(tmp, 0o666 & ~current_umask())  # mkstemp makes it private; an output file is not
        os.replace(tmp, path)
    except BaseException as e:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(e, OSError):  # disk full, a directory in the way...
            raise OutputError(f"cannot be written ({e.strerror or e})", path) from None
        raise


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


CLASSIFY_COLUMNS = ["source", "local_area", "doc_type", "inspection_end", "outcome", "section", "section_title",
                    "page", "polarity", "categories", "evidence", "text"]


def finding_rows(classified_list, polarity: str = "all", categories: list[str] | None = None) -> list[dict]:
    """One flat row per tagged finding, for CSV and spreadsheets."""
    rows = []
    for item in classified_list:
        doc, meta = item.document, item.document.metadata
        for section, finding, tag in item.selected(polarity, categories):
            rows.append({
                "source": doc.source, "local_area": meta.local_area, "doc_type": doc.doc_type,
                "inspection_end": meta.inspection_end, "outcome": meta.outcome, "section": section.kind,
                "section_title": section.title, "page": finding.page, "polarity": tag.polarity,
                "categories": ";".join(tag.ids()),
                "evidence": ";".join(e for c in tag.categories for e in c["evidence"]),
                "text": finding.text,
            })
    return rows


def to_csv(rows: list[dict], columns: list[str]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def classified_markdown(classified_list, polarity: str = "all", categories: list[str] | None = None) -> str:
    """Each document: a heading, its facts, a table of tagged findings and the summary."""
    parts = []
    for item in classified_list:
        doc, meta = item.document, item.document.metadata
        parts += [f"# {meta.local_area or doc.source}", "",
                  f"{doc.doc_type}, {meta.inspection_start or '?'} to {meta.inspection_end or '?'}"
                  + (f", outcome: {meta.outcome}" if meta.outcome else ""), "",
                  "| category | polarity | section | page | finding |", "|---|---|---|---|---|"]
        for section, finding, tag in item.selected(polarity, categories):
            text = finding.text.replace("|", "\\|")
            parts.append(f"| {', '.join(tag.ids()) or '–'} | {tag.polarity} | {section.kind} | {finding.page} | {text} |")
        summary = item.summary()
        parts += ["", f"**Weaknesses**: {', '.join(summary['weakness']) or 'none'}  ",
                  f"**Strengths**: {', '.join(summary['strength']) or 'none'}", ""]
    return "\n".join(parts)
