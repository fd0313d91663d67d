"""Shared test helpers: where the samples and the real corpus are, and a CLI runner."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"

needs_corpus = pytest.mark.skipif(
    not (CORPUS / "manifest.csv").exists(),
    reason=f"the real-report corpus is not at {CORPUS} (it is beside the project only in its home workplace)",
)


def corpus_manifest() -> list[dict]:
    if not (CORPUS / "manifest.csv").exists():
        return []
    with open(CORPUS / "manifest.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def corpus_expected(file: str) -> dict:
    return json.loads((CORPUS / "expected" / f"{Path(file).stem}.json").read_text(encoding="utf-8"))


def squash(text: str) -> str:
    """Text with case, whitespace and punctuation gone: for comparing extractions."""
    return re.sub(r"[\W_]+", "", text.lower())


@pytest.fixture(scope="session", autouse=True)
def cache_in_tmp(tmp_path_factory):
    """Tests never touch the user's own cache: one for the session, in a temporary folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SENDSCAN_CACHE", str(tmp_path_factory.mktemp("cache") / "cache.sqlite3"))
        yield


@pytest.fixture
def cli():
    """Run `sendscan ...` in-process; returns the click Result."""
    from sendscan.cli import app

    runner = CliRunner()

    def run(*args: str, input: str | bytes | None = None):
        return runner.invoke(app, list(args), input=input, env={"COLUMNS": "100", "NO_COLOR": "1"})

    return run
