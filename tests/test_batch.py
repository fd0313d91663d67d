"""batch: worker processes, input order, progress, and a big batch with bad files in it."""

from __future__ import annotations

import csv
import io
import shutil

import sendscan
from conftest import FIXTURES, SAMPLES

DOCUMENTS = sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".html", ".txt"))


def test_workers_give_the_same_results_in_the_same_order_as_one_process(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + b"\x00" * 64)
    files = DOCUMENTS[:3] + [str(bad)] + DOCUMENTS[3:]
    one, one_errors = sendscan.classify(files, cache=False, jobs=1)
    two, two_errors = sendscan.classify(files, cache=False, jobs=2)
    assert [r.to_dict() for r in two] == [r.to_dict() for r in one]
    assert [r.document.source for r in two] == DOCUMENTS
    assert [str(e) for e in two_errors] == [str(e) for e in one_errors]
    assert len(two_errors) == 1 and two_errors[0].path == str(bad)  # the error crossed from its worker whole


def test_progress_is_told_of_every_file_with_its_pages(tmp_path):
    seen = []
    sendscan.classify(DOCUMENTS, cache=tmp_path / "cache.sqlite3", jobs=2, progress=lambda *a: seen.append(a))
    sendscan.classify(DOCUMENTS, cache=tmp_path / "cache.sqlite3", jobs=2, progress=lambda *a: seen.append(a))
    assert len(seen) == 2 * (1 + len(DOCUMENTS)) and seen[0] == (None, 0, len(DOCUMENTS))
    assert sorted(path for path, _, _ in seen[1:1 + len(DOCUMENTS)]) == DOCUMENTS
    assert {total for _, _, total in seen} == {len(DOCUMENTS)}
    pages = {path: n for path, n, _ in seen}
    assert pages[str(SAMPLES / "report_2023_systemic.pdf")] >= 2 and pages[str(SAMPLES / "news_report.html")] == 1


def test_a_hundred_files_with_bad_ones_finish_report_each_failure_once_at_the_end_and_exit_1(cli, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for n in range(90):
        source = SAMPLES / DOCUMENTS[n % len(DOCUMENTS)]
        shutil.copy(source, folder / f"{n:03d}_{source.name}")
    bad = {
        "empty.pdf": b"",
        "not_really.pdf": b"PK\x03\x04 an Office file renamed",
        "truncated.pdf": (SAMPLES / "revisit_2019.pdf").read_bytes()[:900],
        "binary.txt": bytes(range(256)) * 4,
        "scanned.pdf": (FIXTURES / "scanned.pdf").read_bytes(),
        "encrypted.pdf": (FIXTURES / "encrypted.pdf").read_bytes(),
        "garbage.html": b"\xff\xfe\x00\x00" + b"\x00\xd8" * 50,
        "zeros.pdf": b"\x00" * 2048,
        "half.pdf": b"%PDF-1.4\n1 0 obj\n<<",
        "blank.txt": b"   \n\n  ",
        "download.pdf": b"<!doctype html><html><title>404 Not Found</title></html>",
    }
    for name, data in bad.items():
        (folder / f"zz_{name}").write_bytes(data)
    out, page = tmp_path / "areas.csv", tmp_path / "areas.html"
    result = cli("compare", str(folder), "--by-document", "-f", "csv", "-o", str(out), "--html", str(page), "-j", "2",
                 "--no-cache")
    assert result.exit_code == 1
    assert result.stdout == "" and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(bad)
    for name in bad:
        assert sum(f"zz_{name}: " in line for line in lines) == 1, (name, lines)
    assert all(line.startswith("error: ") for line in lines)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 90
    assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".sendscan-")]  # no temporary files left


def test_this_process_reads_files_while_the_workers_start_and_the_workers_tag_them(monkeypatch):
    from sendscan import batch

    read_here = []
    original = batch.extracted
    monkeypatch.setattr(batch, "extracted", lambda path, *args: read_here.append(path) or original(path, *args))
    files = DOCUMENTS * 3
    two, _ = sendscan.classify(files, cache=False, jobs=2)
    assert read_here and set(read_here) <= set(files)  # the workers read the others
    one, _ = sendscan.classify(files, cache=False, jobs=1)
    assert [r.to_dict() for r in two] == [r.to_dict() for r in one]


def test_the_worker_server_starts_at_the_first_file_not_in_the_cache_and_not_for_a_warm_run(monkeypatch, tmp_path):
    from sendscan import batch

    looked_up, started_after = [], []
    key_of, worker_context = batch.key_of, batch.worker_context
    monkeypatch.setattr(batch, "key_of", lambda path, *args: looked_up.append(path) or key_of(path, *args))
    monkeypatch.setattr(batch, "worker_context",
                        lambda *args: started_after.append(len(looked_up)) or worker_context(*args))
    cache = tmp_path / "cache.sqlite3"
    cold, _ = sendscan.classify(DOCUMENTS, cache=cache, jobs=2)
    # Started while this process looks up the other files, not after; once only.
    assert started_after == [1] and len(looked_up) == len(DOCUMENTS)
    started_after.clear()
    warm, _ = sendscan.classify(DOCUMENTS, cache=cache, jobs=2)
    assert started_after == [] and [r.to_dict() for r in warm] == [r.to_dict() for r in cold]
    # One file left to classify is classified here: no server either.
    sendscan.classify([DOCUMENTS[0]], cache=False, jobs=2)
    assert started_after == []


def test_once_a_worker_has_died_each_file_left_is_named_as_an_error_not_a_traceback():
    from concurrent.futures.process import BrokenProcessPool

    from sendscan.batch import shared_out
    from sendscan.read import MAX_BYTES

    class Broken:
        def submit(self, *args):
            raise BrokenProcessPool("a child process terminated abruptly")

    found = dict(shared_out(Broken(), 2, [0, 1, 2], DOCUMENTS[:3], "pypdfium2", None, MAX_BYTES))
    assert sorted(found) == [0, 1, 2]
    assert sorted(e.path for e in found.values()) == DOCUMENTS[:3]
    assert all("a worker process died" in str(e) for e in found.values())


def test_documents_not_kept_whole_hold_all_a_comparison_reads_and_not_their_text(tmp_path):
    from sendscan import comparison

    whole, _ = sendscan.classify(DOCUMENTS, cache=tmp_path / "cache.sqlite3", jobs=1)
    for cache in (tmp_path / "cache.sqlite3", False):  # from the cache, and afresh
        lean, _ = sendscan.classify(DOCUMENTS, cache=cache, jobs=1, whole=False)
        assert all(r.document.text == "" and not any(s.text for s in r.document.sections) for r in lean)
        assert [[(s.kind, s.title, f, t) for s, f, t in r.tagged()] for r in lean] == \
            [[(s.kind, s.title, f, t) for s, f, t in r.tagged()] for r in whole]
        assert comparison.compare(lean).to_rows() == comparison.compare(whole).to_rows()


def test_the_worker_server_builds_the_runs_pipeline_once_and_workers_take_it_only_if_it_is_theirs():
    import os
    import subprocess
    import sys

    probe = """
import json, sys
from sendscan import server
from sendscan.batch import prebuilt
from sendscan.taxonomy import load
shipped = load()
print(json.dumps([server.prebuilt is not None, prebuilt(shipped, None) is server.prebuilt[1],
                  prebuilt(shipped, False) is None]))
"""
    env = {**os.environ, "SENDSCAN_SERVER_PIPELINE": "[null, null]"}
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[true, true, true]"  # the rules alone are another pipeline: built afresh
