"""tag.training and `sendscan train`: a model trained on a small gold set the
test writes, saved, loaded by spaCy and by `--model`, the same for the same
seed; folds keep each document whole; `evaluate --folds` cross-validates."""

from __future__ import annotations

import json

import pytest
import spacy

from conftest import ROOT, SAMPLES, gold_file
from sendscan.tag.training import fold_indexes

REPORTS = ("report_2023_systemic.pdf", "report_2023_positive.pdf", "report_2023_inconsistent.pdf",
           "letter_2016_wsoa.pdf", "letter_2016_no_wsoa.pdf")


@pytest.fixture(scope="module")
def gold(tmp_path_factory):
    """The samples' bullets and narrative sentences, from the project's own gold."""
    lines = [line for line in (ROOT / "taxonomy" / "gold" / "samples.jsonl").read_text(encoding="utf-8").splitlines()
             if line.startswith("{") and json.loads(line)["document"] in REPORTS]
    path = tmp_path_factory.mktemp("gold") / "small.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trained(gold, tmp_path_factory):
    from typer.testing import CliRunner

    from sendscan.cli import app

    out = tmp_path_factory.mktemp("model") / "model"
    result = CliRunner().invoke(app, ["train", str(gold), "-d", str(SAMPLES), "--folds", "2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_train_writes_a_pipeline_spacy_loads_with_both_trained_components(trained):
    assert (trained / "checker" / "model.msgpack").is_file() and (trained / "polarity" / "model.msgpack").is_file()
    nlp = spacy.load(trained)
    assert nlp.get_pipe("checker").trained and nlp.get_pipe("polarity").model.trained
    doc = nlp("children wait too long for speech and language therapy.")
    assert doc._.polarity in ("weakness", "strength", "neutral")


def test_the_same_gold_and_seed_give_the_same_model(gold, trained, cli, tmp_path):
    again = tmp_path / "again"
    assert cli("train", str(gold), "-d", str(SAMPLES), "--folds", "2", "-o", str(again)).exit_code == 0
    for name in ("checker", "polarity"):
        assert (again / name / "model.msgpack").read_bytes() == (trained / name / "model.msgpack").read_bytes()


def test_classify_uses_a_trained_model_given_with_model(trained, cli):
    result = cli("classify", str(SAMPLES / "report_2023_systemic.pdf"), "--model", str(trained), "--no-cache", "-f", "json")
    assert result.exit_code == 0, result.stderr
    findings = [f for s in json.loads(result.stdout)["sections"] for f in s["findings"]]
    assert findings and all(f["polarity"] in ("weakness", "strength", "neutral") for f in findings)


def test_a_folder_that_is_not_a_model_is_one_line_and_exit_2(cli, tmp_path):
    result = cli("classify", str(SAMPLES / "report_2023_systemic.pdf"), "--model", str(tmp_path), "--no-cache")
    assert result.exit_code == 2
    assert "is not a sendscan model" in result.stderr and "Traceback" not in result.stderr


def test_evaluate_cross_validates_by_document(gold, cli):
    result = cli("evaluate", str(gold), "-d", str(SAMPLES), "--folds", "2", "-f", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["model"] == {"cross_validated_folds": 2, "seed": 0}
    assert report["narrative"]["sentences"] == 16 and report["findings"] > 20


def test_evaluate_draws_other_folds_with_another_seed_and_says_which(gold, cli):
    result = cli("evaluate", str(gold), "-d", str(SAMPLES), "--folds", "2", "--seed", "3", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["model"] == {"cross_validated_folds": 2, "seed": 3}
    table = cli("evaluate", str(gold), "-d", str(SAMPLES), "--folds", "2", "--seed", "3")
    assert "2 folds drawn with seed 3" in table.stdout


def test_a_seed_without_folds_is_one_line_and_exit_2(gold, cli):
    result = cli("evaluate", str(gold), "-d", str(SAMPLES), "--seed", "3")
    assert result.exit_code == 2
    assert "--seed goes with --folds" in result.stderr and "Traceback" not in result.stderr


def test_folds_keep_every_document_whole_and_cover_them_all():
    groups = ["a", "a", "b", "c", "c", "c", "d", "e"]
    folds = fold_indexes(groups, 3, seed=0)
    assert sorted(i for fold in folds for i in fold) == list(range(len(groups)))
    for fold in folds:
        assert all(groups[i] not in {groups[j] for other in folds if other is not fold for j in other} for i in fold)
    assert folds == fold_indexes(groups, 3, seed=0)


def test_written_lines_that_train_polarity_alone_give_the_checker_no_categories(tmp_path):
    from sendscan.api import built, gold_and_documents
    from sendscan.tag.training import examples

    path = gold_file(tmp_path, [
        {"text": "Families wait far too long for a wheelchair.", "section": "narrative",
         "categories": ["health_waits"], "polarity": "weakness"},
        {"text": "Short breaks are a lifeline, and families value them.", "section": "narrative",
         "categories": ["social_care"], "polarity": "strength", "trains": "polarity"},
    ], "written.jsonl")
    chosen, items, _, documents = gold_and_documents([str(path)], [], [], None, "pypdfium2")
    found = examples(built(chosen, model=False), items, documents, chosen.top)
    assert [(e.categories, e.polarity) for e in found] == [({"health_waits"}, "weakness"), (None, "strength")]


def test_training_learns_how_a_narrative_sentences_neighbours_count_and_saves_it(trained):
    # The context model learns from the samples' narrative sentences (their
    # probabilities out of fold, and their paragraphs' read as one finding)
    # and loads back with the pipeline.
    context = spacy.load(trained).get_pipe("checker").context
    assert context.trained and context.labels == ["in"]
    assert {"own", "before", "after", "paragraph_topic"} <= set(context.features)
