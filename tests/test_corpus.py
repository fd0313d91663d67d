"""The twenty real 2023-framework reports, against facts read off them
independently: `manifest.csv` (first-page metadata) and `expected/` (the bullets,
cut by a separate simple reader)."""

from __future__ import annotations

import re

import pytest

import sendscan
from conftest import CORPUS, corpus_expected, corpus_manifest, needs_corpus, squash

pytestmark = needs_corpus

MANIFEST = corpus_manifest()
IDS = [row["file"] for row in MANIFEST] or ["(corpus absent)"]
ENGINES = ("pypdfium2", "pdfplumber")

#: Items of "Areas for improvement" and rows of "Areas for priority action",
#: counted by reading each report (an item with its hanging sub-bullets is one).
ITEMS = {
    "2637539_north_northamptonshire.pdf": (6, 4), "2637548_west_northamptonshire.pdf": (5, 5),
    "80428_bedford.pdf": (2, 0), "80431_blackpool.pdf": (4, 0), "80432_bolton.pdf": (2, 0),
    "80451_wakefield.pdf": (2, 0), "80454_cornwall.pdf": (5, 0), "80458_darlington.pdf": (4, 0),
    "80467_east_sussex.pdf": (4, 0), "80486_barking_and_dagenham.pdf": (3, 0), "80498_haringey.pdf": (3, 0),
    "80508_lewisham.pdf": (3, 0), "80535_oldham.pdf": (3, 2), "80564_stoke-on-trent.pdf": (5, 0),
    "80565_suffolk.pdf": (3, 2), "80567_surrey.pdf": (4, 0), "80575_warrington.pdf": (4, 0),
    "80578_west_sussex.pdf": (5, 0), "80580_wiltshire.pdf": (2, 0), "80584_worcestershire.pdf": (3, 2),
}

#: The separate reader left running footers inside some bullets; they are not
#: the inspectors' words, so they are taken out of the expectation.
FOOTER = re.compile(
    r"(?:Area SEND )?inspection report: [^.]*? Local Area Partnership,?(?: \d{1,2}[^.]*?\d{4} \d{1,2}(?=\s))?", re.I)
ITEM_NUMBER = re.compile(r"(?:(?<=\s)|^)\d\.\s")


def expected_text(text: str) -> str:
    return squash(ITEM_NUMBER.sub(" ", FOOTER.sub(" ", text)))


@pytest.fixture(scope="module", params=ENGINES)
def documents(request):
    return {row["file"]: sendscan.extract(str(CORPUS / row["file"]), engine=request.param) for row in MANIFEST}


def findings(doc, kind):
    return [f for s in doc.sections if s.kind == kind for f in s.findings]


@pytest.mark.parametrize("file", IDS)
def test_metadata_matches_manifest(documents, file):
    row = next(r for r in MANIFEST if r["file"] == file)
    meta = documents[file].metadata
    assert documents[file].doc_type == "send_report_2023"
    assert meta.local_area == row["local_area"]
    assert (meta.inspection_start, meta.inspection_end) == (row["inspection_start"], row["inspection_end"])
    assert meta.outcome == row["outcome"]
    assert meta.next_full_inspection_years == int(row["next_full_inspection_years"])
    assert meta.monitoring_inspection_months == (int(row["monitoring_inspection_months"]) if row["monitoring_inspection_months"] else None)


@pytest.mark.parametrize("file", IDS)
@pytest.mark.parametrize("kind, key", [("strength", "effective"), ("weakness", "better")])
def test_every_bullet_is_one_whole_finding(documents, file, kind, key):
    got = [squash(f.text) for f in findings(documents[file], kind)]
    want = [expected_text(b["text"]) for b in corpus_expected(file)[key]]
    assert got == want


@pytest.mark.parametrize("file", IDS)
def test_no_footer_text_inside_findings(documents, file):
    for section, finding in documents[file].findings():
        assert not re.search(r"inspection report:", finding.text, re.I), finding.text


@pytest.mark.parametrize("file", IDS)
def test_recommendations_and_priority_actions_are_separate_findings(documents, file):
    doc, expected = documents[file], corpus_expected(file)
    recommendations, actions = findings(doc, "recommendation"), findings(doc, "priority_action")
    assert (len(recommendations), len(actions)) == ITEMS[file]
    assert squash(" ".join(f.text for f in recommendations)) == expected_text(expected["improvement"])
    # The expectation flattens the table: each action stands in it whole, in order.
    flattened = expected_text(expected["priority"])
    position = 0
    for action in actions:
        position = flattened.index(squash(action.text), position)
        assert action.responsible_body


@pytest.mark.parametrize("file", IDS)
def test_offsets_point_at_the_finding_text(documents, file):
    doc = documents[file]
    for _, finding in doc.findings():
        assert doc.text[finding.start:finding.end] == finding.text
        assert 1 <= finding.page <= doc.pages


@pytest.mark.parametrize("file", IDS)
def test_every_report_has_its_narrative_read_as_whole_sentences(documents, file):
    # Two reports lost the narrative to context (its long heading wraps), and
    # pdfium's wrapped hyphen cut sentences in two (a line run into the next).
    narrative = [f.text for s in documents[file].sections if s.kind == "narrative" for f in s.findings]
    assert len(narrative) >= 15
    for sentence in narrative:
        assert re.match(r"[A-Z0-9‘“\"']", sentence), sentence
        assert re.search(r"[.!?:;][’”\"')]*$", sentence), sentence
