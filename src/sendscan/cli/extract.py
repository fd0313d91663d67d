"""`sendscan extract`: the structure of each document."""

from __future__ import annotations

from ..errors import SendscanError
from ..export import to_json, to_jsonl, to_markdown
from .options import (
    ExtractFormat, Engine, format_option,
    MAX_SIZE_MB, EncodingOption, EngineOption, Format, MaxSizeOption, OutputOption, PathsArgument, max_bytes,
)
from .output import check_writable, emit, emit_renderable, fail, failed, finish


def extract(
    paths: PathsArgument,
    format: format_option(ExtractFormat) = ExtractFormat.table,
    output: OutputOption = None,
    engine: EngineOption = Engine.pypdfium2,
    encoding: EncodingOption = None,
    max_size: MaxSizeOption = MAX_SIZE_MB,
) -> None:
    """Show each document's metadata, then its sections and their findings."""
    from ..api import extract_all
    from ..render import document_view

    format, engine = Format(format.value), engine.value
    try:
        check_writable(output)
        documents, errors = extract_all(paths, engine=engine, encoding=encoding, max_bytes=max_bytes(max_size))
    except SendscanError as error:
        raise fail(error) from None
    single = len(paths) == 1 and not failed(errors) and len(documents) == 1 and not _is_dir(paths[0])
    if format is Format.table:
        emit_renderable([document_view(doc) for doc in documents], output)
    elif documents or format is not Format.json:
        dicts = [doc.to_dict() for doc in documents]
        text = {Format.json: lambda: to_json(dicts, single), Format.jsonl: lambda: to_jsonl(dicts),
                Format.markdown: lambda: to_markdown(dicts)}[format]()
        emit(text, output)
    finish(errors)


def _is_dir(path: str) -> bool:
    from pathlib import Path

    return path != "-" and Path(path).is_dir()
