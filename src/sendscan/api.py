"""The Python API: what each CLI command does, as a function returning data.

    >>> import sendscan
    >>> doc = sendscan.extract("samples/report_2023_systemic.pdf")
    >>> doc.metadata.outcome
    'systemic'
"""

from __future__ import annotations

from .clean import clean
from .errors import SendscanError
from .model import Document
from .read import discover, read
from .structure import structure


def extract(path: str, engine: str = "pypdfium2", encoding: str | None = None) -> Document:
    """Read, clean and structure one document (a path, or "-" for standard input)."""
    source = read(path, engine=engine, encoding=encoding)
    return structure(clean(source), source)


def extract_all(paths: list[str], engine: str = "pypdfium2", encoding: str | None = None
                ) -> tuple[list[Document], list[SendscanError]]:
    """Extract every document the paths name (directories are searched); a file
    that cannot be read is returned as an error and the others go on."""
    documents, errors = [], []
    for path in paths:
        try:
            files = discover(path)
        except SendscanError as error:
            errors.append(error)
            continue
        for file in files:
            try:
                documents.append(extract(file, engine=engine, encoding=encoding))
            except SendscanError as error:
                errors.append(error)
    return documents, errors
