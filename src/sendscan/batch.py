"""Batch: many files -> classified documents, through the cache and worker processes.

The one place that runs read -> clean -> structure -> tag over a list of
files. Results already in the cache are read back without touching PDF or
spaCy; the others are shared out among worker processes, each of which builds
its spaCy pipeline once. Workers send back plain JSON-ready data; only this
(the parent) process writes the cache, and results come back in input order.
"""

from __future__ import annotations

import gc
import json
import os
import queue
import sys
import tempfile
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import forkserver, get_context
from contextlib import contextmanager
from typing import Callable

from .cache import Cache, entry_key
from .errors import LeftOut, SendscanError, bug, damaged_notice, shown
from .model import LEFT_OUT, Classified, Document
from .read import MAX_BYTES, regular_size

#: Called with (None, 0, how many files in all) as the run starts, then after
#: each file with (its path, its pages, how many files in all).
Progress = Callable[[str | None, int, int], None]


def classify_files(files: list[str], taxonomy_path: str | None, engine: str = "pypdfium2",
                   encoding: str | None = None, cache: Cache | None = None, jobs: int | None = 1,
                   progress: Progress | None = None, model=None, max_bytes: int = MAX_BYTES, whole: bool = True
                   ) -> tuple[list[Classified], list[SendscanError]]:
    """Classified documents for the files that could be read, and an error for each
    that could not, both in the order of `files`. `model` as for `tag.pipeline`;
    `whole` as for `api.classify`."""
    from .taxonomy import digest_of
    from .trained import model_digest

    if "-" in files and jobs != 1:
        with spooled_stdin(max_bytes) as spool:
            named = [spool if f == "-" else f for f in files]
            results, errors = classify_files(named, taxonomy_path, engine, encoding, cache, jobs, progress, model,
                                             max_bytes, whole)
        for result in results:
            if result.document.source == shown(spool):
                result.document.source = "-"
        for error in errors:
            if error.path == spool:
                error.path = "-"
        return results, errors
    # The taxonomy and the trained model both shape the result: both are in the key.
    digest = digest_of(taxonomy_path) + "+" + model_digest(model)
    done: dict[int, Classified | SendscanError] = {}
    keys: dict[int, str] = {}
    context = None
    if progress:
        progress(None, 0, len(files))
    for index, path in enumerate(files):
        keys[index] = key_of(path, engine, encoding, digest, max_bytes)
        found = cache.get(keys[index]) if cache and keys[index] else None
        # The worker server takes most of a second to start: it is started at
        # the first file to classify that may not be the last, while this
        # process looks up the rest (unused if that file is the only one).
        if found is None and context is None and min(jobs or os.cpu_count() or 1, len(files) - index) > 1:
            context = worker_context(taxonomy_path, model)
        if found is not None:
            try:
                done[index] = restored(found, path, whole)
            except (TypeError, KeyError, AttributeError, ValueError, IndexError):  # not as sendscan wrote it
                cache.drop(keys[index])
                continue
            if progress:
                progress(path, done[index].document.pages, len(files))
    missing = [i for i in range(len(files)) if i not in done]
    for index, result in classified(missing, files, taxonomy_path, engine, encoding, jobs, model, max_bytes, context):
        if isinstance(result, dict):
            if cache and keys[index]:
                cache.put(keys[index], shown(files[index]), result["classified"]["pages"], result)
            result = restored(result, files[index], whole)
        done[index] = result
        if progress:
            progress(files[index], result.document.pages if isinstance(result, Classified) else 0, len(files))
    results = [done[i] for i in range(len(files))]
    # Pages of a PDF too damaged to load are said, as extract says them (and on a warm run too).
    notices = [damaged_notice(r.document.damaged_pages, r.document.source) for r in results
               if isinstance(r, Classified) and r.document.damaged_pages]
    return [r for r in results if isinstance(r, Classified)], \
        [r for r in results if isinstance(r, SendscanError)] + notices


@contextmanager
def spooled_stdin(max_bytes: int):
    """Standard input saved to a temporary file, for worker processes, which
    do not share this process's standard input."""
    from .read import read_stdin

    data = read_stdin(max_bytes)
    handle, path = tempfile.mkstemp(prefix="sendscan-stdin-")
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(data)
        yield path
    finally:
        os.unlink(path)


def key_of(path: str, engine: str, encoding: str | None, taxonomy_digest: str, max_bytes: int) -> str | None:
    """The cache key of a file, or None where it cannot be read (reading it reports why).
    Only a regular file within the size limit is opened: a FIFO would block."""
    if path == "-":
        return None
    try:
        regular_size(path, max_bytes)
        with open(path, "rb") as f:
            return entry_key(f.read(max_bytes + 1), engine, encoding, taxonomy_digest)
    except (OSError, SendscanError):
        return None


def restored(data: dict, path: str, whole: bool = True) -> Classified:
    """The result as stored; the path is this run's (the same bytes may sit elsewhere).
    Not `whole`, without the text that only reading the document needs: its
    cleaned text and the body of each section that holds no findings (context,
    officials' responses, end matter); what is left is what a comparison reads."""
    classified = data["classified"] if whole else {
        **data["classified"], "sections": [{**s, "text": ""} if "text" in s else s for s in data["classified"]["sections"]]}
    result = Classified.from_dict(classified, data["text"] if whole else "")
    result.document.source = shown(path)
    result.document.damaged_pages = data.get("damaged_pages", [])
    return result


def classified(indexes: list[int], files: list[str], taxonomy_path: str | None, engine: str,
               encoding: str | None, jobs: int | None, model, max_bytes: int, context=None):
    """(index, result data or error) for each file, in the order they finish;
    `context` that of a worker server started already (see `worker_context`)."""
    if not indexes:
        return
    from .taxonomy import load

    workers = min(jobs or os.cpu_count() or 1, len(indexes))
    context = (context or worker_context(taxonomy_path, model)) if workers > 1 else None
    # Checked here, so that a bad taxonomy is one clear error, not one per worker
    # (while the worker server, already started, imports spaCy).
    taxonomy = load(taxonomy_path)
    if not context:
        worker = Worker(taxonomy, engine, encoding, model, max_bytes)
        for index in indexes:
            yield index, worker.classify(files[index])
        return
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=start_worker,
                               initargs=(taxonomy, engine, encoding, model, max_bytes, os.getpid()))
    try:
        yield from shared_out(pool, workers, indexes, files, engine, encoding, max_bytes)
    finally:  # interrupted (Ctrl-C), the files not yet started are dropped, not waited for
        pool.shutdown(wait=True, cancel_futures=True)


#: Documents read here and waiting for a worker to tag them, at most, for each
#: worker: as many as this process reads while the workers start (about a
#: second, at some 50 documents a second), so that it does not sit idle then;
#: few enough to hold little memory (some 10 MB in all).
WAITING_PER_WORKER = 32
#: Files given to the workers at once, for each, once they are there: one
#: being read and tagged, one waiting, so that none waits on this process.
AHEAD_PER_WORKER = 2


def shared_out(pool: ProcessPoolExecutor, workers: int, indexes: list[int], files: list[str], engine: str,
               encoding: str | None, max_bytes: int):
    """(index, result data or error) for each file, this process and the workers sharing the work.

    While the worker server imports spaCy and builds the pipeline (most of a
    second, on another core), this process would sit idle: instead it reads
    files itself (read, clean, structure), and the workers only tag what it
    read. Once the workers are there, they read the other files themselves,
    and this process only keeps each of them a file ahead and takes in their
    results: with a worker for each core, reading here too would leave the
    workers short of a core (440 files took 7% longer so)."""
    pending = list(reversed(indexes))  # popped from the end: in input order
    read: list[tuple[int, Document]] = []  # read here, not yet handed to a worker
    running: dict[Future, int] = {}
    # Each future is put here as it finishes. Not `concurrent.futures.wait`: it
    # takes the lock of every future in turn, and a Ctrl-C landing between two
    # left locks taken, so that the pool hung as it shut down (it must take
    # them to give the futures their results).
    finished: queue.SimpleQueue[Future] = queue.SimpleQueue()
    started = start_workers(pool, workers)

    def give(index: int, task, argument) -> None:
        future = submitted(pool, task, argument)
        running[future] = index
        future.add_done_callback(finished.put)

    while pending or read or running:
        if not started.is_set():
            if pending and len(read) < workers * WAITING_PER_WORKER:
                index = pending.pop()
                document = extracted(files[index], engine, encoding, max_bytes)
                if isinstance(document, SendscanError):
                    yield index, document
                else:
                    read.append((index, document))
            else:
                started.wait()
            continue
        while read and len(running) < workers * WAITING_PER_WORKER:
            index, document = read.pop(0)
            give(index, tag_in_worker, document)
        while pending and len(running) < workers * AHEAD_PER_WORKER:
            index = pending.pop()
            give(index, classify_in_worker, files[index])
        if running:
            future = finished.get()
            index = running.pop(future)
            yield index, outcome(future, files[index])


def start_workers(pool: ProcessPoolExecutor, workers: int) -> threading.Event:
    """Set once the workers are there. Starting a worker waits for the server
    to be ready (most of a second), so it is done on a thread of its own, while
    this one reads; a task given to the pool before then would wait as long."""
    started = threading.Event()

    def start() -> None:
        try:
            for _ in range(workers):  # the pool starts a worker for each task given while none is idle
                pool.submit(int)
        except BrokenProcessPool:  # the tasks given next say so
            pass
        started.set()

    threading.Thread(target=start, daemon=True).start()
    return started


def submitted(pool: ProcessPoolExecutor, task, argument) -> Future:
    """The task's future; once a worker has died, one that says so (as do those of the files it held)."""
    try:
        return pool.submit(task, argument)
    except BrokenProcessPool as error:
        future = Future()
        future.set_exception(error)
        return future


def outcome(future: Future, path: str) -> dict | SendscanError:
    """A worker's result; a worker's failure to start stops the run with its one error."""
    try:
        return future.result()
    except BrokenProcessPool:
        return SendscanError("a worker process died while reading this file (out of memory? or, from a script, "
                             "a call not under `if __name__ == \"__main__\":`)", path)


#: Set for the worker server alone, as it starts: the taxonomy file and the
#: model (JSON) whose pipeline it builds for its workers (see `sendscan.server`).
SERVER_PIPELINE = "SENDSCAN_SERVER_PIPELINE"


def worker_context(taxonomy_path: str | None, model):
    """Workers forked from a server process that imports spaCy and builds the
    run's pipeline once, so that each starts at once with it built, sharing
    its memory; safe whatever threads this process runs (the progress bar),
    unlike a plain fork. Where there is no fork (Windows), spawn.
    The server is started now, to do that while this process goes on."""
    try:
        context = get_context("forkserver")
    except ValueError:
        return get_context("spawn")
    # Every module a worker reads and tags with, imported once in the server for all of them.
    context.set_forkserver_preload(["sendscan.batch", "sendscan.api", "sendscan.clean", "sendscan.structure",
                                    "sendscan.server"])
    # The server is told through its environment, the one thing of this process it is started with.
    # Its numpy needs no OpenBLAS thread: one would spin for a tenth of a second on a core the run needs.
    told = {SERVER_PIPELINE: json.dumps([taxonomy_path and str(taxonomy_path),
                                         model if model is None or model is False else str(model)]),
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "1")}
    before = {name: os.environ.get(name) for name in told}
    os.environ.update(told)
    try:
        forkserver.ensure_running()
    finally:
        for name, value in before.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value
    return context


class Worker:
    """What one process needs to classify files: a spaCy pipeline, built once."""

    def __init__(self, taxonomy, engine: str, encoding: str | None, model, max_bytes: int):
        self.nlp = prebuilt(taxonomy, model) or built(taxonomy, model)
        self.taxonomy, self.engine, self.encoding, self.max_bytes = taxonomy.name, engine, encoding, max_bytes

    def classify(self, path: str) -> dict | SendscanError:
        """One file's classified JSON and text (what the cache stores), or why it failed.
        (The file is read again here although hashing read it: the OS has it cached,
        and sending its bytes to a worker would copy them all the same.)"""
        document = extracted(path, self.engine, self.encoding, self.max_bytes)
        return document if isinstance(document, SendscanError) else self.tag(document)

    def tag(self, document: Document) -> dict | SendscanError:
        """The classified JSON and text of a document read already."""
        from .tag import tag_document

        try:
            result = Classified(document, tag_document(self.nlp, document), self.taxonomy)
            return {"classified": result.to_dict(), "text": document.text, "damaged_pages": document.damaged_pages}
        except Exception as error:  # a bug of ours must not stop the batch
            return bug(error, document.source)


def extracted(path: str, engine: str, encoding: str | None, max_bytes: int) -> Document | SendscanError:
    """The document to tag, or why there is none (it failed, or is left out of tagging)."""
    from .api import extract

    try:
        document = extract(path, engine=engine, encoding=encoding, max_bytes=max_bytes)
    except SendscanError as error:
        return error
    except Exception as error:  # a bug of ours must not stop the batch
        return bug(error, path)
    if document.doc_type in LEFT_OUT:
        return LeftOut(f"is {LEFT_OUT[document.doc_type]}; left out of tagging and comparisons", path)
    return document


def prebuilt(taxonomy, model):
    """The pipeline the worker server built before forking this worker, where
    it is this run's (a server outlives a run in a script: a later run may
    ask for another taxonomy or model); None elsewhere."""
    from .trained import model_digest

    server = sys.modules.get("sendscan.server")
    if server is None or server.prebuilt is None:
        return None
    key, nlp = server.prebuilt
    return nlp if key == (taxonomy.digest, model_digest(model)) else None


def built(taxonomy, model=None):
    """The taxonomy's spaCy pipeline (`model` as for `tag.pipeline`);
    TaxonomyError (one line, exit 2) where spaCy rejects one of its token patterns."""
    from .tag import pipeline
    from .taxonomy import spacy_problem

    try:
        return pipeline(taxonomy, model)
    except ValueError as error:  # spaCy's MatchPatternError and config errors
        raise spacy_problem(taxonomy, error) from None


# --- in each worker process ---------------------------------------------------

_worker: Worker | None = None
#: Why this worker could not start (a taxonomy spaCy rejects): given back for
#: the first file, which stops the run with that one error.
_failure: SendscanError | None = None


def start_worker(taxonomy, engine: str, encoding: str | None, model, max_bytes: int, parent: int) -> None:
    global _worker, _failure
    threading.Thread(target=end_with, args=(parent,), daemon=True).start()
    try:
        _worker = Worker(taxonomy, engine, encoding, model, max_bytes)
    except SendscanError as error:
        _failure = error
    # spaCy and the pipeline are built and live to the end: the collector need
    # not walk their objects again on every full collection while tagging.
    gc.freeze()


def end_with(parent: int, every: float = 0.5) -> None:
    """End this worker when the process that started the run is gone (killed
    with -9, it cannot say so): an idle worker holds some 100 MB."""
    while alive(parent):
        time.sleep(every)
    os._exit(1)


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:  # Linux: a zombie is dead too
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def classify_in_worker(path: str) -> dict | SendscanError:
    if _worker is None:
        raise _failure
    return _worker.classify(path)


def tag_in_worker(document: Document) -> dict | SendscanError:
    if _worker is None:
        raise _failure
    return _worker.tag(document)
