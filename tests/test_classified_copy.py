"""The classify JSON of the samples (in one process and with workers) and of
the real corpus is the stored copy, byte for byte: a change made for speed must
not change what sendscan says. When tagging changes on purpose, regenerate
the copy with `python scripts/store_classified.py` and commit it with the change."""

from __future__ import annotations

import json
import sys

import pytest

from conftest import FIXTURES, ROOT, needs_corpus

sys.path.insert(0, str(ROOT / "scripts"))
import store_classified as store  # noqa: E402

REGENERATE = "if tagging changed on purpose, run python scripts/store_classified.py and commit its files"
JOBS = ("1", "2")


def changed_documents(output: str, stored: str) -> list[str]:
    """The sources whose JSON differs, to name in a failure."""
    now, then = json.loads(output), json.loads(stored)
    return sorted({d["source"] for d in now if d not in then} | {d["source"] for d in then if d not in now})


@pytest.mark.parametrize("jobs", JOBS)
def test_the_samples_classify_json_is_the_stored_copy(jobs):
    output = store.classify_json(store.sample_paths(), "--jobs", jobs)
    stored = (FIXTURES / "classified" / "samples.json").read_text(encoding="utf-8")
    assert output == stored, f"classify JSON changed for {changed_documents(output, stored)}; {REGENERATE}"


@needs_corpus
def test_the_corpus_classify_json_is_the_stored_copy():
    # With workers only: the samples hold both ways to each other, and this is the slower test.
    found = store.digests(store.classify_json(store.corpus_paths(), "--jobs", "2"))
    stored = json.loads((FIXTURES / "classified" / "corpus.json").read_text(encoding="utf-8"))
    changed = sorted(s for s in found["documents"].keys() | stored["documents"].keys()
                     if found["documents"].get(s) != stored["documents"].get(s))
    assert not changed, f"classify JSON changed for {changed}; {REGENERATE}"
    assert found["output"] == stored["output"], REGENERATE
