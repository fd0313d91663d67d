"""`sendscan evaluate`: precision, recall and F1 of the taxonomy against gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..errors import SendscanError, UsageError
from ..export import to_json
from ..metrics import gate, headline, junit_xml
from .options import (
    EngineOption, Format, InfoFormat, ModelOption, OutputOption, RulesOnlyOption, SeedOption, TaxonomyOption, format_option,
    model_choice,
)
from .output import check_writable, emit, fail, stderr, write


def evaluate(
    gold: Annotated[list[Path], typer.Argument(help="Gold files (JSON lines; see README).", show_default=False)],
    documents: Annotated[Optional[list[Path]], typer.Option(
        "--documents", "-d", help="Folder holding the documents the gold names (repeatable; the gold file's own folder is searched too).")] = None,
    taxonomy: TaxonomyOption = None,
    model: ModelOption = None,
    rules_only: RulesOnlyOption = False,
    folds: Annotated[Optional[int], typer.Option(
        "--folds", min=2, help="Cross-validate the trained part by document in this many folds, instead of using a trained model.",
        show_default=False)] = None,
    train: Annotated[Optional[list[Path]], typer.Option(
        "--train", help="With --folds: gold used only for training, never scored (repeatable).", show_default=False)] = None,
    seed: SeedOption = 0,
    min_f1: Annotated[Optional[float], typer.Option("--min-f1", help="Exit 1 if a headline F1 is below this.")] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Exit 1 if a headline F1 fell from this saved baseline by more than --tolerance.")] = None,
    save_baseline: Annotated[Optional[Path], typer.Option("--save-baseline", help="Save this run's headline figures as a baseline.")] = None,
    tolerance: Annotated[float, typer.Option("--tolerance", help="How far below the baseline is allowed.")] = 0.01,
    junit: Annotated[Optional[Path], typer.Option("--junit", help="Write a JUnit XML report here, for CI systems.")] = None,
    format: format_option(InfoFormat) = InfoFormat.table,
    output: OutputOption = None,
    engine: EngineOption = "pypdfium2",
) -> None:
    """Score the tagger against gold annotations, at finding and document level and on narrative sentences."""
    from ..api import evaluate as evaluate_gold

    format = Format(format.value)
    try:
        check_writable(output, save_baseline, junit)
        if train and not folds:
            raise UsageError("--train goes with --folds (gold to train on while cross-validating)")
        if seed and not folds:
            raise UsageError("--seed goes with --folds (it draws the folds)")
        report = evaluate_gold([str(g) for g in gold], [str(d) for d in documents or []], taxonomy, engine,
                               model_choice(model, rules_only), folds, [str(t) for t in train or []], seed)
        previous = read_baseline(baseline) if baseline else None
    except SendscanError as error:
        raise fail(error) from None
    reasons = gate(report, min_f1, previous, tolerance)
    report["gate"] = {"passed": not reasons, "reasons": reasons}
    # Files first: a reader that stops early (`| head`) must not cost CI its report.
    if save_baseline:
        write(save_baseline, json.dumps(headline(report), indent=2) + "\n")
    if junit:
        write(junit, junit_xml(report, reasons))
    if format is Format.json:
        emit(to_json([report], single=True), output)
    else:
        show(report, output)
    for reason in reasons:
        stderr.print(f"[bold red]quality gate[/]: {reason}", highlight=False)
    if reasons:
        raise typer.Exit(code=1)


def model_line(model: dict) -> str:
    if model.get("cross_validated_folds"):
        return (f"cross-validated by document, {model['cross_validated_folds']} folds drawn with seed {model['seed']} "
                "(each fold tagged by a model trained without it)")
    return f"{model['path']} ({model['digest']})" if model.get("path") else "rules only"


def read_baseline(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise SendscanError(f"cannot read the baseline ({e})", str(path)) from None


def show(report: dict, output: Path | None) -> None:
    console = Console(record=bool(output), width=100 if output else None)
    summary = Table(title=Text(f"{report['documents']} documents, {report['findings']} gold findings "
                               f"(taxonomy {report['taxonomy']['name']})"), title_justify="left")
    for column in ("level", "precision", "recall", "micro-F1", "macro-F1"):
        summary.add_column(column, justify="right" if column != "level" else "left")
    levels = [("finding", report["finding_level"])] + [
        (f"document: {k}", v) for k, v in report["document_level"].items()]
    for name, level in levels:
        micro = level["micro"]
        summary.add_row(name, f"{micro['precision']:.3f}", f"{micro['recall']:.3f}", f"{micro['f1']:.3f}", f"{level['macro_f1']:.3f}")
    console.print(summary)
    if report["polarity_accuracy"] is not None:
        console.print(f"Polarity accuracy over gold findings: {report['polarity_accuracy']:.3f}")
    narrative = report["narrative"]
    if narrative["sentences"]:
        micro = narrative["categories"]["micro"]
        console.print(f"Narrative, {narrative['sentences']} sentences: polarity accuracy {narrative['polarity_accuracy']:.3f}; "
                      f"categories precision {micro['precision']:.3f}, recall {micro['recall']:.3f}, micro-F1 {micro['f1']:.3f}")
    console.print(f"Model: {model_line(report['model'])}", highlight=False)
    if report["model"].get("in_sample_documents"):
        console.print(f"[yellow]Note[/]: the model was trained on {len(report['model']['in_sample_documents'])} of these "
                      "documents, so these figures are in-sample; for what to expect on new reports use --folds "
                      "(or --rules-only to judge the taxonomy alone).")
    categories = Table(title="Per category, finding level", title_justify="left")
    for column in ("category", "P", "R", "F1", "tp", "fp", "fn"):
        categories.add_column(column, justify="right" if column != "category" else "left")
    for name, c in sorted(report["finding_level"]["per_category"].items(), key=lambda kv: kv[1]["f1"]):
        categories.add_row(name, f"{c['precision']:.2f}", f"{c['recall']:.2f}", f"{c['f1']:.2f}", str(c["tp"]), str(c["fp"]), str(c["fn"]))
    console.print(categories)
    if report["confusions"]:
        confusions = Table(title="Worst confusions (gold category missed, another predicted instead)", title_justify="left")
        for column in ("gold", "predicted instead", "findings"):
            confusions.add_column(column)
        for c in report["confusions"][:10]:
            confusions.add_row(c["gold"], c["predicted"], str(c["count"]))
        console.print(confusions)
    if output:
        write(output, console.export_text())
