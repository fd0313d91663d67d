"""The national picture (`compare --summary`): categories ranked by the areas weak in them, through the real CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import CORPUS, SAMPLES, needs_corpus


def summary_of(cli, *paths: str) -> dict:
    result = cli("compare", *paths, "--summary", "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def matrix_of(cli, *paths: str) -> dict:
    result = cli("compare", *paths, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def check_consistent(summary: dict, matrix: dict) -> None:
    """The summary's counts are the matrix's, split without loss."""
    assert summary["areas"] == len(matrix["rows"]) == sum(summary["outcomes"].values())
    assert sum(summary["frameworks"].values()) == summary["areas"]
    ranked = [c["weakness_areas"] for c in summary["categories"]]
    assert ranked == sorted(ranked, reverse=True)
    for line in summary["categories"]:
        category = line["category"]
        assert line["weakness_areas"] == matrix["totals"][category]
        assert sum(line["by_outcome"].values()) == sum(line["by_framework"].values()) == line["weakness_areas"]
        strong = sum(1 for r in matrix["rows"] if r[f"{category}_strength"])
        assert line["strength_areas"] == strong
        assert line["weakness_share"] == round(line["weakness_areas"] / summary["areas"], 3)


def test_samples_summary_splits_every_area_by_outcome_and_framework(cli):
    summary = summary_of(cli, str(SAMPLES))
    check_consistent(summary, matrix_of(cli, str(SAMPLES)))
    assert summary["outcomes"] == {"positive": 1, "inconsistent": 1, "systemic": 1, "WSoA required": 1,
                                   "no WSoA": 1, "revisit": 1}
    assert summary["frameworks"] == {"2023 framework": 3, "2016-2022 framework": 3}
    assert summary["categories"][0]["category"] == "health_waits"


@needs_corpus
def test_corpus_summary_is_the_matrix_counted_by_area(cli):
    summary = summary_of(cli, str(CORPUS))
    check_consistent(summary, matrix_of(cli, str(CORPUS)))
    assert summary["areas"] == 20 and summary["frameworks"] == {"2023 framework": 20}
    assert summary["outcomes"] == {"positive": 5, "inconsistent": 10, "systemic": 5}


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown"])
def test_summary_in_every_format_names_the_top_category(cli, fmt):
    result = cli("compare", str(SAMPLES), "--summary", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert rows[0]["rank"] == "1" and rows[0]["category"] == "health_waits" and rows[0]["of_systemic"] == "1"
    else:
        first = next(line for line in result.stdout.splitlines() if "Health services" in line)
        assert first.lstrip("| ").startswith("1 ")  # ranked first


def test_the_html_report_charts_the_summary(cli, tmp_path):
    page = tmp_path / "report.html"
    assert cli("compare", str(SAMPLES), "--html", str(page), "--summary", "-f", "csv").exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert '<section class="national"' in html
    assert html.count('<div class="track"') == 19  # one bar per category


def test_summary_does_not_go_with_a_history(cli):
    result = cli("compare", str(SAMPLES), "--summary", "--history", "Fenmarsh")
    assert result.exit_code == 2 and "--summary counts areas" in result.stderr
