"""Read: a file (PDF, HTML, plain text, or `-` for standard input) -> `Source`.

Every format comes out the same way: pages of laid-out lines with their
positions, so that cleaning and structuring never care where text came from.
PDF pages keep real geometry (points from the top of the page); text and HTML
get one row per line, with a blank line as a gap, so the same vertical-gap
rule finds their paragraphs.
"""

from __future__ import annotations

import errno
import io
import os
import re
from html import unescape
import stat
import sys
from pathlib import Path

from .errors import InputError, LeftOut
from .model import Line, Page, Source

ENGINES = ("pypdfium2", "pdfplumber")
EXTENSIONS = (".pdf", ".html", ".htm", ".txt")
#: The largest file read (bytes) unless asked for more: real letters are a
#: few MB; a larger file is a mistake or a trap (a link to /dev/zero).
MAX_BYTES = 50 * 2**20
#: HTML may be this fraction of the limit: finding a page's main text costs
#: far more a byte than reading a PDF (a 5 MB page takes some 20 seconds).
HTML_SHARE = 10
#: An HTML tag this long carries attributes no page needs (a page with a
#: hundred thousand of them kept the HTML parser busy for minutes): the tag
#: is kept, its attributes dropped.
LONG_TAG = re.compile(r"<([a-zA-Z][\w:-]{0,40})\b[^<>]{2000,}>")

TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)

#: Social media posts embedded in a page (a parent group's tweet under a story):
#: someone else's words, not the article's.
EMBEDDED_POSTS = [f'//*[contains(concat(" ", normalize-space(@class), " "), " {name} ")]'
                  for name in ("twitter-tweet", "twitter-timeline", "instagram-media", "tiktok-embed", "fb-post")]

#: Rows of a text page: a line is ROW high and a blank line leaves a ROW gap.
ROW = 12.0
#: Words further apart than this on one baseline are in different table cells.
CELL_GAP = 14.0


def discover(path: str) -> tuple[list[str], list[InputError]]:
    """The files an argument names: a file, a directory's documents
    (recursively), a glob ("letters/*.pdf"), or @list.txt (one path a line);
    and a problem for each thing in the way (a folder that cannot be read,
    a link to nothing, a FIFO named like a document), each named once."""
    if path == "-":
        return [path], []
    if path.startswith("@"):
        return listed(path[1:]), []
    if any(c in path for c in "*?[") and not os.path.lexists(path):
        import glob

        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            raise InputError("no such file, and no files match it as a pattern", path)
        found = [discover(m) for m in matches]
        return [f for files, _ in found for f in files], [p for _, problems in found for p in problems]
    if os.path.isdir(path):  # False, not an exception, where the path cannot be looked at
        files, problems = walk(path)
        if not files and not problems:
            raise InputError(f"directory holds no readable documents ({', '.join(EXTENSIONS)})", path)
        return files, problems
    return [path], []


def walk(folder: str) -> tuple[list[str], list[InputError]]:
    """The documents under a folder, sorted, and what could not be looked at.
    Links to folders are not followed (so a loop cannot trap the walk)."""
    files, problems = [], []
    pending = [folder]
    while pending:
        directory = pending.pop()
        try:
            with os.scandir(directory) as scan:
                entries = list(scan)
        except OSError as e:
            problems.append(InputError(f"folder cannot be read ({e.strerror or e}); its documents were left out",
                                       directory))
            continue
        for entry in entries:
            if _is_folder(entry):
                pending.append(entry.path)
            elif entry.name.lower().endswith(EXTENSIONS):
                try:
                    regular_size(entry.path)
                    files.append(entry.path)
                except InputError as problem:
                    problems.append(InputError(problem.message + "; left out", entry.path))
    return sorted(files), sorted(problems, key=lambda p: p.path)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def regular_size(path: str, limit: int | None = None) -> int:
    """The size of a regular file that may be read; InputError for anything
    else: missing, unreadable, a FIFO or device (which could block or never
    end), a link to nothing or a loop of links, or larger than `limit` bytes."""
    try:
        info = os.stat(path)
    except OSError as e:
        raise InputError(_stat_problem(e, path), path) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory", path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"is {_file_kind(info.st_mode)}, not a regular file", path)
    if limit is not None and info.st_size > limit:
        raise InputError(f"is {info.st_size / 2**20:.1f} MB, over the limit of {limit / 2**20:g} MB "
                         "(raise it with --max-size)", path)
    return info.st_size


def _stat_problem(error: OSError, path: str) -> str:
    if error.errno == errno.ENOENT:
        return "is a link to nothing (dangling link)" if os.path.islink(path) else "no such file"
    if error.errno == errno.ELOOP:
        return "is a link in a loop of links"
    if error.errno == errno.ENAMETOOLONG:
        return "file name too long (a part of the path is over 255 bytes)"
    return f"cannot be read ({error.strerror or error})"


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def listed(list_path: str) -> list[str]:
    """The paths in a list file, relative ones taken from the list's folder."""
    try:
        lines = Path(list_path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read the list of files ({e})", "@" + list_path) from None
    base = Path(list_path).parent
    entries = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return [str(base / e) if not Path(e).is_absolute() else e for e in entries]


def read(path: str, engine: str = "pypdfium2", encoding: str | None = None, max_bytes: int = MAX_BYTES) -> Source:
    """Read one document into pages of lines; raise InputError if it cannot be."""
    engine = getattr(engine, "value", engine)  # the CLI's Engine choice, or a plain name
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    data = _read_bytes(path, max_bytes)
    kind = sniff(data, path)
    own = own_output(data, kind)
    if own:
        raise LeftOut(f"is sendscan's own {own}, not a document; left out", path)
    if kind == "pdf":
        pages, damaged = _pdf_pages(data, path, engine)
        return Source(path=path, format="pdf", pages=pages, engine=engine, damaged_pages=damaged)
    text = decode(data, path, encoding)
    if kind == "html":
        if len(data) > max_bytes // HTML_SHARE:
            raise InputError(f"is an HTML page of {len(data) / 2**20:.1f} MB, over the limit for HTML of "
                             f"{max_bytes // HTML_SHARE / 2**20:g} MB (a tenth of --max-size; raise it with "
                             "--max-size)", path)
        return _html_source(text, path)
    return Source(path=path, format="text", pages=[text_page(table_rows(paragraphed(text)))], line_pitch=ROW)


def _read_bytes(path: str, limit: int) -> bytes:
    """The file's bytes, read only from a regular file and only up to `limit`."""
    if path == "-":
        return read_stdin(limit)
    regular_size(path, limit)
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror})", path) from None
    if len(data) > limit:  # it grew while being read
        raise InputError(f"is over the limit of {limit / 2**20:g} MB (raise it with --max-size)", path)
    return data


UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


def read_stdin(limit: int) -> bytes:
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"standard input is over the limit of {limit / 2**20:g} MB (raise it with --max-size)", "-")
    return data


def sniff(data: bytes, path: str) -> str:
    """'pdf', 'html' or 'text', from the bytes (the extension only breaks ties)."""
    if not data.strip():
        raise InputError("file is empty", path)
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise InputError("is a ZIP or Office file, not a PDF, HTML or text document", path)
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff") + UTF32_BOMS):
        raise InputError("is binary data, not a PDF, HTML or text document", path)
    lowered = head.lower()
    kind = "html" if path.lower().endswith((".html", ".htm")) or b"<html" in lowered or b"<!doctype html" in lowered \
        else "text"
    if path.lower().endswith(".pdf"):
        # Named a PDF but is not one: most often a web page saved by a failed download.
        raise InputError(f"is not a PDF: it holds {'HTML' if kind == 'html' else 'text'} "
                         "(a failed download saved under a .pdf name?)", path)
    return kind


#: What sendscan writes, known by its first bytes: the HTML report (by its
#: generator tag, or its footer in reports from before the tag) and the JSON
#: of extract, classify and compare.
OWN_HTML = re.compile(rb'<meta name="generator" content="sendscan"|<p class="meta footer">Made with sendscan ')
OWN_JSON = re.compile(rb'^\s*[\[{]\s*(?:\{\s*)?"(?:schema_version|categories)"\s*:')


def own_output(data: bytes, kind: str) -> str | None:
    """What kind of sendscan output the bytes are, or None for a document."""
    if kind == "html" and OWN_HTML.search(data[:4096]):
        return "HTML report"
    if kind == "text" and OWN_JSON.match(data[:200]):
        return "JSON output"
    return None


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Text from bytes: the given encoding, else UTF-8 (with or without BOM) or UTF-16 by BOM."""
    if encoding is None and data.startswith(UTF32_BOMS):  # before UTF-16, whose BOM begins UTF-32LE's
        encoding = "utf-32"
    elif encoding is None and data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    try:
        return data.decode(encoding or "utf-8-sig")
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path) from None
    except UnicodeDecodeError as e:
        raise InputError(
            f"is not valid {e.encoding} text (byte 0x{data[e.start]:02x} at offset {e.start}); "
            "give its encoding with --encoding, e.g. --encoding cp1252",
            path,
        ) from None


#: A line this long was never wrapped by hand: it is a whole paragraph.
PARAGRAPH_LINE = 150


def table_rows(text: str) -> str:
    """A table copied as text (cells split by tabs) with each row a paragraph
    of its own: a row is one claim ("Waiting times for autism assessments<TAB>
    Not yet sufficient progress"), not a wrapped line of the next."""
    out: list[str] = []
    for line in text.splitlines():
        row = "\t" in line.strip()
        if row and out and out[-1].strip():
            out.append("")
        out.append(line)
        if row:
            out.append("")
    return "\n".join(out)


def paragraphed(text: str) -> str:
    """Text copied from a web page with one paragraph a line and no blank
    lines between them, given the blank lines its paragraphs would have had:
    after a line that ends a sentence and around a line too long to be a wrap.
    Short lines in a row (a menu, a list that lost its markers) stay together.
    Text with blank lines, or hard-wrapped, is left as it is."""
    lines = text.splitlines()
    blank = sum(1 for line in lines if not line.strip())
    if not lines or blank * 10 >= len(lines) - blank or wrapped(lines):
        return text
    menu = menu_rows(lines)
    out = [lines[0]]
    for n, (prev, line) in enumerate(zip(lines, lines[1:])):
        ends = re.search(r"[.!?:][”’\"')]*$", prev.rstrip())
        # A heading before a capital starts a paragraph; a menu's rows do not.
        heading = n not in menu and bool(re.match(r"(?:\d{1,2}\.\s+)?[A-Z]", line)) \
            and not prev.startswith("By ")  # a byline runs on
        if ends or heading or len(prev) > PARAGRAPH_LINE or len(line) > PARAGRAPH_LINE:
            out.append("")
        out.append(line)
    return "\n".join(out)


def wrapped(lines: list[str]) -> bool:
    """Hard-wrapped text: no line too long to be a wrap, and most lines of
    some length stop mid-sentence (a paragraph a line ends with its full stop)."""
    if max(len(line) for line in lines) > PARAGRAPH_LINE:
        return False
    full = [line.rstrip() for line in lines if len(line.split()) >= 6]
    return not full or sum(bool(re.search(r"[.!?:][”’\"')]*$", line)) for line in full) < 0.6 * len(full)


def menu_rows(lines: list[str]) -> set[int]:
    """Indexes of lines in runs of three or more of one or two words (a menu)."""
    short = [len(line.split()) <= 2 for line in lines]
    rows: set[int] = set()
    start = 0
    for i in range(len(lines) + 1):
        if i == len(lines) or not short[i]:
            if i - start >= 3:
                rows.update(range(start, i))
            start = i + 1
    return rows


def text_page(text: str) -> Page:
    """One page of rows: each line a row, each blank line a gap of one row."""
    lines, row = [], 0.0
    for raw in text.splitlines():
        if raw.strip():
            indent = float(len(raw) - len(raw.lstrip()))
            stripped = raw.strip()
            lines.append(Line(stripped, 1, indent, indent + len(stripped), row, row + ROW))
        row += ROW
    return Page(number=1, width=0.0, height=row, lines=lines)


def _html_source(html: str, path: str) -> Source:
    """The article's main text, via trafilatura, as markdown-ish rows."""
    import trafilatura  # only HTML needs it

    html = LONG_TAG.sub(r"<\1>", html)
    text = trafilatura.extract(
        html, output_format="markdown", include_formatting=True, include_links=False,
        include_comments=False, include_tables=True, favor_precision=True, prune_xpath=EMBEDDED_POSTS,
    )
    if not text:
        raise InputError("HTML page has no main text that could be found", path)
    meta = trafilatura.extract_metadata(html)
    hints = {"title": meta.title, "date": meta.date} if meta else {}
    # The page's own <title> (trafilatura's drops the site's name, which says who published it).
    raw_title = TITLE.search(html)
    if raw_title:
        hints["page_title"] = " ".join(unescape(raw_title.group(1)).split())
    # trafilatura puts one paragraph per line; a blank row between keeps them apart.
    spaced = "\n\n".join(plain(line) for line in text.splitlines() if line.strip())
    return Source(path=path, format="html", pages=[text_page(spaced)], hints=hints, line_pitch=ROW)


#: Markdown emphasis around words (**bold**, *italic*, __bold__), not a list marker at a line's start.
EMPHASIS = re.compile(r"(?<![\w*_])(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?![\w*_])")


def plain(line: str) -> str:
    """A line of trafilatura's markdown without emphasis: "**The report found:**"
    must end with its colon, "*By Jo Lee*" begin with its byline."""
    return EMPHASIS.sub(r"\2", line)


def _pdf_pages(data: bytes, path: str, engine: str) -> tuple[list[Page], list[int]]:
    """The pages that load, and the numbers of those too damaged to load."""
    pages, damaged = _pdfium_pages(data, path) if engine == "pypdfium2" else (_pdfplumber_pages(data, path), [])
    if not any(page.lines for page in pages):
        raise InputError("PDF has no text layer (a scan?); run OCR on it first, e.g. ocrmypdf", path)
    return pages, damaged


def _pdfium_pages(data: bytes, path: str) -> tuple[list[Page], list[int]]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise InputError(_pdf_problem(str(e)), path) from None
    try:
        pages, damaged = [], []
        for i in range(len(pdf)):
            try:
                pages.append(_pdfium_page(pdf[i], i + 1))
            except pdfium.PdfiumError:  # "Failed to load page": a damaged page, not a bug
                damaged.append(i + 1)
    finally:
        pdf.close()
    if damaged and not pages:
        raise InputError(f"is a damaged PDF: none of its {len(damaged)} pages could be loaded", path)
    return pages, damaged


def _pdfium_page(page, number: int) -> Page:
    """Lines as pdfium breaks them, each placed by its first and last character."""
    height = page.get_height()
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    lines, pos = [], 0
    for raw in text.split("\r\n"):
        for piece in _wrapped_pieces(raw):
            stripped = piece.strip()
            if stripped:
                first = pos + len(piece) - len(piece.lstrip())
                last = pos + len(piece.rstrip()) - 1
                left, bottom, _, top = _charbox(textpage, first)
                _, _, right, _ = _charbox(textpage, last)
                lines.append(Line(stripped, number, left, right, height - top, height - bottom))
            pos += len(piece)
        pos += 2
    return Page(number=number, width=page.get_width(), height=height, lines=lines)


def _wrapped_pieces(raw: str) -> list[str]:
    """A line of pdfium's text cut after each wrapped-hyphen mark (U+FFFE):
    pdfium runs the two visual lines of a hyphenated wrap into one, which would
    place the second under the first's top and make the next line's gap look
    like a paragraph break, cutting a sentence in two."""
    if "\ufffe" not in raw:
        return [raw]  # most lines: no search
    return WRAPPED_PIECE.findall(raw)


#: A piece of a line up to and including a wrapped-hyphen mark, or the rest of the line.
WRAPPED_PIECE = re.compile("[^\ufffe]*\ufffe|[^\ufffe]+")


def _charbox(textpage, index: int) -> tuple[float, float, float, float]:
    # Loose boxes come from the font's ascent and descent, so every line of
    # one font has the same height and gaps between lines compare cleanly.
    try:
        return textpage.get_charbox(index, loose=True)
    except Exception:  # a character pdfium generated itself has no box
        return (0.0, 0.0, 0.0, 0.0)


def _pdfplumber_pages(data: bytes, path: str) -> list[Page]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [_pdfplumber_page(page) for page in pdf.pages]
    except Exception as e:  # pdfminer raises many kinds on damaged files, some wrapped
        if isinstance(e, PDFPasswordIncorrect) or any(isinstance(a, PDFPasswordIncorrect) for a in e.args):
            raise InputError("PDF is encrypted (needs a password)", path) from None
        raise InputError(_pdf_problem(str(e) or type(e).__name__), path) from None


def _pdfplumber_page(page) -> Page:
    """Words in content order, grouped into lines; a wide gap starts a new cell."""
    words = page.extract_words(use_text_flow=True)
    lines: list[Line] = []
    current: list[dict] = []
    for word in words:
        if current and not _same_cell(current[-1], word):
            lines.append(_plumber_line(current, page.page_number))
            current = []
        current.append(word)
    if current:
        lines.append(_plumber_line(current, page.page_number))
    return Page(number=page.page_number, width=float(page.width), height=float(page.height), lines=lines)


def _same_cell(prev: dict, word: dict) -> bool:
    same_line = abs(word["top"] - prev["top"]) < 3 or abs(word["bottom"] - prev["bottom"]) < 3
    return same_line and 0 <= word["x0"] - prev["x1"] < CELL_GAP


def _plumber_line(words: list[dict], number: int) -> Line:
    return Line(
        text=" ".join(w["text"] for w in words),
        page=number,
        x0=float(words[0]["x0"]),
        x1=float(words[-1]["x1"]),
        top=float(min(w["top"] for w in words)),
        bottom=float(max(w["bottom"] for w in words)),
    )


def _pdf_problem(message: str) -> str:
    lowered = message.lower()
    if "password" in lowered or "encrypt" in lowered:
        return "PDF is encrypted (needs a password)"
    return f"is not a readable PDF (corrupt or truncated: {message.strip().rstrip('.')})"
