"""Build sendscan's reference table of local areas from data-to-insight's lookup.

    python scripts/build_local_areas.py [../shared/reference/local_authorities.csv]

Writes src/sendscan/data/local_areas.csv: one row per current local authority
with the name SEND reports use, the name variants letters and news use, ONS
and DfE codes, region, statistical neighbours (ONS codes) and kind. Rows of
authorities that no longer exist (they have no ONS code) are left out.
Source: data-to-insight, ofsted-send-scrape-tool (MIT licence, (c) 2019).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "sendscan" / "data" / "local_areas.csv"

#: Where reports name an area otherwise than ONS does.
CANONICAL = {
    "Bristol, City of": "Bristol",
    "Kingston Upon Hull, City of": "Kingston upon Hull",
    "Durham": "County Durham",
    "St. Helens": "St Helens",
}
#: Short forms and abbreviations that letters and news use. Council forms
#: ("X County Council", "London Borough of X") need no listing: lookups strip them.
EXTRA_VARIANTS = {
    "Bournemouth, Christchurch and Poole": ["BCP", "BCP Council"],
    "Kingston upon Hull": ["Hull", "Hull City Council"],
    "County Durham": ["Durham", "Durham County Council"],
    "St Helens": ["St. Helens"],
    "Bristol": ["City of Bristol", "Bristol City Council"],
    "Bedford Borough": ["Bedford", "Bedford Borough Council"],
    "Stoke-on-Trent": ["Stoke"],
    "Herefordshire": ["County of Herefordshire", "Herefordshire, County of"],
    "Windsor and Maidenhead": ["Royal Borough of Windsor and Maidenhead", "RBWM"],
    "Kensington and Chelsea": ["Royal Borough of Kensington and Chelsea", "RBKC"],
    "Kingston upon Thames": ["Royal Borough of Kingston upon Thames"],
    "Greenwich": ["Royal Borough of Greenwich"],
    "Isles of Scilly": ["Council of the Isles of Scilly"],
    "City of London": ["Corporation of London"],
}
def rows(source: Path) -> list[dict]:
    with open(source, newline="", encoding="utf-8") as f:
        raw = [r for r in csv.DictReader(f) if r["la_code_new"].strip()]
    out = []
    for r in raw:
        ons_name = r["local_authority_ons_name"].strip()
        name = CANONICAL.get(ons_name, ons_name)
        known = [v.strip() for v in r["also_known_as"].strip("[]").split(",") if v.strip()]
        variants = [ons_name] + known + EXTRA_VARIANTS.get(name, [])
        variants = [v for v in dict.fromkeys(variants) if v != name]
        out.append({
            "name": name,
            "variants": "|".join(variants),
            "ons_code": r["la_code_new"].strip(),
            "la_code": r["la_code"].strip(),
            "region": r["region_name"].strip(),
            "statistical_neighbours": "|".join(c.strip() for c in r["stat_neighbours_la_code"].split(",") if c.strip()),
            "kind": r["ons_la_type"].strip(),
        })
    return sorted(out, key=lambda r: r["name"])


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference" / "local_authorities.csv"
    table = rows(source)
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    print(f"{len(table)} local areas written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
