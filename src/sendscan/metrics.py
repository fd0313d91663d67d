"""Metrics: tags against gold -> precision, recall and F1.

Two levels, as the codebook asks:
- finding level: each gold finding's set of categories against the tagger's;
- document level: per document, the set of weakness categories and the set
  of strength categories (over the findings the gold file covers) against
  the tagger's sets for the same findings.
Scores are micro-averaged (pooled counts) and macro-averaged (mean of the
per-category F1 over categories seen in gold or predictions).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .gold import GoldItem


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[str], predicted: set[str], category: str) -> None:
        self.tp += category in gold and category in predicted
        self.fp += category in predicted and category not in gold
        self.fn += category in gold and category not in predicted

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Level:
    """Scores of one level: per category, micro and macro."""

    per_category: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))

    def add(self, gold: set[str], predicted: set[str]) -> None:
        for category in gold | predicted:
            self.per_category[category].add(gold, predicted, category)

    @property
    def micro(self) -> Counts:
        total = Counts()
        for c in self.per_category.values():
            total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
        return total

    @property
    def macro_f1(self) -> float:
        scores = [c.f1 for c in self.per_category.values()]
        return sum(scores) / len(scores) if scores else 0.0

    def as_dict(self) -> dict:
        return {
            "micro": self.micro.as_dict(), "macro_f1": round(self.macro_f1, 4),
            "per_category": {k: v.as_dict() for k, v in sorted(self.per_category.items())},
        }


@dataclass
class Observation:
    """One gold item beside what the tagger said of the same findings."""

    gold: GoldItem
    predicted: set[str]
    #: The tagger's polarity of each finding with each finding's categories.
    predicted_by_polarity: dict[str, set[str]]
    predicted_polarity: str | None  # for single findings


def score(observations: list[Observation], top) -> dict:
    """The report: finding level, document level (weakness, strength), polarity,
    confusions, and the narrative apart.

    Narrative sentences are scored on their own (categories and polarity from
    the sentence's words), since the bullets' figures are what comparisons
    rest on. `top` maps a category id to its codebook id, since evaluation is
    done there.
    """
    finding, narrative = Level(), Level()
    confusions: Counter = Counter()
    polarity = {"finding": [0, 0], "narrative": [0, 0]}
    doc_gold: dict[tuple[str, str], set[str]] = defaultdict(set)
    doc_pred: dict[tuple[str, str], set[str]] = defaultdict(set)
    documents = set()
    for obs in observations:
        gold = {top(c) for c in obs.gold.categories}
        predicted = {top(c) for c in obs.predicted}
        documents.add(obs.gold.document)
        kind = "narrative" if obs.gold.section == "narrative" else "finding"
        if not obs.gold.whole_section:
            (narrative if kind == "narrative" else finding).add(gold, predicted)
            if kind == "finding":
                confusions.update((g, p) for g in gold - predicted for p in predicted - gold)
            polarity[kind][0] += obs.predicted_polarity == obs.gold.polarity
            polarity[kind][1] += 1
        if kind == "narrative":
            continue
        if obs.gold.polarity in ("weakness", "strength"):
            doc_gold[(obs.gold.document, obs.gold.polarity)] |= gold
        for side in ("weakness", "strength"):
            doc_pred[(obs.gold.document, side)] |= {top(c) for c in obs.predicted_by_polarity.get(side, set())}
    document_levels = {"weakness": Level(), "strength": Level()}
    for doc in sorted({d for d, _ in doc_gold} | {d for d, _ in doc_pred}):
        for side, level in document_levels.items():
            level.add(doc_gold.get((doc, side), set()), doc_pred.get((doc, side), set()))
    accuracy = {k: round(right / total, 4) if total else None for k, (right, total) in polarity.items()}
    return {
        "documents": len(documents),
        "findings": polarity["finding"][1],
        "finding_level": finding.as_dict(),
        "document_level": {k: v.as_dict() for k, v in document_levels.items()},
        "polarity_accuracy": accuracy["finding"],
        "narrative": {"sentences": polarity["narrative"][1], "categories": narrative.as_dict(),
                      "polarity_accuracy": accuracy["narrative"],
                      "polarity_confusions": polarity_confusions(observations)},
        "confusions": [{"gold": g, "predicted": p, "count": n}
                       for (g, p), n in sorted(confusions.items(), key=lambda kv: (-kv[1], kv[0]))[:15]],
    }


def polarity_confusions(observations: list[Observation]) -> dict[str, dict[str, int]]:
    """Narrative sentences by gold polarity, then by the polarity given."""
    table: dict[str, dict[str, int]] = {}
    for obs in observations:
        if obs.gold.section == "narrative" and not obs.gold.whole_section:
            row = table.setdefault(obs.gold.polarity, {})
            row[obs.predicted_polarity] = row.get(obs.predicted_polarity, 0) + 1
    return table


def headline(report: dict) -> dict[str, float]:
    """The figures a quality gate watches."""
    return {
        "finding_micro_f1": report["finding_level"]["micro"]["f1"],
        "document_weakness_micro_f1": report["document_level"]["weakness"]["micro"]["f1"],
        "document_strength_micro_f1": report["document_level"]["strength"]["micro"]["f1"],
    }


def gate(report: dict, min_f1: float | None = None, baseline: dict | None = None,
         tolerance: float = 0.01) -> list[str]:
    """Why this report fails the gate (empty when it passes)."""
    reasons = []
    figures = headline(report)
    for name, value in figures.items():
        if min_f1 is not None and value < min_f1:
            reasons.append(f"{name} {value:.3f} is below the floor {min_f1:.3f}")
        if baseline and name in baseline and value < baseline[name] - tolerance:
            reasons.append(f"{name} {value:.3f} fell from the baseline {baseline[name]:.3f} by more than {tolerance:.3f}")
    return reasons


def junit_xml(report: dict, reasons: list[str]) -> str:
    """A JUnit report: one test case per headline figure and per category."""
    from xml.sax.saxutils import quoteattr

    cases = []
    for name, value in headline(report).items():
        failed = [r for r in reasons if r.startswith(name + " ")]
        body = f"<failure message={quoteattr(failed[0])}/>" if failed else ""
        # The name stays the same from run to run (CI history follows it); the figure is the output.
        cases.append(f'  <testcase classname="sendscan.evaluate" name={quoteattr(name)}>{body}'
                     f'<system-out>{value:.4f}</system-out></testcase>')
    for category, counts in report["finding_level"]["per_category"].items():
        cases.append(f'  <testcase classname="sendscan.evaluate.category" name={quoteattr(f"{category} f1")}>'
                     f'<system-out>{counts["f1"]:.4f}</system-out></testcase>')
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<testsuite name="sendscan evaluate" tests="{len(cases)}" failures="{len(reasons)}">\n'
            + "\n".join(cases) + "\n</testsuite>\n")
