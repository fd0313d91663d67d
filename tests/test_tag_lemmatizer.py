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


def test_its_table_read_as_a_plain_dict_goes_to_bytes_and_back():
    # The table is read as a plain dict for speed (lemmatizer module); saving makes it spaCy's Table.
    _, ours = lemmatizers()
    data = ours.get_pipe("lemmatizer").to_bytes()
    again = spacy.blank("en")
    again.add_pipe("sendscan_lemmatizer_v1", name="lemmatizer", config={"mode": "lookup"})
    again.get_pipe("lemmatizer").from_bytes(data)
    assert [t.lemma_ for t in again(TEXT)] == [t.lemma_ for t in ours(TEXT)]
