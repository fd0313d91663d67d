"""Hex map: a comparison -> a map of England as inline SVG, one hexagon per local area.

Areas in the comparison are filled by their outcome and link to their row of
the heatmap; the others are outlined. Radio buttons (no script: CSS `:checked`
rules) switch the fill to the number of weakness findings in any category.
The layout is Open Innovations' hexjson (MIT), brought up to date by
scripts/build_hexmap.py into data/hexmap.json.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from html import escape
from importlib import resources

from .. import areas
from ..comparison import Comparison
from ..summary import outcome_of
from .chart import OUTCOME_COLOURS
from .shading import cell_class

SIZE = 17  # a hexagon's radius, in px
WIDTH = math.sqrt(3) * SIZE
#: Fill by weakness findings in the chosen category: the heatmap's shades (w1..w4) and
#: a pale blue for a compared area with none.
SHADE_FILLS = {"w0": "#eef3f8", "w1": "#ffd8d3", "w2": "#ffaba1", "w3": "#f8705e", "w4": "#c4291c"}
CREDIT = ("Hex layout: Open Innovations’ hexmaps (MIT licence, © 2017- Open Innovations), "
          "updated for the 2019–2023 reorganisations.")

STYLE = """
.map h2 { font-size: 18px; margin: 28px 0 4px; }
.map .fill-choice { position: absolute; opacity: 0; pointer-events: none; }
.map .controls { display: flex; flex-wrap: wrap; gap: 4px; margin: 8px 0; max-width: 1100px; }
.map .controls label { border: 1px solid #d0d7de; border-radius: 12px; padding: 1px 9px; font-size: 12px; cursor: pointer; }
.map .hexmap { display: flex; gap: 24px; align-items: flex-start; }
.map svg .hex { fill: #fff; stroke: #afb8c1; stroke-width: 1; }
.map svg a .hex { stroke: #1f2328; stroke-width: 1.5; }
.map svg a:hover .hex, .map svg a:focus .hex { stroke: #0969da; stroke-width: 3; }
.map .key p { margin: 2px 0; }
.map .key span.swatch { display: inline-block; width: 14px; height: 14px; margin-right: 6px; vertical-align: middle; border: 1px solid #afb8c1; }
.map .key-weak { display: none; }
.map .credit { font-size: 12px; color: #59636e; }
"""


@lru_cache(maxsize=1)
def layout() -> dict:
    return json.loads((resources.files("sendscan") / "data" / "hexmap.json").read_text(encoding="utf-8"))


def centre(q: int, r: int, top: int) -> tuple[float, float]:
    """Pixel centre of a pointy-top hexagon in an odd-r layout, north up (r grows northwards)."""
    x = WIDTH * (q + 0.5 * (r % 2)) + WIDTH / 2 + 1
    y = 1.5 * SIZE * (top - r) + SIZE + 1
    return x, y


def corners(x: float, y: float) -> str:
    return " ".join(f"{x + SIZE * math.cos(math.radians(60 * i - 30)):.1f},"
                    f"{y + SIZE * math.sin(math.radians(60 * i - 30)):.1f}" for i in range(6))


def compared_areas(comparison: Comparison) -> dict[str, tuple[int, object]]:
    """ONS code -> (row index, row) of each area with a document, its first row."""
    found = {}
    for index, row in enumerate(comparison.rows):
        area = areas.lookup(row.area) if row.kind == "document" else None
        if area and area.ons_code not in found:
            found[area.ons_code] = (index, row)
    return found


def shade(weak: int | float) -> str:
    """w0 (none) to w4, as the heatmap's cells."""
    return cell_class(weak) if weak else "w0"


def hexagon(code: str, place: dict, top: int, compared: dict, categories: list[str]) -> str:
    x, y = centre(place["q"], place["r"], top)
    points = corners(x, y)
    name = escape(place["name"])
    if code not in compared:
        return f'<polygon class="hex" points="{points}" data-ons="{code}"><title>{name}</title></polygon>'
    index, row = compared[code]
    outcome = outcome_of(row)
    counts = " ".join(f'data-{c.replace("_", "-")}="{shade(row.cells.get(c, [0, 0])[0])}"' for c in categories)
    weak = "; ".join(f"{c}: {row.cells[c][0]:g}" for c in categories if row.cells.get(c, [0, 0])[0])
    return (f'<a href="#r{index}"><polygon class="hex compared {slug(outcome)}" points="{points}" data-ons="{code}" '
            f'{counts}><title>{name}: {escape(row.result or outcome)}'
            f'{escape(" - weaknesses in " + weak) if weak else ""}</title></polygon></a>')


def slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def fill_rules(categories: list[str]) -> str:
    """The CSS that fills hexagons by outcome, or by the weakness count of the chosen category."""
    rules = [f".map svg .hex.{slug(o)} {{ fill: {colour}; }}" for o, colour in OUTCOME_COLOURS.items()]
    for choice in ("outcome", *categories):
        rules.append(f'#fill-{choice}:checked ~ .controls label[for="fill-{choice}"] '
                     "{ background: #0969da; color: #fff; border-color: #0969da; }")
    for category in categories:
        attribute = f"data-{category.replace('_', '-')}"
        rules += [f'#fill-{category}:checked ~ .hexmap svg .hex[{attribute}="{level}"] {{ fill: {colour}; }}'
                  for level, colour in SHADE_FILLS.items()]
        rules.append(f"#fill-{category}:checked ~ .hexmap .key-weak {{ display: block; }}")
        rules.append(f"#fill-{category}:checked ~ .hexmap .key-outcome {{ display: none; }}")
    return "\n".join(rules)


def section(comparison: Comparison, labels: dict[str, str]) -> str:
    """The map's section of the report: heading, fill switch, SVG and key."""
    data = layout()
    places = data["hexes"]
    top = max(p["r"] for p in places.values())
    width = WIDTH * (max(p["q"] for p in places.values()) + 1.5) + 2
    height = 1.5 * SIZE * top + 2 * SIZE + 2
    compared = compared_areas(comparison)
    categories = comparison.categories
    hexes = "".join(hexagon(code, place, top, compared, categories) for code, place in places.items())
    radios = "".join(f'<input type="radio" class="fill-choice" name="map-fill" id="fill-{c}"'
                     f'{" checked" if c == "outcome" else ""}>' for c in ("outcome", *categories))
    controls = "".join(f'<label for="fill-{c}">{escape(labels.get(c, c) if c != "outcome" else "Outcome")}</label>'
                       for c in ("outcome", *categories))
    outcomes = {outcome_of(row) for _, row in compared.values()}
    key_outcome = "".join(f'<p><span class="swatch" style="background:{colour}"></span>{escape(o)}</p>'
                          for o, colour in OUTCOME_COLOURS.items() if o in outcomes)
    key_weak = "".join(f'<p><span class="swatch" style="background:{SHADE_FILLS[level]}"></span>{text}</p>'
                       for level, text in (("w0", "none"), ("w1", "1"), ("w2", "2–3"), ("w3", "4–6"),
                                           ("w4", "7 or more")))
    return (f'<section class="map" id="map"><h2>Where in England</h2>'
            f'<p class="meta">{len(compared)} of England’s {len(places)} local areas are in this comparison, filled '
            "by outcome (the others outlined); choose a category to fill them by its weakness findings instead. "
            f"A hexagon opens its area’s row.</p>{radios}"
            f'<div class="controls" role="radiogroup" aria-label="Fill the map by">{controls}</div>'
            f'<div class="hexmap"><svg width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="Hex map of England’s local areas">'
            f"<desc>{escape(CREDIT)}</desc>{hexes}</svg>"
            f'<div class="key"><div class="key-outcome"><strong>Outcome</strong>{key_outcome}'
            '<p><span class="swatch" style="background:#fff"></span>not in this comparison</p></div>'
            f'<div class="key-weak"><strong>Weakness findings</strong>{key_weak}</div></div></div>'
            f'<p class="credit">{escape(CREDIT)}</p></section>')
