"""areas: the reference table of local areas and its lookups."""

from __future__ import annotations

import pytest

from conftest import corpus_manifest
from sendscan import areas


def test_table_has_every_current_area_with_region_and_codes():
    table = areas.all_areas()
    assert len(table) >= 150
    assert all(a.region and a.ons_code.startswith("E") and len(a.la_code) == 3 for a in table)
    assert len({a.name for a in table}) == len(table)


@pytest.mark.parametrize("name, canonical", [
    ("BCP", "Bournemouth, Christchurch and Poole"),
    ("BCP Council", "Bournemouth, Christchurch and Poole"),
    ("Bournemouth, Christchurch & Poole", "Bournemouth, Christchurch and Poole"),
    ("Hull", "Kingston upon Hull"),
    ("London Borough of Barking and Dagenham", "Barking and Dagenham"),
    ("Barking & Dagenham Council", "Barking and Dagenham"),
    ("Bedford Borough Local Area Partnership", "Bedford Borough"),
    ("Stoke on Trent City Council", "Stoke-on-Trent"),
    ("the Royal Borough of Greenwich", "Greenwich"),
    ("St Helens", "St Helens"),
    ("Oldham Metropolitan Borough Council", "Oldham"),
])
def test_lookup_of_name_variants(name, canonical):
    assert areas.lookup(name).name == canonical


def test_every_corpus_area_resolves():
    for row in corpus_manifest():
        assert areas.lookup(row["local_area"]) is not None, row["local_area"]
        assert areas.lookup(f"{row['local_area']} Local Area Partnership").name == areas.lookup(row["local_area"]).name


def test_unknown_names_are_none():
    assert areas.lookup("Harrowby") is None and areas.lookup("") is None


def test_find_the_area_a_text_is_about_not_a_shorter_name_inside_a_longer():
    text = ("Parents in West Sussex told inspectors that help came late. West Sussex County Council said it "
            "would act, and that Brighton and Hove had shared its approach.")
    assert areas.find(text).name == "West Sussex"
    assert areas.find("Nothing about any council here.") is None


def test_regions_and_neighbours():
    assert areas.region_of("BCP") == "South West"
    oldham = areas.lookup("Oldham")
    assert len(oldham.neighbours) == 10 and areas.by_code(oldham.neighbours[0]) is not None


def test_find_an_area_written_with_an_ampersand_or_hyphens_as_spaces():
    # Met on a story: "Telford & Wrekin" was not seen, and the health board's
    # "NHS Shropshire, Telford and Wrekin" made the area Shropshire.
    text = "Children in Telford & Wrekin are let down, says a report on Telford & Wrekin Council and NHS Shropshire."
    assert areas.find(text).name == "Telford and Wrekin"
    assert areas.find("Families in Stoke on Trent wait too long.").name == "Stoke-on-Trent"
