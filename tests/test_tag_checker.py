"""tag.checker: the trained model confirms, removes or adds categories; it
saves and loads with the pipeline; untrained, it passes the rules through."""

from __future__ import annotations

import pytest
import spacy

from sendscan.tag import pipeline, tag_texts
from sendscan.taxonomy import load

# Written by the project in the manner of the findings of 2023 reports.
SENTENCES = [
    "Children wait too long for speech and language therapy, although leaders have a plan to reduce the waits.",
    "Professionals do not talk to each other, so families have to tell their story again and again.",
    "Leaders cannot assure themselves that children placed in unregistered settings are safe and learning.",
    "Pupils are not accessing full-time education because there are not enough places in specialist schools.",
]


@pytest.fixture(scope="module")
def nlp():
    return pipeline(load())


def test_saved_pipeline_loads_back_with_its_trained_weights_and_tags_the_same(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.get_pipe("checker").trained and loaded.get_pipe("polarity").model.trained
    assert [(t.polarity, t.categories) for t in tag_texts(loaded, SENTENCES, "narrative")] == \
           [(t.polarity, t.categories) for t in tag_texts(nlp, SENTENCES, "narrative")]


def test_a_category_the_checker_keeps_shows_the_rules_evidence_and_its_confidence(nlp):
    [tag] = tag_texts(nlp, SENTENCES[:1], "weakness")
    waits = next(c for c in tag.categories if c["id"] == "health_waits")
    assert "wait too long" in waits["evidence"] and 0.5 <= waits["score"] <= 1 and "added" not in waits


def test_every_category_carries_evidence_and_an_added_one_says_so(nlp):
    tags = tag_texts(nlp, SENTENCES, "weakness")
    rules = tag_texts(pipeline(load(), model=False), SENTENCES, "weakness")
    for tag, by_rules in zip(tags, rules):
        for category in tag.categories:
            assert category["evidence"], category
            assert category.get("added", False) == (category["id"] not in by_rules.ids())


def test_the_checker_keeps_removes_and_adds_by_its_thresholds():
    # A model set by hand: it believes in health_waits when "wait too long"
    # leads the finding, never in leadership, and in culture on "cooperate".
    import numpy

    from sendscan.tag.linear import LinearModel

    nlp = pipeline(load(), model=False)
    checker = nlp.get_pipe("checker")
    features = ["lead:health_waits", "w:cooperate"]
    weights = numpy.array([[6.0, 0.0, 0.0], [0.0, 0.0, 6.0]], "f")
    checker.models = {"finding": LinearModel(["health_waits", "leadership", "culture"], features, weights,
                                             numpy.array([-3.0] * 3, "f"))}
    checker.keep, checker.add = {"finding": {"health_waits": 0.5, "leadership": 0.5}}, {"finding": 0.9}
    [tag] = tag_texts(nlp, ["Children wait too long for therapy, and leaders have a strategy; services cooperate."],
                      "weakness")
    by_id = {c["id"]: c for c in tag.categories}
    assert "leadership" not in by_id  # proposed by the rules, below its keep threshold
    assert by_id["health_waits"]["score"] == 0.95 and "added" not in by_id["health_waits"]
    assert by_id["culture"]["added"] is True and by_id["culture"]["score"] > 0.9


def test_an_added_category_shows_the_words_the_model_weighed_most_as_the_text_writes_them():
    # A model set by hand that adds community on a word and on a pair of lemmas:
    # the evidence is the finding's own words ("worked together", not the
    # lemmas "work together"), strongest first, and a word the finding lacks
    # gives none.
    import numpy

    from sendscan.tag.linear import LinearModel

    nlp = pipeline(load(), model=False)
    checker = nlp.get_pipe("checker")
    features = ["b:work together", "w:closely", "w:cooperate"]
    weights = numpy.array([[0.0, 4.0], [0.0, 2.0], [0.0, 5.0]], "f")
    checker.models = {"finding": LinearModel(["leadership", "community"], features, weights, numpy.array([-3.0] * 2, "f"))}
    checker.keep, checker.add = {"finding": {}}, {"finding": 0.9}
    [tag] = tag_texts(nlp, ["Therapists and teachers worked together closely on each child's plan."], "strength")
    [community] = [c for c in tag.categories if c["id"] == "community"]
    assert community["added"] is True
    assert community["evidence"] == ["worked together", "closely"]


def test_untrained_checker_passes_the_rules_categories_through():
    rules_only = pipeline(load(), model=False)
    assert not rules_only.get_pipe("checker").trained
    [tag] = tag_texts(rules_only, SENTENCES[:1], "weakness")
    assert [c["id"] for c in tag.categories] == ["health_waits"] and tag.categories[0]["score"] == 0.88


def narrative_tags(nlp, texts: list[str]):
    """Tags of sentences read in a row from one narrative section."""
    from sendscan.model import Finding, Section
    from sendscan.tag.pipeline import finding_docs, tagged

    section = Section(kind="narrative", title="", page=0)
    return [(d._.polarity, d._.categories) for d in tagged(nlp, finding_docs(nlp, [(section, Finding(t, 0, 0, len(t)))
                                                                                  for t in texts]))]


def test_a_sentence_that_refers_back_and_names_nothing_carries_the_categories_before():
    # By the rules alone; with a trained checker the context model decides (below).
    nlp = pipeline(load(), model=False)
    (_, before), (_, after), (_, apart) = narrative_tags(nlp, [
        "Children wait too long for speech and language therapy.",
        "This has been so for several years.",
        "In general, they enjoy their time at school.",
    ])
    assert "health_waits" in {c["id"] for c in before}
    carried = {c["id"]: c for c in after}
    assert "health_waits" in carried and carried["health_waits"]["carried"] is True
    assert carried["health_waits"]["evidence"] == ["this"]  # evidence is matched in lower case, as all of it
    # "In general" opens a sentence of its own, not one about the last.
    assert not any(c.get("carried") for c in apart)
    # So does "For" naming whom it is about (met in a real report), unlike "For example".
    _, (_, whom) = narrative_tags(nlp, ["Children wait too long for speech and language therapy.",
                                        "For older pupils, the picture is much the same."])
    assert not any(c.get("carried") for c in whom)


def test_a_narrative_sentence_weighs_its_neighbours_and_says_what_it_carried():
    # Models set by hand: the narrative model gives health_waits when "wait
    # too long" leads, and some 0.18 on any sentence; the context model adds
    # half the log-odds of the sentence before to a sentence's own. A
    # sentence after one about waits takes health_waits on (0.68, above the
    # add threshold of 0.6) although its own words would not, so it is
    # marked carried, with its opening word as evidence where no word of its
    # own weighed for it; the same sentence after another topic does not.
    import numpy

    from sendscan.tag.linear import LinearModel

    nlp = pipeline(load(), model=False)
    checker = nlp.get_pipe("checker")
    checker.models = {"narrative": LinearModel(["health_waits", "culture"], ["lead:health_waits"],
                                               numpy.array([[6.0, 0.0]], "f"), numpy.array([-1.5, -3.0], "f"))}
    checker.context = LinearModel(["in"], ["own", "before"], numpy.array([[1.0], [0.5]], "f"), numpy.zeros(1, "f"))
    checker.keep, checker.add = {"narrative": {"health_waits": 0.5}}, {"narrative": 0.6}
    going_on = "Families are shown exercises to practise at home."
    (_, waits), (_, after) = narrative_tags(nlp, ["Children wait too long for speech and language therapy.", going_on])
    assert [c["id"] for c in waits] == ["health_waits"]
    [taken] = after
    assert taken["id"] == "health_waits" and taken["added"] is True and taken["carried"] is True
    assert taken["score"] == 0.68 and taken["evidence"] == ["families"]
    _, (_, apart) = narrative_tags(nlp, ["The parent carer forum is strong.", going_on])
    assert apart == []
    # A sentence that refers back is weighed with the one before like any
    # other: where the context model leaves it nothing (here one that weighs
    # its own words alone), nothing is carried after all (rules alone would
    # carry health_waits to it, as above).
    checker.context = LinearModel(["in"], ["own"], numpy.array([[1.0]], "f"), numpy.zeros(1, "f"))
    _, (_, referring) = narrative_tags(nlp, ["Children wait too long for speech and language therapy.",
                                             "This has been so for several years."])
    assert referring == []
    checker.context = LinearModel(["in"])
    _, (_, untrained) = narrative_tags(nlp, ["Children wait too long for speech and language therapy.",
                                             "This has been so for several years."])
    assert [(c["id"], c["carried"]) for c in untrained] == [("health_waits", True)]


def test_a_paragraph_is_read_as_one_finding_its_weak_cues_adding_up():
    # No sentence alone holds enough evidence for leadership; the paragraph
    # read as one finding does, as a bullet of the same sentences would.
    from sendscan.tag.features import paragraph_features

    rules_only = pipeline(load(), model=False)
    paragraph = [rules_only(text) for text in ["the strategy is new.", "its strategy lacks detail."]]
    assert all(doc._.rule_totals == {"leadership": 0.5} and not doc._.categories for doc in paragraph)
    features = paragraph_features(paragraph, threshold=1.0)
    assert features["rule:leadership"] == 1.0 and features["lead:leadership"] == 1.0
    assert {"w:strategy", "w:new", "w:lack", "w:detail"} <= set(features)


def test_a_narrative_sentence_takes_the_topic_of_its_paragraph_read_as_one_finding():
    # Models set by hand: the bullets' model gives health_waits to a finding
    # that holds "wait"; the context model adds a paragraph's log-odds to a
    # sentence's own. A sentence whose own words say little takes
    # health_waits on in a paragraph about waits, not read alone.
    import numpy

    from sendscan.model import Finding, Section
    from sendscan.tag.linear import LinearModel
    from sendscan.tag.pipeline import finding_docs, tagged

    nlp = pipeline(load(), model=False)
    checker = nlp.get_pipe("checker")
    labels = ["health_waits", "culture"]
    checker.models = {"narrative": LinearModel(labels, ["w:wait"], numpy.array([[1.0, 0.0]], "f"),
                                               numpy.array([-1.5, -3.0], "f")),
                      "finding": LinearModel(labels, ["w:wait"], numpy.array([[8.0, 0.0]], "f"),
                                             numpy.array([-4.0, -4.0], "f"))}
    checker.context = LinearModel(["in"], ["own", "paragraph_topic"], numpy.array([[1.0], [1.0]], "f"),
                                  numpy.zeros(1, "f"))
    checker.keep, checker.add = {"narrative": {}}, {"narrative": 0.6}
    texts = ["Some families have waited a long time.", "Families are shown exercises to practise at home."]
    section = Section(kind="narrative", title="", page=0)
    findings = [Finding(t, 0, 0, len(t)) for t in texts]

    def categories(paragraph_starts):
        docs = tagged(nlp, finding_docs(nlp, [(section, f) for f in findings], paragraph_starts=paragraph_starts))
        return [[c["id"] for c in doc._.categories] for doc in docs]

    assert categories({id(findings[0])}) == [["health_waits"], ["health_waits"]]  # one paragraph
    assert categories({id(f) for f in findings}) == [["health_waits"], []]  # a paragraph each


def test_findings_checked_in_batches_get_what_each_gets_checked_alone(nlp):
    # The checker scores a batch at once and then decides in order (a
    # narrative sentence weighs its neighbours' probabilities, and may carry
    # a category of the one before): batches that cut a passage must
    # change nothing, added and carried categories included.
    from conftest import docs_before

    findings = [("weakness", t) for t in SENTENCES] + [("narrative", t) for t in SENTENCES + [
        "This has been so for several years.", "Families say they are not listened to.",
        "Some wait more than two years.", "Parents describe the wait as exhausting."]]
    checker = nlp.get_pipe("checker")
    alone = [checker(doc)._.categories for doc in docs_before(nlp, findings, "checker")]
    batched = [doc._.categories for doc in checker.pipe(docs_before(nlp, findings, "checker"), batch_size=3)]
    assert batched == alone
    assert any(c.get("added") for categories in alone for c in categories)
    assert any(c.get("carried") for categories in alone for c in categories)


def test_a_checker_saved_with_one_model_for_both_kinds_still_loads(tmp_path):
    # Models trained before the checker had one model per kind keep working.
    import srsly

    from sendscan.tag.linear import LinearModel

    checker = pipeline(load(), model=False).get_pipe("checker")
    one = LinearModel(["health_waits"]).fit([{"w:wait": 1.0}, {"w:plan": 1.0}] * 2, [{"health_waits"}, set()] * 2)
    (tmp_path / "checker").mkdir()
    srsly.write_msgpack(tmp_path / "checker" / "model.msgpack",
                        {"model": one.to_dict(), "keep": {}, "add": {}, "trained_on": []})
    checker.from_disk(tmp_path / "checker")
    assert set(checker.models) == {"finding", "narrative"} and checker.trained
