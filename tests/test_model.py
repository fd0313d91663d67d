"""model: the plain data between steps, and its way back from JSON (what the cache stores)."""

from __future__ import annotations

import json

import sendscan
from conftest import SAMPLES
from sendscan.model import Classified


def test_a_classified_document_comes_back_whole_from_its_json():
    results, errors = sendscan.classify([str(SAMPLES)], cache=False)
    assert errors == [] and len(results) == 8
    for result in results:
        data = json.loads(json.dumps(result.to_dict()))
        back = Classified.from_dict(data, result.document.text)
        assert back == result, result.document.source
        _, finding = next(back.document.findings())
        assert back.document.text[finding.start:finding.end] == finding.text


def test_a_reports_summary_rests_on_its_judgement_sections_and_news_on_its_sentences():
    results, errors = sendscan.classify([str(SAMPLES / "report_2023_systemic.pdf"), str(SAMPLES / "news_report.html")],
                                        cache=False)
    report, news = results
    judged = {kind: set() for kind in ("weakness", "strength")}
    for section, _, tag in report.tagged():
        if section.kind != "narrative" and tag.polarity in judged:
            judged[tag.polarity] |= set(tag.ids())
    narrative_only = {c for s, _, t in report.tagged() if s.kind == "narrative" for c in t.ids()} \
        - judged["weakness"] - judged["strength"]
    summary = report.summary()
    assert {k: set(v) for k, v in summary.items()} == judged
    assert not narrative_only & (set(summary["weakness"]) | set(summary["strength"]))
    # A news report has no judgement sections: its sentences are the evidence.
    assert {s.kind for s, _, _ in news.counted()} == {"narrative"} and news.summary()["weakness"]


def test_a_finding_counts_in_comparisons_only_where_the_summary_counts_it():
    from sendscan.comparison import compare

    results, _ = sendscan.classify([str(SAMPLES / "report_2023_systemic.pdf")], cache=False)
    [row] = compare(results).rows
    counted = {id(f) for _, f, _ in results[0].counted()}
    expected: dict[str, list[int]] = {}
    for _, finding, tag in results[0].tagged():
        for category in tag.ids():
            if id(finding) in counted and tag.polarity in ("weakness", "strength"):
                expected.setdefault(category, [0, 0])[tag.polarity == "strength"] += 1
    assert {k: list(v) for k, v in row.cells.items()} == expected
    assert len(row.findings) == len(list(results[0].tagged()))  # every finding is still listed
