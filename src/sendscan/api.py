"""The Python API: what each CLI command does, as a function returning data.

    >>> import sendscan
    >>> doc = sendscan.extract("samples/report_2023_systemic.pdf")
    >>> doc.metadata.outcome
    'systemic'
    >>> results, errors = sendscan.classify(["samples/"])
    >>> results[0].summary()["weakness"][:3]
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Union

from .batch import Progress, built, classify_files
from .cache import Cache, CacheError
from .clean import clean
from .errors import Notice, SendscanError, UsageError, bug
from .model import Classified, Document
from .read import MAX_BYTES, discover, read
from .structure import structure


def extract(path: str | os.PathLike, engine: str = "pypdfium2", encoding: str | None = None,
            max_bytes: int = MAX_BYTES) -> Document:
    """Read, clean and structure one document (a path, or "-" for standard input);
    a file over `max_bytes` is refused."""
    if not isinstance(path, (str, os.PathLike)):
        raise UsageError("extract reads one document; give several to extract_all")
    path = os.fspath(path)
    source = read(path, engine=engine, encoding=encoding, max_bytes=max_bytes)
    return structure(clean(source), source)


#: One path, or several: every function that takes paths takes either.
Paths = Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]]


def path_list(paths: Paths | None) -> list[str]:
    """A list of path strings from one path or many (a lone string is one
    path, never a sequence of one-letter paths)."""
    if paths is None:
        return []
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def extract_all(paths: Paths, engine: str = "pypdfium2", encoding: str | None = None,
                max_bytes: int = MAX_BYTES) -> tuple[list[Document], list[SendscanError]]:
    """Extract every document the paths name (directories are searched); a file
    that cannot be read is returned as an error and the others go on."""
    files, errors = files_of(paths)
    documents = []
    for file in files:
        try:
            documents.append(extract(file, engine=engine, encoding=encoding, max_bytes=max_bytes))
            if documents[-1].damaged_pages:
                errors.append(Notice(f"is a damaged PDF: page{'s' if len(documents[-1].damaged_pages) > 1 else ''} "
                                     f"{', '.join(map(str, documents[-1].damaged_pages))} could not be loaded; "
                                     "the others were read", file))
        except SendscanError as error:
            errors.append(error)
        except Exception as error:  # a bug of ours must not stop the batch
            errors.append(bug(error, file))
    return documents, errors


def files_of(paths: Paths) -> tuple[list[str], list[SendscanError]]:
    """The files the paths name, and an error for each path that names none."""
    files, errors = [], []
    for path in path_list(paths):
        try:
            found, problems = discover(path)
            files.extend(found)
            errors.extend(problems)
        except SendscanError as error:
            errors.append(error)
    return files, errors


def classify(paths: Paths, taxonomy: str | Path | None = None, engine: str = "pypdfium2",
             encoding: str | None = None, cache: str | Path | bool = True, jobs: int | None = 1,
             progress: Progress | None = None, max_bytes: int = MAX_BYTES
             ) -> tuple[list[Classified], list[SendscanError]]:
    """Extract and tag every document: each finding gets its polarity and categories.

    `cache`: True for the user's cache (or $SENDSCAN_CACHE), a path for another,
    False for none. `jobs`: 1 (the default) works in this process; N starts N
    worker processes, None one per core, and then a script must make the call
    under `if __name__ == "__main__":`, as Python's multiprocessing requires.
    `progress(path, pages, total)` is called as the run starts (path None) and
    as each file is done. Errors name the files that failed; a `Notice` among
    them (a cache rebuilt) is not a failure."""
    files, errors = files_of(paths)
    store, notices = None, []
    if cache is not False:
        try:
            store = Cache(None if cache is True else cache)
        except CacheError as error:
            notices.append(Notice(f"{error}; this run went on without the cache"))
    try:
        results, failed = classify_files(files, taxonomy, engine, encoding, store, jobs, progress, max_bytes)
    finally:
        if store:
            store.close()
    if store and store.notice:
        notices.append(Notice(store.notice))
    return results, errors + failed + notices


def evaluate(gold_paths: Paths, documents: Paths | None = None, taxonomy: str | Path | None = None,
             engine: str = "pypdfium2") -> dict:
    """Score the taxonomy against gold files (see `sendscan.gold`); returns the report."""
    from . import gold as golds, metrics, tag, taxonomy as taxonomies

    gold_paths, documents = path_list(gold_paths), path_list(documents)
    chosen = taxonomies.load(taxonomy)
    items = [i for path in gold_paths for i in golds.load(path, {c.id for c in chosen.categories})]
    folders = [Path(d) for d in documents or []] + sorted({Path(p).parent for p in gold_paths})
    nlp = built(chosen)
    classified: dict[str, Classified] = {}
    observations = []
    for item in items:
        if item.document not in classified:
            document = extract(str(find_document(item, folders)), engine=engine)
            classified[item.document] = Classified(document, tag.tag_document(nlp, document), chosen.name)
        observations.append(observation(item, classified[item.document]))
    report = metrics.score(observations, chosen.top)
    report["taxonomy"] = {"name": chosen.name, "path": chosen.path, "digest": chosen.digest}
    return report


def find_document(item, folders: list[Path]) -> Path:
    from .gold import GoldError

    for folder in folders:
        if (folder / item.document).is_file():
            return folder / item.document
    raise GoldError(f"unknown document {item.document!r}: not in {', '.join(map(str, folders))} "
                    "(give its folder with --documents)", f"{item.source}:{item.line}")


def observation(item, classified: Classified):
    from .metrics import Observation
    from .gold import resolve

    wanted = {id(f) for _, f in resolve(item, classified.document)}
    tags = [t for _, f, t in classified.tagged() if id(f) in wanted]
    by_polarity: dict[str, set[str]] = {}
    for t in tags:
        by_polarity.setdefault(t.polarity, set()).update(t.ids())
    return Observation(gold=item, predicted={c for t in tags for c in t.ids()}, predicted_by_polarity=by_polarity,
                       predicted_polarity=tags[0].polarity if len(tags) == 1 else None)


def compare(paths: Paths, taxonomy: str | Path | None = None, polarity: str = "all",
            categories: list[str] | None = None, group_by: str | None = None, by_document: bool = False,
            sort: str = "area", history: str | None = None, engine: str = "pypdfium2",
            cache: str | Path | bool = True, jobs: int | None = 1, progress: Progress | None = None,
            max_bytes: int = MAX_BYTES):
    """Classify every document and compare them: areas (or documents) by categories.
    Returns (Comparison, errors); `Comparison.to_rows()` gives plain dicts for pandas.
    `cache`, `jobs` and `progress` are as for `classify`."""
    from . import comparison as comparing
    from .taxonomy import check_categories, load

    if categories:
        check_categories(load(taxonomy), categories)
    results, errors = classify(paths, taxonomy, engine, cache=cache, jobs=jobs, progress=progress, max_bytes=max_bytes)
    if history:
        return comparing.history(results, history, polarity, categories), errors
    return comparing.compare(results, polarity, categories, group_by, by_document, sort), errors
