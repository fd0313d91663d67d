"""tag: the spaCy pipeline built from the taxonomy - examples, negation,
polarity, and saving and loading the pipeline."""

from __future__ import annotations

import pytest
import spacy

from sendscan.tag import example_problems, pipeline, tag_texts
from sendscan.taxonomy import load


@pytest.fixture(scope="module")
def taxonomy():
    return load()


@pytest.fixture(scope="module")
def nlp(taxonomy):
    return pipeline(taxonomy)


def test_the_taxonomys_own_examples_behave_as_declared(taxonomy, nlp):
    assert [str(p) for p in example_problems(taxonomy, nlp)] == []


def test_pipeline_is_blank_english_with_our_registered_components(nlp):
    assert nlp.lang == "en" and not nlp.meta.get("vectors", {}).get("width")
    assert nlp.pipe_names == ["lemmatizer", "span_ruler", "sendscan_categorizer_v1", "sendscan_polarity_v1"]


def test_lemmas_let_one_pattern_match_every_form(nlp):
    texts = ["Children waited too long.", "Children are waiting too long.", "Children wait too long."]
    assert all("health_waits" in t.ids() for t in tag_texts(nlp, texts))


def test_each_category_carries_a_score_and_its_evidence(nlp):
    [tag] = tag_texts(nlp, ["Families wait too long for speech and language therapy."])
    hit = next(c for c in tag.categories if c["id"] == "health_waits")
    assert 0 < hit["score"] <= 1
    assert any("wait" in e for e in hit["evidence"])


@pytest.mark.parametrize("sentence, polarity", [
    ("There are no concerns about waiting times.", "strength"),
    ("Children wait too long for assessments.", "weakness"),
    ("Leaders do not work together effectively.", "weakness"),
    ("Partners work together effectively.", "strength"),
    ("The area has not made sufficient progress.", "weakness"),
    ("The council published its annual report in May.", "neutral"),
])
def test_narrative_polarity_comes_from_the_sentence_with_negation(nlp, sentence, polarity):
    assert tag_texts(nlp, [sentence], section="narrative")[0].polarity == polarity


def test_negated_waiting_times_are_not_a_weakness(nlp):
    [tag] = tag_texts(nlp, ["There are no concerns about waiting times for therapy."], section="narrative")
    assert tag.polarity != "weakness"


@pytest.mark.parametrize("section, polarity", [
    ("strength", "strength"), ("weakness", "weakness"), ("recommendation", "weakness"),
    ("priority_action", "weakness"), ("significant_weakness", "weakness"),
])
def test_the_section_decides_polarity_where_the_letter_gives_one(nlp, section, polarity):
    # The words alone would say otherwise: the section wins.
    text = "Children wait too long." if polarity == "strength" else "Services work together effectively."
    assert tag_texts(nlp, [text], section=section)[0].polarity == polarity


def test_saved_pipeline_loads_back_and_tags_the_same(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    texts = ["Young people wait too long for CAMHS.", "There are no concerns about short breaks."]
    assert [(t.polarity, t.categories) for t in tag_texts(loaded, texts)] == \
           [(t.polarity, t.categories) for t in tag_texts(nlp, texts)]


def test_an_exclusion_cancels_the_match_it_overlaps(tmp_path):
    from test_taxonomy import minimal, write

    path = write(tmp_path, minimal(patterns="      - exclusion\n").replace(
        "    patterns:\n      - exclusion\n", "    patterns:\n      - exclusion\n    exclude:\n      - social exclusion\n"))
    nlp = pipeline(load(path))
    first = load(path).categories[0].id
    assert first in tag_texts(nlp, ["Exclusion rates are high."])[0].ids()
    assert first not in tag_texts(nlp, ["Social exclusion is a risk."])[0].ids()


def test_a_token_pattern_spacy_rejects_is_reported(tmp_path):
    from test_taxonomy import minimal, write

    path = write(tmp_path, minimal(patterns="      - {tokens: [{LEMMA: wait, OP: \"many\"}]}\n"))
    problems = example_problems(load(path))
    assert problems and "token pattern is not valid" in str(problems[0])
