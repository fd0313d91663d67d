"""Metadata: the facts a document states about itself, read from its text.

Each fact has its own small function over the document text with whitespace
collapsed, so a phrase that wraps across lines still matches.
"""

from __future__ import annotations

import re
from datetime import date

from .model import Metadata, Section, Source

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({"twenty-four": 24, "thirty": 30, "thirty-six": 36})

DAY_MONTH = r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+"
DATE = rf"{DAY_MONTH}(?:\s+\d{{4}})?"
#: "18 to 22 November 2024", "26 February to 1 March 2024",
#: "29 January 2024 to 2 February 2024", "Between 14 June 2021 and 18 June 2021".
RANGE = re.compile(rf"(?P<a>\d{{1,2}}(?:\s+[A-Z][a-z]+)?(?:\s+\d{{4}})?)\s+(?:to|and|-|–)\s+(?P<b>{DATE})")
SINGLE = re.compile(rf"\b{DATE}\b")

OUTCOMES = (
    ("systemic", r"widespread and/or systemic failings"),
    ("inconsistent", r"lead to inconsistent experiences"),
    ("positive", r"typically lead to positive experiences"),
)
WSOA = re.compile(
    r"Written Statement of Action (?:\(WSO?A\) )?(?:is|was) required|"
    r"required to produce and submit a Written Statement of Action", re.I)
#: One NHS body in a list: "[, ][and ][the ]NHS X Integrated Care Board (ICB)".
HEALTH_BODY = re.compile(
    r"[\s,]*(?:and\s+)?(?:the\s+)?([A-Z].{0,150}?(?:Integrated Care Board|Clinical Commissioning Group|ICB|CCG)\b)"
    r"(?:\s*\((?:ICB|CCG)\))?")
#: An NHS body in a letter's address lines. A name is bounded (the longest real
#: ones are under 80 characters): unbounded, a text full of "NHS" took
#: time growing with its square.
ADDRESSED_BODY = re.compile(r"NHS [A-Z][\w&’' -]{0,150}?(?:Integrated Care Board|Clinical Commissioning Group|ICB|CCG)\b")
NAME = r"(?:(?:Mr|Mrs|Ms|Miss|Dr) )?(?!(?:Care|Quality|Commission|Inspector|Ofsted|Team)\b)[A-Z][a-zA-Z’'-]+(?: [A-Z][a-zA-Z’'-]+){1,2}(?: HMI)?"
ROLE = (r"(?:Ofsted|CQC|Care Quality Commission|Her Majesty’s Inspector|His Majesty’s Inspector|HMI)"
        r"(?: (?:HMI|[Ll]ead|[Ii]nspector|[Ss]enior|[Cc]hildren’s [Ss]ervices|[Ss]ocial [Cc]are|[Ii]nspector))*")
#: Every name starts with a capital: the lookahead, which matches nothing
#: more, lets the search pass over other characters without trying a name at each.
INSPECTOR = re.compile(rf"(?=[A-Z])({NAME}),? ({ROLE})")


def collapsed(text: str) -> str:
    """The text with each run of whitespace one space, as `re.sub(r"\\s+", " ", text)`
    gives it (`str.split` splits at what `\\s` matches), but split and joined: far
    cheaper than a substitution at every space between words."""
    words = " ".join(text.split())
    # split drops the whitespace at either end, where the substitution leaves a space.
    before = " " if text[:1].isspace() else ""
    after = " " if text[-1:].isspace() and words else ""
    return before + words + after


def extract(text: str, doc_type: str, sections: list[Section], source: Source) -> Metadata:
    """Everything the document says about itself that sendscan knows to look for."""
    flat = collapsed(text)
    meta = Metadata()
    meta.local_area = local_area(flat, doc_type)
    meta.inspection_start, meta.inspection_end = inspection_dates(flat, doc_type)
    meta.previous_inspection = previous_inspection(flat)
    meta.previous_inspection_dates = dates_in(meta.previous_inspection or "")
    if doc_type == "send_report_2023":
        meta.outcome = outcome(flat)
    if doc_type == "send_letter_2016":
        meta.wsoa_required = bool(WSOA.search(flat))
    if doc_type == "send_revisit":
        meta.revisit = revisit(flat, sections)
    meta.next_full_inspection_years = number_after(flat, r"next full (?:area SEND )?(?:re-?)?inspection will be within (?:approximately |about )?(\S+) years?")
    meta.monitoring_inspection_months = number_after(flat, r"monitoring inspection will be carried out within (?:approximately |about )?(\S+) months?")
    meta.local_authority, meta.health_bodies = partnership(sections, flat, meta.local_area)
    meta.inspectors = inspectors(sections)
    if doc_type in ("news_report", "council_page", "unknown") and source.format != "pdf":
        meta.headline = source.hints.get("title") or headline(sections)
        meta.published = source.hints.get("date") or published(flat)
    return meta


# --- names -----------------------------------------------------------------


def local_area(flat: str, doc_type: str) -> str | None:
    patterns = {
        "send_report_2023": r"Area SEND inspection of (?:the )?(.+?) Local Area Partnership",
        "send_letter_2016": r"joint inspection of the local area of (.+?) to judge|Joint local area SEND inspection in (.+?)(?= Between| Dear|$)",
        "send_revisit": r"revisited the local area of (.+?) to decide|Joint local area SEND revisit in (.+?)(?= Between| Dear|$)",
    }
    pattern = patterns.get(doc_type)
    if pattern:
        m = re.search(pattern, flat, re.I)
        name = next((g for g in m.groups() if g), None) if m else None
        # A name that wrapped at its hyphen ("Stoke-on-" / "Trent") is one word.
        return re.sub(r"(?<=\w-) (?=\w)", "", name) if name else None
    from . import areas  # the reference table, for free text

    area = areas.find(flat)
    if area:
        return area.name
    # Names are at most a few words of bounded length: unbounded, a text of
    # many capitalised words, or one long word, took time growing with its square.
    runs = (m.group(1) for pattern in (
        r"\b((?:[A-Z][\w-]{1,40} ){1,6}?)(?:County |Borough |City |Metropolitan Borough )?Council\b",
        r"\b([A-Z][a-z][\w-]{0,40}(?: (?:and |upon |on )?[A-Z][\w-]{1,40}){0,5}?)(?:’s|'s)? (?:SEND|special educational)\b",
    ) for m in re.finditer(pattern, flat))
    return next(filter(None, map(place_name, runs)), None)


#: Words that open a capitalised run before "Council" or "SEND" but are no
#: part of a place's name: a council page's "Our SEND inspection", a menu
#: copied with the page ("Menu Search Pelham Council").
NOT_PLACE = {"our", "the", "we", "your", "this", "their", "its", "a", "an", "menu", "search", "home", "skip",
             "news", "sport", "contact", "sign", "share", "back", "main"}


def place_name(words: str) -> str | None:
    """The run of capitalised words less the leading ones that are not a place's."""
    kept = words.split()
    while kept and kept[0].lower() in NOT_PLACE:
        kept.pop(0)
    return " ".join(kept) or None


def partnership(sections: list[Section], flat: str, area: str | None) -> tuple[str | None, list[str]]:
    """The local authority and the NHS bodies (ICBs, CCGs) named as responsible,
    from the sentence that says who is responsible for the local area."""
    context = collapsed(" ".join(s.text for s in sections if s.kind == "context"))
    subjects = [re.split(r"\s+(?:are|is|share|have|were|was)\b", s)[0]
                for s in re.split(r"(?<=\.)\s+", context) if "responsib" in s]
    subject = next((s for s in subjects if local_authority(s, area)), subjects[0] if subjects else "")
    named = authority_named(subject, area)
    authority = named[0] if named else None
    rest = subject[named[1]:] if named else re.sub(r"^.*?\bCouncil\b", "", subject)
    bodies = []
    while m := HEALTH_BODY.match(rest):
        bodies.append(m.group(1))
        rest = rest[m.end():]
    if not subjects:  # letters name them in the address lines instead
        authority = local_authority(flat, area)
        bodies = ADDRESSED_BODY.findall(flat)
    return authority, list(dict.fromkeys(bodies))


def local_authority(subject: str, area: str | None) -> str | None:
    """"Oldham Metropolitan Borough Council", "London Borough of Lewisham"..."""
    named = authority_named(subject, area)
    return named[0] if named else None


def authority_named(subject: str, area: str | None) -> tuple[str, int] | None:
    """The local authority's name in the subject, and where its mention ends
    (the NHS bodies follow it)."""
    if not area:
        m = re.match(r"(?:The )?(.+?\bCouncil)\b", subject)
        return (m.group(1), m.end()) if m else None
    suffix = r"(?: (?:Metropolitan |Borough |District |County |City )*Council| local authority)?"
    for m in re.finditer(rf"(?:(?:London |Royal )?Borough of |City of )?{re.escape(area)}{suffix}", subject):
        name = m.group(0)
        if re.search(r"Council|Borough of|City of", name):
            # "The London Borough of Haringey local authority and the ICB...":
            # the words after the name say what it is, they are not its name.
            return name.removesuffix(" local authority"), m.end()
        if name.endswith("authority"):
            return name, m.end()
    return None


def inspectors(sections: list[Section]) -> list[dict]:
    """Inspectors named in the end matter ("Name, Ofsted HMI lead inspector")."""
    team = collapsed(" ".join(s.text for s in sections if s.kind == "end_matter"))
    team = team.replace("Ofsted Care Quality Commission", " ")
    return [{"name": m.group(1), "role": m.group(2)} for m in INSPECTOR.finditer(team)]


# --- dates and numbers -----------------------------------------------------


def headline(sections: list[Section]) -> str | None:
    """The first heading that is not just the publisher's name ("Fenmarsh County Council")."""
    from . import areas

    titles = [s.title for s in sections if s.title]
    return next((t for t in titles if not areas.lookup(t) and not t.endswith("Council")), titles[0] if titles else None)


def inspection_dates(flat: str, doc_type: str) -> tuple[str | None, str | None]:
    m = re.search(r"Inspection dates?:\s*(.{6,60}?\d{4})(?!\s*to)", flat)
    if not m:
        m = re.search(r"\bBetween (.{6,50}?\d{4})(?=,| Ofsted)", flat)
    if not m:
        return None, None
    return date_range(m.group(1))


def previous_inspection(flat: str) -> str | None:
    m = re.search(r"Dates? of previous inspection:\s*(.+?)(?= Inspection outcome|$)", flat)
    return m.group(1).strip() if m else None


def date_range(text: str) -> tuple[str | None, str | None]:
    """ISO start and end of a written range; a single date gives both."""
    m = RANGE.search(text)
    if not m:
        single = SINGLE.search(text)
        day = to_iso(single.group(0)) if single else None
        return day, day
    end = parse_date(m.group("b"))
    start_text = m.group("a")
    if end is None:
        return None, None
    parts = start_text.split()
    day = int(re.sub(r"\D", "", parts[0]))
    month = MONTHS.get(parts[1].lower(), end.month) if len(parts) > 1 else end.month
    year = int(parts[2]) if len(parts) > 2 else (end.year if month <= end.month else end.year - 1)
    try:
        return date(year, month, day).isoformat(), end.isoformat()
    except ValueError:
        return None, end.isoformat()


def dates_in(text: str) -> list[str]:
    """Every date a free text mentions, ranges giving their start and end, in order."""
    found = []
    for m in re.finditer(rf"{RANGE.pattern}|{SINGLE.pattern}", text):
        found.extend(d for d in date_range(m.group(0)) if d)
    return list(dict.fromkeys(found))


def parse_date(text: str) -> date | None:
    m = re.match(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})", text.strip())
    if not m or m.group(2).lower() not in MONTHS:
        return None
    try:
        return date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None


def to_iso(text: str) -> str | None:
    parsed = parse_date(text)
    return parsed.isoformat() if parsed else None


def number(word: str) -> int | None:
    word = word.lower().strip(".,")
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def number_after(flat: str, pattern: str) -> int | None:
    m = re.search(pattern, flat, re.I)
    return number(m.group(1)) if m else None


def published(flat: str) -> str | None:
    m = re.search(rf"(?:Published|Posted|Updated|Last updated)(?: on)?:?\s+(?:\w+day,? )?({DATE})", flat, re.I)
    return to_iso(m.group(1)) if m else None


# --- outcomes --------------------------------------------------------------


def outcome(flat: str) -> str | None:
    """The 2023 framework's outcome, from the statement under "Inspection outcome"."""
    head = flat.split("Information about the local area partnership")[0]
    for name, pattern in OUTCOMES:
        if re.search(pattern, head, re.I):
            return name
    return None


def revisit(flat: str, sections: list[Section]) -> dict | None:
    """Weaknesses with sufficient progress out of the total, and each verdict."""
    verdicts = [{"weakness": s.title, "verdict": s.verdict} for s in sections if s.kind == "revisit_progress"]
    sufficient = total = None
    m = re.search(
        r"(has|have) (not )?made sufficient progress in addressing (?P<a>all|none|any|the|\w+)(?: of)?(?: the)?"
        r"(?: (?P<b>\w+))? (?:areas? of )?significant weaknesses", flat, re.I)
    if m:
        a, b = m.group("a").lower(), (m.group("b") or "").lower()
        total = number(b) if b else None
        if m.group(2) or a in ("none", "any"):
            sufficient = 0
        elif a in ("all", "the"):
            sufficient = total
        else:
            sufficient = number(a)
    if verdicts and (sufficient is None or total is None):
        total = len(verdicts)
        sufficient = sum(v["verdict"] == "sufficient" for v in verdicts)
    if sufficient is None and not verdicts:
        return None
    return {"sufficient": sufficient, "total": total, "verdicts": verdicts}
