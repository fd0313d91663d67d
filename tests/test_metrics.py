"""metrics: the arithmetic of evaluation on a hand-made gold set, worked out by hand.

    finding  doc  gold polarity  gold     predicted (polarity)
    F1       X    weakness       {a, b}   {a}     (weakness)
    F2       X    weakness       {c}      {c, a}  (weakness)
    F3       Y    strength       {b}      {}      (neutral)
    F4       Y    strength       {a}      {b}     (strength)

Finding level: a tp1 fp1 fn1 (P .5 R .5 F1 .5); b tp0 fp1 fn2 (F1 0); c tp1 (F1 1).
Micro: tp 2, fp 2, fn 3: P .5, R .4, F1 .8/1.8 = .4444. Macro F1 (.5 + 0 + 1) / 3 = .5.
Document level, weakness: X gold {a,b,c} vs {a,c}: tp 2 fn 1: P 1, R .6667, F1 .8.
Document level, strength: Y gold {a,b} vs {b} (F3 was neutral): tp 1 fn 1: F1 .6667.
Polarity: F3 wrong, 3 of 4 right. Confusion: a missed where b was predicted, once.
"""

from __future__ import annotations

import pytest

from sendscan.gold import GoldItem
from sendscan.metrics import Observation, gate, headline, junit_xml, score


def obs(doc, index, polarity, gold, predicted, predicted_polarity):
    item = GoldItem(document=doc, section=polarity, categories=sorted(gold), polarity=polarity, index=index)
    by_polarity = {predicted_polarity: set(predicted)} if predicted else {}
    return Observation(item, set(predicted), by_polarity, predicted_polarity)


@pytest.fixture
def report():
    return score([
        obs("X", 0, "weakness", {"a", "b"}, {"a"}, "weakness"),
        obs("X", 1, "weakness", {"c"}, {"c", "a"}, "weakness"),
        obs("Y", 0, "strength", {"b"}, set(), "neutral"),
        obs("Y", 1, "strength", {"a"}, {"b"}, "strength"),
    ], top=lambda c: c)


def test_finding_level(report):
    level = report["finding_level"]
    assert level["per_category"]["a"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "tp": 1, "fp": 1, "fn": 1}
    assert level["per_category"]["b"]["f1"] == 0.0 and level["per_category"]["c"]["f1"] == 1.0
    assert level["micro"] == {"precision": 0.5, "recall": 0.4, "f1": 0.4444, "tp": 2, "fp": 2, "fn": 3}
    assert level["macro_f1"] == 0.5


def test_document_level(report):
    weakness, strength = report["document_level"]["weakness"], report["document_level"]["strength"]
    assert weakness["micro"] == {"precision": 1.0, "recall": 0.6667, "f1": 0.8, "tp": 2, "fp": 0, "fn": 1}
    assert strength["micro"]["f1"] == 0.6667 and strength["micro"]["fn"] == 1


def test_polarity_and_confusions(report):
    assert report["polarity_accuracy"] == 0.75
    assert report["confusions"] == [{"gold": "a", "predicted": "b", "count": 1}]


def test_child_categories_are_scored_as_their_codebook_parent():
    tops = {"a.child": "a"}
    result = score([obs("X", 0, "weakness", {"a"}, {"a.child"}, "weakness")], top=lambda c: tops.get(c, c))
    assert result["finding_level"]["micro"]["f1"] == 1.0


def test_gate_on_a_floor_and_on_a_baseline(report):
    assert headline(report) == {"finding_micro_f1": 0.4444, "document_weakness_micro_f1": 0.8,
                                "document_strength_micro_f1": 0.6667}
    assert gate(report, min_f1=0.4) == []
    assert gate(report, min_f1=0.7) == [
        "finding_micro_f1 0.444 is below the floor 0.700", "document_strength_micro_f1 0.667 is below the floor 0.700"]
    baseline = {"finding_micro_f1": 0.46, "document_weakness_micro_f1": 0.9, "document_strength_micro_f1": 0.6667}
    assert gate(report, baseline=baseline, tolerance=0.02) == [
        "document_weakness_micro_f1 0.800 fell from the baseline 0.900 by more than 0.020"]


def test_junit_report_counts_failures(report):
    xml = junit_xml(report, gate(report, min_f1=0.7))
    assert xml.startswith('<?xml version="1.0"')
    assert 'tests="6" failures="2"' in xml
    assert xml.count("<failure ") == 2
