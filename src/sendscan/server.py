"""The worker server's start. The server imports this module alone (a
forkserver preload; no other process does): spaCy is imported and the run's
pipeline built once, before any worker is forked, so that every worker starts
with it built and their memory shares it (the collector frozen, a worker's
pages stay shared). The run names its taxonomy and model in the server's
environment (`batch.SERVER_PIPELINE`); where none is named, or the pipeline
cannot be built, the workers build theirs and report what is wrong."""

from __future__ import annotations

import gc
import json
import os

from . import tag  # noqa: F401  (spaCy, imported once for every worker)
from .batch import SERVER_PIPELINE

#: ((taxonomy digest, model digest), the pipeline), or None.
prebuilt = None


def built_for(wanted: str):
    """The pipeline of the [taxonomy file, model] named, with what identifies it."""
    from .batch import built
    from .taxonomy import load
    from .trained import model_digest

    taxonomy_path, model = json.loads(wanted)
    taxonomy = load(taxonomy_path)
    return (taxonomy.digest, model_digest(model)), built(taxonomy, model)


if os.environ.get(SERVER_PIPELINE):
    try:
        prebuilt = built_for(os.environ[SERVER_PIPELINE])
    except Exception:  # noqa: BLE001  (an error here would stop the server: the workers say it)
        prebuilt = None
gc.freeze()
