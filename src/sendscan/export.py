"""Export: documents (as their JSON dicts) -> JSON, JSON lines or Markdown text,
and writing a result file so that no reader ever sees half of it."""

from __future__ import annotations

import json
import os
import tempfile


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


def write_atomic(path: str, text: str) -> None:
    """Write a whole file or nothing: a temporary file beside it, then a rename."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".sendscan-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
