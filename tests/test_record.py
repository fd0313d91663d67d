"""The previous inspection from the public record (Ofsted's statistics of 2016-2022), through the real CLI."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest

from conftest import CORPUS, FIXTURES, ROOT, SAMPLES, needs_corpus
from sendscan import areas, record

REFERENCE = ROOT.parent / "shared" / "reference" / "ofsted_area_send_2016_2022.csv"
#: A letter written for the tests: Bedford's 2016-framework letter, listing 4 significant
#: weaknesses where Ofsted's statistics count 5, and starting on the day they give.
BEDFORD_LETTER = FIXTURES / "letter_2016_bedford.txt"


def history_json(cli, area: str, *paths: str) -> list[dict]:
    result = cli("compare", *paths, "--history", area, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["rows"]


@pytest.mark.skipif(not REFERENCE.exists(), reason=f"Ofsted's statistics are not at {REFERENCE}")
def test_the_shipped_table_is_what_the_script_builds_from_the_statistics():
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_previous_inspections as build

    built = build.rows(REFERENCE)
    shipped = (ROOT / "src" / "sendscan" / "data" / "previous_inspections.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(line for line in io.StringIO(shipped) if not line.startswith("#")))
    assert rows == built
    with open(REFERENCE, newline="", encoding="utf-8") as f:
        assert len(rows) == len(list(csv.DictReader(f))) + 1  # Cumbria stands for its two successors


def test_every_inspection_is_of_a_current_area():
    inspections = record.all_inspections()
    for code, inspection in inspections.items():
        assert areas.by_code(code).name == inspection.area
    assert inspections["E06000063"].inspected_as == inspections["E06000064"].inspected_as == "Cumbria"


def test_history_without_any_letter_comes_from_the_statistics(cli):
    rows = history_json(cli, "Birmingham", str(SAMPLES))
    past = record.previous("Birmingham")
    assert [(r["doc_type"], r["kind"], r["inspection_end"]) for r in rows] == [
        ("send_letter_2016", "published", past.inspection_start), ("send_revisit", "published", past.revisit_start)]
    assert rows[0]["result"] == f"WSoA required ({past.significant_weaknesses} significant weaknesses)"
    assert rows[1]["result"] == f"progress on {past.revisit_sufficient} of " \
                                f"{past.revisit_sufficient + past.revisit_insufficient}"
    assert all(r["source"] == record.SOURCE for r in rows)
    table = cli("compare", str(SAMPLES), "--history", "Birmingham").stdout
    assert "† from Ofsted's published statistics" in table


def test_a_letter_given_wins_and_its_disagreement_is_shown(cli):
    rows = history_json(cli, "Bedford", str(BEDFORD_LETTER))
    letter, revisit = rows
    assert letter["kind"] == "document" and letter["result"] == "WSoA required"
    assert letter["disagreements"] == "5 significant weaknesses (the letter lists 4)"  # the dates agree
    assert revisit["kind"] == "published" and revisit["result"] == "progress on 5 of 5"
    for fmt in ("table", "markdown"):
        shown = cli("compare", str(BEDFORD_LETTER), "--history", "Bedford", "-f", fmt).stdout
        assert "Ofsted's statistics differ: 5 significant weaknesses (the letter lists 4)" in " ".join(shown.split())


@needs_corpus
def test_compare_shows_each_areas_previous_inspection_and_where_a_report_dates_it_otherwise(cli, tmp_path):
    page = tmp_path / "report.html"
    result = cli("compare", str(CORPUS), "-f", "json", "--html", str(page))
    assert result.exit_code == 0, result.stderr
    rows = {r["area"]: r for r in json.loads(result.stdout)["rows"]}
    for name, row in rows.items():
        past = record.previous(name)
        assert row["previous"] == (past.words() if past else None)
    assert rows["North Northamptonshire"]["previous"] is None  # a new area: not previously inspected
    assert rows["Suffolk"]["previous"].startswith("WSoA 2016 (4 weaknesses); revisit 2019")
    # Bedford's report dates its previous inspection and revisit otherwise than the statistics;
    # Suffolk's report gives the revisit's dates, which agree.
    assert "began on 2018-02-05" in rows["Bedford Borough"]["disagreements"]
    assert rows["Suffolk"]["disagreements"] == ""
    html = page.read_text(encoding="utf-8")
    assert "Previous (2016–2022)" in html and "Where Ofsted’s published statistics differ" in html


@needs_corpus
def test_the_corpus_letter_and_the_statistics_in_one_history(cli):
    rows = history_json(cli, "Bedford", str(CORPUS), str(BEDFORD_LETTER))
    assert [(r["doc_type"], r["kind"]) for r in rows] == [
        ("send_letter_2016", "document"), ("send_revisit", "published"), ("send_report_2023", "document")]


def test_an_area_with_neither_document_nor_record_is_one_line(cli):
    result = cli("compare", str(SAMPLES), "--history", "North Northamptonshire")
    assert result.exit_code == 1
    assert "and Ofsted's statistics of 2016-2022 do not list it" in result.stderr
