"""Every sample (written by the project, in the real layouts) through the real
API and CLI, against samples/expected/, which build.py writes from the same
sources as the PDFs (the news and council expectations are written by hand)."""

from __future__ import annotations

import json

import pytest

import sendscan
from conftest import SAMPLES, squash

EXPECTED = sorted((SAMPLES / "expected").glob("*.json"))
META_KEYS = ("local_area", "inspection_start", "inspection_end", "outcome", "wsoa_required",
             "next_full_inspection_years", "monitoring_inspection_months", "headline", "published")


def expected_of(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=EXPECTED, ids=[p.stem for p in EXPECTED])
def case(request):
    want = expected_of(request.param)
    return want, sendscan.extract(str(SAMPLES / want["file"]))


def test_every_kind_of_document_has_a_sample():
    kinds = {expected_of(p)["doc_type"] for p in EXPECTED}
    assert kinds == {"send_report_2023", "send_letter_2016", "send_revisit", "news_report", "council_page"}
    outcomes = {expected_of(p)["metadata"]["outcome"] for p in EXPECTED}
    assert {"positive", "inconsistent", "systemic"} <= outcomes
    assert {expected_of(p)["metadata"]["wsoa_required"] for p in EXPECTED} >= {True, False}


def test_doc_type_and_metadata(case):
    want, doc = case
    assert doc.doc_type == want["doc_type"]
    for key in META_KEYS:
        if key in want["metadata"]:
            assert getattr(doc.metadata, key) == want["metadata"][key], key
    revisit = want["metadata"].get("revisit")
    if revisit:
        assert (doc.metadata.revisit["sufficient"], doc.metadata.revisit["total"]) == (revisit["sufficient"], revisit["total"])
    if want["metadata"].get("local_authority"):
        assert doc.metadata.local_authority == want["metadata"]["local_authority"]


def test_sections_and_findings(case):
    want, doc = case
    got = [s for s in doc.sections if s.findings or s.kind == "response"]
    assert [s.kind for s in got] == [s["kind"] for s in want["sections"]]
    for section, expected in zip(got, want["sections"]):
        if section.kind == "response":
            found = section.text
        else:
            found = " ".join(f.text for f in section.findings)
        assert squash(found) == squash(" ".join(expected["findings"])), section.title
        if section.kind not in ("narrative", "response"):
            assert len(section.findings) == len(expected["findings"]), section.title
        if expected.get("verdict"):
            assert section.verdict == expected["verdict"] and section.title == expected["title"]


def test_no_running_footer_or_web_furniture_in_findings(case):
    _, doc = case
    for _, finding in doc.findings():
        lowered = finding.text.lower()
        assert not any(noise in lowered for noise in (
            "inspection report:", "cookie", "newsletter", "subscribe", "tell us", "jobs", "£", "was this page"))
        assert doc.text[finding.start:finding.end] == finding.text


def test_officials_responses_are_kept_apart_from_findings():
    for name in ("news_report.html", "council_page.txt"):
        doc = sendscan.extract(str(SAMPLES / name))
        findings = " ".join(f.text for _, f in doc.findings())
        responses = " ".join(s.text for s in doc.sections if s.kind == "response")
        assert "said" in responses and "said" not in findings


@pytest.mark.parametrize("engine", ["pypdfium2", "pdfplumber"])
def test_both_engines_agree_on_the_sample_pdfs(engine):
    for path in sorted(SAMPLES.glob("*.pdf")):
        doc = sendscan.extract(str(path), engine=engine)
        want = expected_of(SAMPLES / "expected" / f"{path.stem}.json")
        counted = [len(s.findings) for s in doc.sections if s.findings]
        assert counted == [len(s["findings"]) if s["kind"] != "narrative" else counted[i]
                           for i, s in enumerate(want["sections"])], path.name


def test_extract_cli_on_all_samples_as_a_json_array(cli):
    result = cli("extract", str(SAMPLES), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert sorted(d["source"].rsplit("/", 1)[-1] for d in data) == sorted(expected_of(p)["file"] for p in EXPECTED)


def test_classify_cli_on_the_systemic_sample(cli):
    result = cli("classify", str(SAMPLES / "report_2023_systemic.pdf"), "-f", "json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)["summary"]
    for category in ("health_waits", "ehcp_timeliness", "exclusions", "alternative_provision", "leadership"):
        assert category in summary["weakness"], category
    assert "social_care" in summary["strength"]
