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
from .errors import Notice, SendscanError, UsageError, bug, damaged_notice
from .model import Classified, Document
from .read import MAX_BYTES, discover, read


def extract(path: str | os.PathLike, engine: str = "pypdfium2", encoding: str | None = None,
            max_bytes: int = MAX_BYTES) -> Document:
    """Read, clean and structure one document (a path, or "-" for standard input);
    a file over `max_bytes` is refused."""
    # Imported here: a batch starts its worker server before this process
    # reads anything, and these imports (their patterns compiled) would delay it.
    from .clean import clean
    from .structure import structure

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
                errors.append(damaged_notice(documents[-1].damaged_pages, file))
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
             progress: Progress | None = None, model: str | Path | None | bool = None,
             max_bytes: int = MAX_BYTES, whole: bool = True
             ) -> tuple[list[Classified], list[SendscanError]]:
    """Extract and tag every document: each finding gets its polarity and categories.

    `model`: a folder from `train` (None: the model shipped with sendscan,
    False: the taxonomy's rules alone).

    `cache`: True for the user's cache (or $SENDSCAN_CACHE), a path for another,
    False for none. `jobs`: 1 (the default) works in this process; N starts N
    worker processes, None one per core, and then a script must make the call
    under `if __name__ == "__main__":`, as Python's multiprocessing requires.
    `progress(path, pages, total)` is called as the run starts (path None) and
    as each file is done. Errors name the files that failed; a `Notice` among
    them (a cache rebuilt) is not a failure. `whole=False` leaves out of each
    document its text and the body of sections that hold no findings (a
    comparison does not read them): over hundreds of files it holds far less."""
    files, errors = files_of(paths)
    store, notices = None, []
    if cache is not False:
        try:
            store = Cache(None if cache is True else cache)
        except CacheError as error:
            notices.append(Notice(f"{error}; this run went on without the cache"))
    try:
        results, failed = classify_files(files, taxonomy, engine, encoding, store, jobs, progress, model, max_bytes,
                                         whole)
    finally:
        if store:
            store.close()
    if store and store.notice:
        notices.append(Notice(store.notice))
    return results, errors + failed + notices


def evaluate(gold_paths: Paths, documents: Paths | None = None, taxonomy: str | Path | None = None,
             engine: str = "pypdfium2", model: str | Path | None | bool = None, folds: int | None = None,
             train_paths: Paths | None = None, seed: int = 0) -> dict:
    """Score the tagger against gold files (see `sendscan.gold`); returns the report.

    `model` is as for `tag.pipeline` (None: the shipped one). With `folds`, the
    trained part is cross-validated by document instead: the gold's documents
    are split into that many folds, and each fold is tagged by a model trained
    on the others (and on `train_paths`, gold used only for training), so the
    figures are those of reports the model has not seen."""
    from . import metrics, tag

    chosen, items, extra, documents_by_name = gold_and_documents(
        path_list(gold_paths), path_list(train_paths), path_list(documents), taxonomy, engine)
    if folds:
        classified = cross_validated(chosen, items, extra, documents_by_name, folds, seed)
    else:
        nlp = built(chosen, model)
        classified = {name: Classified(d, tag.tag_document(nlp, d), chosen.name) for name, d in documents_by_name.items()
                      if any(i.document == name for i in items)}
    report = metrics.score([observation(i, classified[i.document]) for i in items], chosen.top)
    report["taxonomy"] = {"name": chosen.name, "path": chosen.path, "digest": chosen.digest}
    report["model"] = {"cross_validated_folds": folds, "seed": seed} if folds else model_report(model)
    if not folds and model is not False:
        # Figures on the gold a model learnt from say little of new reports.
        seen = set(nlp.get_pipe("checker").trained_on)
        report["model"]["in_sample_documents"] = sorted({i.document for i in items} & seen)
    return report


def model_report(model: str | Path | None | bool) -> dict:
    from .trained import model_digest, model_folder

    if model is False:
        return {"path": None, "digest": model_digest(False)}
    return {"path": str(model_folder(model)), "digest": model_digest(model)}


def train(gold_paths: Paths, output: str | Path, documents: Paths | None = None,
          taxonomy: str | Path | None = None, engine: str = "pypdfium2", folds: int = 5, seed: int = 0) -> Path:
    """Train the checker and sentence polarity on gold files and save the whole
    pipeline to `output` (a folder `spacy.load` reads; give it to `--model`)."""
    from .tag import training

    chosen, items, _, documents_by_name = gold_and_documents(path_list(gold_paths), [], path_list(documents),
                                                             taxonomy, engine)
    nlp = built(chosen, model=False)
    trained = training.train(nlp, training.examples(nlp, items, documents_by_name, chosen.top), folds, seed)
    trained.apply(nlp)
    nlp.to_disk(output)
    return Path(output)


def gold_and_documents(gold_paths: list[str], train_paths: list[str], documents: list[str] | None,
                       taxonomy: str | Path | None, engine: str):
    """The taxonomy, the gold items (scored), the training-only items, and every document they name."""
    from . import gold as golds, taxonomy as taxonomies

    chosen = taxonomies.load(taxonomy)
    known = {c.id for c in chosen.categories}
    items = [i for path in gold_paths for i in golds.load(path, known)]
    extra = [i for path in train_paths for i in golds.load(path, known)]
    folders = [Path(d) for d in documents or []] + sorted({Path(p).parent for p in gold_paths + train_paths})
    documents_by_name = {}
    for item in items + extra:
        if item.document in documents_by_name:
            continue
        if item.text is not None:  # findings written in the gold file itself
            documents_by_name[item.document] = golds.written_document([i for i in items + extra
                                                                       if i.source == item.source])
        else:
            documents_by_name[item.document] = extract(str(find_document(item, folders)), engine=engine)
    return chosen, items, extra, documents_by_name


def cross_validated(chosen, items, extra, documents_by_name: dict[str, Document], folds: int, seed: int
                    ) -> dict[str, Classified]:
    """Each scored document tagged by a model trained without it (nor its fold)."""
    from .tag import tag_document, training

    nlp = built(chosen, model=False)
    found = training.examples(nlp, items + extra, documents_by_name, chosen.top)
    scored = sorted({i.document for i in items})
    classified = {}
    for fold in training.fold_indexes(scored, folds, seed):
        held = {scored[i] for i in fold}
        training.train(nlp, [e for e in found if e.document not in held], folds, seed).apply(nlp)
        for name in sorted(held):
            classified[name] = Classified(documents_by_name[name], tag_document(nlp, documents_by_name[name]), chosen.name)
    return classified


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
            neighbours: str | None = None, model: str | Path | None | bool = None, max_bytes: int = MAX_BYTES):
    """Classify every document and compare them: areas (or documents) by categories;
    with `history`, one area's documents over time; with `neighbours`, an area
    beside its statistical neighbours. Returns (Comparison, errors);
    `Comparison.to_rows()` gives plain dicts for pandas.
    `cache`, `jobs`, `progress`, `model` and `max_bytes` are as for `classify`."""
    from . import comparison as comparing
    from .taxonomy import check_categories, load

    if categories:
        check_categories(load(taxonomy), categories)
    results, errors = classify(paths, taxonomy, engine, cache=cache, jobs=jobs, progress=progress, model=model,
                               max_bytes=max_bytes, whole=False)
    if history:
        return comparing.history(results, history, polarity, categories), errors
    if neighbours:
        return comparing.neighbours(results, neighbours, polarity, categories), errors
    return comparing.compare(results, polarity, categories, group_by, by_document, sort), errors
