"""gold: the annotation format, its errors, and finding findings by position and key."""

from __future__ import annotations

import pytest

import sendscan
from conftest import gold_file
from sendscan.gold import GoldError, load, resolve, text_key

KNOWN = {"health_waits", "coproduction"}


def write(tmp_path, *lines) -> str:
    return str(gold_file(tmp_path, list(lines)))


def test_key_is_sha1_of_collapsed_lower_case_text():
    assert text_key("Children  wait\ntoo long.") == text_key("children wait too long.")
    assert len(text_key("x")) == 12


@pytest.mark.parametrize("line, message", [
    ("{not json", "not valid JSON"),
    ({"document": "a.pdf", "section": "weakness", "categories": []}, "missing polarity"),
    ({"document": "a.pdf", "section": "middle", "categories": [], "polarity": "weakness"}, "unknown section kind 'middle'"),
    ({"document": "a.pdf", "section": "weakness", "categories": ["waits"], "polarity": "weakness"}, "unknown category waits"),
    ({"document": "a.pdf", "section": "weakness", "categories": [], "polarity": "bad"}, "polarity must be one of"),
])
def test_bad_lines_are_named_by_file_and_line(tmp_path, line, message):
    path = write(tmp_path, "# a comment line", line)
    with pytest.raises(GoldError) as caught:
        load(path, KNOWN)
    assert str(caught.value).startswith(f"{path}:2:") and message in str(caught.value)


def test_empty_gold_file(tmp_path):
    with pytest.raises(GoldError, match="holds no annotations"):
        load(write(tmp_path, "# nothing"), KNOWN)


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Harrowby Council inspection\n\nLast updated: 1 May 2024\n\n"
                    "Children wait too long for therapy. Parents feel listened to.\n", encoding="utf-8")
    return sendscan.extract(str(path))


def test_resolve_by_index_then_by_key(page, tmp_path):
    narrative = [f for s, f in page.findings() if s.kind == "narrative"]
    second = narrative[1]
    item = load(write(tmp_path, {"document": "page.txt", "section": "narrative", "index": 1, "key": text_key(second.text),
                                 "categories": ["coproduction"], "polarity": "strength"}), KNOWN)[0]
    assert resolve(item, page)[0][1] is second
    item.index = 0  # moved: found by its key
    assert resolve(item, page)[0][1] is second
    item.key = "000000000000"
    with pytest.raises(GoldError, match="update the gold file"):
        resolve(item, page)


def test_whole_section_items_cover_every_finding_of_the_kind(page, tmp_path):
    item = load(write(tmp_path, {"document": "page.txt", "section": "narrative", "categories": [], "polarity": "weakness"}), KNOWN)[0]
    assert len(resolve(item, page)) == len([f for s, f in page.findings() if s.kind == "narrative"])


def test_written_findings_are_a_made_up_document_each_sentence_on_its_own(tmp_path):
    from sendscan.gold import written_document

    path = gold_file(tmp_path, [
        {"text": "Families wait far too long for a wheelchair.", "section": "narrative",
         "categories": ["health_waits"], "polarity": "weakness"},
        {"text": "This means that they miss school.", "section": "narrative",
         "categories": ["exclusions"], "polarity": "weakness"},
    ], "written.jsonl")
    items = load(path, KNOWN | {"exclusions"})
    assert [(i.document, i.index) for i in items] == [("written.jsonl", 0), ("written.jsonl", 1)]
    document = written_document(items)
    assert [resolve(i, document)[0][1].text for i in items] == [i.text for i in items]
    # each in a section of its own: the second is not read as following the first
    assert len({id(s) for s, _ in document.findings()}) == 2


def test_written_findings_of_one_passage_share_a_section_and_follow_one_another(tmp_path):
    from sendscan.gold import written_document
    from sendscan.tag.pipeline import document_docs, pipeline
    from sendscan.taxonomy import load as load_taxonomy

    lines = [
        {"text": "Families wait far too long for a wheelchair.", "passage": "a"},
        {"text": "This means that they miss school.", "passage": "a"},
        {"text": "Young people are well prepared for work.", "passage": "b"},
        {"text": "Short breaks are good.", "passage": "b"},
        {"text": "Plans are late."},
    ]
    path = gold_file(tmp_path, [{**line, "section": "narrative", "categories": [], "polarity": "neutral"}
                                for line in lines], "written.jsonl")
    items = load(path, KNOWN)
    document = written_document(items)
    assert [[f.text for f in s.findings] for s in document.sections] == [
        [lines[0]["text"], lines[1]["text"]], [lines[2]["text"], lines[3]["text"]], [lines[4]["text"]]]
    assert [resolve(i, document)[0][1].text for i in items] == [line["text"] for line in lines]
    nlp = pipeline(load_taxonomy(None), model=False)
    docs = list(document_docs(nlp, document))
    # a sentence follows the one before in its passage, and none across passages
    assert [d.user_data.get("previous") for d in docs] == [None, docs[0], None, docs[2], None]


def test_a_written_passage_must_be_named_by_a_string(tmp_path):
    with pytest.raises(GoldError, match="passage must be a string"):
        load(write(tmp_path, {"text": "Plans are late.", "section": "narrative", "categories": [],
                              "polarity": "weakness", "passage": 3}), KNOWN)


def test_what_a_written_line_trains_is_polarity_or_left_out(tmp_path):
    line = {"text": "Plans are late.", "section": "narrative", "categories": [], "polarity": "weakness"}
    assert load(write(tmp_path, {**line, "trains": "polarity"}), KNOWN)[0].trains == "polarity"
    with pytest.raises(GoldError, match='trains must be "polarity"'):
        load(write(tmp_path, {**line, "trains": "checker"}), KNOWN)


def test_written_findings_train_and_score_through_the_api(tmp_path):
    path = gold_file(tmp_path, [{"text": "Young people are well prepared for college and work.", "section": "narrative",
                                 "categories": ["adulthood"], "polarity": "strength"}], "written.jsonl")
    report = sendscan.evaluate([str(path)])
    assert report["narrative"]["sentences"] == 1
    assert report["narrative"]["categories"]["micro"]["tp"] == 1
