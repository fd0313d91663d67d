"""Property-based fuzzing (hypothesis): mutated PDFs, texts, HTML pages and
taxonomies go through the real pipeline, and each either gives a result or
one `SendscanError` - never another exception, never a long wait. Bounded so
that the suite stays fast; `python benchmarks/fuzz.py` runs thousands of cases."""

from __future__ import annotations

from datetime import timedelta

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is in the test extra: pip install -e '.[test]'")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

import sendscan  # noqa: E402
from conftest import SAMPLES  # noqa: E402
from sendscan.errors import SendscanError  # noqa: E402
from sendscan.taxonomy import default_path, parse  # noqa: E402

DOCUMENTS = {p.name: p.read_bytes() for p in sorted(SAMPLES.iterdir()) if p.suffix in (".pdf", ".html", ".txt")}
TAXONOMY = default_path().read_bytes()
#: A case may take this long (a damaged nine-page PDF takes a few hundredths of a second).
BOUND = settings(max_examples=40, deadline=timedelta(seconds=5), derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@st.composite
def mutated(draw, original: bytes) -> bytes:
    """The bytes with a few flips, insertions, deletions or a truncation."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if action == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(max_size=64) | st.sampled_from(
                [b"\x00", b"\xff\xfe", b"%PDF-", b"<html>", b"[/]", b"NHS ", b"-\n" * 50, b"\r\n"]))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 512))]
        else:
            del data[at:]
    return bytes(data)


@st.composite
def documents(draw):
    name = draw(st.sampled_from(sorted(DOCUMENTS)))
    return name, draw(mutated(DOCUMENTS[name]))


def extracted_or_refused(path) -> None:
    try:
        document = sendscan.extract(str(path))
    except SendscanError as error:
        assert str(error).startswith(str(path)) and "\n" not in str(error)
        assert "please report it" not in error.message, error.message  # a bug of ours, caught
        return
    for _, finding in document.findings():
        assert document.text[finding.start:finding.end] == finding.text


@BOUND
@given(case=documents())
def test_a_mutated_document_is_read_or_refused_in_one_line(tmp_path, case):
    name, data = case
    path = tmp_path / name
    path.write_bytes(data)
    extracted_or_refused(path)


@BOUND
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=3000),
       suffix=st.sampled_from([".txt", ".html"]))
def test_any_text_or_html_is_read_or_refused_in_one_line(tmp_path, text, suffix):
    path = tmp_path / f"page{suffix}"
    path.write_text(text, encoding="utf-8")
    extracted_or_refused(path)


@BOUND
@given(data=mutated(TAXONOMY))
def test_a_mutated_taxonomy_is_loaded_or_its_problems_listed(tmp_path, data):
    path = tmp_path / "t.yaml"
    path.write_bytes(data)
    taxonomy, problems = parse(path)
    assert taxonomy is not None or problems
    for problem in problems:
        assert "\n" not in str(problem)
