"""tag.polarity: the section decides where the letter gives one; elsewhere the
sentence's own words, through the trained model shipped with sendscan (and,
without a model, the cues with negation)."""

from __future__ import annotations

import pytest

from sendscan.tag import pipeline, tag_texts
from sendscan.taxonomy import load


@pytest.fixture(scope="module")
def nlp():
    return pipeline(load())


@pytest.fixture(scope="module")
def rules():
    return pipeline(load(), model=False)


# Written by the project, in the manner of the narrative of 2023 reports.
@pytest.mark.parametrize("sentence, polarity", [
    # plain shortfalls, in words the cues do not all name
    ("Children wait too long for assessments.", "weakness"),
    ("Many families feel they have to battle to get the help their child needs.", "weakness"),
    ("There is a shortage of places in specialist schools, so some pupils travel long distances.", "weakness"),
    ("Too few young people with SEND go on to paid employment.", "weakness"),
    ("Leaders do not work together effectively.", "weakness"),
    # a verdict in a clause that asks, not asserts (met in a news story's quotation of a letter)
    ("Leaders do not know well enough whether their work is effective.", "weakness"),
    # a wait counted in months is a long wait, unless it fell (met in a news story)
    ("Inspectors found that families waited more than 18 months for short breaks.", "weakness"),
    ("Waiting times for therapy have fallen to six weeks.", "strength"),
    ("The area has not made sufficient progress.", "weakness"),
    # the statutory time limit met or missed, and a disparity (met in blind-written news)
    ("Far more plans are now completed within the 20-week limit than two years ago.", "strength"),
    ("Some plans are still not finished within the 20-week time limit.", "weakness"),
    ("Pupils receiving SEN support are excluded more often than other pupils.", "weakness"),
    ("Most plans are now finished within the 20-week legal timescale.", "strength"),
    ("Only around one in five new plans were issued within the 20-week legal timescale.", "weakness"),
    # a good that reaches only some, and a move that goes well
    ("Not all schools are equally inclusive.", "weakness"),
    ("Young people move smoothly from children's to adult services.", "strength"),
    # plain successes
    ("Partners work together effectively.", "strength"),
    ("Young people say they feel listened to and are well supported when they move to college.", "strength"),
    ("Short breaks are highly valued by the families who use them.", "strength"),
    ("There are no concerns about waiting times.", "strength"),
    # a sentence that concedes one side and asserts the other takes the side it asserts
    ("Despite recent improvements, waits for speech and language therapy remain too long.", "weakness"),
    ("Although some families waited a long time in the past, most children are now seen quickly.", "strength"),
    ("Plans are written with care, but too many are not reviewed on time.", "weakness"),
])
def test_narrative_polarity_comes_from_the_sentences_own_words(nlp, sentence, polarity):
    assert tag_texts(nlp, [sentence], section="narrative")[0].polarity == polarity


@pytest.mark.parametrize("sentence, polarity", [
    ("There are no concerns about waiting times.", "strength"),
    ("Children wait too long for assessments.", "weakness"),
    ("Leaders do not work together effectively.", "weakness"),
    ("Partners work together effectively.", "strength"),
    ("Not every family gets a short break.", "weakness"),
    ("Young people move smoothly to college.", "strength"),
    ("Joint working with health is still developing.", "weakness"),
    ("The graduated approach is applied inconsistently.", "weakness"),
    # cues as the lookup lemmatiser reads their words ("failings" is not "failing", "developing" is "develope")
    ("Inspectors found serious failings in the service.", "weakness"),
    ("Leaders are developing a new strategy.", "neutral"),
    ("The council published its annual report in May.", "neutral"),
])
def test_without_a_model_the_cues_decide_with_negation(rules, sentence, polarity):
    assert tag_texts(rules, [sentence], section="narrative")[0].polarity == polarity


@pytest.mark.parametrize("section, polarity", [
    ("strength", "strength"), ("weakness", "weakness"), ("recommendation", "weakness"),
    ("priority_action", "weakness"), ("significant_weakness", "weakness"),
])
def test_the_section_decides_polarity_where_the_letter_gives_one(nlp, section, polarity):
    # The words alone would say otherwise: the section wins.
    text = "Children wait too long." if polarity == "strength" else "Services work together effectively."
    assert tag_texts(nlp, [text], section=section)[0].polarity == polarity


@pytest.mark.parametrize("model", [None, False], ids=["trained", "rules-only"])
def test_sentences_judged_in_batches_get_what_each_gets_judged_alone(model):
    # The model weighs a batch of sentences at once; a sentence that turns
    # on the one before ("However, ...") reads that one's cues. Batches that
    # cut a passage, among findings whose section decides, change nothing.
    from conftest import docs_before

    nlp = pipeline(load(), model=model)
    texts = ["Children wait too long for assessments.", "However, most are now seen within six weeks.",
             "Leaders are developing a new strategy.", "Partners work together effectively.",
             "Plans are written with care, but too many are not reviewed on time."]
    findings = [("strength", texts[0])] + [("narrative", t) for t in texts] + [("listed", t) for t in texts[2:]]
    polarity = nlp.get_pipe("polarity")
    alone = [polarity(doc)._.polarity for doc in docs_before(nlp, findings, "polarity")]
    batched = [doc._.polarity for doc in polarity.pipe(docs_before(nlp, findings, "polarity"), batch_size=2)]
    assert batched == alone
    assert alone[0] == "strength" and {"weakness", "strength"} <= set(alone[1:6])
