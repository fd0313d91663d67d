"""heatmap: the HTML report, read as a page and rendered by a real browser (headless Chromium)."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SAMPLES
from sendscan.report import heatmap
from sendscan.comparison import Comparison, Row

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_chromium = pytest.mark.skipif(not CHROMIUM, reason="Chromium is not installed (.ci/run installs Debian's chromium)")

#: The cell shades, as the browser must paint them (heatmap.STYLE).
SHADES = {"w1": (0xff, 0xd8, 0xd3), "w2": (0xff, 0xab, 0xa1), "w3": (0xf8, 0x70, 0x5e), "w4": (0xc4, 0x29, 0x1c)}
MARK = (0xff, 0xe3, 0x6e)  # evidence words, only inside an open panel


class Links(HTMLParser):
    """Every link target, element id and cell class of a page."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.ids, self.cells = [], set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href", "").startswith("#e"):
            self.hrefs.append(attrs["href"][1:])
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "td" and "cell" in attrs.get("class", ""):
            self.cells.append(attrs["class"])


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The report `sendscan compare samples --html` writes."""
    from typer.testing import CliRunner

    from sendscan.cli import app

    path = tmp_path_factory.mktemp("html") / "report.html"
    result = CliRunner().invoke(app, ["compare", str(SAMPLES), "--html", str(path), "-f", "csv"])
    assert result.exit_code == 0, result.output
    return path


def test_the_report_is_one_self_contained_file(report):
    page = report.read_text(encoding="utf-8")
    for outside in ("http:", "https:", "src=", "<link", "<script", "@import", "url("):
        assert outside not in page
    assert "<title>SEND inspections compared</title>" in page and "Health services and waiting times" in page


def test_every_filled_cell_opens_the_findings_behind_it(report):
    links = Links()
    links.feed(report.read_text(encoding="utf-8"))
    filled = [c for c in links.cells if c != "cell"]
    assert filled and len(links.hrefs) == len(filled)
    assert set(links.hrefs) <= links.ids


def test_cells_are_shaded_by_weakness_count_and_text_is_escaped():
    row = Row(area="<b>Fen & Marsh</b>", region=None, doc_type="send_report_2023", inspection_end="2024-01-02",
              outcome="systemic", source="x.pdf", cells={"culture": [7, 1], "workforce": [0, 2], "funding": [2, 0]},
              evidence={"culture": [{"polarity": "weakness", "text": "A CULTURE of blame <persists>.", "page": 2,
                                     "section": "Weaknesses", "matched": ["culture"]}]})
    page = heatmap.page(Comparison(rows=[row], categories=["culture", "workforce", "funding", "community"]),
                        {"culture": "Culture"})
    assert "&lt;b&gt;Fen &amp; Marsh&lt;/b&gt;" in page and "<b>Fen" not in page
    assert 'class="cell w4"' in page and 'class="cell s"' in page and 'class="cell w2"' in page
    assert "A <mark>CULTURE</mark> of blame &lt;persists&gt;." in page


def screenshot(url: str, path: Path, tmp_path: Path) -> list[tuple[int, int, int]]:
    """The page as headless Chromium paints it: its pixels."""
    from PIL import Image

    profile = tmp_path / f"profile-{path.stem}"
    # The flags keep Chromium off the network (closed here) and out of the user's profile.
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--hide-scrollbars", f"--user-data-dir={profile}", "--window-size=1400,1000",
                    f"--screenshot={path}", url], check=True, capture_output=True, timeout=120)
    with Image.open(path) as image:
        data = image.convert("RGB").tobytes()
    return [tuple(data[i:i + 3]) for i in range(0, len(data), 3)]


def close(pixel, colour, tolerance=3) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


@needs_chromium
def test_chromium_renders_the_heatmap_and_opens_a_cells_findings(report, tmp_path):
    page = report.read_text(encoding="utf-8")
    pixels = screenshot(report.as_uri(), tmp_path / "heatmap.png", tmp_path)
    for shade, colour in SHADES.items():
        if f'class="cell {shade}"' in page:  # every shade the page uses is painted, in whole cells
            assert sum(close(p, colour) for p in pixels) > 400, shade
    assert not any(close(p, MARK) for p in pixels), "a findings panel shows before any cell is clicked"

    links = Links()
    links.feed(page)
    opened = screenshot(f"{report.as_uri()}#{links.hrefs[0]}", tmp_path / "opened.png", tmp_path)
    assert sum(close(p, MARK) for p in opened) > 100, "following a cell's link did not show its findings"
