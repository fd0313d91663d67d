"""The news figure of issue 9: of the categories the inspectors are reported
to have found, how many sendscan gives with the right polarity.

    python benchmarks/news_figure.py [--split tune|held-out|blind|real] [--rules-only]

Each text has an answer file in tests/fixtures/news/answers (written before
any tuning on the text): its type, area, verdict (written statement of action,
2023 outcome, revisit progress) and the set of (category, polarity) that the
article says the inspection found. The project's own texts are in
tests/fixtures/news, split into those tuned on, those held out, and those
written blind by someone who had not read the code (measured once, then
tuned on: see the fixtures' README); the two
real texts ("real") are looked for in ../shared/news. For each text, a pair
is right when some finding of the classified article carries that category
with that polarity (the article's summary); a pair given only with the other
polarity is a wrong polarity, one not given at all is missed, and pairs
given but not expected are counted as extra. tests/test_news.py asserts the
figure; the README quotes it.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path

import sendscan
from sendscan import areas
from sendscan.model import Document

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "news"
ANSWERS = FIXTURES / "answers"
REAL = ROOT.parent / "shared" / "news"
SPLITS = ("tune", "held-out", "blind", "blind-2", "blind-3", "blind-4", "blind-5", "blind-6", "blind-7", "blind-8", "blind-9", "blind-10", "blind-11", "real")
SIDES = ("weakness", "strength")
#: What the article states of the inspection, checked as a whole.
FACTS = ("doc_type", "local_area", "wsoa_required", "outcome", "revisit")


@dataclass
class Score:
    """One text's result: the pairs expected, and how each came out."""

    name: str
    split: str
    expected: set[tuple[str, str]]
    right: set[tuple[str, str]] = field(default_factory=set)
    wrong_polarity: set[tuple[str, str]] = field(default_factory=set)
    missed: set[tuple[str, str]] = field(default_factory=set)
    extra: set[tuple[str, str]] = field(default_factory=set)
    wrong_facts: dict[str, tuple] = field(default_factory=dict)


def answers(split: str | None = None) -> list[dict]:
    """The answer files of one split (all of them with None) whose text is here."""
    found = []
    for path in sorted(ANSWERS.glob("*.json")):
        answer = json.loads(path.read_text(encoding="utf-8"))
        answer["path"] = (REAL if answer["split"] == "real" else FIXTURES) / answer["file"]
        if split in (None, answer["split"]) and answer["path"].exists():
            found.append(answer)
    return found


def pairs(summary: dict[str, list[str]]) -> set[tuple[str, str]]:
    return {(category, side) for side in SIDES for category in summary.get(side, [])}


def facts_of(doc: Document) -> dict:
    meta = doc.metadata
    revisit = [meta.revisit["sufficient"], meta.revisit["total"]] if meta.revisit else None
    return {"doc_type": doc.doc_type, "local_area": meta.local_area, "wsoa_required": meta.wsoa_required,
            "outcome": meta.outcome, "revisit": revisit}


def same_area(a: str | None, b: str | None) -> bool:
    """One area under two of its names ("BCP", "Bournemouth, Christchurch and Poole")."""
    known_a, known_b = areas.lookup(a or ""), areas.lookup(b or "")
    return (known_a.name == known_b.name) if known_a and known_b else (a or "").lower() == (b or "").lower()


def score(answer: dict, classified) -> Score:
    """How the classified article compares with its answer."""
    expected = {(c, side) for side in SIDES for c in answer[side]}
    given = pairs(classified.summary())
    result = Score(answer["file"], answer["split"], expected)
    for category, side in expected:
        other = SIDES[1 - SIDES.index(side)]
        if (category, side) in given:
            result.right.add((category, side))
        elif (category, other) in given:
            result.wrong_polarity.add((category, side))
        else:
            result.missed.add((category, side))
    result.extra = given - expected
    facts = facts_of(classified.document)
    for name in FACTS:
        same = same_area(answer[name], facts[name]) if name == "local_area" else answer[name] == facts[name]
        if not same:
            result.wrong_facts[name] = (answer[name], facts[name])
    return result


def run(split: str | None = None, model=None) -> list[Score]:
    """Classify every text of the split (no cache) and score each."""
    chosen = answers(split)
    classified, errors = sendscan.classify([str(a["path"]) for a in chosen], cache=False, model=model)
    failed = [e for e in errors if not isinstance(e, sendscan.Notice)]
    if failed:
        raise RuntimeError(f"could not read: {failed}")
    by_source = {c.document.source: c for c in classified}
    return [score(a, by_source[str(a["path"])]) for a in chosen]


def figure(scores: list[Score]) -> tuple[int, int]:
    """(right, expected) over the texts."""
    return sum(len(s.right) for s in scores), sum(len(s.expected) for s in scores)


def show(pairs_: set[tuple[str, str]]) -> str:
    return ", ".join(f"{c}{'-' if side == 'weakness' else '+'}" for c, side in sorted(pairs_)) or "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=SPLITS, action="append", help="one split (repeatable; default all)")
    parser.add_argument("--rules-only", action="store_true", help="the taxonomy's rules alone, no trained model")
    args = parser.parse_args()
    model = False if args.rules_only else None
    for split in args.split or SPLITS:
        scores = run(split, model)
        if not scores:
            print(f"{split}: no texts here")
            continue
        print(f"== {split}")
        for s in scores:
            print(f"{s.name:36} {len(s.right):2}/{len(s.expected):2}  wrong polarity: {show(s.wrong_polarity)}"
                  f"  missed: {show(s.missed)}  extra: {show(s.extra)}")
            for name, (want, got) in s.wrong_facts.items():
                print(f"{'':36} {name}: expected {want!r}, got {got!r}")
        right, total = figure(scores)
        facts_right = sum(not s.wrong_facts for s in scores)
        extra = sum(len(s.extra) for s in scores)
        print(f"{split}: {right}/{total} = {100 * right / total:.0f}% of the inspectors' categories with the right "
              f"polarity ({extra} extra pairs); type, area and verdict all right in {facts_right}/{len(scores)} texts")


if __name__ == "__main__":
    main()
