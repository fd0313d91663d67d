"""The command line, run in-process as a user would type it."""

from __future__ import annotations

import json

import pytest

from conftest import CORPUS, FIXTURES, ROOT, needs_corpus

KEYS = {"schema_version", "source", "doc_type", "metadata", "sections"}
META_KEYS = {"local_area", "inspection_start", "inspection_end", "outcome", "wsoa_required", "revisit",
             "next_full_inspection_years", "monitoring_inspection_months"}


@pytest.fixture
def note(tmp_path):
    path = tmp_path / "council_note.txt"
    path.write_text(
        "Harrowby Council: our SEND inspection\n\nLast updated: 4 April 2024\n\n"
        "Inspectors found that children wait too long for speech and language therapy. "
        "They said that co-production with families is strong.\n", encoding="utf-8")
    return path


def test_help_lists_extract(cli):
    result = cli("--help")
    assert result.exit_code == 0 and "extract" in result.stdout


def test_extract_json_for_one_file_is_an_object_with_the_documented_keys(cli, note):
    result = cli("extract", str(note), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert KEYS <= set(data) and META_KEYS <= set(data["metadata"])
    assert data["schema_version"] == "1.0" and data["doc_type"] == "council_page"
    assert data["metadata"]["published"] == "2024-04-04"
    texts = [f["text"] for s in data["sections"] for f in s["findings"]]
    assert "Inspectors found that children wait too long for speech and language therapy." in texts


def test_extract_json_for_several_files_is_an_array(cli, note, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Ofsted said SEND services in Harrowby are improving.\n", encoding="utf-8")
    data = json.loads(cli("extract", str(note), str(other), "-f", "json").stdout)
    assert isinstance(data, list) and [d["source"] for d in data] == [str(note), str(other)]


def test_extract_markdown_and_jsonl(cli, note):
    markdown = cli("extract", str(note), "-f", "markdown").stdout
    assert markdown.startswith("# ") and "- Inspectors found" in markdown
    lines = cli("extract", str(note), str(note), "-f", "jsonl").stdout.splitlines()
    assert len(lines) == 2 and all(json.loads(line)["doc_type"] == "council_page" for line in lines)


def test_output_file_is_written(cli, note, tmp_path):
    out = tmp_path / "out.json"
    result = cli("extract", str(note), "-f", "json", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["source"] == str(note)


def test_standard_input(cli):
    result = cli("extract", "-", "-f", "json", input="Ofsted found that waits for autism assessments are too long.\n")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"] == "-"


def test_a_batch_reports_each_bad_file_in_one_line_and_goes_on(cli, note, tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    result = cli("extract", str(empty), str(note), str(FIXTURES / "scanned.pdf"), str(tmp_path / "gone.pdf"), "-f", "json")
    assert result.exit_code == 1
    assert [d["source"] for d in json.loads(result.stdout)] == [str(note)]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3
    assert errors[0] == f"error: {empty}: file is empty"
    assert "scanned.pdf: PDF has no text layer" in errors[1]
    assert errors[2] == f"error: {tmp_path / 'gone.pdf'}: no such file"
    assert "Traceback" not in result.output


def test_a_format_that_extract_does_not_offer_is_a_usage_error(cli, note):
    result = cli("extract", str(note), "-f", "csv")
    message = " ".join(result.stderr.replace("│", " ").split())
    assert result.exit_code == 2 and "'csv' is not one of 'table', 'json', 'jsonl', 'markdown'" in message


@needs_corpus
def test_table_view_of_a_real_report(cli):
    result = cli("extract", str(CORPUS / "80535_oldham.pdf"))
    assert result.exit_code == 0
    for expected in ("Oldham", "systemic", "Areas for priority action", "What does the area partnership need to do better?"):
        assert expected in result.stdout


# --- classify, taxonomy, evaluate -------------------------------------------------


@needs_corpus
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "markdown", "table"])
def test_classify_every_format_on_a_real_report(cli, fmt):
    result = cli("classify", str(CORPUS / "80535_oldham.pdf"), "-f", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt == "json":
        data = json.loads(out)
        tagged = [f for s in data["sections"] for f in s["findings"]]
        assert tagged and all(f["polarity"] in ("weakness", "strength", "neutral") for f in tagged)
        assert all({"id", "score", "evidence"} <= set(c) for f in tagged for c in f["categories"])
        assert "health_waits" in data["summary"]["weakness"]
    elif fmt == "jsonl":
        assert json.loads(out.splitlines()[0])["metadata"]["local_area"] == "Oldham"
    elif fmt == "csv":
        header, *rows = out.splitlines()
        assert header.startswith("source,local_area,doc_type") and len(rows) > 20
    elif fmt == "markdown":
        assert out.startswith("# Oldham") and "**Weaknesses**" in out
    else:
        assert "Oldham" in out and "Weaknesses:" in out


@needs_corpus
def test_classify_filters_by_polarity_and_category(cli):
    result = cli("classify", str(CORPUS / "80535_oldham.pdf"), "--polarity", "strength", "--category", "mental_health", "-f", "json")
    findings = [f for s in json.loads(result.stdout)["sections"] for f in s["findings"]]
    assert findings and all(f["polarity"] == "strength" and "mental_health" in [c["id"] for c in f["categories"]]
                            for f in findings)


def test_classify_with_a_broken_taxonomy_exits_2_with_file_and_line(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\ncategories:\n  - id: leadership\n    label: [oops\n", encoding="utf-8")
    page = tmp_path / "p.txt"
    page.write_text("Ofsted found delays.\n", encoding="utf-8")
    result = cli("classify", str(page), "--taxonomy", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}:") and "YAML syntax error" in result.stderr


def test_taxonomy_lint_passes_the_shipped_file_and_fails_a_bad_one(cli, tmp_path):
    result = cli("taxonomy", "lint")
    assert result.exit_code == 0, result.stderr
    assert "ok (" in result.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\ncategories:\n  - id: leadership\n    label: L\n    patterns: [{tokens: []}]\n", encoding="utf-8")
    result = cli("taxonomy", "lint", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:5: categories.0.patterns.0:" in result.stderr


def test_taxonomy_show_prints_the_tree_with_counts(cli):
    result = cli("taxonomy", "show")
    assert result.exit_code == 0
    assert "health_waits" in result.stdout and "patterns" in result.stdout


@needs_corpus
def test_evaluate_on_the_corpus_gold_meets_the_quality_floor(cli, tmp_path):
    gold = [str(ROOT / "taxonomy" / "gold" / f"corpus-{part}.jsonl") for part in ("tune", "held-out")]
    junit = tmp_path / "junit.xml"
    baseline = tmp_path / "baseline.json"
    result = cli("evaluate", *gold, "--documents", str(CORPUS), "--min-f1", "0.75", "--junit", str(junit),
                 "--save-baseline", str(baseline), "-f", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"] == 20 and report["gate"]["passed"]
    assert len(report["model"]["in_sample_documents"]) == 20  # the shipped model learnt from this gold
    assert report["document_level"]["weakness"]["micro"]["f1"] >= 0.85
    assert report["document_level"]["strength"]["micro"]["f1"] >= 0.85
    assert "<testsuite" in junit.read_text(encoding="utf-8")
    # Against an impossible baseline the gate closes.
    baseline.write_text(json.dumps({"finding_micro_f1": 1.0}), encoding="utf-8")
    result = cli("evaluate", *gold, "--documents", str(CORPUS), "--baseline", str(baseline), "--tolerance", "0",
                 "--rules-only")
    assert result.exit_code == 1 and "fell from the baseline" in result.stderr


def test_evaluate_names_an_unknown_document(cli, tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"document": "nowhere.pdf", "section": "weakness", "index": 0,
                                "categories": ["health_waits"], "polarity": "weakness"}) + "\n", encoding="utf-8")
    result = cli("evaluate", str(gold))
    assert result.exit_code == 2 and "unknown document 'nowhere.pdf'" in result.stderr


def test_a_progress_bar_is_drawn_on_a_terminal_and_nothing_in_a_pipe(tmp_path):
    import os
    import pty
    import subprocess
    import sys

    command = [sys.executable, "-m", "sendscan", "compare", str(ROOT / "samples"), "-f", "csv", "--no-cache", "-j", "2"]
    piped = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert piped.returncode == 0 and piped.stderr == ""
    leader, follower = pty.openpty()  # standard error on a terminal, as when a person runs it
    run = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=follower, timeout=120)
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal is closed once everything is read
            break
        if not chunk:
            break
        drawn += chunk
    assert run.returncode == 0
    assert b"comparing" in drawn and b"8/8" in drawn and b"pages/s" in drawn


def test_an_output_file_that_cannot_be_written_is_refused_before_any_work_in_one_line(cli, note, tmp_path):
    missing = tmp_path / "no_such_folder"
    for args in (["compare", str(note), "--html", str(missing / "r.html")],
                 ["classify", str(note), "-o", str(missing / "r.json")],
                 ["extract", str(note), "-o", str(missing / "r.json")]):
        result = cli(*args)
        assert result.exit_code == 2, args
        assert result.stderr == f"error: {args[-1]}: cannot be written: the folder {missing} does not exist\n"


def test_a_write_that_fails_late_is_one_line_not_a_traceback(tmp_path):
    from sendscan.errors import OutputError
    from sendscan.export import write_atomic

    (tmp_path / "taken").mkdir()
    with pytest.raises(OutputError, match="cannot be written"):
        write_atomic(str(tmp_path / "taken"), "a directory is in the way")
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]  # no temporary file left behind


def test_ctrl_c_is_one_line_exit_130_and_the_finished_documents_stay_cached(tmp_path):
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    folder, cache = tmp_path / "letters", tmp_path / "cache.sqlite3"
    folder.mkdir()
    pdfs = sorted((ROOT / "samples").glob("*.pdf"))
    for n in range(60):  # different bytes each, so every file is its own entry
        (folder / f"{n:02d}.pdf").write_bytes(pdfs[n % len(pdfs)].read_bytes() + b"\n%" + str(n).encode() + b"\n")
    run = subprocess.Popen([sys.executable, "-m", "sendscan", "compare", str(folder), "--cache", str(cache), "-j", "2"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))

    def cached() -> int:
        try:
            with sqlite3.connect(f"file:{cache}?mode=ro", uri=True) as db:
                return db.execute("SELECT count(*) FROM entries").fetchone()[0]
        except sqlite3.Error:
            return 0

    deadline = time.monotonic() + 60
    while cached() < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    run.send_signal(signal.SIGINT)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 130 and out == ""
    assert err == "interrupted; the documents finished are cached, so running it again goes on from there\n"
    assert 2 <= cached() < 60
