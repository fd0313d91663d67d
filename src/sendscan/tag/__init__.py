"""Tag: findings -> categories of the taxonomy, with scores, evidence and polarity.

One module per kind of component: `rules` (the taxonomy's patterns to
categories), `checker` (a trained model that confirms, removes or adds
categories), `polarity` (section or sentence polarity), with `features` and
`linear` beneath the two trained ones and `training` that trains them from
gold; `pipeline` builds the spaCy pipeline and runs it over findings.
"""

import sys
import types


def import_spacy_without_its_cli() -> None:
    """Import spaCy without the command line it imports at start-up.

    spaCy's `__init__` imports its whole CLI (every command's typer app and
    its download code, about a third of spaCy's import time) only to offer
    `spacy.info`; sendscan never runs spaCy's CLI, and every tagging command
    waits on this import. The CLI is stood in for while spaCy imports and
    taken away after, so that `import spacy.cli` later still imports the
    real one, and `spacy.info` imports it when called."""
    if "spacy" in sys.modules:
        return
    stand_ins = {"spacy.cli": types.ModuleType("spacy.cli"), "spacy.cli.info": types.ModuleType("spacy.cli.info")}
    stand_ins["spacy.cli"].__path__ = []
    stand_ins["spacy.cli.info"].info = info
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    spacy.info = info


def info(*args, **kwargs):
    """spaCy's `spacy.info`, its CLI imported on first call."""
    from spacy.cli.info import info as spacy_info

    return spacy_info(*args, **kwargs)


import_spacy_without_its_cli()

from .examples import example_problems  # noqa: E402  (after spaCy's import above)
from .pipeline import pipeline, tag_document, tag_texts  # noqa: E402

__all__ = ["example_problems", "pipeline", "tag_document", "tag_texts"]
