"""Convert the corpus labels (../shared/corpus/gold) into sendscan's gold format.

    python scripts/build_corpus_gold.py [CORPUS_DIR]

writes taxonomy/gold/corpus-tune.jsonl (the ten reports the taxonomy's rules
are tuned on: the first ten by file name) and taxonomy/gold/corpus-held-out.jsonl
(the other ten, whose text is not read while tuning rules, so that their
figures say what to expect on reports sendscan has never seen).

Each labelled bullet is found among the report's findings by its text (as the
parser's corpus tests check) and referred to by section, position and key, so
no words of the reports are copied. "Areas for improvement" and "Areas for
priority action" are labelled as a whole, so they become whole-section items.
Corrections to labels live in CORRECTIONS, each with its reason.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import sendscan
from sendscan.gold import text_key

ROOT = Path(__file__).resolve().parents[1]

#: (document, section, index) -> (categories, why): labels the codebook shows to be wrong.
CORRECTIONS: dict[tuple[str, str, int], tuple[list[str], str]] = {
    ("80565_suffolk.pdf", "weakness", 0): (
        ["leadership", "ehcp_quality", "ehcp_timeliness", "exclusions", "adulthood"],
        "the bullet names young people becoming NEET, which the codebook puts under adulthood"),
}


def squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def footerless(text: str) -> str:
    return re.sub(r"(?:Area SEND )?inspection report: [^.]*? Local Area Partnership,?(?: \d{1,2}[^.]*?\d{4} \d{1,2}(?=\s))?",
                  " ", text, flags=re.I)


def items_for(pdf: Path, expected: dict, labels: dict) -> list[dict]:
    doc = sendscan.extract(str(pdf))
    out = []
    for section, key in (("strength", "effective"), ("weakness", "better")):
        findings = [f for s in doc.sections if s.kind == section for f in s.findings]
        label_of = {entry["key"]: entry["labels"] for entry in labels[key]}
        for index, bullet in enumerate(expected[key]):
            finding = findings[index]
            if squash(finding.text) != squash(footerless(bullet["text"])):
                raise SystemExit(f"{pdf.name}: {section} #{index} does not match the expected bullet")
            categories = label_of[bullet["key"]]
            categories, _ = CORRECTIONS.get((pdf.name, section, index), (categories, ""))
            out.append({"document": pdf.name, "section": section, "index": index, "key": text_key(finding.text),
                        "categories": categories, "polarity": section})
    for section, key in (("recommendation", "improvement"), ("priority_action", "priority")):
        if labels.get(key):
            out.append({"document": pdf.name, "section": section, "categories": labels[key], "polarity": "weakness"})
    return out


#: How many reports, first by file name, the rules are tuned on.
TUNE = 10


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    pdfs = sorted(corpus.glob("*.pdf"))
    for part, chosen in (("tune", pdfs[:TUNE]), ("held-out", pdfs[TUNE:])):
        lines = [f"# Corpus gold, {part} part: written by scripts/build_corpus_gold.py from ../shared/corpus/gold.\n"]
        for pdf in chosen:
            expected = json.loads((corpus / "expected" / f"{pdf.stem}.json").read_text(encoding="utf-8"))
            labels = json.loads((corpus / "gold" / f"{pdf.stem}.json").read_text(encoding="utf-8"))
            lines += [json.dumps(item, ensure_ascii=False) + "\n" for item in items_for(pdf, expected, labels)]
        (ROOT / "taxonomy" / "gold" / f"corpus-{part}.jsonl").write_text("".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
