"""read: every format into pages of lines, and one clear error per bad input."""

from __future__ import annotations

import pytest

from conftest import CORPUS, FIXTURES, needs_corpus
from sendscan.errors import InputError
from sendscan.read import decode, discover, read, sniff, text_page


@pytest.mark.parametrize("name, data, reason", [
    ("empty.pdf", b"", "file is empty"),
    ("blank.txt", b"  \n\n ", "file is empty"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary data"),
    ("report.docx", b"PK\x03\x04" + bytes(40), "ZIP or Office file"),
    ("corrupt.pdf", b"%PDF-1.7\n" + b"\x8f garbage " * 50, "not a readable PDF"),
    ("latin1.txt", "Children’s services – café".encode("cp1252"), "not valid utf-8 text"),
])
@pytest.mark.parametrize("engine", ["pypdfium2", "pdfplumber"])
def test_bad_input_is_one_clear_error_naming_the_file(tmp_path, name, data, reason, engine):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read(str(path), engine=engine)
    assert reason in str(caught.value)
    assert str(caught.value).startswith(str(path))


@pytest.mark.parametrize("engine", ["pypdfium2", "pdfplumber"])
@pytest.mark.parametrize("fixture, reason", [("encrypted.pdf", "encrypted"), ("scanned.pdf", "no text layer")])
def test_encrypted_and_scanned_pdfs_say_so(engine, fixture, reason):
    with pytest.raises(InputError, match=reason):
        read(str(FIXTURES / fixture), engine=engine)


@needs_corpus
@pytest.mark.parametrize("engine", ["pypdfium2", "pdfplumber"])
def test_truncated_pdf_is_reported_as_truncated(tmp_path, engine):
    whole = (CORPUS / "80428_bedford.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InputError, match="corrupt or truncated"):
        read(str(path), engine=engine)


def test_missing_file_and_unknown_engine(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read(str(tmp_path / "nowhere.pdf"))
    (tmp_path / "a.txt").write_text("Ofsted visited.", encoding="utf-8")
    with pytest.raises(InputError, match="unknown engine"):
        read(str(tmp_path / "a.txt"), engine="ocr")


def test_directory_with_nothing_readable(tmp_path):
    (tmp_path / "notes.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match="no readable documents"):
        discover(str(tmp_path))


def test_directory_lists_documents_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/z.pdf", "a.txt", "b/page.html", "skip.xlsx"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.removeprefix(str(tmp_path) + "/") for p in discover(str(tmp_path))[0]] == ["a.txt", "b/page.html", "b/z.pdf"]


def test_explicit_encoding_reads_legacy_text(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Children’s services – café".encode("cp1252"))
    source = read(str(path), encoding="cp1252")
    assert source.pages[0].lines[0].text == "Children’s services – café"


def test_utf16_with_bom_is_read():
    assert decode("Ofsted – CQC".encode("utf-16"), "x.txt") == "Ofsted – CQC"


def test_sniff_prefers_content_over_extension():
    assert sniff(b"%PDF-1.4 ...", "letter.txt") == "pdf"
    assert sniff(b"<!DOCTYPE html><html><body><p>x</p>", "page.txt") == "html"
    assert sniff(b"Plain words.", "page.html") == "html"  # the extension breaks the tie
    assert sniff(b"Plain words.", "notes.txt") == "text"


def test_a_web_page_saved_as_pdf_is_refused_not_read_as_a_page():
    with pytest.raises(InputError, match="is not a PDF: it holds HTML"):
        sniff(b"<!DOCTYPE html><html><title>404 Not Found</title>", "letter.pdf")
    with pytest.raises(InputError, match="is not a PDF: it holds text"):
        sniff(b"x", "letter.PDF")


def test_text_rows_leave_a_gap_for_each_blank_line():
    page = text_page("Heading\n\nFirst line\nsecond line\n")
    tops = [line.top for line in page.lines]
    assert [line.text for line in page.lines] == ["Heading", "First line", "second line"]
    assert tops[1] - tops[0] == 24 and tops[2] - tops[1] == 12


def test_standard_input_is_read(monkeypatch, tmp_path):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Ofsted found delays.\n".encode())))
    source = read("-")
    assert source.path == "-" and source.pages[0].lines[0].text == "Ofsted found delays."


@needs_corpus
@pytest.mark.parametrize("engine", ["pypdfium2", "pdfplumber"])
def test_pdf_lines_carry_page_and_position(engine):
    source = read(str(CORPUS / "80535_oldham.pdf"), engine=engine)
    assert len(source.pages) == 8
    first = source.pages[0].lines[0]
    assert first.page == 1 and 0 <= first.top < first.bottom <= source.pages[0].height
    # The priority-action table's two columns come out as separate lines.
    cells = [l for l in source.pages[5].lines if l.text.startswith(("NHS Greater Manchester ICB", "Leaders at Oldham"))]
    assert len({round(l.x0) for l in cells}) == 2


@pytest.mark.parametrize("markdown, text", [
    ("**The report found:**", "The report found:"),
    ("*By Jo Lee*", "By Jo Lee"),
    ("the *poor* quality of __EHC__ plans", "the poor quality of EHC plans"),
    ("- a list item with 2 * 3 = 6 and snake_case words", "- a list item with 2 * 3 = 6 and snake_case words"),
])
def test_emphasis_of_html_main_text_is_dropped(markdown, text):
    from sendscan.read import plain

    assert plain(markdown) == text


def test_paragraphs_one_a_line_get_their_blank_lines_and_wrapped_text_is_left_alone():
    from sendscan.read import paragraphed

    long = "Inspectors found that " + "children wait too long for help, " * 6 + "and families are frustrated."
    assert paragraphed(f"Headline of the story\n{long}\n{long}\n") == f"Headline of the story\n\n{long}\n\n{long}"
    wrapped = "Inspectors found that children wait\ntoo long for help.\n"
    assert paragraphed(wrapped) == wrapped


def test_pdfium_line_with_a_wrapped_hyphen_is_cut_into_its_two_visual_lines():
    # pdfium runs the two lines of a hyphenated wrap into one (U+FFFE marks the
    # wrap); kept whole, the next line's gap looked like a paragraph break.
    from sendscan.read import _wrapped_pieces

    assert _wrapped_pieces("the well\ufffeconsidered plan is") == ["the well\ufffe", "considered plan is"]
    assert _wrapped_pieces("no wrap here") == ["no wrap here"]
    assert "".join(_wrapped_pieces("a\ufffeb\ufffec")) == "a\ufffeb\ufffec"
