"""What makes a run start and end quickly leaves what it does alone: the
command ends without tearing the interpreter down, yet its output is whole
and its exit status the same; a taxonomy's schema is checked once for its bytes."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import SAMPLES

from sendscan.taxonomy import CODEBOOK_IDS, parse, validation_mark


def sendscan_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sendscan", *args], capture_output=True, text=True, timeout=120)


def test_the_whole_output_is_written_and_the_exit_status_kept():
    run = sendscan_cli("extract", str(SAMPLES / "report_2023_systemic.pdf"), "--format", "json")
    assert run.returncode == 0 and run.stdout.endswith("}\n") and run.stderr == ""
    assert sendscan_cli("--version").stdout.startswith("sendscan ")
    missing = sendscan_cli("classify", "no_such_file.pdf")
    assert missing.returncode == 1 and missing.stderr == "error: no_such_file.pdf: no such file\n"
    assert sendscan_cli("classify", "--no-such-option").returncode == 2


def minimal_taxonomy(tmp_path, first_label: str = "leadership"):
    lines = ["version: 1", "categories:", f"  - id: {CODEBOOK_IDS[0]}", f"    label: {first_label}",
             "    patterns:", "      - waiting time"]
    lines += [f"  - id: {c}\n    label: {c}" for c in CODEBOOK_IDS[1:]]
    path = tmp_path / "t.yaml"
    path.write_text(textwrap.dedent("\n".join(lines)) + "\n", encoding="utf-8")
    return path


def test_a_taxonomy_that_passed_the_schema_is_marked_and_other_bytes_are_checked_again(tmp_path):
    path = minimal_taxonomy(tmp_path)
    taxonomy, problems = parse(path)
    assert taxonomy and not problems
    assert validation_mark(path.read_bytes()).is_file()
    assert parse(path)[0] == taxonomy  # read again through the mark: the same taxonomy

    path.write_text(path.read_text(encoding="utf-8").replace("label: leadership", "label: [1, 2]"), encoding="utf-8")
    taxonomy, problems = parse(path)
    assert taxonomy is None and "label" in str(problems[0])
    assert not validation_mark(path.read_bytes()).exists()
