"""comparison: areas by categories over the samples (and the corpus when present)."""

from __future__ import annotations

import json

import pytest

import sendscan
from conftest import CORPUS, SAMPLES, needs_corpus
from sendscan.comparison import compare, history


@pytest.fixture(scope="module")
def classified():
    results, errors = sendscan.classify([str(SAMPLES)])
    assert errors == []
    return results


def test_one_row_per_area_from_its_latest_inspection_document(classified):
    comparison = compare(classified)
    areas = [r.area for r in comparison.rows]
    assert len(areas) == len(set(areas))
    kettlemouth = next(r for r in comparison.rows if r.area == "Kettlemouth")
    assert kettlemouth.doc_type == "send_report_2023"  # not the later news story
    assert kettlemouth.cells["health_waits"][0] >= 1


def test_by_document_keeps_every_document(classified):
    assert len(compare(classified, by_document=True).rows) == len(classified)


def test_totals_count_areas_with_each_weakness(classified):
    comparison = compare(classified)
    totals = comparison.totals()
    assert totals["health_waits"] == sum(1 for r in comparison.rows if r.cells.get("health_waits", [0])[0])
    assert totals["health_waits"] >= 3


@pytest.mark.parametrize("group_by, expected", [
    ("outcome", {"systemic", "positive", "inconsistent", "none"}),
    ("doc-type", {"send_report_2023", "send_letter_2016", "send_revisit"}),  # inspections before news
    ("year", {"2019", "2021", "2024"}),
])
def test_group_by(classified, group_by, expected):
    comparison = compare(classified, group_by=group_by)
    groups = [r.group for r in comparison.rows]
    assert set(groups) == expected and groups == sorted(groups)


def test_history_puts_an_areas_documents_in_date_order(classified):
    rows = history(classified, "Kettlemouth").rows
    assert [r.doc_type for r in rows] == ["send_report_2023", "news_report"]


def test_polarity_and_category_filters(classified):
    comparison = compare(classified, polarity="strength", categories=["social_care"])
    assert comparison.categories == ["social_care"]
    assert all(r.cells.get("social_care", [0, 0])[0] == 0 for r in comparison.rows)
    assert any(r.cells.get("social_care", [0, 0])[1] for r in comparison.rows)


def test_rows_are_plain_dicts_for_pandas(classified):
    rows = compare(classified).to_rows()
    assert {"area", "region", "outcome", "health_waits_weakness", "health_waits_strength"} <= set(rows[0])


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown"])
def test_compare_cli_formats(cli, fmt):
    result = cli("compare", str(SAMPLES), "-f", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["totals"]["health_waits"] >= 3 and len(data["rows"]) == 6
    elif fmt == "csv":
        assert result.stdout.startswith("area,region,group,doc_type")
    else:
        assert "Kettlemouth" in result.stdout


def test_compare_cli_inputs_globs_and_lists(cli, tmp_path):
    listing = tmp_path / "list.txt"
    listing.write_text(f"{SAMPLES / 'report_2023_positive.pdf'}\n# a comment\n{SAMPLES / 'revisit_2019.pdf'}\n", encoding="utf-8")
    result = cli("compare", f"@{listing}", str(SAMPLES / "letter_2016_*.pdf"), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert sorted(r["area"] for r in json.loads(result.stdout)["rows"]) == ["Fenmarsh", "Harrowby", "Lowbridge", "Saltney"]
    result = cli("compare", str(tmp_path / "none_*.pdf"))
    assert result.exit_code == 1 and "no files match it as a pattern" in result.stderr


@needs_corpus
def test_regions_come_from_the_reference_table(cli):
    result = cli("compare", str(CORPUS), "--group-by", "region", "-f", "json")
    regions = {r["group"] for r in json.loads(result.stdout)["rows"]}
    assert {"London", "North West", "South East"} <= regions


def test_the_table_fits_80_columns_and_a_wide_one_shows_both_counts_type_and_date(classified):
    from rich.console import Console

    from sendscan.report.terminal import comparison_view

    def drawn(comparison, width):
        console = Console(width=width, record=True, color_system=None)
        console.print(comparison_view(comparison, width))
        return console.export_text()

    narrow = drawn(compare(classified), 80)
    assert max(len(line) for line in narrow.splitlines()) <= 80 and "Kettlemouth" in narrow
    wide = drawn(compare(classified), 200)
    assert "2023 report 2024-03-08 systemic" in wide and "2/1" in wide  # health waits: 2 weaknesses, 1 strength
    past = drawn(history(classified, "fenmarsh"), 80)
    assert past.splitlines()[0] == "Fenmarsh: documents oldest first" and "2021-06-18" in past


def test_history_of_an_area_no_document_is_about_says_which_areas_there_are(cli):
    result = cli("compare", str(SAMPLES), "--history", "Nowhere")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no document here is about 'Nowhere'; the areas found are: Fenmarsh,")


def test_every_framework_has_its_verdict_in_words(classified):
    results = {r.area: r.result for r in compare(classified).rows}
    assert results["Kettlemouth"] == "systemic" and results["Fenmarsh"] == "WSoA required"
    assert results["Lowbridge"] == "no WSoA" and results["Saltney"] == "progress on 2 of 3"


def test_a_table_written_to_a_file_keeps_every_column(cli, tmp_path):
    out = tmp_path / "areas.txt"
    assert cli("compare", str(SAMPLES), "-o", str(out)).exit_code == 0
    header = out.read_text(encoding="utf-8").splitlines()[0].split()
    assert header[:4] == ["Area", "Document", "Date", "Outcome"] and header[-2:] == ["OU", "CO"]
