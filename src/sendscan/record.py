"""The public record: each area's inspection under the 2016-2022 framework, and
its revisit, from Ofsted's official statistics (data/previous_inspections.csv,
built by scripts/build_previous_inspections.py; Open Government Licence v3.0).

It stands in for the letters when they are not at hand. Where a letter is
given, the letter's own reading wins, and what the statistics say otherwise
is worded as a disagreement for the reader to check.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import areas

SOURCE = "Ofsted's official statistics, 2016-2022 framework (November 2022)"


@dataclass(frozen=True)
class Inspection:
    area: str
    ons_code: str
    #: The name of the area inspected, where it has since been split (Cumbria).
    inspected_as: str | None
    inspection_start: str
    published: str
    wsoa_required: bool
    significant_weaknesses: int | None
    revisit_start: str | None
    revisit_published: str | None
    revisit_sufficient: int | None
    revisit_insufficient: int | None

    def result(self) -> str:
        """The inspection's verdict in the words compare uses for a 2016 letter."""
        return "WSoA required" if self.wsoa_required else "no WSoA"

    def revisit_result(self) -> str | None:
        """The revisit's verdict in the words compare uses for a revisit letter."""
        if self.revisit_sufficient is None:
            return None
        return f"progress on {self.revisit_sufficient} of {self.revisit_sufficient + (self.revisit_insufficient or 0)}"

    def words(self) -> str:
        """The inspection in a phrase, most telling first:
        "WSoA 2018 (5 weaknesses); revisit 2020: progress on 5 of 5"."""
        text = ("WSoA" if self.wsoa_required else "no WSoA") + f" {self.inspection_start[:4]}"
        if self.significant_weaknesses:
            text += f" ({self.significant_weaknesses} weakness{'es' if self.significant_weaknesses != 1 else ''})"
        if self.inspected_as:
            text += f" as {self.inspected_as}"
        if self.revisit_result():
            text += f"; revisit {self.revisit_start[:4]}: {self.revisit_result()}"
        elif self.wsoa_required:
            text += "; no revisit by November 2022"
        return text


def optional_int(text: str) -> int | None:
    return int(text) if text else None


@lru_cache(maxsize=1)
def all_inspections() -> dict[str, Inspection]:
    """ONS code -> the area's inspection under the 2016-2022 framework."""
    text = (resources.files("sendscan") / "data" / "previous_inspections.csv").read_text(encoding="utf-8")
    lines = (line for line in io.StringIO(text) if not line.startswith("#"))
    return {r["ons_code"]: Inspection(
        area=r["area"], ons_code=r["ons_code"], inspected_as=r["inspected_as"] or None,
        inspection_start=r["inspection_start"], published=r["published"], wsoa_required=r["wsoa_required"] == "yes",
        significant_weaknesses=optional_int(r["significant_weaknesses"]), revisit_start=r["revisit_start"] or None,
        revisit_published=r["revisit_published"] or None, revisit_sufficient=optional_int(r["revisit_sufficient"]),
        revisit_insufficient=optional_int(r["revisit_insufficient"]),
    ) for r in csv.DictReader(lines)}


def previous(name: str) -> Inspection | None:
    """The area's 2016-2022 inspection in the statistics, by any name the area goes by."""
    area = areas.lookup(name)
    return all_inspections().get(area.ons_code) if area else None


def letter_disagreements(meta, significant_weaknesses: int, record: Inspection) -> list[str]:
    """Where a 2016 letter reads otherwise than the statistics (start date, WSoA, weaknesses)."""
    notes = []
    if meta.inspection_start and meta.inspection_start != record.inspection_start:
        notes.append(f"the inspection began on {record.inspection_start} (the letter: {meta.inspection_start})")
    if meta.wsoa_required is not None and meta.wsoa_required != record.wsoa_required:
        notes.append(f"a written statement of action was {'' if record.wsoa_required else 'not '}required "
                     f"(the letter: {'' if meta.wsoa_required else 'not '}required)")
    if record.wsoa_required and significant_weaknesses and record.significant_weaknesses \
            and significant_weaknesses != record.significant_weaknesses:
        notes.append(f"{record.significant_weaknesses} significant weaknesses (the letter lists {significant_weaknesses})")
    return notes


def revisit_disagreements(meta, record: Inspection) -> list[str]:
    """Where a revisit letter reads otherwise than the statistics (start date, progress)."""
    notes = []
    if meta.inspection_start and record.revisit_start and meta.inspection_start != record.revisit_start:
        notes.append(f"the revisit began on {record.revisit_start} (the letter: {meta.inspection_start})")
    if meta.revisit and record.revisit_result() and \
            f"progress on {meta.revisit['sufficient']} of {meta.revisit['total']}" != record.revisit_result():
        notes.append(f"the revisit found {record.revisit_result()} "
                     f"(the letter: {meta.revisit['sufficient']} of {meta.revisit['total']})")
    return notes


def report_disagreements(meta, record: Inspection) -> list[str]:
    """Where a 2023 report dates its previous inspection otherwise than the
    statistics: none of its dates is the inspection's or the revisit's start."""
    given = meta.previous_inspection_dates or []
    starts = [d for d in (record.inspection_start, record.revisit_start) if d]
    if not given or set(given) & set(starts):
        return []
    return [f"the previous inspection began on {record.inspection_start}"
            + (f" and its revisit on {record.revisit_start}" if record.revisit_start else "")
            + f" (the report: {', '.join(given)})"]
