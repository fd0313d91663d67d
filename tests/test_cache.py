"""cache: hits, keys, sharing between runs, killed runs, and files that are not a cache."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import sendscan
from conftest import SAMPLES
from sendscan import batch
from sendscan.cache import Cache
from sendscan.taxonomy import default_path

PDFS = sorted(str(p) for p in SAMPLES.glob("*.pdf"))


def entries(path: Path) -> int:
    with Cache(path) as store:
        return store.info().entries


def dicts(results) -> list[dict]:
    return [r.to_dict() for r in results]


def sendscan_cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "sendscan", *args]


@pytest.fixture(scope="module")
def fresh():
    """Every sample classified without the cache: what a cached run must give back."""
    results, errors = sendscan.classify(PDFS, cache=False, jobs=1)
    assert errors == []
    return dicts(results)


def test_a_second_run_reads_everything_from_the_cache_and_does_no_pdf_work(tmp_path, fresh, monkeypatch):
    cache = tmp_path / "cache.sqlite3"
    first, errors = sendscan.classify(PDFS, cache=cache, jobs=1)
    assert errors == [] and dicts(first) == fresh and entries(cache) == len(PDFS)

    def no_work(*args, **kwargs):
        raise AssertionError("a warm run read a document or built a spaCy pipeline")

    monkeypatch.setattr(sendscan.api, "read", no_work)
    monkeypatch.setattr(batch, "Worker", no_work)
    again, errors = sendscan.classify(PDFS, cache=cache, jobs=1)
    assert errors == [] and dicts(again) == fresh


def test_the_same_bytes_elsewhere_are_a_hit_under_their_own_name(tmp_path, fresh):
    cache = tmp_path / "cache.sqlite3"
    sendscan.classify(PDFS[:1], cache=cache, jobs=1)
    copy = tmp_path / "renamed.pdf"
    shutil.copy(PDFS[0], copy)
    results, _ = sendscan.classify([str(copy)], cache=cache, jobs=1)
    assert entries(cache) == 1
    assert results[0].document.source == str(copy)
    assert {**results[0].to_dict(), "source": PDFS[0]} == fresh[0]


def test_a_changed_file_is_read_again(tmp_path):
    cache, letter = tmp_path / "cache.sqlite3", tmp_path / "letter.pdf"
    shutil.copy(SAMPLES / "letter_2016_wsoa.pdf", letter)
    sendscan.classify([str(letter)], cache=cache, jobs=1)
    shutil.copy(SAMPLES / "report_2023_positive.pdf", letter)
    results, _ = sendscan.classify([str(letter)], cache=cache, jobs=1)
    assert results[0].document.doc_type == "send_report_2023" and entries(cache) == 2


def test_a_changed_taxonomy_or_engine_misses_the_cache(tmp_path):
    cache, taxonomy = tmp_path / "cache.sqlite3", tmp_path / "send.yaml"
    shutil.copy(default_path(), taxonomy)
    one = PDFS[:1]
    sendscan.classify(one, taxonomy=taxonomy, cache=cache, jobs=1)
    sendscan.classify(one, taxonomy=taxonomy, cache=cache, jobs=1)
    assert entries(cache) == 1
    # A real edit: leadership loses its "governance" pattern.
    text = taxonomy.read_text(encoding="utf-8").replace("      - governance\n", "", 1)
    taxonomy.write_text(text, encoding="utf-8")
    changed, _ = sendscan.classify(one, taxonomy=taxonomy, cache=cache, jobs=1)
    assert entries(cache) == 2
    assert not any("governance" in c["evidence"] for t in changed[0].tags for c in t.categories)
    sendscan.classify(one, taxonomy=taxonomy, engine="pdfplumber", cache=cache, jobs=1)
    assert entries(cache) == 3


def test_two_runs_sharing_a_new_cache_at_once_both_succeed(tmp_path):
    cache = tmp_path / "cache.sqlite3"
    command = sendscan_cli("compare", str(SAMPLES), "-f", "csv", "--cache", str(cache), "-j", "1")
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], [err for _, err in outputs]
    assert outputs[0][0] == outputs[1][0] == outputs[2][0] and outputs[0][0].startswith("area,")
    assert all(err == "" for _, err in outputs)
    assert entries(cache) == len(list(SAMPLES.glob("*.pdf"))) + 2  # and the news page and council page
    with sqlite3.connect(cache) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_run_killed_part_way_leaves_only_whole_entries(tmp_path):
    cache, folder = tmp_path / "cache.sqlite3", tmp_path / "letters"
    folder.mkdir()
    for n in range(60):  # different bytes each, so every file is its own entry
        source = Path(PDFS[n % len(PDFS)])
        (folder / f"{n:02d}_{source.name}").write_bytes(source.read_bytes() + b"\n%" + str(n).encode() + b"\n")
    run = subprocess.Popen(sendscan_cli("classify", str(folder), "-f", "jsonl", "--cache", str(cache), "-j", "1"),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not cache.exists() or entries_readonly(cache) < 3):
        time.sleep(0.02)
    run.send_signal(signal.SIGKILL)
    run.wait()
    kept = entries_readonly(cache)
    assert 3 <= kept < 60, "the run was not killed part-way"
    with sqlite3.connect(cache) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Cache(cache) as store:
        keys = [k for (k,) in store.db.execute("SELECT key FROM entries")]
        assert all(store.get(k)["classified"]["sections"] for k in keys) and store.notice is None
    resumed, errors = sendscan.classify([str(folder)], cache=cache, jobs=1)
    fresh, _ = sendscan.classify([str(folder)], cache=False, jobs=1)
    assert errors == [] and dicts(resumed) == dicts(fresh) and entries(cache) == 60


def entries_readonly(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT count(*) FROM entries").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


@pytest.mark.parametrize("kind", ["garbage", "another_program", "old_layout"])
def test_a_file_that_is_not_our_cache_is_moved_aside_and_rebuilt(cli, tmp_path, kind):
    cache = tmp_path / "cache.sqlite3"
    if kind == "garbage":
        cache.write_bytes(b"these are someone's notes, not a database\n" * 100)
    else:
        with sqlite3.connect(cache) as db:
            db.execute("CREATE TABLE users (name TEXT)")
            if kind == "old_layout":
                db.execute("PRAGMA application_id = 1397965617")  # ours, with another layout
                db.execute("PRAGMA user_version = 99")
    before = cache.read_bytes()
    result = cli("compare", str(SAMPLES), "-f", "csv", "--cache", str(cache))
    assert result.exit_code == 0
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"warning: {cache}: not a sendscan cache")
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("cache.sqlite3.unusable-")]
    assert len(aside) == 1 and aside[0].read_bytes() == before  # the user's file is kept, untouched
    assert entries(cache) == 8
    assert result.stdout == cli("compare", str(SAMPLES), "-f", "csv", "--no-cache").stdout


def test_a_cache_damaged_inside_never_stops_the_run(cli, tmp_path):
    cache = tmp_path / "cache.sqlite3"
    assert cli("compare", str(SAMPLES), "--cache", str(cache), "-j", "1").exit_code == 0
    with sqlite3.connect(cache) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(cache.read_bytes())
    page = 4096
    for start in range(page, len(data), page):  # keep the header page; scramble every other
        data[start + 8:start + page] = os.urandom(page - 8)
    cache.write_bytes(bytes(data))
    expected = cli("compare", str(SAMPLES), "-f", "csv", "--no-cache").stdout
    result = cli("compare", str(SAMPLES), "-f", "csv", "--cache", str(cache))
    assert result.exit_code == 0 and result.stdout == expected
    assert result.stderr.startswith(f"warning: {cache}: ") and "Traceback" not in result.output
    again = cli("compare", str(SAMPLES), "-f", "csv", "--cache", str(cache))  # rebuilt: a clean run
    assert again.exit_code == 0 and again.stdout == expected


def test_a_cache_path_that_cannot_be_used_is_a_warning_not_a_failure(cli, tmp_path):
    (tmp_path / "a_file").write_text("not a folder", encoding="utf-8")
    cache = tmp_path / "a_file" / "cache.sqlite3"
    result = cli("compare", str(SAMPLES / "revisit_2019.pdf"), "--cache", str(cache), "-f", "csv")
    assert result.exit_code == 0 and "Saltney" in result.stdout
    assert result.stderr.startswith(f"warning: {cache}: cannot use this cache file")
    assert "went on without the cache" in result.stderr


def test_cache_environment_variable_info_and_clear(cli, tmp_path, monkeypatch):
    cache = tmp_path / "elsewhere" / "cache.sqlite3"
    monkeypatch.setenv("SENDSCAN_CACHE", str(cache))
    assert cli("classify", *PDFS[:2], "-f", "json").exit_code == 0
    info = json.loads(cli("cache", "info", "-f", "json").stdout)
    assert info["path"] == str(cache) and info["entries"] == 2 and info["pages"] > 2
    assert "2 documents" in cli("cache", "info").stdout
    cleared = cli("cache", "clear")
    assert cleared.exit_code == 0 and "removed 2 cached documents" in cleared.stdout
    assert entries(cache) == 0


def test_no_cache_leaves_no_file_and_contradicting_options_are_refused(cli, tmp_path):
    cache = tmp_path / "cache.sqlite3"
    assert cli("classify", PDFS[0], "--no-cache", "-f", "json").exit_code == 0
    result = cli("classify", PDFS[0], "--no-cache", "--cache", str(cache))
    assert result.exit_code == 2 and "contradict" in result.stderr and not cache.exists()


def test_an_upgrade_of_sendscan_or_spacy_is_a_miss(monkeypatch):
    from sendscan import cache as caching

    before = caching.entry_key(b"%PDF-1.7 ...", "pypdfium2", None, "0123abcd")
    assert caching.entry_key(b"%PDF-1.7 ...", "pypdfium2", None, "0123abcd") == before
    monkeypatch.setattr(caching, "library_versions", lambda: ("sendscan 0.1.0", "spacy 4.0.0"))
    assert caching.entry_key(b"%PDF-1.7 ...", "pypdfium2", None, "0123abcd") != before
