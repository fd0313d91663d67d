"""clean: extraction debris, running footers and web furniture go; text stays."""

from __future__ import annotations

import pytest

from layout import report_rows, source_of
from sendscan.clean import DEBRIS, clean, is_furniture, normalise


@pytest.mark.parametrize("raw, tidy", [
    ("Stoke-on\ufffeTrent", "Stoke-on-Trent"),
    ("co\u00adproduction", "co-production"),
    ("\ufb01nal  \u00a0 o\ufb00er", "final offer"),
    ("zero\u200bwidth", "zerowidth"),
    ("children’s “voice”", "children’s “voice”"),
    ("a\tplain  line ", "a plain line"),
])
def test_normalise_replaces_debris_and_keeps_typography(raw, tidy):
    assert normalise(raw) == tidy


def test_debris_is_outside_ascii_but_the_tab():
    # normalise skips the table for ASCII lines without a tab.
    assert [chr(c) for c in DEBRIS if c < 128] == ["\t"]


def test_running_footer_on_every_page_is_removed_and_body_kept():
    rows = report_rows([(2, 100, 56, "Children wait too long."), (3, 100, 56, "Leaders know this.")], pages=3)
    texts = [line.text for line in clean(source_of(rows))]
    assert "Children wait too long." in texts and "Leaders know this." in texts
    assert not any("inspection report:" in t for t in texts)


def test_a_line_in_the_margin_that_does_not_repeat_is_kept():
    rows = [(1, 20, 56, "Local area partnership report"), (1, 300, 56, "Body."), (2, 300, 56, "More body.")]
    assert [l.text for l in clean(source_of(rows))][0] == "Local area partnership report"


def test_pdfplumber_split_words_are_rejoined_only_for_pdfplumber():
    rows = [(1, 100, 56, "Leaders must i mprove the offer for a child.")]
    assert clean(source_of(rows, engine="pdfplumber"))[0].text == "Leaders must improve the offer for a child."
    assert clean(source_of(rows))[0].text == "Leaders must i mprove the offer for a child."


@pytest.mark.parametrize("line", [
    "We use cookies to improve your experience",
    "Sign up to our weekly newsletter",
    "Tell us your views on this service",
    "Was this page helpful? Yes / No",
    "Jobs: SEND caseworker, Harrowby Council, £32,000",
    "Family support worker £28,000 per annum - apply now",
    # met in blind-written news (blind-6): a breadcrumb of sections, a menu
    # button, a section name over the headline, a copyright line
    "News > Local News > Education",
    "Your council > Schools and learning > SEND inspection: our response",
    "Menu",
    "News",
    "(c) NHS Ottery Clinical Commissioning Group 2022",
    # met in blind-8: a share row with its comment count, a video caption, a one-line related link, a letter's greeting
    "[Facebook] [X] [WhatsApp] [Email] Comments 8",
    "[VIDEO] Watch: a mum says her son has been out of school for a year. 2 min 14 sec",
    "RELATED: Parents demand answers over special school places",
    "Dear families,",
    "Ad: Winter sale now on - up to 50% off sofas",
    "Coronavirus: stay up to date with our live blog",
    "PRESS RELEASE",
    # met in blind-9: a section kicker with slashes, a paper's appeal, an email's lines
    "NEWS / EDUCATION",
    "Our independent journalism is funded by readers like you.",
    "Support us from as little as £1.",
    "Subject: July news: what the inspectors said",
    "View this email in your browser",
    # met in blind-11: rows of a site's controls
    "Search Sign in | Register",
    "Search the site Log in",
    "Log in",
])
def test_web_furniture_is_recognised(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Parents told inspectors that waiting lists for therapy are too long.",
    "The council has set aside £2 million to create 40 more specialist places.",
    "Families can sign up to the parent carer forum at any time.",
    "Home-to-school transport now costs £9,000 per annum for each pupil.",
    "Children aged 5 > 10 years wait longest",
    "Inspectors found the news was not shared with families.",
])
def test_findings_are_not_furniture(line):
    assert not is_furniture(line)


def web_lines(text: str) -> list[str]:
    from sendscan.model import Source
    from sendscan.read import ROW, text_page

    source = Source(path="page.txt", format="text", pages=[text_page(text)], line_pitch=ROW)
    return [line.text for line in clean(source)]


def test_a_block_of_job_adverts_goes_whole_title_and_employer_included():
    # Met in a real story: adverts under it named other towns, which became its area.
    page = ("Inspectors found long waits.\n\nCare jobs\nSupport Worker\nHarrowby Council\n£12.50 per hour\n"
            "Help adults to live well at home. Harrowby\nRecruiter: Harrowby Council\nOccupational Therapist\n"
            "Marsh Health Trust\nBand 6\nJoin a friendly team. Marsh\nRecruiter: Marsh Health Trust\n")
    assert web_lines(page) == ["Inspectors found long waits."]


def test_captions_share_rows_and_notices_go():
    page = ("Fenmarsh SEND services told to improve\n\nFenmarsh SEND services told to improve image\n\n"
            "Image: Fenmarsh Council\n\nShare\nFacebook Twitter WhatsApp\nLinkedin Banner\n\n"
            "This video can not be played\n\nHome > News > Education\n\nThe report found that plans are late.\n\n"
            "Was this page helpful?\nYes\nNo\n")
    assert web_lines(page) == ["Fenmarsh SEND services told to improve", "The report found that plans are late."]


def test_a_sentence_about_pay_or_jobs_in_the_article_stays():
    page = ("The council will spend £3 million on 40 new places.\n\n"
            "The report said too few jobs go to disabled young people.\n")
    assert len(web_lines(page)) == 2


def test_related_links_end_the_article_but_not_when_they_stand_above_it():
    story = ("Inspectors found that children in the borough wait far too long for an assessment of their needs.\n\n"
             "The report said that plans are too often late and that families are not listened to by leaders.\n\n"
             "Leaders told inspectors that they knew about these problems and had a plan to tackle every one.\n\n")
    assert web_lines(story + "Related Topics\nSchool transport costs rise again\n") == [l for l in story.split("\n") if l]
    assert len(web_lines("Most read\n\n" + story)) == 3


def test_sentences_about_money_are_not_job_adverts():
    page = ("The high needs budget is overspent by £4m per year.\n"
            "Transport for pupils with SEND costs £2m per year, the council said.\n")
    assert len(web_lines(page)) == 2


def test_read_more_and_the_headlines_under_it_are_furniture_kickers_too():
    # Met on a national paper's page copied as text: "Read more" over three
    # related headlines, run into the article as one paragraph; and a radio
    # site's "LIVE" kicker and "Translate this page" link.
    from sendscan.clean import is_furniture, related_lines
    from sendscan.read import text_page

    page = text_page("The council said it would act.\n\nRead more\nTribunal appeals reach a record\n"
                     "'We felt invisible': parents on the fight for a place\n\nThe next inspection is due in 2025.")
    kept = [line.text for i, line in enumerate(page.lines) if i not in related_lines(page.lines)]
    assert kept == ["The council said it would act.", "The next inspection is due in 2025."]
    assert is_furniture("LIVE") and is_furniture("Menu Search Translate this page")
    assert not is_furniture("Background") and not is_furniture("Leadership and governance")


def test_comments_end_the_article_and_rules_and_share_icons_are_furniture():
    # Met on a local paper's page copied as text: readers' comments under
    # "Comments (4)" were read as findings, and so were "---" and "f t in ✉".
    from sendscan.clean import END_OF_ARTICLE, is_furniture

    assert END_OF_ARTICLE.match("Comments (4)") and not END_OF_ARTICLE.match("37 comments")
    assert is_furniture("---") and is_furniture("f t in ✉")
    assert not is_furniture("I am ok") and not is_furniture("in a way")


@pytest.mark.parametrize("line", [
    "[Photo caption: Young people on a supported internship.]", "[Share] [Save] [Comments 11]",
    "Share: [Facebook] [X] [WhatsApp] [Email]", "CORONAVIRUS: Latest updates and where to get help >>",
    "[Festive offer: two courses for £15]", "Photograph: Stock/Alamy", "37 comments", "|---|---|",
])
def test_bracketed_captions_buttons_adverts_credits_and_banners_are_furniture(line):
    # Met in pages copied as text by people who had not read sendscan's code.
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["Children [aged 5 to 11] wait too long.", "Photographs show the new school.",
                                  "Inspectors found 37 weaknesses."])
def test_sentences_with_brackets_or_photos_are_not_furniture(line):
    assert not is_furniture(line)
