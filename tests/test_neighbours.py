"""`compare --neighbours AREA`: an area beside its statistical neighbours, through the real CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import CORPUS, SAMPLES, needs_corpus
from sendscan import areas
from sendscan.comparison import AVERAGE


def neighbours_json(cli, area: str, *paths: str) -> dict:
    result = cli("compare", *paths, "--neighbours", area, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@needs_corpus
def test_an_area_its_neighbours_in_the_corpus_and_their_average(cli):
    data = neighbours_json(cli, "West Northamptonshire", str(CORPUS))
    rows = data["rows"]
    reference = areas.lookup("West Northamptonshire")
    listed = [areas.by_code(code).name for code in reference.neighbours]
    assert [r["area"] for r in rows[:11]] == ["West Northamptonshire", *listed]
    assert [r["role"] for r in rows[:2]] == ["area", "neighbour 1"]
    found = [r for r in rows[1:11] if r["source"]]
    assert "North Northamptonshire" in {r["area"] for r in found}  # the corpus holds some of them
    assert data["missing"] == [r["area"] for r in rows[1:11] if not r["source"]]
    average = rows[11]
    assert average["area"] == f"{AVERAGE} ({len(found)} of 10)" and average["role"] == "average"
    for category in data["categories"]:
        mean = sum(r[f"{category}_weakness"] for r in found) / len(found)
        assert average[f"{category}_weakness"] == pytest.approx(round(mean, 1))
    # The totals count documents, not the average nor the missing.
    assert all(data["totals"][c] <= 1 + len(found) for c in data["categories"])


@needs_corpus
@pytest.mark.parametrize("fmt", ["table", "csv", "markdown"])
def test_every_format_names_the_neighbours_without_a_document(cli, fmt):
    result = cli("compare", str(CORPUS), "--neighbours", "north northamptonshire", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        missing = [r for r in rows if r["result"] == "no document"]
        assert missing and all(r["health_waits_weakness"] == "" for r in missing)
        assert rows[-1]["role"] == "average"
    else:
        assert "North Northamptonshire and its statistical neighbours" in result.stdout.replace("*", "")
        assert "No document among the inputs for: Swindon" in result.stdout


def test_an_area_with_no_document_still_lists_its_neighbours(cli):
    data = neighbours_json(cli, "BCP", str(SAMPLES))
    assert data["area"] == "Bournemouth, Christchurch and Poole"
    assert len(data["missing"]) == 11 and data["rows"][-1]["area"] == f"{AVERAGE} (0 of 10)"


def test_an_area_sendscan_does_not_know_is_one_line(cli):
    result = cli("compare", str(SAMPLES), "--neighbours", "Kettlemouth")
    assert result.exit_code == 1 and result.stderr.startswith("error: 'Kettlemouth' is not a local area")


@needs_corpus
def test_the_html_report_shows_the_average_without_links(cli, tmp_path):
    page = tmp_path / "neighbours.html"
    assert cli("compare", str(CORPUS), "--neighbours", "Suffolk", "--html", str(page), "-f", "csv").exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "<title>Suffolk and its statistical neighbours" in html
    average = html[html.index('<tr class="average"'):]
    average = average[:average.index("</tr>")]
    assert "Neighbours&#x27; average" in average and "href" not in average and 'class="cell w' in average
    assert html.count('<tr class="missing"') >= 1
