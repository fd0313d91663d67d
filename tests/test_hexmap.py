"""The hex map of England in the HTML report: read as a page, and painted by headless Chromium."""

from __future__ import annotations

import re

import pytest

from conftest import CORPUS, FIXTURES, ROOT, SAMPLES
from sendscan import areas
from sendscan.report.chart import OUTCOME_COLOURS
from sendscan.report.hexmap import SHADE_FILLS
from test_heatmap import close, needs_chromium, screenshot


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The report of the corpus (or, without it, of the samples and a letter about Bedford written for
    the tests), as `sendscan compare --html` writes it."""
    from typer.testing import CliRunner

    from sendscan.cli import app

    inputs = [str(CORPUS)] if (CORPUS / "manifest.csv").exists() else [str(SAMPLES), str(FIXTURES / "letter_2016_bedford.txt")]
    path = tmp_path_factory.mktemp("map") / "report.html"
    result = CliRunner().invoke(app, ["compare", *inputs, "--html", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    return path


def parsed(page: str) -> list[dict]:
    out = []
    for match in re.finditer(r'(?:<a href="#(r\d+)">)?<polygon class="([^"]+)" points="[^"]+" data-ons="(E\d{8})"', page):
        out.append({"link": match.group(1), "classes": match.group(2), "ons": match.group(3)})
    return out


def test_one_hexagon_per_local_area_of_england_with_the_reorganisations(report):
    page = report.read_text(encoding="utf-8")
    codes = [h["ons"] for h in parsed(page)]
    assert sorted(codes) == sorted(a.ons_code for a in areas.all_areas())
    for new in ("E06000061", "E06000062", "E06000063", "E06000064"):  # North/West Northamptonshire, Cumberland, W&F
        assert codes.count(new) == 1
    assert "Open Innovations" in page


def test_compared_areas_are_filled_by_outcome_and_link_to_their_row(report):
    page = report.read_text(encoding="utf-8")
    compared = [h for h in parsed(page) if h["link"]]
    assert compared and all("compared" in h["classes"] for h in compared)
    assert all("compared" not in h["classes"] for h in parsed(page) if not h["link"])
    for hexagon in compared:
        row = re.search(rf'<tr class="document" id="{hexagon["link"]}"><th class="area" scope="row" '
                        rf'title="[^"]*">([^<]+)', page)
        assert row and areas.lookup(row.group(1)).ons_code == hexagon["ons"]


def map_only(page: str, checked: str = "outcome") -> str:
    """The report's styles and its map alone, with the fill switch set to `checked`."""
    section = page[page.index('<section class="map"'):]
    section = section[:section.index("</section>") + len("</section>")]
    section = section.replace(' id="fill-outcome" checked>', ' id="fill-outcome">')
    section = section.replace(f' id="fill-{checked}">', f' id="fill-{checked}" checked>')
    return page[:page.index("<body>")] + "<body>" + section + "</body></html>"


@needs_chromium
def test_chromium_paints_the_compared_areas_by_outcome(report, tmp_path):
    page = report.read_text(encoding="utf-8")
    alone = tmp_path / "map.html"
    alone.write_text(map_only(page), encoding="utf-8")
    pixels = screenshot(alone.as_uri(), tmp_path / "map.png", tmp_path)
    compared = [h for h in parsed(page) if h["link"]]
    outcomes = {o: sum(1 for h in compared if o.lower().replace(" ", "-") in h["classes"].split())
                for o in OUTCOME_COLOURS}
    assert sum(outcomes.values()) == len(compared)
    for outcome, filled in outcomes.items():
        if filled:  # a hexagon is some 700 pixels; its key's swatch under 200
            assert sum(close(p, rgb(OUTCOME_COLOURS[outcome])) for p in pixels) > 400 * filled, outcome


@needs_chromium
def test_choosing_a_category_fills_by_its_weakness_count(report, tmp_path):
    page = report.read_text(encoding="utf-8")
    alone = tmp_path / "health.html"
    alone.write_text(map_only(page, "health_waits"), encoding="utf-8")
    pixels = screenshot(alone.as_uri(), tmp_path / "health.png", tmp_path)
    levels = re.findall(r'data-ons="E\d{8}"[^>]*data-health-waits="(w\d)"', page)
    assert levels
    for level in set(levels):
        assert sum(close(p, rgb(SHADE_FILLS[level])) for p in pixels) > 400 * levels.count(level), level
    assert not any(close(p, rgb(OUTCOME_COLOURS["systemic"])) for p in pixels)  # the outcome fill is off


HEXJSON = ROOT.parent / "shared" / "reference" / "uk-upper-tier-local-authorities.hexjson"


@pytest.mark.skipif(not HEXJSON.exists(), reason=f"Open Innovations' hexjson is not at {HEXJSON}")
def test_the_shipped_layout_is_what_the_script_builds_and_keeps_the_notice():
    import json
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import build_hexmap as build

    shipped = json.loads((ROOT / "src" / "sendscan" / "data" / "hexmap.json").read_text(encoding="utf-8"))
    built = build.layout(json.loads(HEXJSON.read_text(encoding="utf-8"))["hexes"])
    assert {code: (h["q"], h["r"]) for code, h in shipped["hexes"].items()} == built
    assert "MIT License" in shipped["notice"] and "Copyright (c) 2017- Open Innovations" in shipped["notice"]
