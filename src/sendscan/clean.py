"""Clean: a `Source`'s pages -> the lines that belong to the document's body.

Three kinds of noise go: extraction debris inside lines (U+FFFE for a wrapped
hyphen, soft hyphens, ligatures, odd spaces, words pdfplumber splits in two),
running headers and footers that repeat on every page, and the web furniture
(cookie notices, sign-ups, job adverts) that news and council pages carry.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from .model import Line, Source

DEBRIS = str.maketrans({
    "\ufffe": "-",  # pdfium's mark for a hyphen at a wrap: "Stoke-on\ufffeTrent"
    "\u00ad": "-",  # soft hyphen, same role
    "\u2011": "-",  # non-breaking hyphen
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ",
    "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
})

SPACE_RUN = re.compile(r" {2,}")

#: pdfplumber sometimes cuts a word after its first letter ("i mprove"). A lone
#: lower-case letter other than "a" is never an English word, so it is rejoined.
SPLIT_WORD = re.compile(r"(?<![\w'’.-])([b-z]) (?=[a-z]{2,})")

#: Lines that are the web page around an article, never part of it: cookie and
#: video notices, sign-up boxes, share rows, "related" links, job headers.
FURNITURE = re.compile(
    r"cookie|newsletter|subscribe|news ?bulletin|in your inbox|email updates|"
    r"tell us (?:your|what you) (?:views|think)|"
    r"was this page (?:helpful|useful)|share this (?:page|article|story)|related (?:articles|stories|links|topics)|"
    r"^(?:advertisement|skip to (?:main )?content|back to top|accept all|reject all|read more|most read|"
    r"more on this story|follow us)\b|^comments?(?: \(\d+\))?$|"
    r"all rights reserved|^(?:©|\(c\)\s)|^home\s*[>›»/|]|^(?:yes|no)(?:\s*/\s*no)?$|"
    r"^image (?:source|caption)\b|^(?:close panel|share page|copy link|about sharing)$|^follow (?:us|bbc)\b|"
    r"send your story ideas|\bemail\b.*@[\w-]+\.\w|\((?:pdf|docx?|odt),? [\d.]+ ?[km]b\)|"
    r"\bvideo (?:can ?not|cannot|is not|isn['’]t) (?:be )?(?:played|available)|video unavailable|enable javascript|"
    r"browser (?:does not|doesn['’]t) support|"
    r"^(?:(?:share(?: on| via)?|facebook|twitter|x|linkedin|whatsapp|email|e-mail|pinterest|reddit|copy link|"
    r"print|banner)\b[\s,|/·•]*)+$|"
    # a radio or news site's audio bar ("Listen live", "Now playing: ...", "Listen to this article 4 min")
    r"^(?:listen live|now playing:|listen to this (?:article|story)\b)|^download (?:our|the) (?:[\w’'-]+ ){0,3}app\b|"
    r"^\d{1,2} mins?(?: read| listen)?$|\btranslate this page\b|"
    # a section's kicker over the headline ("LIVE", "INSPECTIONS"): one word in
    # capitals, or a news site's section name alone on its line ("News")
    r"^(?-i:[A-Z]{3,15})$|^(?:(?:local|latest|uk|top) )?(?:news|sport|opinion|politics|business)$|"
    # a form's empty box ("Search this site [    ] Go"), a letter's "Dear families,",
    # an email's header lines and links, a paper's appeal for support, a blog post's categories
    # and tags, a page's "Report a problem" and "Help us improve this page"
    r"\[\s*\]|^press release$|^(?:from|sent|to|cc|subject|date):\s|view (?:this|the) email in your browser|"
    r"^unsubscribe\b|^update (?:your )?preferences\b|\bfunded by (?:our )?readers\b|^support us (?:from|today)\b|^\[(?:video|audio)\]|^related:\s|^dear [\w ]{3,40},$|^(?:ad|advert|advertisement|sponsored):\s|\bstay up to date with\b|^categories:.*\btags:|^report a problem with this page$|^help us improve this page\b|"
    # the site's controls, alone or in a row ("Log in", "Search Sign in | Register")
    r"^(?:(?:search(?: the site| this site)?|sign in|log in|log out|register|subscribe|my account)\b[\s|·/]*){1,}$|"
    # a menu button, and a breadcrumb of sections ("News > Local News > Education")
    r"^(?:menu|open menu|close menu)$|^(?-i:(?:[A-Z][\w’'&,:-]*(?: [\w’'&,:-]+){0,3} [>›/] )+[A-Z][\w’'&,:-]*(?: [\w’'&,:-]+){0,5})$|"
    # a rule drawn with dashes, and a row of share icons ("f t in ✉")
    r"^[-–—_*=~─━]{3,}$|^(?-i:(?:[a-z]|[^\w\s])(?:\s+(?:[a-z]{1,2}|[^\w\s]{1,2})){2,})$|"
    # a caption or a row of buttons copied in brackets ("[Image caption: ...]", "[Share] [Save]"),
    # and a banner linking elsewhere ("CORONAVIRUS: Latest updates ... >>")
    r"^\[(?:photo|image|picture|video)(?: caption)?:|^(?:[\w ]{1,12}:\s*)?(?:\[[^\]]{1,24}\]\s*){2,}(?:comments? \d+)?$|(?:>>|»)$|"
    # an advert or notice in brackets, a photo credit, a comment count, a table's rule
    r"^\[[^\]]+\]$|^(?:photograph|photo|picture|image|credit)s?:\s*[\w .&-]+(?:/[\w .&-]+)?$|^\d+ comments?$|"
    r"^\|(?:\s*:?-{3,}:?\s*\|)+$",
    re.IGNORECASE,
)

#: A line that ends the article: what follows is the page's other stories and links.
END_OF_ARTICLE = re.compile(
    r"^(?:related (?:topics|stories|articles|links|content)|more on this story|most (?:read|popular)(?: in [\w ]+)?|"
    r"top stories|"
    r"you may also like|more stories|latest stories|recommended(?: for you| stories| articles)?|"
    r"comments? \(\d+\))$", re.IGNORECASE)
#: Boxes of other stories that a page may set inside the story, and what
#: shows the story going on after one.
BOX = re.compile(r"^(?:most (?:read|popular)|top stories|trending)$", re.IGNORECASE)
STORY_GOES_ON = re.compile(r"\b(?:inspect\w*|ofsted|cqc|letter|report)\b", re.IGNORECASE)
#: A menu: this many lines or more in a row, each of one or two words, with no blank line between.
MENU_RUN = 3
#: A menu copied as one row: three or more short capitalised items between bars
#: or dots ("News | Sport | What's On | Jobs"); a headline's "... | Paper" has a long item.
MENU_ITEM = r"[A-Z][\w'’&-]*(?: [\w'’&-]+){0,4}"
MENU_ROW = re.compile(rf"^(?:{MENU_ITEM}(?:\s*[|•·]\s*|\s{{2,}})){{2,}}{MENU_ITEM}$")
#: A menu copied as one row whose spaces collapsed ("Home News Sport Business").
HOME_ROW = re.compile(r"^Home(?: [A-Z][\w'’&]*){2,}$")
#: The sections of a news site: a row of capitalised words holding three or more
#: of them is its menu ("News Sport What's On Business Property Jobs Search").
SITE_SECTIONS = {"news", "sport", "sports", "business", "jobs", "weather", "travel", "lifestyle", "opinion",
                 "property", "motors", "notices", "announcements", "search", "entertainment", "podcasts",
                 "competitions", "politics", "video", "videos", "traffic", "money", "culture", "features",
                 # a council's site
                 "residents", "council", "contact", "home", "services", "events", "about"}

#: Furniture only as a label, never in a sentence of the article ("Families can
#: sign up to the forum." and "...costs £2m per annum." stay).
FURNITURE_LABEL = re.compile(
    r"sign up|^jobs?\b|^(?:\w+ ){0,2}jobs(?: near you)?$|\bvacanc(?:y|ies)\b.*£|"
    r"£\s?\d[\d,]*.*\b(?:salary|per annum|apply|closing date)\b", re.IGNORECASE)

#: The lines of a job advertisement: pay, and the "Recruiter:" line that ends one.
JOB_SIGNAL = re.compile(
    r"^Recr?u\w{0,3}ter:|^(?:Up to |From )?£\s?\d|^(?:Grade|Band|Scale|Salary|SCP)\b.*[£\d]|"
    r"£\s?\d[\d,.]*.*\bper (?:hour|annum|year|day|week)\b",
    re.IGNORECASE,
)
#: Signals of one block of adverts stand at most this many lines apart.
ADVERT_SPAN = 8
#: A caption repeats the headline with the word for the picture after it.
CAPTION = re.compile(r"\s*[-–|:]?\s*\(?(?:image|picture|photo(?:graph)?|video)s?\)?$", re.IGNORECASE)
CAPTION_LINE = re.compile(r"^\(?(?:image|picture|photo(?:graph)?)s?(?: credit)?\s*[:|]", re.IGNORECASE)

#: Running footers known by their words, for documents too short to show repetition.
KNOWN_RUNNING = re.compile(r"^(?:Area SEND )?inspection report:|^page \d+(?: of \d+)?$|^\d{1,3}$", re.IGNORECASE)

#: Running headers and footers sit in these bands at the top and bottom of a page.
MARGIN_BAND = 0.09


def clean(source: Source) -> list[Line]:
    """The body lines of a document, in reading order, with tidy text."""
    rejoin = source.engine == "pdfplumber"
    lines = [_tidy(line, rejoin) for page in source.pages for line in page.lines]
    lines = [line for line in lines if line.text]
    if source.format == "pdf":
        heights = page_heights(source)
        running = running_lines(source, heights)
        lines = [line for line in lines if not is_running(line, running, heights)]
    else:
        lines = web_text(lines)
    return lines


def normalise(text: str) -> str:
    """Text with extraction debris replaced and runs of spaces collapsed."""
    # Most lines are plain ASCII with single spaces, and need neither step.
    if not text.isascii() or "\t" in text:  # the tab is the one ASCII character of DEBRIS
        text = text.translate(DEBRIS)
    if "  " in text:
        text = SPACE_RUN.sub(" ", text)
    return text.strip()


def is_furniture(text: str) -> bool:
    """True for a line of web-page furniture (short, and matching a known kind)."""
    if len(text) >= 240:
        return False
    return bool(FURNITURE.search(text) or MENU_ROW.match(text) or HOME_ROW.match(text)) or site_menu(text) \
        or (bool(FURNITURE_LABEL.search(text)) and _label_like(text, 240))


def site_menu(text: str) -> bool:
    words = text.split()
    return 4 <= len(words) <= 16 and all(w[:1].isupper() or w == "&" for w in words) \
        and sum(w.lower() in SITE_SECTIONS for w in words) >= 3


def web_text(lines: list[Line]) -> list[Line]:
    """An HTML or text page's lines without its furniture: single furniture
    lines, captions and whole blocks of job adverts."""
    lines = lines[:article_end(lines)]
    dropped = advert_lines(lines) | caption_lines(lines) | menu_lines(lines) | contents_lines(lines) \
        | related_lines(lines) | tagline(lines)
    return [line for i, line in enumerate(lines) if i not in dropped and not is_furniture(line.text)]


def article_end(lines: list[Line]) -> int:
    """Where the article ends: at "Related topics", "More on this story"...
    once some of it has been read (the same words in a menu above the
    article end nothing)."""
    read = 0
    for i, line in enumerate(lines):
        if END_OF_ARTICLE.match(line.text) and read >= 3 and not box_within(lines, i):
            return i
        read += len(line.text.split()) >= 15
    return len(lines)


def box_within(lines: list[Line], i: int) -> bool:
    """Whether the "Most read" box at line i stands inside the story: the
    story goes on after its headlines (a paragraph about the inspection within
    the next two). Such a box is dropped with `related_lines`."""
    if not BOX.match(lines[i].text):
        return False
    j = i + 1
    while j < len(lines) and lines[j].top - lines[j - 1].bottom <= 0.5 * (lines[j - 1].bottom - lines[j - 1].top):
        j += 1  # its headlines, run on under the label
    return any(len(line.text.split()) >= 15 and STORY_GOES_ON.search(line.text) for line in lines[j:j + 2])


def menu_lines(lines: list[Line]) -> set[int]:
    """Indexes of navigation menus copied with the page ("Home / News /
    Sport", one a line): runs of one- and two-word lines with no gap."""
    runs: list[list[int]] = []
    for i, line in enumerate(lines):
        menu_like = len(line.text.split()) <= 2 and not re.search(r"[.!?:;,]$", line.text)
        prev = lines[i - 1]
        follows = runs and runs[-1][-1] == i - 1 and line.top - prev.top <= prev.bottom - prev.top  # no blank line
        if menu_like and follows:
            runs[-1].append(i)
        elif menu_like and not (i and lines[i - 1].text.endswith(":")):
            runs.append([i])
    return {i for run in runs if len(run) >= MENU_RUN for i in run}


#: The label of a page's table of contents.
CONTENTS = re.compile(r"^(?:on this page|contents|in this (?:section|article|page)|jump to|page contents):?$", re.I)


def contents_lines(lines: list[Line]) -> set[int]:
    """Indexes of a page's table of contents: its label ("On this page") and
    the items under it, each the text of a heading further down (numbered
    or not), so that the headings are read once, where they stand."""
    entries = [entry(line.text) for line in lines]
    last = {text: k for k, text in enumerate(entries)}  # where each text stands last
    return label_and_items(lines, CONTENTS, lambda j: bool(entries[j]) and last[entries[j]] > j)


#: A label over links to other stories, inside or below the article.
RELATED = re.compile(r"^(?:read more|related(?: news| stories| articles| links| content| pages| press releases)?|"
                     r"more on this|see also|most read|most popular|top stories|trending|"
                     r"more from [\w ]+|you might also like)[:.]?$", re.I)


def related_lines(lines: list[Line]) -> set[int]:
    """Indexes of a "Read more" label and the headlines run on under it
    (no blank line between, none ending a sentence): links, not the article."""
    def headline(j: int) -> bool:
        above = lines[j - 1]
        gap = lines[j].top - above.bottom > 0.5 * (above.bottom - above.top)
        return not (gap or re.search(r"[.!?][”’\"')]*$", lines[j].text) or len(lines[j].text.split()) > 20)

    return label_and_items(lines, RELATED, headline)


def label_and_items(lines: list[Line], label: re.Pattern, item: Callable[[int], bool]) -> set[int]:
    """Indexes of each line that is a `label`, and of the lines just after it
    for which `item(index)` holds."""
    dropped: set[int] = set()
    for i, line in enumerate(lines):
        if label.match(line.text.strip()):
            dropped.add(i)
            j = i + 1
            while j < len(lines) and item(j):
                dropped.add(j)
                j += 1
    return dropped


def entry(text: str) -> str:
    """A contents item or heading as words alone ("1. Background" = "Background")."""
    return re.sub(r"^(?:\d+[.)]|[-•*])\s*|^#+\s*", "", text.strip()).strip().lower()


def advert_lines(lines: list[Line]) -> set[int]:
    """Indexes of the lines of job adverts: each cluster of pay and "Recruiter"
    lines (two or more, or one "Recruiter"), from the title and employer lines
    just above its first signal to its last."""
    # An advert's lines are labels; a sentence about money ("...£3m per year.") is the article's.
    signals = [i for i, line in enumerate(lines) if JOB_SIGNAL.search(line.text) and _label_like(line.text, 200)]
    clusters: list[list[int]] = []
    for i in signals:
        if clusters and i - clusters[-1][-1] <= ADVERT_SPAN:
            clusters[-1].append(i)
        else:
            clusters.append([i])
    dropped: set[int] = set()
    for cluster in clusters:
        if len(cluster) < 2 and not lines[cluster[0]].text.lower().startswith("rec"):
            continue
        start = cluster[0]
        # Title and employer: short lines that are not sentences, just above.
        while start > 0 and cluster[0] - start < 3 and _label_like(lines[start - 1].text):
            start -= 1
        dropped.update(range(start, cluster[-1] + 1))
    return dropped


def _label_like(text: str, longest: int = 90) -> bool:
    return len(text) <= longest and not re.search(r"[.!?:;][”’\"')]*$", text)


def tagline(lines: list[Line]) -> set[int]:
    """The index of a site's tagline under its name at the top of the page
    ("The Marches Courier" over "Shropshire, Herefordshire & Mid Wales", a
    blog's "A parent-led blog about SEND in ..."): the second line, run on
    from a short first line with no blank between and a blank after it,
    ending no sentence. The name is the first line that is no furniture (an
    email's "From:" and "Subject:" lines may stand above it)."""
    k = next((i for i, line in enumerate(lines[:8]) if not is_furniture(line.text)), None)
    if k is None or k + 3 > len(lines):
        return set()
    name, line, below = lines[k], lines[k + 1], lines[k + 2]
    height = name.bottom - name.top
    run_on = line.top - name.bottom <= 0.5 * height < below.top - line.bottom
    if run_on and len(name.text.split()) <= 8 and line.text[:1].isupper() \
            and not re.search(r"[.!?:;][”’\"')]*$", line.text) and len(line.text.split()) <= 16:
        return {k + 1}
    return set()


def caption_lines(lines: list[Line]) -> set[int]:
    """Indexes of image captions: "Image: ...", or a line that repeats another
    (the headline) with "image" after it."""
    texts = {line.text.lower() for line in lines}
    found = set()
    for i, line in enumerate(lines):
        bare = CAPTION.sub("", line.text)
        if CAPTION_LINE.match(line.text) or (bare != line.text and bare.lower() in texts):
            found.add(i)
        if re.fullmatch(r"image caption,?", line.text, re.IGNORECASE) and i + 1 < len(lines):
            found.add(i + 1)  # the label on a line of its own, the caption on the next
    return found


def page_heights(source: Source) -> dict[int, float]:
    """Each page's height by its number: a damaged page left out shifts the list."""
    return {page.number: page.height for page in source.pages}


def running_lines(source: Source, heights: dict[int, float]) -> set[str]:
    """Keys of the lines that repeat in the page margins: running headers and footers."""
    if len(source.pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in source.pages:
        counts.update({_key(line.text) for line in page.lines if _in_margin(line, heights)})
    needed = max(2, round(0.3 * len(source.pages)))
    return {key for key, n in counts.items() if n >= needed}


def is_running(line: Line, running: set[str], heights: dict[int, float]) -> bool:
    """A running header or footer: in a page margin, and repeated or known by its words."""
    return _in_margin(line, heights) and (_key(line.text) in running or bool(KNOWN_RUNNING.search(line.text)))


def _tidy(line: Line, rejoin_split_words: bool) -> Line:
    text = normalise(line.text)
    if rejoin_split_words:
        text = SPLIT_WORD.sub(r"\1", text)
    return Line(text, line.page, line.x0, line.x1, line.top, line.bottom)


def _key(text: str) -> str:
    # Page numbers and dates change from page to page; the rest repeats.
    return re.sub(r"\d+", "#", text.lower().strip())


def _in_margin(line: Line, heights: dict[int, float]) -> bool:
    height = heights[line.page]
    return line.top < MARGIN_BAND * height or line.bottom > (1 - MARGIN_BAND) * height
