"""`compare --format xlsx`: the workbook for analysts, written through the real CLI and read back with openpyxl."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import CORPUS, SAMPLES, needs_corpus

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is the xlsx extra: pip install -e '.[test]'")


def workbook_and_json(cli, tmp_path, *paths: str):
    book = tmp_path / "areas.xlsx"
    result = cli("compare", *paths, "-f", "xlsx", "-o", str(book))
    assert result.exit_code == 0, result.stderr
    matrix = json.loads(cli("compare", *paths, "-f", "json").stdout)
    summary = json.loads(cli("compare", *paths, "--summary", "-f", "json").stdout)
    return openpyxl.load_workbook(book), matrix, summary


def check_workbook(cli, book, matrix: dict, summary: dict) -> None:
    assert book.sheetnames == ["Comparison", "Findings", "Summary", "Legend"]
    for name in ("Comparison", "Findings", "Summary"):
        sheet = book[name]
        assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref.startswith("A1:")
    sheet = book["Comparison"]
    heads = [c.value for c in sheet[1]]
    first = heads.index("source") + 1
    categories = matrix["categories"]
    assert sheet.max_row == len(matrix["rows"]) + 1
    for line, row in enumerate(matrix["rows"], 2):
        assert sheet.cell(line, 1).value == row["area"] and sheet.cell(line, 5).value == row["result"]
        for offset, category in enumerate(categories):
            cell = sheet.cell(line, first + offset + 1)
            assert cell.value == row[f"{category}_weakness"]
            shaded = cell.fill.fgColor.rgb.endswith(("FFD8D3", "FFABA1", "F8705E", "C4291C"))
            assert shaded == bool(row[f"{category}_weakness"])  # the heat colours
            assert sheet.cell(line, first + len(categories) + offset + 1).value == row[f"{category}_strength"]
    # Findings: every finding of the documents compared, as classify lists them.
    sources = [r["source"] for r in matrix["rows"]]
    listed = list(csv.DictReader(io.StringIO(cli("classify", *sources, "-f", "csv").stdout)))
    findings = book["Findings"]
    assert [c.value for c in findings[1]] == ["area", "document", "doc_type", "section", "page", "polarity",
                                              "categories", "evidence", "text"]
    assert findings.max_row - 1 == len(listed)
    assert sorted(r[8].value for r in findings.iter_rows(min_row=2)) == sorted(r["text"] for r in listed)
    # Summary: the national picture, ranked.
    heads = [c.value for c in book["Summary"][1]]
    weak = heads.index("weakness_areas")
    ranked = [(r[1].value, r[weak].value) for r in book["Summary"].iter_rows(min_row=2)]
    assert ranked == [(c["category"], c["weakness_areas"]) for c in summary["categories"]]
    assert any("7 or more" == r[0].value for r in book["Legend"].iter_rows())


def test_the_samples_workbook(cli, tmp_path):
    check_workbook(cli, *workbook_and_json(cli, tmp_path, str(SAMPLES)))


@needs_corpus
def test_the_corpus_workbook(cli, tmp_path):
    book, matrix, summary = workbook_and_json(cli, tmp_path, str(CORPUS))
    check_workbook(cli, book, matrix, summary)
    previous = [c.value for c in book["Comparison"]["F"]][1:]
    assert sum(1 for p in previous if p) >= 15  # the areas' 2016-2022 inspections, from Ofsted's statistics
    differ = {r[0].value: r[6].value for r in book["Comparison"].iter_rows(min_row=2)}
    assert "began on 2018-02-05" in differ["Bedford Borough"] and differ["Suffolk"] is None


def test_a_workbook_needs_a_file(cli):
    result = cli("compare", str(SAMPLES), "-f", "xlsx")
    assert result.exit_code == 2 and "give its file with -o" in result.stderr


def test_without_openpyxl_the_error_says_how_to_install_it(cli, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now fails, as where it is not installed
    result = cli("compare", str(SAMPLES), "-f", "xlsx", "-o", str(tmp_path / "a.xlsx"))
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: --format xlsx needs openpyxl: pip install 'sendscan[xlsx]'"
    assert not (tmp_path / "a.xlsx").exists()
