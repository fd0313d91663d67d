"""The headings each kind of document uses, and what kind of section each opens.

Headings are data: a table of patterns per document type, matched against a
whole line (or two or three lines, for the 2016 letters' long question
headings that wrap). News and council pages have no fixed headings; there a
short line standing alone (or a markdown `#` line from HTML) is a heading.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .model import Line, Source


@dataclass(frozen=True)
class Rule:
    kind: str
    pattern: re.Pattern | None = None
    #: A heading that groups the sections below it (2016 letters' questions).
    group: bool = False


def _rule(kind: str, pattern: str, group: bool = False) -> Rule:
    return Rule(kind, re.compile(pattern, re.IGNORECASE), group)


END_MATTER = [
    _rule("end_matter", r"Local area partnership details"),
    _rule("end_matter", r"Information about this inspection"),
    _rule("end_matter", r"Inspection team"),
    _rule("end_matter", r"Yours sincerely,?"),
]

REPORT_2023 = [
    _rule("context", r"Information about the local area partnership"),
    # Short form "...with SEND in this area?", or the long form that wraps over
    # two or three lines: "...with special educational needs and/or
    # disabilities (SEND) in this area?"; of children and young people, or in
    # the area named ("...in Lowmoor?": then its question mark ends it, so that
    # a first line that stops at "in this" is not taken for the whole heading).
    _rule("narrative", r"What is it like to be (?:a child or young person|children and young people) with"
                       r" (?:SEND|special educational needs (?:and\s?/\s?or|and|or) disabilities(?: \(SEND\))?)"
                       r" in (?:(?:this|the) (?:local )?area\??|[^?]{2,60}\?)"),
    _rule("strength", r"What is the (?:local )?area partnership doing that is effective\??"),
    _rule("weakness", r"What does the (?:local )?area partnership need to do better\??"),
    _rule("priority_action", r"Areas for priority action"),
    _rule("recommendation", r"Areas for improvement"),
] + END_MATTER

LETTER_2016 = [
    _rule("narrative", r"Main findings"),
    _rule("context", r"The effectiveness of the local area in (?:identifying|assessing|improving)\b.{10,200}", group=True),
    _rule("strength", r"(?:Main |Areas of )?Strengths"),
    _rule("weakness", r"Areas (?:for|of) (?:further )?(?:development|improvement)"),
] + END_MATTER

RULES = {
    "send_report_2023": REPORT_2023,
    "send_letter_2016": LETTER_2016,
    "send_revisit": END_MATTER,
}

SIGNIFICANT_WEAKNESS = Rule("significant_weakness")
CONTEXT = Rule("context")
RESPONSE = Rule("response")
NARRATIVE = Rule("narrative")

MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")


#: Ofsted's inspections of children's services that are not of SEND: of a local
#: authority's children's services (ILACS), joint targeted area inspections,
#: focused visits and monitoring visits.
OTHER_INSPECTION = re.compile(
    r"Joint targeted area inspection|(?:Focused|Monitoring) visit (?:to|of) .{0,80}?children[’']s services|"
    r"Inspection of .{0,80}?children[’']s services", re.I)


#: Each kind of letter by its title, and by a phrase of its opening paragraph.
#: A web page or text is a letter only by a title line that starts so: a
#: headline "ICB responds to area SEND inspection of ..." is news, and a
#: story about a revisit says "revisited the local area" too. A title that
#: speaks in the first person ("...inspection in Kirklees: our response") is
#: its publisher's page about the letter.
OUR = re.compile(r"\b(?:we|our|us)\b", re.I)
LETTER_KINDS = (
    ("send_report_2023", r"(?:Area SEND inspection of|Local area partnership report)", None),
    ("send_revisit", r"Joint local area SEND revisit", r"revisited the local area"),
    ("send_letter_2016", r"Joint local area SEND inspection", r"conducted a joint inspection of the local area"),
)


def doc_type(lines: list[Line], source: Source) -> str:
    """Which of the known kinds of document this is, from its opening text. A
    web page or text is a letter only by its title lines: a news story about a
    revisit says "revisited the local area" too."""
    opening = " ".join(line.text for line in lines[:80])
    titles = [re.sub(r"^#+\s*", "", line.text) for line in lines[:5]]
    for kind, title, phrase in LETTER_KINDS:
        if source.format == "pdf":
            if re.search(title + (f"|{phrase}" if phrase else ""), opening, re.I):
                return kind
        elif any(re.match(title, line, re.I) and not OUR.search(line) for line in titles):
            return kind
    if source.format == "pdf" and OTHER_INSPECTION.search(opening):
        return "other_inspection"
    return "unknown"  # news and council pages are told apart by what they say (structure/news.py)


def match(lines: list[Line], i: int, doc_type: str) -> tuple[Rule, int] | None:
    """The heading that starts at line i, and how many lines it takes."""
    rules = RULES.get(doc_type)
    if rules is None:
        return _free_heading(lines, i, long=doc_type in ("news_report", "council_page"))
    anyone = any_heading(doc_type)
    joined = ""
    for n, line in enumerate(lines[i:i + 3], start=1):
        joined = f"{joined} {line.text}" if n > 1 else line.text  # one line more, not all joined anew
        text = joined.strip()
        if anyone.fullmatch(text):  # one test of all the rules at once; most lines are no heading
            return next(rule for rule in rules if rule.pattern.fullmatch(text)), n
    return None


@functools.lru_cache(maxsize=None)
def any_heading(doc_type: str) -> re.Pattern:
    """One pattern that matches what any of the document type's rules match."""
    return re.compile("|".join(f"(?:{rule.pattern.pattern})" for rule in RULES[doc_type]), re.IGNORECASE)


#: A question standing as a heading in an explainer or a page of questions
#: ("What did the inspectors find?"): short, opening with a question word.
QUESTION_HEADING = re.compile(
    r"^(?:What|Why|How|When|Where|Who|Which|Did|Does|Do|Is|Are|Was|Were|Can|Will|Has|Have)\b(?:\W*\w+){1,11}\W*\?$")
#: A line this long in a web page copied as text is a whole paragraph, so a
#: short line just above it is its heading, blank line or not.
WHOLE_PARAGRAPH = 150
#: A numbered heading of a web page ("2. The outcome"): the number is not the heading's.
NUMBERED_HEADING = re.compile(r"^\d{1,2}\.\s+(?=[A-Z])")


def _free_heading(lines: list[Line], i: int, long: bool = False) -> tuple[Rule, int] | None:
    """News, council and unknown pages: `# Heading`, or a short line alone
    (news headlines run longer)."""
    line = lines[i]
    if MARKDOWN_HEADING.match(line.text):
        return NARRATIVE, 1
    if long and QUESTION_HEADING.match(line.text):
        return NARRATIVE, 1
    text = NUMBERED_HEADING.sub("", line.text) if long else line.text
    # A news page copied as text may run its headline straight into the
    # standfirst or the byline: the first line, or one over a byline, is a
    # headline, and may run to 22 words.
    headline = long and (i == 0 or re.match(r"By [A-Z]", lines[i + 1].text if i + 1 < len(lines) else ""))
    words, chars = (22, 150) if headline else (16, 120) if long else (10, 70)
    # A headline may open on a quotation ("'Not enough progress' on ...") or a sum ("£38m plan ...").
    opening = text.lstrip("'‘\"“") if long else text
    short = len(text) <= chars and len(text.split()) <= words \
        and (opening[:1].isupper() or (long and bool(re.match(r"[£$€]?\d", opening))))
    if not short or text.endswith((".", ",", ";", ":", "?", "!", "”", '"')) or re.match(r"[-•*◼▪]\s", text):
        return None
    if re.search(r"\d{4}$", text) or re.match(r"(?:By|Published|Posted|Updated|Last updated)\b", text):
        return None  # a byline or a date line, not a heading
    height = max(line.bottom - line.top, 1.0)
    before = i == 0 or lines[i - 1].page != line.page or line.top - lines[i - 1].bottom > 0.5 * height
    after = i + 1 == len(lines) or lines[i + 1].top - line.bottom > 0.5 * height \
        or bool(re.match(r"[-•*◼▪–]\s", lines[i + 1].text)) \
        or (long and len(lines[i + 1].text) >= WHOLE_PARAGRAPH and len(text.split()) <= 8)  # over a paragraph a line
    return (NARRATIVE, 1) if before and (after or headline) else None
