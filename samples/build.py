"""Build the sample PDFs and their expectations from the sources in source/.

    pip install -e '.[samples]' && python samples/build.py

Each source/*.yaml describes one document as data (blocks in reading order);
this script draws it as a PDF in the layout of the real letters and writes
expected/<name>.json (metadata and the findings of each section) from the same
data, so the PDFs and what the tests expect of them never drift apart. All the
text is written by the project: the areas and people are fictional.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import yaml
from fpdf import FPDF

HERE = Path(__file__).resolve().parent
FONTS = Path("/usr/share/fonts/truetype/dejavu")
FIXED_DATE = datetime(2024, 1, 1, tzinfo=timezone.utc)  # identical bytes on every build
LINE = 5.1  # mm, about 14.5 pt as in the real reports
LEFT, WIDTH = 20.0, 170.0


class Letter(FPDF):
    """A4 pages with the running footer of the real letters on every page after the first."""

    def __init__(self, footer_text: str):
        super().__init__(format="A4", unit="mm")
        self.footer_text = footer_text
        self.set_creation_date(FIXED_DATE)
        self.set_margins(LEFT, 25, 20)
        self.set_auto_page_break(True, margin=25)
        for style, file in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf")):
            if not (FONTS / file).exists():
                sys.exit(f"font {FONTS / file} is missing: apt-get install fonts-dejavu-core")
            self.add_font("DejaVu", style, str(FONTS / file))

    def footer(self) -> None:
        if self.page_no() > 1:
            self.set_y(-15)
            self.set_font("DejaVu", "", 8)
            self.cell(0, 4, f"{self.footer_text} {self.page_no()}")


def text(pdf: FPDF, body: str, size: int = 11, style: str = "", indent: float = 0.0, after: float = 2.5) -> None:
    pdf.set_font("DejaVu", style, size)
    pdf.set_x(LEFT + indent)
    pdf.multi_cell(WIDTH - indent, LINE if size <= 11 else LINE * 1.4, body, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(after)


def items(pdf: FPDF, entries: list[str], marker, subitems: dict | None = None) -> None:
    """Bullets or numbered items: the marker hangs left of the wrapped text."""
    for n, entry in enumerate(entries):
        pdf.set_font("DejaVu", "", 11)
        pdf.set_x(LEFT + 3)
        pdf.cell(6, LINE, marker(n))
        pdf.multi_cell(WIDTH - 9, LINE, entry, new_x="LMARGIN", new_y="NEXT")
        for sub in (subitems or {}).get(n, []):
            pdf.set_x(LEFT + 12)
            pdf.cell(6, LINE, "−")
            pdf.multi_cell(WIDTH - 18, LINE, sub, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)


def table(pdf: FPDF, rows: list[list[str]]) -> None:
    """The two-column "Areas for priority action" table."""
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(55, LINE + 2, "Responsible body", border=1)
    pdf.cell(WIDTH - 55, LINE + 2, "Areas for priority action", border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    for body, action in rows:
        top = pdf.get_y()
        pdf.set_xy(LEFT + 57, top + 1)
        pdf.multi_cell(WIDTH - 59, LINE, action, new_x="LMARGIN", new_y="NEXT")
        bottom = pdf.get_y() + 1
        pdf.set_xy(LEFT + 2, top + 1)
        pdf.multi_cell(51, LINE, body, new_x="LMARGIN", new_y="NEXT")
        bottom = max(bottom, pdf.get_y() + 1)
        pdf.rect(LEFT, top, 55, bottom - top)
        pdf.rect(LEFT + 55, top, WIDTH - 55, bottom - top)
        pdf.set_y(bottom)
    pdf.ln(4)


def draw(source: dict) -> FPDF:
    footer = source.get("footer") or (
        f"Area SEND inspection report: {source['area']} Local Area Partnership, {source['dates']}")
    pdf = Letter(footer)
    pdf.add_page()
    for block in source["blocks"]:
        if "title" in block:
            text(pdf, block["title"], size=16, style="B", after=3)
        elif "heading" in block:
            text(pdf, block["heading"], size=13, style="B", after=2)
        elif "para" in block:
            text(pdf, block["para"])
        elif "paras" in block:
            for para in block["paras"]:
                text(pdf, para, after=1.2 if block.get("kind") != "revisit_progress" else 2.5)
        elif "bullets" in block:
            items(pdf, block["bullets"], lambda n, m=block.get("marker", "◼"): m)
        elif "numbered" in block:
            subs = {int(k): v for k, v in block.get("subbullets", {}).items()}
            items(pdf, block["numbered"], lambda n: f"{n + 1}.", subs)
        elif "table" in block:
            table(pdf, block["table"])
        elif block.get("pagebreak"):
            pdf.add_page()
    return pdf


def expected(source: dict) -> dict:
    """The metadata and the findings of each finding-bearing section, in order."""
    sections, current = [], None

    def start(kind: str, title: str, **extra) -> None:
        nonlocal current
        current = {"kind": kind, "title": title, "findings": [], **extra}
        sections.append(current)

    pending_title = ""
    for block in source["blocks"]:
        if "heading" in block:
            start(block.get("kind", "context"), block["heading"])
        elif "title" in block:
            pending_title = block["title"]
        elif block.get("kind") == "revisit_progress":
            start("revisit_progress", pending_title, verdict=block["verdict"])
            current["findings"] += block["paras"]
        elif "bullets" in block and block.get("kind"):
            start(block["kind"], "")
            current["findings"] += block["bullets"]
        elif current is None:
            continue
        elif "bullets" in block:
            current["findings"] += block["bullets"]
        elif "numbered" in block:
            subs = {int(k): v for k, v in block.get("subbullets", {}).items()}
            current["findings"] += [" ".join([item, *subs.get(n, [])]) for n, item in enumerate(block["numbered"])]
        elif "paras" in block:
            current["findings"] += block["paras"]
        elif "table" in block:
            current["findings"] += [action for _, action in block["table"]]
        elif "para" in block and current["kind"] == "narrative":
            current["findings"].append(block["para"])
    kept = [s for s in sections if s["kind"] not in ("context", "end_matter")]
    return {"file": source["file"], "doc_type": source["doc_type"], "metadata": source["metadata"], "sections": kept}


def main() -> None:
    for path in sorted((HERE / "source").glob("*.yaml")):
        source = yaml.safe_load(path.read_text(encoding="utf-8"))
        draw(source).output(str(HERE / source["file"]))
        out = HERE / "expected" / f"{Path(source['file']).stem}.json"
        out.write_text(json.dumps(expected(source), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"built {source['file']} and {out.relative_to(HERE)}")


if __name__ == "__main__":
    main()
