"""tag.lemmatizer: the same lemmas as spaCy's lookup lemmatizer, a word looked
up once; its tables save and load with the pipeline."""

from __future__ import annotations

import spacy

# Written by the project: words the lookup table changes, and words it does not.
TEXT = "children waited too long , and leaders were waiting for plans that families have not seen . children wait"


def lemmatizers():
    found = []
    for factory in ("lemmatizer", "sendscan_lemmatizer_v1"):
        nlp = spacy.blank("en")
        nlp.add_pipe(factory, name="lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
        found.append(nlp)
    return found


def test_lemmas_are_spacys_the_first_time_and_from_the_cache():
    spacys, ours = lemmatizers()
    expected = [t.lemma_ for t in spacys(TEXT)]
    assert expected[:4] == ["child", "wait", "too", "long"]
    assert [t.lemma_ for t in ours(TEXT)] == expected
    assert [t.lemma_ for t in ours(TEXT)] == expected


def test_a_lemma_already_set_is_kept_unless_told_to_overwrite():
    _, ours = lemmatizers()
    doc = ours.make_doc("children waited")
    doc[0].lemma_ = "kid"
    assert [t.lemma_ for t in ours.get_pipe("lemmatizer")(doc)] == ["kid", "wait"]


def test_it_saves_and_loads_with_the_pipeline(tmp_path):
    _, ours = lemmatizers()
    ours.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.get_pipe_meta("lemmatizer").factory == "sendscan_lemmatizer_v1"
    assert [t.lemma_ for t in loaded(TEXT)] == [t.lemma_ for t in ours(TEXT)]
