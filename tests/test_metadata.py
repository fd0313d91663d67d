"""metadata: dates, outcomes, revisit counts and the partnership, from text."""

from __future__ import annotations

import re

import pytest

from sendscan.metadata import (collapsed, date_range, dates_in, inspectors, local_area, number, outcome, partnership,
                                revisit)
from sendscan.model import Section


@pytest.mark.parametrize("text", [
    "", " ", "\n\n", "word", "two  words\n\nand\tmore", " lead", "trail \n", "\u3000wide\u2002spaces\x1c\x85",
])
def test_collapsed_is_the_substitution_of_each_whitespace_run(text):
    assert collapsed(text) == re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("text, expected", [
    ("18 to 22 November 2024", ("2024-11-18", "2024-11-22")),
    ("26 February to 1 March 2024", ("2024-02-26", "2024-03-01")),
    ("29 January 2024 to 02 February 2024", ("2024-01-29", "2024-02-02")),
    ("30 December 2024 to 3 January 2025", ("2024-12-30", "2025-01-03")),
    ("30 December to 3 January 2025", ("2024-12-30", "2025-01-03")),
    ("14 June 2021 and 18 June 2021", ("2021-06-14", "2021-06-18")),
    ("3 June 2019", ("2019-06-03", "2019-06-03")),
    ("Not previously inspected", (None, None)),
])
def test_date_range(text, expected):
    assert date_range(text) == expected


def test_dates_in_free_text():
    text = "The previous full inspection was on 19 March 2018. There was a subsequent revisit on 24 March 2020."
    assert dates_in(text) == ["2018-03-19", "2020-03-24"]


@pytest.mark.parametrize("word, value", [("three", 3), ("3", 3), ("eighteen", 18), ("Five.", 5), ("several", None)])
def test_number(word, value):
    assert number(word) == value


@pytest.mark.parametrize("statement, expected", [
    ("The local area partnership’s arrangements typically lead to positive experiences and outcomes", "positive"),
    ("arrangements lead to inconsistent experiences and outcomes for children", "inconsistent"),
    ("There are widespread and/or systemic failings leading to significant concerns", "systemic"),
    ("Nothing about outcomes here", None),
])
def test_outcome(statement, expected):
    assert outcome(statement) == expected


@pytest.mark.parametrize("headline, counts", [
    ("The area has made sufficient progress in addressing two of the five significant weaknesses identified", (2, 5)),
    ("The area has made sufficient progress in addressing all of the four significant weaknesses", (4, 4)),
    ("The area has made sufficient progress in addressing the three significant weaknesses", (3, 3)),
    ("The area has not made sufficient progress in addressing any of the six significant weaknesses", (0, 6)),
    ("The area has made sufficient progress in addressing none of the 5 significant weaknesses", (0, 5)),
])
def test_revisit_headline(headline, counts):
    result = revisit(headline, [])
    assert (result["sufficient"], result["total"]) == counts


def test_revisit_counts_verdicts_when_the_headline_is_missing():
    sections = [Section("revisit_progress", "Weak leadership", 2, verdict="sufficient"),
                Section("revisit_progress", "Late plans", 3, verdict="insufficient")]
    assert revisit("no headline", sections) == {
        "sufficient": 1, "total": 2,
        "verdicts": [{"weakness": "Weak leadership", "verdict": "sufficient"},
                     {"weakness": "Late plans", "verdict": "insufficient"}]}


@pytest.mark.parametrize("sentence, area, authority, bodies", [
    ("Oldham Metropolitan Borough Council and NHS Greater Manchester Integrated Care Board (ICB) are responsible for services.",
     "Oldham", "Oldham Metropolitan Borough Council", ["NHS Greater Manchester Integrated Care Board"]),
    ("Bedford Borough Council and the NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board (ICB) are responsible.",
     "Bedford Borough", "Bedford Borough Council", ["NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board"]),
    ("The London Borough of Haringey and the North Central London Integrated Care Board (ICB) are jointly responsible.",
     "Haringey", "London Borough of Haringey", ["North Central London Integrated Care Board"]),
    ("The London Borough of Fenmarsh local authority and the Fenmarsh Integrated Care Board (ICB) are jointly responsible.",
     "Fenmarsh", "London Borough of Fenmarsh", ["Fenmarsh Integrated Care Board"]),
    ("Fenmarsh local authority and the Fenmarsh Integrated Care Board (ICB) are jointly responsible.",
     "Fenmarsh", "Fenmarsh local authority", ["Fenmarsh Integrated Care Board"]),
    ("Suffolk County Council, the NHS Suffolk and North East Essex Integrated Care Board (ICB) and NHS Norfolk and Waveney ICB are responsible.",
     "Suffolk", "Suffolk County Council", ["NHS Suffolk and North East Essex Integrated Care Board", "NHS Norfolk and Waveney ICB"]),
])
def test_partnership_names_the_authority_and_nhs_bodies(sentence, area, authority, bodies):
    sections = [Section("context", "Information about the local area partnership", 1, text=sentence)]
    assert partnership(sections, sentence, area) == (authority, bodies)


def test_inspectors_from_a_two_column_team_table_read_as_lines():
    team = ("Ofsted Care Quality Commission Jane Rowe, Ofsted HMI lead inspector Sam Hale, CQC lead inspector "
            "Priya Shah, Ofsted HMI Tom Lee, CQC inspector")
    assert inspectors([Section("end_matter", "Inspection team", 7, text=team)]) == [
        {"name": "Jane Rowe", "role": "Ofsted HMI lead inspector"}, {"name": "Sam Hale", "role": "CQC lead inspector"},
        {"name": "Priya Shah", "role": "Ofsted HMI"}, {"name": "Tom Lee", "role": "CQC inspector"}]


@pytest.mark.parametrize("text, expected", [
    # a council page speaks of "Our SEND inspection" before it names itself
    ("Our SEND inspection. Brindle Vale Council works with its partners.", "Brindle Vale"),
    # a menu copied with the page runs into the council's name
    ("Menu Search Ottery Council news and events", "Ottery"),
])
def test_area_of_free_text_is_no_pronoun_or_menu_word(text, expected):
    assert local_area(text, "news_report") == expected
