"""Store the classify JSON that tests/test_classified_copy.py holds every run to.

    python scripts/store_classified.py

Run it from anywhere, after a change that alters tagging on purpose (a
taxonomy edit, a retrained model, a new rule), and commit what it writes
with that change. A speed change must never need it: the stored copy is what
proves such a change left the output alone.

It writes, in tests/fixtures/classified/:
- samples.json: `sendscan classify samples/... --format json` byte for byte
  (the samples are the project's own);
- corpus.json: for the real reports in ../shared/corpus, a SHA-256 of the
  whole output and of each document's JSON (no text of the reports is copied
  into the project, as their README says). Left as it is where the corpus
  is absent.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORED = ROOT / "tests" / "fixtures" / "classified"
CORPUS = ROOT.parent / "shared" / "corpus"
#: The samples' documents, as they are named on the command line (from ROOT).
SAMPLE_SUFFIXES = (".pdf", ".html", ".txt")


def sample_paths() -> list[str]:
    return sorted(f"samples/{p.name}" for p in (ROOT / "samples").iterdir() if p.suffix in SAMPLE_SUFFIXES)


def corpus_paths() -> list[str]:
    """The corpus's reports, named relative to ROOT (so the JSON's sources do not depend on the machine)."""
    return sorted(os.path.relpath(p, ROOT) for p in CORPUS.glob("*.pdf"))


def classify_json(paths: list[str], *options: str) -> str:
    """Standard output of `sendscan classify PATHS --format json`, run from ROOT as
    a user would run it, without the cache (its output is what is checked)."""
    command = [sys.executable, "-m", "sendscan", "classify", *paths, "--format", "json", "--no-cache", *options]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1"})
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digests(output: str) -> dict:
    """What is stored of the corpus's output: its hash, and each document's."""
    documents = json.loads(output)
    return {"output": sha256(output),
            "documents": {d["source"]: sha256(json.dumps(d, indent=2, ensure_ascii=False)) for d in documents}}


def main() -> None:
    STORED.mkdir(parents=True, exist_ok=True)
    (STORED / "samples.json").write_text(classify_json(sample_paths()), encoding="utf-8")
    print(f"wrote {STORED / 'samples.json'}")
    if not corpus_paths():
        print(f"the corpus is not at {CORPUS}: corpus.json left as it was")
        return
    stored = json.dumps(digests(classify_json(corpus_paths())), indent=2) + "\n"
    (STORED / "corpus.json").write_text(stored, encoding="utf-8")
    print(f"wrote {STORED / 'corpus.json'}")


if __name__ == "__main__":
    main()
