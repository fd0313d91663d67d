"""England's local areas: canonical names, the variants letters and news use,
ONS codes, regions and statistical neighbours (data/local_areas.csv, built by
scripts/build_local_areas.py from data-to-insight's lookup, MIT licence)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

#: Words around a name that do not change which area it is.
PREFIXES = re.compile(r"^(?:the |nhs |london borough of |royal borough of |city of |county of |council of the )+")
SUFFIXES = re.compile(
    r"(?: local area partnership| local area| local authority| partnership| send"
    r"| ccg| icb| clinical commissioning group| integrated care board)?"
    r"(?: (?:metropolitan |district |county |city |borough )*council)?$")


@dataclass(frozen=True)
class Area:
    name: str
    ons_code: str
    la_code: str
    region: str
    kind: str
    variants: tuple[str, ...]
    neighbours: tuple[str, ...]


def key(name: str) -> str:
    """A name reduced to what identifies the area: case, punctuation, "&", hyphens
    and council words do not matter ("Stoke on Trent City Council" = "Stoke-on-Trent")."""
    text = name.lower().replace("’", "'").replace("&", " and ").replace(".", "")
    text = re.sub(r"[-,']", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = SUFFIXES.sub("", PREFIXES.sub("", text)).strip()
    return text


@lru_cache(maxsize=1)
def all_areas() -> tuple[Area, ...]:
    text = (resources.files("sendscan") / "data" / "local_areas.csv").read_text(encoding="utf-8")
    return tuple(
        Area(name=r["name"], ons_code=r["ons_code"], la_code=r["la_code"], region=r["region"], kind=r["kind"],
             variants=tuple(v for v in r["variants"].split("|") if v),
             neighbours=tuple(n for n in r["statistical_neighbours"].split("|") if n))
        for r in csv.DictReader(io.StringIO(text))
    )


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Area]:
    table: dict[str, Area] = {}
    for area in all_areas():
        for name in (area.name, *area.variants):
            table.setdefault(key(name), area)
    return table


def lookup(name: str) -> Area | None:
    """The area a name means, in any of the forms letters and news use."""
    return _by_key().get(key(name)) if name else None


def by_code(ons_code: str) -> Area | None:
    return next((a for a in all_areas() if a.ons_code == ons_code), None)


def region_of(name: str) -> str | None:
    area = lookup(name)
    return area.region if area else None


@lru_cache(maxsize=1)
def _mention_pattern() -> re.Pattern:
    # Longest names first, so "West Sussex" is found before "Sussex" could be,
    # and "North Northamptonshire" before "Northamptonshire".
    names = sorted({n for a in all_areas() for n in (a.name, *a.variants) if len(n) > 3 or n.isupper()},
                   key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(name_pattern(n) for n in names) + r")\b")


def name_pattern(name: str) -> str:
    """A name as text writes it: "and" or "&" ("Telford & Wrekin"), a space or
    a hyphen ("Stoke on Trent")."""
    words = [re.escape(w) for w in re.split(r"[\s-]+", name)]
    return r"[\s-]+".join(r"(?:and|&)" if w == "and" else w for w in words)


def mentions(text: str) -> list[tuple[int, Area]]:
    """Where each known area is named in a text, in order."""
    found = []
    for m in _mention_pattern().finditer(text):
        area = lookup(m.group(0))
        if area:
            found.append((m.start(), area))
    return found


def find(text: str) -> Area | None:
    """The area a free text is mainly about: the most mentioned, the first on a tie."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in _mention_pattern().finditer(text):
        area = lookup(m.group(0))
        if area:
            counts[area.name] = counts.get(area.name, 0) + 1
            first.setdefault(area.name, m.start())
    if not counts:
        return None
    best = min(counts, key=lambda n: (-counts[n], first[n]))
    return lookup(best)
