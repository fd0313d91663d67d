"""`sendscan classify`: each finding tagged with the taxonomy's categories."""

from __future__ import annotations

from ..errors import SendscanError
from ..export import CLASSIFY_COLUMNS, classified_markdown, finding_rows, to_csv, to_json, to_jsonl
from .options import (
    ClassifyFormat, Engine, format_option,
    MAX_SIZE_MB, CacheOption, CategoryOption, EncodingOption, EngineOption, Format, JobsOption,
    MaxSizeOption, ModelOption, NoCacheOption, OutputOption, PathsArgument, Polarity, PolarityOption, RulesOnlyOption,
    TaxonomyOption, cache_choice, max_bytes, model_choice,
)
from .output import check_writable, emit, emit_renderable, fail, failed, finish, running


def classify(
    paths: PathsArgument,
    taxonomy: TaxonomyOption = None,
    model: ModelOption = None,
    rules_only: RulesOnlyOption = False,
    polarity: PolarityOption = Polarity.all,
    category: CategoryOption = None,
    format: format_option(ClassifyFormat) = ClassifyFormat.table,
    output: OutputOption = None,
    engine: EngineOption = Engine.pypdfium2,
    encoding: EncodingOption = None,
    jobs: JobsOption = None,
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
    max_size: MaxSizeOption = MAX_SIZE_MB,
) -> None:
    """Tag each finding with categories, polarity and evidence; summarise each document."""
    from ..api import classify as classify_all
    from ..taxonomy import check_categories, load

    format, engine = Format(format.value), engine.value
    try:
        check_writable(output)
        chosen_cache = cache_choice(cache, no_cache)
        if category:
            check_categories(load(taxonomy), category)
        with running("classifying", chosen_cache is not False) as progress:
            results, errors = classify_all(paths, taxonomy, engine, encoding, chosen_cache, jobs, progress,
                                           model_choice(model, rules_only), max_bytes(max_size))
    except SendscanError as error:
        raise fail(error) from None
    chosen = (polarity.value, category or None)
    if format is Format.table:
        from ..render import classified_view

        emit_renderable([classified_view(r, *chosen) for r in results], output)
    elif format is Format.csv:
        emit(to_csv(finding_rows(results, *chosen), CLASSIFY_COLUMNS), output)
    elif format is Format.markdown:
        emit(classified_markdown(results, *chosen), output)
    elif results or format is Format.jsonl:
        dicts = [r.to_dict(*chosen) for r in results]
        single = len(paths) == 1 and len(results) == 1 and not failed(errors)
        emit(to_json(dicts, single) if format is Format.json else to_jsonl(dicts), output)
    finish(errors)
