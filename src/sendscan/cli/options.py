"""Options shared by several commands, defined once."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import UsageError


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"


def formats(*names: str) -> type[Enum]:
    """The formats one command writes, as choices that its help and shell
    completion list (so none is offered and then refused)."""
    return Enum("Formats", {name: name for name in names}, type=str)


def format_option(choices: type[Enum]):
    return Annotated[choices, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)]


ExtractFormat = formats("table", "json", "jsonl", "markdown")
ClassifyFormat = formats("table", "json", "jsonl", "csv", "markdown")
CompareFormat = formats("table", "csv", "json", "markdown", "xlsx")
#: cache info and evaluate: a table or JSON.
InfoFormat = formats("table", "json")


class Engine(str, Enum):
    pypdfium2 = "pypdfium2"
    pdfplumber = "pdfplumber"
OutputOption = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="Write to this file (all at once, never half-written) instead of standard output.",
                 dir_okay=False, writable=True),
]
EngineOption = Annotated[
    Engine, typer.Option("--engine", help="PDF text engine: pypdfium2 (fast) or pdfplumber."),
]
EncodingOption = Annotated[
    Optional[str], typer.Option("--encoding", help="Encoding of text and HTML inputs (default: UTF-8, or UTF-16 by its BOM)."),
]
MaxSizeOption = Annotated[
    float, typer.Option("--max-size", min=0, metavar="MB",
                        help="Refuse input files larger than this many megabytes (a larger file is most often a mistake)."),
]
#: --max-size's default, in MB.
MAX_SIZE_MB = 50


def max_bytes(megabytes: float) -> int:
    return int(megabytes * 2**20)


PathsArgument = Annotated[
    list[str], typer.Argument(help="Files or directories to read (PDF, HTML, text); - reads standard input.", show_default=False),
]


class Polarity(str, Enum):
    all = "all"
    weakness = "weakness"
    strength = "strength"
    neutral = "neutral"


TaxonomyOption = Annotated[
    Optional[Path], typer.Option("--taxonomy", help="Taxonomy YAML file (default: the one shipped with sendscan).",
                                 exists=False, dir_okay=False),
]
ModelOption = Annotated[
    Optional[Path], typer.Option("--model", help="Trained model folder from `sendscan train` [default: the one shipped with sendscan].",
                                 file_okay=False, show_default=False),
]
RulesOnlyOption = Annotated[
    bool, typer.Option("--rules-only", help="Tag by the taxonomy's rules alone, without the trained checker and polarity."),
]
PolarityOption = Annotated[Polarity, typer.Option("--polarity", help="Show only findings of this polarity.")]
CategoryOption = Annotated[
    Optional[list[str]], typer.Option("--category", "-c", help="Show only findings with this category id (repeatable)."),
]
JobsOption = Annotated[
    Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes \\[default: one per core].", show_default=False),
]
CacheOption = Annotated[
    Optional[Path], typer.Option("--cache", help="Cache file \\[default: $SENDSCAN_CACHE, or sendscan's user cache directory].",
                                 show_default=False),
]
SeedOption = Annotated[
    int, typer.Option("--seed", help="Seed of the folds by document: the same gold and seed give the same folds, "
                                     "and training the same model."),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the cache: do every file afresh."),
]


def model_choice(model: Path | None, rules_only: bool) -> Path | None | bool:
    """What --model and --rules-only ask of the API's `model` argument."""
    if model and rules_only:
        raise UsageError("--model and --rules-only contradict each other; give one")
    return False if rules_only else model


def cache_choice(cache: Path | None, no_cache: bool) -> Path | bool:
    """What --cache and --no-cache ask of the API's `cache` argument."""
    if cache and no_cache:
        raise UsageError("--cache and --no-cache contradict each other; give one")
    return False if no_cache else cache or True
