"""Rebuild the model shipped with sendscan: the checker and the sentence
polarity, trained on all of the project's gold with a fixed seed.

    python scripts/train_model.py [CORPUS_DIR]

The gold is taxonomy/gold/*.jsonl (the corpus, its narrative sentences and
the project's samples) and taxonomy/training/*.jsonl (sentences the project
wrote to train on); the reports it names are looked for in CORPUS_DIR
(default ../shared/corpus) and samples/. The trained components' folders
are copied into src/sendscan/data/model, where `sendscan.tag.pipeline`
loads them. The same as `sendscan train ... --output DIR`, then copying
DIR/checker and DIR/polarity.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import sendscan
from sendscan.tag.pipeline import TRAINED

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    gold = sorted(str(p) for folder in ("gold", "training") for p in (ROOT / "taxonomy" / folder).glob("*.jsonl"))
    target = ROOT / "src" / "sendscan" / "data" / "model"
    with tempfile.TemporaryDirectory() as tmp:
        trained = sendscan.train(gold, Path(tmp) / "model", [str(corpus), str(ROOT / "samples")], seed=0)
        for name in TRAINED:
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(trained / name, target / name)
    print(f"model written to {target}")


if __name__ == "__main__":
    main()
