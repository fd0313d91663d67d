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

def gold_file(folder: Path, lines: list, name: str = "gold.jsonl") -> Path:
    """A gold file in `folder` of these lines: dicts as JSON, strings as they are."""
    path = folder / name
    path.write_text("\n".join(json.dumps(line) if isinstance(line, dict) else line for line in lines) + "\n",
                    encoding="utf-8")
    return path


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


def docs_before(nlp, findings: list[tuple[str, str]], component: str) -> list:
    """Docs of (section kind, text) findings, read in a row as a document's
    are (findings of one kind form one section), taken one at a time through
    every component of `nlp` before `component`."""
    from sendscan.model import Finding, Section
    from sendscan.tag.pipeline import finding_docs

    sections: dict[str, Section] = {}
    pairs = [(sections.setdefault(kind, Section(kind=kind, title="", page=1)), Finding(text, 0, 0, len(text)))
             for kind, text in findings]
    docs = list(finding_docs(nlp, pairs))
    for name in nlp.pipe_names[:nlp.pipe_names.index(component)]:
        docs = [nlp.get_pipe(name)(doc) for doc in docs]
    return docs


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
