"""Build the hex map of England's local areas from Open Innovations' hexjson.

    python scripts/build_hexmap.py [../shared/reference/uk-upper-tier-local-authorities.hexjson]

Writes src/sendscan/data/hexmap.json: one hexagon per local area of
sendscan's reference table (by ONS code, with its name), axial q/r in an
"odd-r" layout, r growing northwards, and the source's MIT notice. The
hexjson predates reorganisations, which are brought up to date here:
Buckinghamshire, North Yorkshire and Somerset keep their hexagons under their
new codes; West Northamptonshire takes Northamptonshire's hexagon and North
Northamptonshire one to its east (the rest of that row moves one place east
to make room); Westmorland and Furness takes Cumbria's and Cumberland the
empty place to its north.
Source: Open Innovations, hexmaps (MIT licence, copyright 2017- Open Innovations).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "sendscan" / "data" / "hexmap.json"
AREAS = ROOT / "src" / "sendscan" / "data" / "local_areas.csv"

NOTICE = """Hex layout of UK upper-tier local authorities from Open Innovations' hexmaps
(https://github.com/odileeds/hexmaps), updated for the reorganisations of 2019-2023 by sendscan.

MIT License

Copyright (c) 2017- Open Innovations

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

#: Old code -> new code of the same area.
RECODED = {"E10000002": "E06000060", "E10000023": "E06000065", "E10000027": "E06000066"}
NORTHAMPTONSHIRE, WEST_NORTHANTS, NORTH_NORTHANTS = "E10000021", "E06000062", "E06000061"
CUMBRIA, WESTMORLAND_FURNESS, CUMBERLAND = "E10000006", "E06000064", "E06000063"


def layout(hexes: dict) -> dict[str, tuple[int, int]]:
    """ONS code -> (q, r), brought up to date."""
    places = {RECODED.get(code, code): (h["q"], h["r"]) for code, h in hexes.items()}
    q, r = places.pop(NORTHAMPTONSHIRE)
    for code, (hq, hr) in places.items():  # make room east of Northamptonshire
        if hr == r and hq > q:
            places[code] = (hq + 1, hr)
    places[WEST_NORTHANTS], places[NORTH_NORTHANTS] = (q, r), (q + 1, r)
    q, r = places.pop(CUMBRIA)
    north = (q, r + 1) if r % 2 == 0 else (q + 1, r + 1)  # odd-r: the hexagon up and to the right
    assert north not in places.values(), "Cumberland's place is taken"
    places[WESTMORLAND_FURNESS], places[CUMBERLAND] = (q, r), north
    assert len(set(places.values())) == len(places), "two areas share a hexagon"
    return places


def main() -> None:
    default = ROOT.parent / "shared" / "reference" / "uk-upper-tier-local-authorities.hexjson"
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    hexjson = json.loads(source.read_text(encoding="utf-8"))
    with open(AREAS, newline="", encoding="utf-8") as f:
        names = {r["ons_code"]: r["name"] for r in csv.DictReader(f)}
    places = layout(hexjson["hexes"])
    assert set(places) == set(names), set(places) ^ set(names)
    data = {"notice": NOTICE, "layout": hexjson["layout"],
            "hexes": {code: {"name": names[code], "q": q, "r": r} for code, (q, r) in sorted(places.items())}}
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(places)} hexagons written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
