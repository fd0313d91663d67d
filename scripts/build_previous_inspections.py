"""Build sendscan's table of the 2016-2022 framework's inspections from Ofsted's official statistics.

    python scripts/build_previous_inspections.py [../shared/reference/ofsted_area_send_2016_2022.csv]

Writes src/sendscan/data/previous_inspections.csv: per local area (by its
current ONS code and the name sendscan uses), the inspection's start and
publication dates, whether a written statement of action was required and
how many significant weaknesses it named, and the revisit's dates and how many
weaknesses had sufficient progress. Areas recoded since (Buckinghamshire,
North Yorkshire, Somerset) take their current codes; Cumbria's inspection is
the previous inspection of both of its successors, Cumberland and Westmorland
and Furness (`inspected_as` keeps the name of the area then inspected).
Source: Ofsted, "Local area SEND inspections: outcomes" official statistics,
2016-2022 framework, November 2022; Open Government Licence v3.0.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "sendscan" / "data" / "previous_inspections.csv"
AREAS = ROOT / "src" / "sendscan" / "data" / "local_areas.csv"

#: Codes of the statistics -> the current codes of the same area, or of the areas that succeeded it.
RECODED = {
    "E10000002": ["E06000060"],               # Buckinghamshire, a unitary authority since 2020
    "E10000023": ["E06000065"],               # North Yorkshire, unitary since 2023
    "E10000027": ["E06000066"],               # Somerset, unitary since 2023
    "E10000006": ["E06000063", "E06000064"],  # Cumbria -> Cumberland, Westmorland and Furness (2023)
}
COLUMNS = ["ons_code", "area", "inspected_as", "inspection_start", "published", "wsoa_required",
           "significant_weaknesses", "revisit_start", "revisit_published", "revisit_sufficient",
           "revisit_insufficient"]


def number(text: str) -> str:
    """'5.0' -> '5'; blank stays blank."""
    return str(int(float(text))) if text.strip() else ""


def date(text: str) -> str:
    """An ISO date, or blank for 'Not revisited yet' and the like."""
    text = text.strip()[:10]
    return text if len(text) == 10 and text[4] == "-" else ""


def rows(source: Path) -> list[dict]:
    with open(AREAS, newline="", encoding="utf-8") as f:
        names = {r["ons_code"]: r["name"] for r in csv.DictReader(f)}
    with open(source, newline="", encoding="utf-8") as f:
        raw = list(csv.DictReader(f))
    out = []
    for r in raw:
        code = r["Local authority code"].strip()
        wsoa = {"Yes": "yes", "No": "no"}[r["Inspection outcome: written statement of action required?"].strip()]
        for current in RECODED.get(code, [code]):
            out.append({
                "ons_code": current,
                "area": names[current],
                "inspected_as": r["Area name"].strip() if current != code and len(RECODED[code]) > 1 else "",
                "inspection_start": date(r["Inspection start date"]),
                "published": date(r["Inspection publication date"]),
                "wsoa_required": wsoa,
                "significant_weaknesses": number(r["Number significant weaknesses identified in written statement of action"]),
                "revisit_start": date(r["Revisit start date"]),
                "revisit_published": date(r["Revisit publication date"]),
                "revisit_sufficient": number(r["Number significant weaknesses where sufficient progress has been made"]),
                "revisit_insufficient": number(r["Number significant weaknesses where sufficient progress has not been made"]),
            })
    return sorted(out, key=lambda r: r["area"])


def main() -> None:
    default = ROOT.parent / "shared" / "reference" / "ofsted_area_send_2016_2022.csv"
    table = rows(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        f.write("# Ofsted, local area SEND inspections under the 2016-2022 framework, official statistics "
                "(November 2022). Contains public sector information licensed under the Open Government "
                "Licence v3.0. Built by scripts/build_previous_inspections.py.\n")
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    print(f"{len(table)} areas' previous inspections written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
