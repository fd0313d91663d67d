"""tag.rules: the taxonomy's patterns through spaCy's span ruler and the
categorizer - examples, lemmas, scores and evidence, exclusions - and the
pipeline they sit in."""

from __future__ import annotations

import pytest

from conftest import SAMPLES
from sendscan.tag import example_problems, pipeline, tag_texts
from sendscan.taxonomy import load


@pytest.fixture(scope="module")
def taxonomy():
    return load()


@pytest.fixture(scope="module")
def nlp(taxonomy):
    return pipeline(taxonomy, model=False)  # the rules alone, as the taxonomy's authors wrote them


def test_the_taxonomys_own_examples_behave_as_declared(taxonomy, nlp):
    assert [str(p) for p in example_problems(taxonomy, nlp)] == []


def test_pipeline_is_blank_english_with_our_registered_components(nlp):
    assert nlp.lang == "en" and not nlp.meta.get("vectors", {}).get("width")
    assert nlp.pipe_names == ["lemmatizer", "ruler", "categorizer", "checker", "polarity"]
    assert [nlp.get_pipe_meta(n).factory for n in nlp.pipe_names] == ["sendscan_lemmatizer_v1",
        "sendscan_ruler_v1", "sendscan_categorizer_v1", "sendscan_checker_v2", "sendscan_polarity_v2"]


def test_lemmas_let_one_pattern_match_every_form(nlp):
    texts = ["Children waited too long.", "Children are waiting too long.", "Children wait too long."]
    assert all("health_waits" in t.ids() for t in tag_texts(nlp, texts))


def test_each_category_carries_a_score_and_its_evidence(nlp):
    [tag] = tag_texts(nlp, ["Families wait too long for speech and language therapy."])
    hit = next(c for c in tag.categories if c["id"] == "health_waits")
    assert 0 < hit["score"] <= 1
    assert any("wait" in e for e in hit["evidence"])


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


def test_the_word_indexed_ruler_finds_exactly_the_spans_of_spacys_span_ruler(taxonomy, nlp):
    import spacy

    from conftest import CORPUS, SAMPLES
    from sendscan.api import extract
    from sendscan.tag.pipeline import finding_docs
    from sendscan.tag.rules import SPANS_KEY, ruler_patterns

    plain = spacy.blank("en")
    plain.add_pipe("lemmatizer", config={"mode": "lookup"})
    plain.add_pipe("span_ruler", config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "LEMMA", "validate": True})
    plain.initialize()
    plain.get_pipe("span_ruler").add_patterns(ruler_patterns(taxonomy))
    files = sorted(SAMPLES.glob("*.pdf")) + sorted(CORPUS.glob("*.pdf"))[:6]
    compared = 0
    for file in files:
        pairs = list(extract(str(file)).findings())
        for ours, theirs in zip(nlp.pipe(finding_docs(nlp, pairs)), plain.pipe(finding_docs(plain, pairs))):
            assert [(s.start, s.end, s.label_, s.id_) for s in ours.spans[SPANS_KEY]] == \
                   [(s.start, s.end, s.label_, s.id_) for s in theirs.spans[SPANS_KEY]]
            compared += 1
    assert compared > 50


@pytest.mark.parametrize("pattern, anchors", [
    ([{"LEMMA": "strategy"}], {"strategy"}),
    ([{"LOWER": {"IN": ["no", "clear"]}}, {"LEMMA": "strategy"}], {"strategy"}),
    ([{"LEMMA": "delay"}, {"OP": "{0,5}"}, {"LOWER": {"IN": ["ehc", "education"]}}], {"delay"}),
    ([{"LOWER": "of", "OP": "?"}, {"IS_PUNCT": False, "OP": "+"}], None),  # nothing to index by: always run
    ([{"LOWER": "a", "OP": "{2}"}], {"a"}),
])
def test_a_token_pattern_is_indexed_by_the_words_it_cannot_match_without(pattern, anchors):
    from sendscan.tag.rules import anchor_words

    assert anchor_words(pattern) == (frozenset(anchors) if anchors else None)


@pytest.mark.parametrize("pattern, needs", [
    ([{"LOWER": {"IN": ["no", "clear"]}}, {"LEMMA": "strategy"}], [{"no", "clear"}, {"strategy"}]),
    ([{"LEMMA": "leader"}, {"OP": "?"}, {"LOWER": "not", "OP": "?"}, {"LOWER": "acted"}], [{"leader"}, {"acted"}]),
    ([{"LOWER": "of", "OP": "?"}, {"IS_PUNCT": False, "OP": "+"}], []),  # nothing to tell by
    ([{"NORM": "not"}, {"LOWER": "met"}], [{"met"}]),  # a norm may be no word of the finding's ("n't")
])
def test_a_token_pattern_runs_only_on_findings_that_hold_a_word_for_each_token_it_needs(pattern, needs):
    from sendscan.tag.rules import required_words

    assert required_words(pattern) == [frozenset(words) for words in needs]


@pytest.mark.parametrize("pattern, length", [
    ([{"LOWER": "too"}, {"LOWER": "long"}], 2),
    ([{"LEMMA": "wait"}, {"OP": "{0,3}"}, {"LOWER": "too"}, {"LOWER": "long"}], 6),
    ([{"LEMMA": "leader"}, {"OP": "?"}, {"LOWER": "not"}], 3),
    ([{"LOWER": "quality"}, {"OP": "*"}, {"LOWER": "plans"}], None),
    ([{"LOWER": "a"}, {"OP": "{2,}"}], None),
])
def test_longest_match_a_token_pattern_can_span(pattern, length):
    from sendscan.tag.rules import longest

    assert longest(pattern) == length


def test_windows_around_anchor_words_merge_and_stay_in_the_doc():
    from sendscan.tag.rules import windows

    assert windows([0, 2, 20], 2, 3, 22) == [(0, 5), (18, 22)]
    assert windows([3, 20], 1, None, 22) == [(2, 22)]


@pytest.mark.parametrize("pattern, anchors, before_after", [
    ([{"LEMMA": "wait"}, {"OP": "{0,3}"}, {"LOWER": "too"}, {"LOWER": "long"}], {"wait"}, (0, 6)),
    ([{"LOWER": "ehc"}, {"OP": "{0,5}"}, {"LOWER": "quality"}], {"quality"}, (6, 1)),
    ([{"LOWER": "quality"}, {"LOWER": "of"}, {"OP": "*"}, {"LOWER": "plans"}], {"quality"}, (0, None)),
    ([{"OP": "+"}, {"LOWER": "a", "OP": "{2,3}"}, {"LOWER": "b"}], {"a"}, (None, 4)),
])
def test_a_match_reaches_so_far_before_and_after_its_anchor_word(pattern, anchors, before_after):
    from sendscan.tag.rules import reach

    assert reach(pattern, frozenset(anchors)) == before_after


def test_narrative_sentences_know_their_neighbours_and_paragraph_in_a_report_but_not_in_news(nlp):
    # The checker weighs a narrative sentence with its neighbours; a report's
    # paragraphs are the PDF's (the systemic sample's narrative is two
    # paragraphs, of three sentences and of two); news is read sentence by sentence.
    import sendscan
    from sendscan.tag.pipeline import document_docs

    docs = [d for d in document_docs(nlp, sendscan.extract(str(SAMPLES / "report_2023_systemic.pdf")))
            if d.user_data["section"] == "narrative"]
    assert [len(d.user_data["paragraph"]) for d in docs] == [3, 3, 3, 2, 2]
    assert docs[0].user_data["paragraph"] is docs[2].user_data["paragraph"] is not docs[3].user_data["paragraph"]
    assert [d.user_data.get("next") for d in docs] == docs[1:] + [None]
    assert [d.user_data.get("previous") for d in docs] == [None] + docs[:-1]
    news = [d for d in document_docs(nlp, sendscan.extract(str(SAMPLES / "news_report.html")))
            if d.user_data["section"] == "narrative"]
    assert news and not any({"previous", "next", "paragraph"} & set(d.user_data) for d in news)
