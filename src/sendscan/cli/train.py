"""`sendscan train`: train the checker and sentence polarity on gold."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import SendscanError
from .options import EngineOption, SeedOption, TaxonomyOption
from .output import fail, stderr


def train(
    gold: Annotated[list[Path], typer.Argument(help="Gold files (JSON lines; see README).", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", file_okay=False,
                                         help="Folder to write the trained pipeline to (give it to --model).")],
    documents: Annotated[Optional[list[Path]], typer.Option(
        "--documents", "-d", help="Folder holding the documents the gold names (repeatable; the gold file's own folder is searched too).")] = None,
    taxonomy: TaxonomyOption = None,
    folds: Annotated[int, typer.Option("--folds", min=2, help="Folds by document for choosing the thresholds.")] = 5,
    seed: SeedOption = 0,
    engine: EngineOption = "pypdfium2",
) -> None:
    """Train the checker and the sentence polarity on gold, and save the pipeline."""
    from ..api import train as train_model

    try:
        folder = train_model([str(g) for g in gold], output, [str(d) for d in documents or []], taxonomy, engine, folds, seed)
    except SendscanError as error:
        raise fail(error) from None
    stderr.print(f"trained model written to {folder}", highlight=False, markup=False)
