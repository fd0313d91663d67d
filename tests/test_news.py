"""News reports and council pages, read as they are really written: the real
texts in ../shared/news (asserting what its README says a careful reader takes
from them) and the project's own fixtures of other shapes, through the CLI."""

from __future__ import annotations

import json
import re
import sys

import pytest

from conftest import FIXTURES, ROOT, SAMPLES, squash
from sendscan import areas
from sendscan.structure import news

NEWS = ROOT.parent / "shared" / "news"
SHAPES = FIXTURES / "news"
needs_news = pytest.mark.skipif(
    not (NEWS / "README.md").exists(),
    reason=f"the real news texts are not at {NEWS} (they are beside the project only in its home workplace)",
)
#: Words of page furniture that no finding (and, for adverts, no text) may hold.
FURNITURE = ("recruiter", "recuriter", "£", "sign up", "bulletin", "newsletter", "cookie", "share this",
             "linkedin", "tell us your views", "was this page", "video", " image")
FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.I)
#: Texts kept apart for measuring (answers/README): no test but the figure's reads them.
HELD_OUT = {json.loads(p.read_text(encoding="utf-8"))["file"] for p in (SHAPES / "answers").glob("*.json")
            if json.loads(p.read_text(encoding="utf-8"))["split"] == "held-out"}
#: Blind texts whose copy without blank lines is not yet read quite the same
#: (their findings are; README): what differs.
NOT_YET_THE_SAME_TIGHT = {
    "herts_cabinet_live.txt": "the live blog's closing line joins the response",
    "slough_observer.txt": "a related story's headline joins the response",
    "trafford_council_page.txt": "the last of its related pages joins the response",
    "north_somerset_parent_blog.txt": "the blog's comments run into the response",
    "slough_tabloid_2024.txt": "the local authority is found only in the copy without blank lines",
    "north_somerset_charity_newsletter.txt": "a list of event dates is read into the response differently",
    "sheffield_radio_revisit.txt": "the kicker 'NEWS | SHEFFIELD' runs into the headline",
    "southend_resignation_story.txt": "a job advert's 'Highways Inspector' line is taken for the headline",
    "warwickshire_cabinet_paper.txt": "the paper's table of officers and its numbered 'None.' lines read differently",
    "doncaster_news_b11.txt": "the reporter's role and handle, on a line of their own, join the findings",
}


def written(path, text: str):
    """The path, with a page the test wrote there (UTF-8), to read through the CLI."""
    path.write_text(text, encoding="utf-8")
    return path


def extracted(cli, path) -> dict:
    result = cli("extract", str(path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def findings(doc: dict, kind: str | None = None) -> list[str]:
    return [f["text"] for s in doc["sections"] for f in s["findings"] if kind in (None, s["kind"])]


def said(doc: dict, kind: str) -> str:
    """All the text of the sections of one kind that hold no findings (response, context)."""
    return "\n\n".join(s.get("text", "") for s in doc["sections"] if s["kind"] == kind)


def assert_clean_findings(doc: dict) -> None:
    for text in findings(doc):
        assert not any(word in text.lower() for word in FURNITURE), text
        if doc["doc_type"] == "news_report":  # in news, "we" outside a quotation is an official's
            assert not FIRST_PERSON.search(re.sub(r"[“‘\"'].*", "", text)), text


# --- the real texts ------------------------------------------------------------


@pytest.fixture(scope="module")
def bcp(request):
    from typer.testing import CliRunner

    from sendscan.cli import app

    result = CliRunner().invoke(app, ["extract", str(NEWS / "bcp_news_2021.txt"), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def dorset():
    from typer.testing import CliRunner

    from sendscan.cli import app

    result = CliRunner().invoke(app, ["extract", str(NEWS / "dorset_news_2017.txt"), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@needs_news
def test_bcp_story_is_news_about_bcp_dated_by_its_byline(bcp):
    assert bcp["doc_type"] == "news_report"
    assert areas.lookup(bcp["metadata"]["local_area"]).name == "Bournemouth, Christchurch and Poole"
    assert bcp["metadata"]["published"] == "2021-08-31"


@needs_news
def test_bcp_job_adverts_and_sign_up_are_not_text_at_all(bcp):
    everything = " ".join(findings(bcp)) + " ".join(s.get("text", "") + s["title"] for s in bcp["sections"])
    for word in ("Doncaster", "Sandwell", "Essex", "Recuriter", "£", "SIGN UP", "bulletin", "Linkedin", " image"):
        assert word not in everything, word


@needs_news
def test_bcp_inspectors_words_are_findings_and_officials_words_responses(bcp):
    found = findings(bcp, "narrative")
    assert len(found) >= 7
    # The report's quotation runs over two paragraphs: the second is a finding too.
    assert sum(f.startswith(("‘", "'")) for f in found) >= 1
    assert sum(bool(re.match(r"(?:Inspectors|They|The report|A report)\b", f)) for f in found) >= 4
    responses = said(bcp, "response")
    for name in ("Redding", "Greene"):
        assert name in responses and not any(name in f for f in found)
    assert responses.count("\n\n") >= 4  # both officials, every paragraph of their quotations
    assert_clean_findings(bcp)


@needs_news
def test_dorset_story_list_of_weaknesses_strengths_and_written_statement(dorset):
    assert dorset["doc_type"] == "news_report"
    assert dorset["metadata"]["local_area"] == "Dorset" and dorset["metadata"]["wsoa_required"] is True
    items = [line.strip(" •\t") for line in (NEWS / "dorset_news_2017.txt").read_text(encoding="utf-8").splitlines()
             if line.strip().startswith("•")]
    found = findings(dorset)
    assert len(items) == 5
    for item in items:
        assert any(squash(item) == squash(f) for f in found), item[:40]
    # The strengths named in prose are findings as well.
    assert any("praise" in f for f in found) and any("effective" in f for f in found)
    responses = said(dorset, "response")
    for name in ("Tough", "Croney", "CCG"):
        assert name in responses and not any(name in f for f in found), name
    assert "Tell us your views" not in " ".join(s.get("text", "") for s in dorset["sections"])
    assert_clean_findings(dorset)


@needs_news
def test_real_news_through_classify(cli):
    result = cli("classify", str(NEWS), "-f", "json", "--no-cache")
    assert result.exit_code == 0, result.stderr
    for doc in json.loads(result.stdout):
        tagged = [f for s in doc["sections"] for f in s["findings"]]
        assert tagged and all(f["polarity"] in ("weakness", "strength", "neutral") for f in tagged)
        assert doc["summary"]["weakness"], doc["source"]


# --- the project's fixtures, one per shape -------------------------------------


def test_local_paper_html_with_the_weaknesses_as_a_list(cli):
    doc = extracted(cli, SHAPES / "brackenford_echo.html")
    meta = doc["metadata"]
    assert doc["doc_type"] == "news_report" and meta["local_area"] == "Brackenford"
    assert meta["wsoa_required"] is True and meta["published"] == "2019-11-14"
    assert meta["inspection_end"] == "2019-09"  # "visited the borough in September"
    weak = findings(doc, "significant_weakness")
    assert len(weak) == 4 and not any(w.startswith("-") for w in weak)
    assert any("noted" in f for f in findings(doc, "narrative"))  # the letter's strengths
    assert "Sandhu" in said(doc, "response") and "spokesman" in said(doc, "response")
    assert "visited the borough" in said(doc, "context")
    assert_clean_findings(doc)


def test_council_page_with_one_heading_per_weakness(cli):
    doc = extracted(cli, SHAPES / "ashcombe_council_page.txt")
    meta = doc["metadata"]
    assert doc["doc_type"] == "council_page" and meta["local_area"] == "Ashcombe"
    assert meta["outcome"] == "inconsistent" and meta["published"] == "2024-02-02"
    assert (meta["inspection_start"], meta["inspection_end"]) == ("2023-10-09", "2023-10-13")
    weak = [s for s in doc["sections"] if s["kind"] == "weakness"]
    assert [s["title"] for s in weak] == ["Waiting times for therapies", "Education, health and care plans",
                                        "Preparing for adulthood"]
    assert all(len(s["findings"]) == 1 for s in weak)
    assert [s["title"] for s in doc["sections"] if s["kind"] == "strength"] == ["Early help"]
    # The council's own account of its work is its response, never a finding.
    assert "appointed two more" in said(doc, "response") and "We accept" in said(doc, "response")
    assert_clean_findings(doc)
    assert "Yes" not in said(doc, "response").split()


def test_story_where_inspectors_and_a_councillor_alternate(cli):
    doc = extracted(cli, SHAPES / "wealdham_gazette.txt")
    assert doc["doc_type"] == "news_report" and doc["metadata"]["local_area"] == "Wealdham"
    assert doc["metadata"]["headline"].startswith("Watchdogs warn")  # not the masthead
    kinds = [s["kind"] for s in doc["sections"] if s["findings"] or s["kind"] == "response"]
    assert kinds == ["narrative", "narrative", "response", "narrative", "response", "narrative"]
    found = findings(doc)
    # A quotation keeps its speaker over its next paragraph, whoever spoke.
    assert any(f.startswith('"The local offer website') for f in found)
    assert "two new posts" in said(doc, "response") and not any("two new posts" in f for f in found)
    assert any(f.startswith("Many told us") for f in found)  # "us" is the inspectors, inside their quotation
    assert not any(word in " ".join(found).lower() for word in FURNITURE)
    assert "Grade 6" not in json.dumps(doc) and "Recruiter" not in json.dumps(doc)


def test_article_on_a_2023_framework_report(cli):
    doc = extracted(cli, SHAPES / "northam_2023_report.txt")
    meta = doc["metadata"]
    assert meta["outcome"] == "positive" and meta["local_area"] == "Northam"
    assert (meta["inspection_start"], meta["inspection_end"]) == ("2024-06-10", "2024-06-14")
    assert meta["published"] == "2024-07-09" and meta["next_full_inspection_years"] == 5
    found = findings(doc)
    assert any(f.startswith("However, the report said") for f in found)
    assert any(f.startswith("Children's needs are identified early") for f in found)  # carries the report's claims on
    assert not any("next full inspection" in f for f in found)
    assert "Bankole" in said(doc, "response") and "Integrated Care Board" in said(doc, "response")


def test_article_on_a_revisit(cli):
    doc = extracted(cli, SHAPES / "saltmarsh_revisit.html")
    meta = doc["metadata"]
    assert (meta["revisit"]["sufficient"], meta["revisit"]["total"]) == (2, 5)
    assert meta["wsoa_required"] is None  # the statement is the revisit's subject, not its verdict
    assert meta["inspection_end"] == "2021-12" and meta["published"] == "2022-02-03"
    # Three sentences of findings, one claim of the letter's a finding ("found that A, that B, and that C").
    assert len(findings(doc)) == 6 and findings(doc)[-2] == "that joint commissioning is still underdeveloped"
    assert "will now decide" in said(doc, "context") and "Idowu" in said(doc, "response")
    assert "video" not in json.dumps(doc).lower()


def test_compare_gives_an_area_known_only_from_news_a_row_marked_so(cli):
    result = cli("compare", str(SAMPLES), str(SHAPES / "brackenford_echo.html"), "-f", "json", "--no-cache")
    assert result.exit_code == 0, result.stderr
    rows = {r["area"]: r for r in json.loads(result.stdout)["rows"]}
    assert rows["Brackenford"]["from_news"] is True and rows["Brackenford"]["doc_type"] == "news_report"
    assert rows["Brackenford"]["result"] == "news: WSoA required"
    assert rows["Kettlemouth"]["from_news"] is False and rows["Kettlemouth"]["doc_type"] == "send_report_2023"
    table = cli("compare", str(SAMPLES), str(SHAPES / "brackenford_echo.html"), "--no-cache")
    assert re.search(r"Brackenford\s+·?\s*news", table.stdout)
    # The table said "news: news: WSoA required": the row's result already says news.
    assert "news: WSoA" in table.stdout and "news: news" not in table.stdout


# --- the rules, one sentence at a time ------------------------------------------


@pytest.mark.parametrize("sentence, cls", [
    ("Services for disabled children must be improved, inspectors say.", "finding"),
    ("The watchdog criticised the slow pace of change.", "finding"),
    ("Support for school leavers was singled out for praise.", "finding"),
    ("Parents told inspectors that they felt shut out of decisions.", "finding"),
    ("According to the report, plans are often out of date.", "finding"),
    ("Inspectors were told by parents that nobody returned their calls.", "finding"),
    ("Among the failings identified were long waits for therapy.", "finding"),
    ("The report, which was published on Friday, highlighted a shortage of school places.", "finding"),
    ("A mother told the Echo her son had waited three years for a diagnosis.", "context"),
    ("The leader of the council, Cllr Sam Hart, described the findings as disappointing.", "response"),
    ("The inspection looked at how well services work together.", "context"),
    ("Council bosses apologised after inspectors found failings in every area they looked at.", "finding"),
    ("Cllr Ann Lee said the council would act quickly after inspectors found failings.", "response"),
    ("The council said it accepted every recommendation.", "response"),
    ("Leaders have been criticised by the council's own scrutiny panel.", "response"),
    ("A spokeswoman for the integrated care board added that waits were falling.", "response"),
    ("We welcome the report and are already acting on it.", "response"),
    ("Ofsted inspected the borough in May.", "context"),
    ("The council is inviting parents to drop-in sessions.", "context"),
])
def test_who_a_sentence_says_is_speaking(sentence, cls):
    assert news.paragraph_classes(sentence, news.Reading()) == [cls]


def test_a_finding_is_the_sentence_itself(tmp_path, cli):
    page = written(tmp_path / "story.txt",
                   "Lowmoor SEND services must be improved, inspectors say\n\nBy Ann Vale\n\n"
                   "Services for disabled children in Lowmoor must be improved, inspectors say. "
                   "Lowmoor Council said it would publish a plan.\n")
    doc = extracted(cli, page)
    assert findings(doc) == ["Services for disabled children in Lowmoor must be improved, inspectors say."]


@pytest.mark.parametrize("text, kind", [
    # A reporter quoting an official's "we" and "our" is still a reporter.
    ("Ofsted inspectors found long waits for SEND support.\n\n"
     "Cllr Ann Lee said: “We accept this and our plan will fix it. We are sorry.”\n\n"
     "Her deputy added: “We will work with our partners.”", "news_report"),
    ("Westhaven Council\n\nOur SEND inspection\n\nWe were inspected in May. We have written a plan "
     "and our families helped us.\n\nWas this page helpful?", "council_page"),
])
def test_news_or_council_page_by_what_the_text_is(text, kind):
    from sendscan.read import text_page

    assert news.kind(text_page(text).lines) == kind


def test_the_inspected_area_wins_when_several_are_named():
    text = ("Inspectors found that children in Medway wait too long for help.\n\n"
            "Neighbouring Kent was praised last year.\n\nFamilies in Medway said little had changed.")
    assert news.area_of("Medway SEND services failing, inspectors say", text) == "Medway"
    assert news.area_of("", "Dorset CCG said it accepted the report.") == "Dorset"
    assert areas.lookup("Dorset CCG").name == "Dorset" and areas.lookup("BCP Council").name.startswith("Bournemouth")


@pytest.mark.parametrize("sentence, required", [
    ("The council has been told to produce a written statement of action.", True),
    ("Leaders were ordered to set out how they will improve the service.", True),
    ("Inspectors demanded a Written Statement of Action be submitted.", True),
    ("The partnership must now draw up a plan setting out how it will tackle the failings.", True),
    ("The area does not need to produce a written statement of action.", False),
    ("Inspectors praised the work of the parent carer forum.", None),
])
def test_written_statement_of_action_in_news_words(sentence, required):
    assert news.wsoa(sentence) is required


def test_a_list_copied_as_text_without_its_markers_is_still_a_list(tmp_path, cli):
    page = written(tmp_path / "copied.txt",
                   "Ofsted criticises Brackenford SEND services\n\nBy Ann Vale\n\n"
                   "Inspectors set out the following weaknesses:\n"
                   "plans for young people are often late\nfamilies cannot find out what help there is\n"
                   "leaders do not check the quality of their work\n\n"
                   "Brackenford Council said it would act on every point.\n")
    doc = extracted(cli, page)
    assert len(findings(doc, "listed")) == 3 and "would act" in said(doc, "response")


def test_page_copied_from_a_broadcaster_menus_captions_and_related_links(cli):
    doc = extracted(cli, SHAPES / "eastmoor_broadcaster.txt")
    meta = doc["metadata"]
    assert doc["doc_type"] == "news_report" and meta["local_area"] == "Eastmoor"
    assert meta["headline"].endswith("Ofsted says") and meta["published"] == "2023-10-04"
    assert meta["outcome"] == "inconsistent"
    whole = json.dumps(doc)
    for gone in ("Skip to content", "Sport", "close panel", "Copy link", "Image source", "6,000 children",
                 "Related Topics", "Follow us", "@"):
        assert gone not in whole, gone
    found = findings(doc)
    assert [f for f in found if f.startswith(("waiting lists", "too many", "transitions"))] == found[3:6]
    assert any(f.startswith("It added") for f in found)  # "it" is the report
    assert "Last year" in said(doc, "context") and "Read the full report" in said(doc, "context")
    assert "Pike" in said(doc, "response") and "ICB" in said(doc, "response")


def test_democracy_reporter_copy_headline_into_standfirst_and_a_numbered_list(cli):
    doc = extracted(cli, SHAPES / "marshfield_democracy_reporter.txt")
    meta = doc["metadata"]
    assert meta["headline"] == "Damning report slams Marshfield's SEND services"
    assert meta["local_area"] == "Marshfield" and meta["outcome"] == "systemic" and meta["published"] == "2024-01-10"
    found = findings(doc)
    # The apology holds the inspection's verdict in a clause of its own.
    assert found[0].startswith("Council bosses have apologised after")
    assert findings(doc, "weakness") == [
        "reducing waiting times for neurodevelopmental assessments",
        "improving the quality of education, health and care plans",
        "making sure children missing education are identified quickly"]
    assert any(f.startswith("However, inspectors found") for f in found)
    responses = said(doc, "response")
    assert "no hiding" in responses and "She said the council" in responses and "will not rest" in responses
    assert "monitoring inspection" in said(doc, "context") and "Sign up" not in json.dumps(doc)


def test_council_page_restating_the_findings_in_its_own_first_person(cli):
    doc = extracted(cli, SHAPES / "westmoor_council_page.txt")
    meta = doc["metadata"]
    assert doc["doc_type"] == "council_page" and meta["outcome"] == "systemic"
    assert meta["inspection_end"] == "2024-02" and meta["local_area"] == "Westmoor"
    found = findings(doc)
    # "we" and "our" in the council's list of what the inspectors found are still the inspection's findings...
    assert [f for f in found if f.startswith(("we do not", "our EHC", "families do not"))] == found[1:4]
    assert found[4].startswith("They also found")
    # ...while its own account and its councillor's words are its response.
    assert "We are sorry" in said(doc, "response") and "Frost" in said(doc, "response")
    assert "Contact us" not in " ".join(found) and "helpful" not in json.dumps(doc)


@pytest.mark.parametrize("sentence, progress", [
    ("Inspectors found the area had made sufficient progress in three of the eight areas of weakness.", (3, 8)),
    ("The partnership has made sufficient progress in just one of its four significant weaknesses.", (1, 4)),
    ("The council had not made sufficient progress in any of the five areas.", (0, 5)),
    ("It has made sufficient progress in addressing all four.", (4, 4)),
])
def test_revisit_progress_in_news_words(sentence, progress):
    found = news.revisit_progress(sentence)
    assert (found["sufficient"], found["total"]) == progress


@pytest.mark.parametrize("sentence, outcome", [
    ("Inspectors said there were widespread and/or systemic failings in the area.", "systemic"),
    ("Arrangements lead to inconsistent experiences and outcomes, the report said.", "inconsistent"),
    ("Children typically have positive experiences and outcomes, the letter said.", "positive"),
])
def test_2023_outcome_in_the_frameworks_words(tmp_path, cli, sentence, outcome):
    page = written(tmp_path / "story.txt", f"SEND services in Lowmoor inspected\n\n{sentence}\n")
    assert extracted(cli, page)["metadata"]["outcome"] == outcome


@pytest.mark.parametrize("heading, weakness, strength", [
    ("The five areas of significant weakness", True, False),
    ("Where we need to improve", True, False),
    ("Areas for improvement", True, False),
    ("What is going well", False, True),
    ("Our 3 strengths", False, True),
    ("Fenmarsh SEND services have widespread failings, inspectors say", False, False),  # a headline, not a label
    ("Waiting times", False, False),  # a topic: its findings keep the kind of the label above it
])
def test_headings_that_label_findings(heading, weakness, strength):
    assert bool(news.WEAKNESS_LABEL.search(heading)) is weakness
    assert bool(news.STRENGTH_LABEL.search(heading)) is strength


@pytest.mark.parametrize("name", sorted(p.name for p in SHAPES.glob("*.txt")
                                         if p.name not in HELD_OUT | NOT_YET_THE_SAME_TIGHT.keys()))
def test_a_copy_with_no_blank_lines_between_paragraphs_reads_the_same(cli, tmp_path, name):
    # Some browsers copy a page with one paragraph a line and no blank lines.
    text = (SHAPES / name).read_text(encoding="utf-8")
    squeezed = tmp_path / name
    squeezed.write_text("\n".join(line for line in text.splitlines() if line.strip()) + "\n", encoding="utf-8")
    spaced, tight = extracted(cli, SHAPES / name), extracted(cli, squeezed)
    assert findings(tight) == findings(spaced)
    assert said(tight, "response") == said(spaced, "response")
    assert tight["metadata"] == spaced["metadata"]


def test_council_page_whose_introduction_labels_the_headings_below_it(cli):
    doc = extracted(cli, SHAPES / "southby_council_page.txt")
    meta = doc["metadata"]
    assert doc["doc_type"] == "council_page" and meta["wsoa_required"] is True
    assert meta["inspection_end"] == "2019-03" and meta["published"] == "2019-06-12"
    weak = [s for s in doc["sections"] if s["kind"] == "significant_weakness"]
    assert [s["title"] for s in weak] == ["Leadership", "EHC plans", "Health services", "Joint commissioning"]
    assert "identified four areas" in said(doc, "context")  # it introduces; the headings' text is the claim
    assert "We have submitted it" in said(doc, "response")  # the council acting, not restating a finding
    assert not any("revisit" in f for f in findings(doc))


def test_a_text_about_no_inspection_is_unknown_and_read_as_plain_narrative(cli, tmp_path):
    page = written(tmp_path / "minutes.txt",
                   "Parish council minutes\n\nThe bus shelter will be repainted in May. The clerk will write to the "
                   "county about the footpath.\n")
    doc = extracted(cli, page)
    assert doc["doc_type"] == "unknown" and len(findings(doc)) == 2


def test_a_page_marker_that_cleaning_drops_still_tells_a_council_page(cli, tmp_path):
    page = written(tmp_path / "council.txt",
                   "SEND inspection\n\nOfsted inspectors found that annual reviews are often late.\n\n"
                   "Our improvement plan is published below.\n\nWas this page helpful?\n")
    doc = extracted(cli, page)
    assert doc["doc_type"] == "council_page" and "helpful" not in json.dumps(doc)


def test_a_story_opening_on_an_unattributed_claim_keeps_it_as_a_finding(cli, tmp_path):
    page = written(tmp_path / "story.txt",
                   "Lowmoor families 'let down'\n\nBy Kim Dale\n\n"
                   "Children with special educational needs in Lowmoor wait too long for help. "
                   "Their plans are often late.\n\n"
                   "Cllr Tom Hale said: \"We are sorry and we will put this right for every family.\"\n\n"
                   "Ofsted inspectors visited the borough in May.\n")
    doc = extracted(cli, page)
    assert findings(doc) == ["Children with special educational needs in Lowmoor wait too long for help.",
                             "Their plans are often late."]
    assert "Hale" in said(doc, "response") and "visited" in said(doc, "context")


# --- what the real texts showed, each on a fixture of the same shape ----------


@pytest.fixture(scope="module")
def thornleigh():
    import sendscan

    classified, errors = sendscan.classify(str(SHAPES / "thornleigh_report_found.txt"), cache=False)
    assert not errors
    return classified[0]


def tagged(classified, start: str):
    return next((s.kind, t.polarity, t.ids()) for s, f, t in classified.tagged() if f.text.startswith(start))


def test_report_found_list_is_weaknesses_unless_an_item_only_praises(thornleigh):
    sides = [tagged(thornleigh, start)[:2] for start in ("The drive", "Leaders do not", "Speech and", "Families told")]
    assert sides == [("listed", "weakness"), ("listed", "weakness"), ("listed", "strength"), ("listed", "weakness")]
    assert "report found" in " ".join(s.text for s in thornleigh.document.sections if s.kind == "context")


def test_a_quoted_aim_is_a_name_and_the_sentence_ends_on_its_verdict(thornleigh):
    kind, polarity, ids = tagged(thornleigh, "The drive for 'getting it right first time'")
    assert polarity == "weakness" and "ehcp_timeliness" in ids


def test_sencos_praised_in_prose_are_a_workforce_strength(thornleigh):
    kind, polarity, ids = tagged(thornleigh, "Thornleigh's short breaks service earned praise")
    assert kind == "narrative" and polarity == "strength" and {"workforce", "social_care"} <= set(ids)


def test_framing_and_the_written_statement_name_no_category(thornleigh):
    assert thornleigh.document.metadata.wsoa_required is True
    for start in ("Council and NHS bosses", "Inspectors said the county council"):
        assert tagged(thornleigh, start)[2] == [], start  # "clinical commissioning group" is not joint commissioning
    # A sentence announcing the claims to come ("critical of leaders on several counts") is framing.
    context = " ".join(s.text for s in thornleigh.document.sections if s.kind == "context")
    assert "critical of leaders on several counts" in context
    assert "Marsh" in " ".join(s.text for s in thornleigh.document.sections if s.kind == "response")


def test_a_sentence_reporting_several_claims_gives_a_finding_each():
    text = ("But inspectors found that waits for therapy remain too long, that joint commissioning is weak, "
            "and that too many pupils are excluded.")
    assert [text[s:e] for s, e in news.claims(text, 0, len(text))] == [
        "But inspectors found that waits for therapy remain too long", "that joint commissioning is weak",
        "that too many pupils are excluded."]
    text = "The report criticised poor joint working, and said leaders lacked an accurate picture of quality."
    assert len(news.claims(text, 0, len(text))) == 2
    text = "The plan, which was late, said that waits were long."
    assert news.claims(text, 0, len(text)) == [(0, len(text))]


def test_she_after_the_reports_words_is_the_councillor_not_the_report():
    reading = news.Reading()
    assert news.paragraph_classes("Cllr Ann Lee, who leads on education, said the findings were hard.", reading) \
        == ["response"]
    assert news.paragraph_classes('"Parents told us that nobody calls them back," the report added.', reading) \
        == ["finding"]
    assert news.paragraph_classes('She added: "We hear that, and we are changing how we answer calls."', reading) \
        == ["response"]


@pytest.mark.parametrize("sentence, cls", [
    ("Parents who contacted the Gazette said they had waited years for help.", "context"),
    ("Inspectors spent a week in the borough and met more than 100 families.", "context"),
    ("The inspection in May came a year after neighbouring Fenmouth was praised for its short breaks.", "context"),
])
def test_what_is_not_the_inspections_finding(sentence, cls):
    assert news.paragraph_classes(sentence, news.Reading(mode=news.FINDING)) == [cls]


def test_a_reporters_list_of_problems_with_dashes_gives_an_item_each_and_a_strength_among_them(tmp_path, cli):
    page = written(tmp_path / "story.txt",
                   "Lowmoor Times\nHome  News  Sport  Opinion\n\nLowmoor SEND failings listed\n\nBy Ann Vale\n\n"
                   "Inspectors visited in May and set out the following problems:\n\n"
                   "- annual reviews are held late\n- families cannot reach caseworkers by phone\n"
                   "- the parent carer forum is a strong and trusted voice\n- plans are vague\n\n"
                   "Lowmoor Council said it would act on every point.\n")
    found = classified_findings(cli, page)
    assert [text for kind, polarity, _, text in found if (kind, polarity) == ("listed", "weakness")] == [
        "annual reviews are held late", "families cannot reach caseworkers by phone", "plans are vague"]
    assert [text for kind, polarity, _, text in found if (kind, polarity) == ("listed", "strength")] == [
        "the parent carer forum is a strong and trusted voice"]
    assert not any("Sport" in text for *_, text in found)


def test_a_menu_copied_as_one_row_between_bars_is_furniture():
    from sendscan.clean import is_furniture

    assert is_furniture("News | Sport | What's On | Jobs | Announcements")
    assert not is_furniture("Lowmoor told to improve SEND support | Lowmoor Echo")
    assert not is_furniture("By Ann Vale | 3 May 2022")
    assert is_furniture("Home News Sport Business Opinion") and not is_furniture("Home care services cut")


# --- the news figure (benchmarks/news_figure.py) ----------------------------------


def figure_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("news_figure", ROOT / "benchmarks" / "news_figure.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("split, least", [
    ("tune", 0.9),
    # Held out: measured, never tuned on; the floor is what was measured (README), not a target.
    ("held-out", 0.8),
    # Written by a helper who had not read the code; measured blind once (79%), then fixed on.
    ("blind", 0.9),
    # A second blind batch: measured once (64%), then fixed on in part (97% now).
    ("blind-2", 0.9),
    # A third, of ordinary local stories and council pages: measured once (78%), then fixed on in part.
    ("blind-3", 0.8),
    # A fourth, of the same kind: measured once (77%), then fixed on in part.
    ("blind-4", 0.85),
    # A fifth, of six: measured once (72%), then fixed on in part (92% now).
    ("blind-5", 0.85),
    # A sixth: measured once (84%), then fixed on.
    ("blind-6", 0.9),
    # A seventh: measured once (89%), then fixed on.
    ("blind-7", 0.9),
    # An eighth: measured once (93%), then fixed on.
    ("blind-8", 0.9),
    # A ninth: measured once (96%), then fixed on.
    ("blind-9", 0.9),
    # A tenth, of unusual shapes: measured once (78%), then fixed on in part (91%).
    ("blind-10", 0.85),
    # An eleventh, of ordinary shapes: measured once (96%).
    ("blind-11", 0.9),
    pytest.param("real", 0.9, marks=needs_news),
])
def test_the_inspectors_categories_come_out_with_the_right_polarity(split, least):
    figure = figure_module()
    scores = figure.run(split)
    right, total = figure.figure(scores)
    assert total and right / total >= least, [(s.name, s.wrong_polarity, s.missed) for s in scores]
    if split != "held-out":
        assert not [(s.name, s.wrong_facts) for s in scores if s.wrong_facts]


def test_area_of_a_council_page_that_names_only_its_nhs_partner():
    # Met on a council page whose heading says "Our SEND inspection" and whose
    # own name was in the page furniture: the partner CCG still names the place.
    assert news.health_area(["NHS Brindle Vale Clinical Commissioning Group"]) == "Brindle Vale"
    assert news.health_area(["NHS Ottery Integrated Care Board", "NHS England"]) == "Ottery"
    assert news.health_area(["NHS England"]) is None


def test_a_news_sentence_turning_from_the_one_before_carries_none_of_its_categories(tmp_path, cli):
    # Met on a real story: "But inspectors also set out several areas ..." took
    # the careers advice of the sentence before as its topic. In a report's
    # narrative such a sentence goes on with the last one; in news it turns.
    page = written(tmp_path / "story.txt",
                   "SEND services in Ottery criticised by inspectors\n\nBy Jo Reporter\n12 March 2019\n\n"
                   "Inspectors praised the careers advice that older pupils with SEND receive.\n\n"
                   "But inspectors also set out several areas for development, and demanded a written "
                   "statement of action.\n")
    result = cli("classify", str(page), "-f", "json", "--no-cache")
    assert result.exit_code == 0, result.output
    found = {f["text"][:3]: f for s in json.loads(result.output)["sections"] for f in s["findings"]}
    assert "adulthood" in {c["id"] for c in found["Ins"]["categories"]}
    assert found["But"]["categories"] == []


def classified_findings(cli, path) -> list[tuple[str, str, set[str], str]]:
    result = cli("classify", str(path), "-f", "json", "--no-cache")
    assert result.exit_code == 0, result.output
    return [(s["kind"], f["polarity"], {c["id"] for c in f["categories"]}, f["text"])
            for s in json.loads(result.output)["sections"] for f in s["findings"]]


def test_an_embedded_tweet_is_not_the_articles_text(tmp_path, cli):
    # Met on a paper's page: a parent group's embedded tweet ("Finally
    # inspectors have heard us...") came out as the inspection's findings.
    page = written(
        tmp_path / "story.html",
        "<html><head><title>Ottery SEND services criticised | Ottery Post</title></head><body><article>"
        "<h1>Ottery SEND services criticised</h1><p>By Jo Reporter, 3 May 2022</p>"
        "<p>Inspectors found that children in Ottery wait too long for speech and language therapy.</p>"
        '<blockquote class="twitter-tweet"><p>At last someone listened to us about short breaks. '
        "Our children deserve better.</p>&mdash; Ottery Parents (@OtteryParents) May 3, 2022</blockquote>"
        "<p>The council said it accepted the findings and would publish a plan.</p></article></body></html>")
    found = classified_findings(cli, page)
    assert any("speech and language" in text for *_, text in found)
    assert not any("short breaks" in text or "deserve" in text for *_, text in found)


def test_a_passive_with_an_adverb_between_is_still_the_inspections(tmp_path, cli):
    # Met on a story: "The work of the designated clinical officer was also
    # singled out for ..." was filed as the officer's response.
    page = written(tmp_path / "story.txt",
                   "Ottery SEND services told to improve\n\nBy Jo Reporter\n12 March 2019\n\n"
                   "Inspectors found that children in Ottery wait too long for therapy.\n\n"
                   "The work of the school nursing team lead was also singled out for improving advice "
                   "in EHC plans.\n")
    found = classified_findings(cli, page)
    assert any(text.startswith("The work of the school nursing") for *_, text in found)


def test_a_list_under_a_neutral_introduction_takes_each_items_side(tmp_path, cli):
    # Met on a story about a positive 2023 report: the strengths listed after
    # "Among the things inspectors highlighted:" all came out as weaknesses.
    # Such a list is mostly of weaknesses ("plans are written without asking
    # families" is one), so an item is a strength only where it clearly praises.
    page = written(
        tmp_path / "story.txt",
        "Ottery SEND services praised\n\nBy Jo Reporter\n12 March 2024\n\n"
        "Among the things inspectors highlighted:\n\n"
        "- Children's needs are identified early by health visitors and nursery staff\n"
        "- The parent carer forum helps to shape every new service, and families feel listened to\n\n"
        "The report found:\n\n"
        "- EHC plans are written without asking children what matters to them\n"
        "- too many pupils with SEND are excluded from school\n")
    sides = {text[:12]: (kind, polarity) for kind, polarity, _, text in classified_findings(cli, page)}
    assert sides["Children's n"] == ("listed", "strength")
    assert sides["The parent c"] == ("listed", "strength")
    assert sides["EHC plans ar"] == ("listed", "weakness")
    assert sides["too many pup"] == ("listed", "weakness")


def test_a_council_page_known_by_its_title_and_first_person_heading(tmp_path, cli):
    # Met on a council page in HTML: its header, breadcrumb and cookie banner
    # are dropped with the furniture, a byline-like "Published:" and a quoted
    # councillor looked like news. Its <title> names the council as the site.
    page = written(
        tmp_path / "page.html",
        "<html><head><title>Area SEND inspection | Ottery and Vale District Council</title></head><body><main>"
        "<h1>Area SEND inspection</h1><p>Published: 16 January 2025</p>"
        "<p>Ofsted and the CQC have published the report of their inspection of the Ottery local area "
        "partnership. Inspectors found that children wait too long for therapy.</p>"
        "<h2>Our response</h2><p>Councillor Jo Vale said: \"We accept the findings and will act on them.\"</p>"
        "</main></body></html>")
    result = cli("extract", str(page), "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["doc_type"] == "council_page"


def test_a_headline_about_an_nhs_response_is_not_the_report_itself(tmp_path, cli):
    # Met on an ICB's press release in HTML: "ICB responds to area SEND
    # inspection of ..." was read as a 2023 report, and its whole first
    # paragraph taken for the area's name. Its <title> names the NHS body as the site.
    page = written(
        tmp_path / "release.html",
        "<html><head><title>ICB responds to area SEND inspection of Ottery :: NHS Ottery Integrated Care Board"
        "</title></head><body><main><h1>ICB responds to area SEND inspection of Ottery</h1>"
        "<p>NHS Ottery Integrated Care Board has welcomed the report on SEND services in Ottery.</p>"
        "<h2>What inspectors said</h2><p>Inspectors found that children wait too long for autism assessments.</p>"
        "<h2>Our response</h2><p>Jo Vale, chief nurse, said: \"We accept the report.\"</p></main></body></html>")
    doc = extracted(cli, page)
    assert doc["doc_type"] == "council_page"
    assert any("wait too long" in text for text in findings(doc))


def test_a_rule_explained_is_not_a_written_statement_demanded():
    # Met in a council press release's notes to editors: "Where inspectors find
    # significant weaknesses, the local area is required to produce a written
    # statement of action. <Area> has not been asked to produce one."
    text = ("Where inspectors find significant weaknesses, the local area is required to produce a written "
            "statement of action. Ottery has not been asked to produce one.")
    assert news.wsoa(text) is False
    assert news.wsoa("Ottery has been told to produce a written statement of action.") is True


def test_a_headline_naming_two_areas_is_about_the_first():
    # Met on a national paper's story on two letters published the same day:
    # the second, praised area was named more often further down.
    story = "\n\n".join(["Families in Wokingham wait too long for help with SEND, inspectors said.",
                         "Both letters were published on Monday after visits in March.",
                         "The two boroughs are about forty miles apart.",
                         "Inspectors spent a week in each of them."]
                        + ["In Camden, inspectors praised how SEND services work together."] * 4)
    assert news.area_of("Wokingham ordered to fix failings as Camden is praised", story) == "Wokingham"


def test_revisit_progress_in_the_passive():
    # Met on a parents' blog: "sufficient progress has been made in just two of the eight areas".
    progress = news.revisit_progress("Inspectors judged that sufficient progress has been made in just two of "
                                     "the eight areas.")
    assert (progress["sufficient"], progress["total"]) == (2, 8)


def test_they_after_the_inspectors_are_the_inspectors_in_a_council_letter(tmp_path, cli):
    # Met on a council's open letter: "The inspectors told us ... They
    # recognised that our parent carer forum ..." was filed as the council's
    # own words, and a list under "Over the coming year we will be:" as findings.
    page = written(
        tmp_path / "letter.txt",
        "Ottery Council\n\nAn open letter to families\n\nDear parents and carers,\n\n"
        "We wanted you to hear what the inspectors said from us first.\n\n"
        "The inspectors told us that a lot is working well. They recognised that our parent carer forum is a "
        "genuine partner. And they found that young people are well prepared for adult life.\n\n"
        "Over the coming year we will be:\n\n- relaunching the local offer with families\n"
        "- checking a sample of plans every month\n\nYours sincerely,\n\nJo Vale\n")
    found = [text for *_, text in classified_findings(cli, page)]
    assert any(text.startswith("They recognised") for text in found)
    assert any(text.startswith("And they found") for text in found)
    assert not any("relaunching" in text or "checking a sample" in text for text in found)


def test_a_councillor_reading_the_report_out_reads_its_findings(tmp_path, cli):
    # Met on a live blog of a cabinet meeting: "She read: '...'" was the councillor's response.
    page = written(
        tmp_path / "live.txt",
        "Ottery councillors debate SEND report - live\n\nBy Jo Reporter\n12 March 2024\n\n"
        "Cllr Jo Vale, executive member for education, has opened the item by reading passages of the report "
        "into the record. \"I want everyone in this room to hear it in the inspectors' own words, not ours,\" "
        "she said.\n"
        "She read: \"Children and young people with SEND in Ottery wait far too long for speech and language "
        "therapy. Many families say they have lost trust in the partnership.\"\n"
        "And then: \"Too many pupils with SEND are excluded from school.\"\n\n"
        "Cllr Vale then read out a statement of her own: \"We will put this right.\"\n")
    found = classified_findings(cli, page)
    assert any("speech and language" in text and polarity == "weakness" for _, polarity, _, text in found)
    # the quotation goes on in her reading, and so does the next one she opens with no verb
    assert any(text.startswith("Many families") for *_, text in found)
    assert any("excluded" in text for *_, text in found)
    assert not any("put this right" in text for *_, text in found)


def test_a_quotation_goes_on_with_whoever_opened_it():
    # Met on a live blog: after a councillor's own words, "She read: '...' "
    # ran over two sentences and a second "And then: '...'" followed; all but
    # the first sentence went to the councillor who spoke first.
    text = ('Cllr Jo Vale said: "We accept the report in full." She read: "Children in Ottery wait far too long '
            'for therapy. Many families say they have lost trust in the partnership." And then: "Too many pupils '
            'with SEND are excluded from school."')
    reading = news.Reading(council_page=False, mode=news.FINDING)
    assert news.paragraph_classes(text, reading) == [news.RESPONSE, news.FINDING, news.FINDING, news.FINDING]


def test_a_byline_with_a_role_and_a_time_is_context(tmp_path, cli):
    # Met on a national paper's page: "Jo Lee / Education correspondent / Mon
    # 13 May 2019 18.42 BST" read as a finding, and its date was missed.
    page = written(tmp_path / "story.txt",
                   "Ottery told to fix SEND failings\n\nJo Lee\nEducation correspondent\nMon 13 May 2019 18.42 BST\n\n"
                   "Inspectors found that children in Ottery wait too long for speech and language therapy.\n")
    doc = extracted(cli, page)
    assert not any("correspondent" in text for text in findings(doc))
    assert doc["metadata"]["published"] == "2019-05-13"


def test_a_short_line_over_a_paragraph_a_line_is_its_heading(tmp_path, cli):
    # Met on a council page copied as text: "Leadership and governance" stood
    # just over its paragraph, with no blank line, and was read into it.
    page = written(tmp_path / "page.txt",
                   "Ottery Council\n\nSEND monitoring inspection: what inspectors found\n\n"
                   "Leadership and governance\n"
                   "Priority action 1 asked leaders across the partnership to agree a shared SEND strategy; "
                   "inspectors found that leaders have done so and that it is understood by schools and health "
                   "services alike.\n")
    doc = extracted(cli, page)
    assert any(text.startswith("Priority action 1") for text in findings(doc))
    assert not any(text.startswith("Leadership and governance") for text in findings(doc))


def test_a_list_the_letter_lists_is_the_inspections_after_an_officials_sentence(tmp_path, cli):
    # Met on a local story: "The letter lists five areas of significant
    # weakness:" came after a sentence filed as a response, and its items went
    # to context ("lists" was no verb of reporting).
    page = written(tmp_path / "story.txt",
                   "Ottery told to fix SEND failings\n\nBy Jo Reporter\n12 March 2019\n\n"
                   "Council leader Jo Vale said the council accepted the findings.\n\n"
                   "The letter lists two areas of significant weakness:\n\n"
                   "  • Children wait far too long to be assessed for autism\n"
                   "  • Plans are too often finished late\n")
    found = classified_findings(cli, page)
    assert [(kind, polarity) for kind, polarity, _, text in found if text.startswith(("Children", "Plans"))] == [
        ("significant_weakness", "weakness"), ("significant_weakness", "weakness")]


def test_a_2023_story_is_no_revisit_for_the_progress_it_recalls(tmp_path, cli):
    # Met on a story about a 2023 report: its background "the 2019 revisit found
    # sufficient progress in five of the eight areas" was taken for its verdict.
    page = written(tmp_path / "story.txt",
                   "Ottery SEND services failing, says Ofsted\n\nBy Jo Reporter\n12 March 2024\n\n"
                   "Inspectors found widespread and/or systemic failings in Ottery.\n\n"
                   "A 2019 revisit had found the area made sufficient progress in five of the eight areas.\n")
    meta = extracted(cli, page)["metadata"]
    assert meta["outcome"] == "systemic" and meta["revisit"] is None


def test_a_sentence_conceding_one_claim_and_asserting_another_gives_both():
    # Met on a democracy reporter's story: "While the report praised A, it
    # found that B" gave one side (B's) to both.
    text = ("While the report praised the skill of the special needs co-ordinators, it found that too many "
            "children were excluded.")
    assert [text[s:e] for s, e in news.claims(text, 0, len(text))] == [
        "the report praised the skill of the special needs co-ordinators",
        "it found that too many children were excluded."]
    said = "Children wait too long, they said."  # no concession: one claim
    assert news.claims(said, 0, len(said)) == [(0, len(said))]


def test_a_council_page_titled_like_the_report_is_the_councils_page(tmp_path, cli):
    # Met on a council's HTML page whose heading is the report's own title
    # ("Area SEND inspection of Luton"): it was read as the 2023 report itself.
    page = written(
        tmp_path / "page.html",
        "<html><head><title>Area SEND inspection of Ottery – Ottery Council</title></head><body><main>"
        "<h1>Area SEND inspection of Ottery</h1><p>Find out what inspectors said and what we are doing about it.</p>"
        "<h2>What inspectors found</h2><p>Inspectors found that children wait too long for autism assessments, "
        "and that the partnership's arrangements lead to widespread and/or systemic failings.</p>"
        "</main></body></html>")
    doc = extracted(cli, page)
    assert doc["doc_type"] == "council_page"
    assert doc["metadata"]["outcome"] == "systemic"


def test_a_council_site_copied_as_text_by_its_name_and_breadcrumb(tmp_path, cli):
    # Met on a council news release copied as text: a byline-like "Published:",
    # a quoted councillor and "the council" outweighed the council's name at
    # the top and its "You are here:" breadcrumb.
    page = written(tmp_path / "page.txt",
                   "City of Ottery Council\nSearch this site\nYou are here: Home > News\n\n"
                   "Partnership responds to SEND inspection\n\nPublished: 12 November 2021\n\n"
                   "The report found that young people are well supported to move on to college. "
                   "The council said it would act on the rest.\n\n"
                   "Cllr Jo Vale said: \"We accept the findings and the council will act on them.\"\n")
    assert extracted(cli, page)["doc_type"] == "council_page"
    # the demand with a long object between its verbs
    assert news.wsoa("Inspectors have ordered Ottery Council and the local clinical commissioning group to write "
                     "a statement setting out how they will put things right.") is True


@pytest.mark.parametrize("line", [
    "Jack Worrall Local democracy reporter Tuesday 4 February 2025 · 6 min read",
    "Laura Kemp @LauraKempHerald Published: 4 March 2019 at 12:01",
    "Jo Vale Health and social affairs reporter 12 November 2024 | 5:00pm",
    "Jo Vale Senior reporter Thursday, September 22, 2022",
    "Jo Vale, Education Editor Thu 13 Jan 2022 18.20 GMT",
    "PUBLISHED: 17:25 09 June 2020 | UPDATED: 08:10 10 June 2020",
    "For immediate release: 14 January 2025",
])
def test_bylines_with_a_role_a_handle_or_a_reading_time(line):
    # Met in blind-written local stories: these bylines were findings.
    assert news.BYLINE.match(line)
    assert not news.BYLINE.match("Inspectors visited on 4 March 2019 and found problems")


def test_it_after_the_letter_and_a_counted_list_are_the_inspections(tmp_path, cli):
    # Met on a paper's story: "The letter is blunt. It says there is no agreed
    # plan ..." and the list under "The five areas the city must tackle are:"
    # went to context, after a paragraph about the visit.
    page = written(tmp_path / "story.txt",
                   "Ottery told to fix SEND failings\n\nBy Jo Reporter\n12 March 2019\n\n"
                   "Inspectors visited the city in October.\n\n"
                   "The letter is blunt. It says there is no agreed plan that services are working to.\n\n"
                   "The two areas the city must tackle are:\n\n"
                   "- plans that are out of date\n- the high number of pupils excluded from school\n")
    found = [text for *_, text in classified_findings(cli, page)]
    assert any(text.startswith("It says there is no agreed plan") for text in found)
    assert "plans that are out of date" in found and "the high number of pupils excluded from school" in found


def test_an_nhs_page_titled_as_the_inspection_with_our_response_is_its_own_page(tmp_path, cli):
    # Met on a CCG's page (blind-6): its title line "Joint local area SEND
    # inspection in ...: our response" made it the letter; its apology, its
    # "Related news" links and its copyright line were findings.
    page = written(
        tmp_path / "ccg.txt",
        "NHS Ottery Clinical Commissioning Group\n\nHome | About us | News | Contact us\n\n"
        "You are here: Home > News > Joint local area SEND inspection in Ottery: our response\n\n"
        "Joint local area SEND inspection in Ottery: our response\n\nPosted on: 3 May 2022\n\n"
        "Ofsted and the CQC carried out a joint inspection of the local area of Ottery in March 2022.\n\n"
        "What the inspectors found\n\n"
        "Inspectors have asked the local area to produce a written statement of action. They found that:\n\n"
        "- children wait too long for a speech and language therapy assessment\n"
        "- many parents do not feel listened to\n\n"
        "We are sorry that some families have had this experience. "
        "We know that waiting for therapy can be a worrying time.\n\n"
        "What happens next\n\nWe will write our statement of action with the parent carer forum. "
        "We have already funded more therapists.\n\n"
        "Read the inspection letter\nThe full letter is available on the Ofsted website. "
        "An easy-read version is available on request.\n\n"
        "Related news\n- Flu clinics open this week\n- Have your say on community physiotherapy\n\n"
        "(c) NHS Ottery Clinical Commissioning Group 2022\n")
    doc = extracted(cli, page)
    assert doc["doc_type"] == "council_page" and doc["metadata"]["wsoa_required"] is True
    found = findings(doc)
    assert "many parents do not feel listened to" in found
    for furniture in ("sorry", "We know", "Ofsted website", "easy-read", "Flu clinics", "physiotherapy", "(c)"):
        assert not any(furniture in text for text in found), furniture
    assert "We are sorry" in said(doc, "response")


def test_a_list_in_one_sentence_is_a_finding_an_item(tmp_path, cli):
    # Met on a short news item on a revisit (blind-6): "Their revisit letter
    # ... says" was not the inspection's, and "These were A, B, C and D" came
    # out with two of its four topics (one sentence of four topics dilutes each).
    page = written(
        tmp_path / "story.txt",
        "Ottery fails to fix SEND weaknesses\n\nBy Jo Reporter\n4 August 2022\n\n"
        "Their revisit letter, published on Wednesday, says the area has not made sufficient progress "
        "in any of the four significant weaknesses. These were the lack of a joint strategy for SEND, "
        "the poor quality of education, health and care (EHC) plans, parents' lack of trust in the "
        "local area, and the time children wait for occupational therapy.\n")
    found = {text: (polarity, categories) for _, polarity, categories, text in classified_findings(cli, page)}
    assert any(text.startswith("Their revisit letter") for text in found)
    items = {"These were the lack of a joint strategy for SEND": "leadership",
             "the poor quality of education, health and care (EHC) plans": "ehcp_quality",
             "parents' lack of trust in the local area": "coproduction",
             "the time children wait for occupational therapy.": "health_waits"}
    for item, category in items.items():
        assert item in found and category in found[item][1], (item, found.get(item))
        assert found[item][0] == "weakness"
    # a sentence that merely names a count of things is not split
    assert news.claims("The four areas were reviewed in June.", 0, 39) == [(0, 39)]


def test_a_claim_after_an_inserted_attribution_is_a_claim_of_its_own():
    # Met on a revisit story (blind-6): "A, the letter said, and B" tagged A's
    # praise and B's timeliness as one finding.
    text = "Parents are now involved in planning services, the letter said, and more plans are finished on time."
    assert [text[s:e] for s, e in news.claims(text, 0, len(text))] == [
        "Parents are now involved in planning services, the letter said", "more plans are finished on time."]


def test_the_papers_name_and_its_section_name_are_not_the_headline(tmp_path, cli):
    # Met on a local paper's page copied as text (blind-6): the masthead was
    # taken for the headline, and the section name "News" ran into the real
    # one, a 19-word headline that became a finding.
    page = written(
        tmp_path / "story.txt",
        "Ottery & Vale Valley Times\nHome | News | Sport | Opinion | Jobs\n\nNews\n"
        "Inspectors praise Ottery's support for children with special needs - but say the waits for "
        "therapy are still far too long\n\nBy Jo Reporter\nThursday, 16th May 2019, 4:55 pm\n\n"
        "Inspectors found that pupils receiving SEN support are excluded more often than other pupils.\n")
    doc = extracted(cli, page)
    assert doc["metadata"]["headline"].startswith("Inspectors praise Ottery's support")
    assert [text.startswith(("News", "Inspectors praise")) for text in findings(doc)] == [False]
    (_, polarity, categories, _), = classified_findings(cli, page)
    assert polarity == "weakness" and "exclusions" in categories


def test_a_sites_tagline_under_its_name_is_not_a_finding(tmp_path, cli):
    # Met in blind-written texts: a blog's "A parent-led blog about SEND in
    # ..." and a paper's "Shropshire, Herefordshire & Mid Wales" under its
    # name were findings.
    page = written(
        tmp_path / "blog.txt",
        "Ottery Parents Together\nA parent-led blog about SEND in Ottery, Vale and everywhere in between\n\n"
        "Home    About us    Contact\n\n"
        "What the revisit letter says about Ottery\n\nPosted on 3 May 2022 by Sam\n\n"
        "The inspectors found that families still wait too long for an autism assessment.\n")
    assert findings(extracted(cli, page)) == [
        "The inspectors found that families still wait too long for an autism assessment."]


def test_a_council_pages_first_person_labels_head_the_inspections_lists(tmp_path, cli):
    # Met on a council page (blind-5): "What we need to improve" over "The
    # report asks us to:" put the letter's improvements in the council's
    # response, its "Background" paragraph was a finding, and so was "You can
    # read the full report on the Ofsted website."
    page = written(
        tmp_path / "page.txt",
        "Ottery City Council\nAccessibility | Contact us | Sign in to My Account\n\nSearch this site [      ] Go\n\n"
        "Our area SEND inspection\n\n"
        "Ofsted and the CQC inspected our local area partnership in March 2024.\n\n"
        "What inspectors said we do well\n\nInspectors told us that:\n\n"
        "- families are involved in planning services from the start\n\n"
        "What we need to improve\n\nThe report asks us to:\n\n"
        "- reduce the time children wait for an autism assessment\n"
        "- make the move to adult health services smoother\n\n"
        "Background\n\nAround 3,000 children in Ottery have an education, health and care plan.\n\n"
        "What we are doing next\n\nWe will publish our improvement plan in June. "
        "You can read the full report on the Ofsted website.\n\n"
        "Help us improve this page - do not include personal information.\n")
    doc = extracted(cli, page)
    assert doc["doc_type"] == "council_page"
    assert findings(doc, "weakness") == ["reduce the time children wait for an autism assessment",
                                         "make the move to adult health services smoother"]
    assert findings(doc, "strength") == ["families are involved in planning services from the start"]
    assert not any(text.startswith(("Around 3,000", "You can read", "Help us", "Accessibility", "Search"))
                   for text in findings(doc))
    assert "Around 3,000 children" in said(doc, "context")


def test_a_named_parent_is_the_reporters_source_not_the_reports():
    # Met on a local story (blind-5): "Sam Reddy, whose daughter ..., said the
    # family had waited seven months" after the inspectors' findings was one of them.
    reading = news.Reading(council_page=False, mode=news.FINDING)
    text = ("Inspectors found that young people wait far too long for mental health support. "
            "Jo Vale, whose son has autism, said the family had waited seven months for an appointment. "
            "Parents told inspectors that they had to chase for updates.")
    assert news.paragraph_classes(text, reading) == [news.FINDING, news.CONTEXT, news.FINDING]


def test_priority_actions_read_out_in_prose_are_the_inspections_priority_actions(tmp_path, cli):
    # Met on a live blog of a cabinet meeting (blind-2): after "She went on to
    # read the two areas for priority action." the actions, in the reporter's
    # words, were context ("requires the council ... to improve ... they will
    # get" read as the council acting), then praise.
    page = written(
        tmp_path / "live.txt",
        "Ottery councillors debate SEND report - live\n\nBy Jo Reporter\n3 May 2024\n\n"
        "17:41 Cabinet member reads out the findings\n\n"
        "Cllr Vale read the report's summary to the chamber. She went on to read the two areas for priority "
        "action. The first requires the council and the ICB to urgently improve the quality of EHC plans, so "
        "that plans describe the help children will get. The second requires leaders to make sure there are "
        "enough specialist school places in the county.\n")
    found = {text: (kind, polarity) for kind, polarity, _, text in classified_findings(cli, page)}
    actions = [text for text, (kind, _) in found.items() if kind == "priority_action"]
    assert [text[:16] for text in actions] == ["The first requir", "The second requi"]
    assert all(found[text][1] == "weakness" for text in actions)
    assert not any(text.startswith("She went on") for text in found)


def test_a_most_read_box_inside_the_story_does_not_end_it(tmp_path, cli):
    # Met on a paper's story copied as text (blind-7): a "Most read" box stood
    # between the weaknesses and the strengths, and ended the article there;
    # the weaknesses, under "must now set out how they will tackle three areas
    # of significant weakness:", were the council's response.
    page = written(
        tmp_path / "story.txt",
        "Ottery Evening Gazette\n\nCoronavirus: stay up to date with our live blog\n\n"
        "Inspectors order action plan for county's special needs services\n\n"
        "PUBLISHED: 17:25 09 June 2020 | UPDATED: 08:10 10 June 2020\n\n"
        "Inspectors found that parents had lost faith in the services meant to support children with SEND.\n\n"
        "Ottery County Council and the clinical commissioning group must now set out how they will tackle "
        "two areas of significant weakness:\n\n"
        "  * the timeliness of EHC plans, too few of which are issued within 20 weeks\n"
        "  * long waits for speech and language therapy\n\n"
        "Most read\n  Man charged after crash on the A47\n  Seal pup rescued from the beach\n\n"
        "The letter did highlight some strengths. The inspectors said young people are well supported into "
        "supported internships and apprenticeships as they approach adulthood.\n\n"
        "Jo Vale, of the campaign group Ottery SEND Voices, said the report was no surprise to any parent.\n")
    doc = extracted(cli, page)
    assert doc["metadata"]["headline"] == "Inspectors order action plan for county's special needs services"
    assert findings(doc, "significant_weakness") == [
        "the timeliness of EHC plans, too few of which are issued within 20 weeks",
        "long waits for speech and language therapy"]
    found = findings(doc)
    assert any(text.startswith("The inspectors said young people are well supported") for text in found)
    for not_found in ("PUBLISHED", "Coronavirus", "Man charged", "Seal pup", "Jo Vale"):
        assert not any(not_found in text for text in found), not_found


def test_an_nhs_bodys_press_release_is_its_own_page(tmp_path, cli):
    # Met on an ICB's press release copied as text (blind-7): read as news,
    # with the ICB's name as its headline.
    page = written(
        tmp_path / "release.txt",
        "NHS Ottery Integrated Care Board\n\nHome | About us | News and media | Contact us\n\n"
        "PRESS RELEASE\nFor immediate release: 14 January 2025\n\n"
        "Ottery SEND inspection report published\n\n"
        "NHS Ottery Integrated Care Board (ICB) has welcomed the publication of the area SEND inspection report "
        "for the Ottery local area partnership.\n\n"
        "Inspectors concluded that the partnership's arrangements lead to inconsistent experiences and outcomes "
        "for children and young people with SEND. Inspectors found that children wait too long for speech and "
        "language therapy.\n\n"
        "Dr Jo Vale, chief nurse at the ICB, said: \"We accept the findings and have a plan to cut waits.\"\n\n"
        "ENDS\n\nNotes to editors\n\nThe ICB plans and pays for health services in Ottery.\n")
    doc = extracted(cli, page)
    assert doc["doc_type"] == "council_page" and doc["metadata"]["outcome"] == "inconsistent"
    assert doc["metadata"]["headline"] == "Ottery SEND inspection report published"
    assert "Inspectors found that children wait too long for speech and language therapy." in findings(doc)


def test_the_outcome_is_the_reported_inspections_not_the_frameworks_or_an_earlier_ones():
    # Met in blind-8: a positive story explaining the three possible outcomes
    # came out "systemic", and so did a monitoring inspection's story that
    # recalled the full inspection before it.
    explained = ("Children in Ottery typically have positive experiences and outcomes, the report says. "
                 "Area SEND inspections have three possible outcomes: \"typically positive experiences and "
                 "outcomes\", \"inconsistent experiences and outcomes\" and \"widespread and/or systemic failings\".")
    assert news.outcome_of(explained) == "positive"
    monitoring = ("Ofsted and the CQC carried out a monitoring inspection of Ottery in June. It follows a full "
                  "inspection last year which found \"widespread and systemic failings\".")
    assert news.outcome_of(monitoring) is None


def test_a_parent_forums_post_is_read_as_someone_writing_about_the_council(tmp_path, cli):
    # Met in blind-8: a parent carer forum's post, in its own first person, was
    # read as a council page; the report it was "glad to see this recognised:"
    # was lost, and its complaint that "the report says so little about" adult
    # services was a finding.
    page = written(
        tmp_path / "post.html",
        "<html><head><title>Our response to the SEND inspection report – Ottery Families Together Parent Carer "
        "Forum</title></head><body><article><h1>Our response to the SEND inspection report</h1>"
        "<p>Dear families,</p>"
        "<p>Ofsted and the CQC have published their report on the Ottery local area partnership.</p>"
        "<p>We were really glad to see this recognised:</p>"
        "<blockquote><p>“Leaders have a strong relationship with the parent carer forum, which is involved in "
        "decisions at a strategic level.”</p></blockquote>"
        "<p>But inspectors found that children wait too long for speech and language therapy.</p>"
        "<p>We were disappointed that the report says so little about what happens when young people turn 18.</p>"
        "</article></body></html>")
    doc = extracted(cli, page)
    assert doc["doc_type"] == "news_report"
    found = findings(doc)
    assert any("strong relationship with the parent carer forum" in text for text in found)
    assert "But inspectors found that children wait too long for speech and language therapy." in found
    assert not any(text.startswith(("Dear", "We were disappointed")) for text in found)


def test_praise_then_but_inspectors_said_is_two_claims():
    # Met in blind-8: "The short breaks offer was praised ..., but inspectors
    # said young people are not well prepared for adulthood" gave the praise
    # the weakness's side.
    text = "The short breaks offer was praised as varied, but inspectors said young people are not well prepared."
    assert [text[s:e] for s, e in news.claims(text, 0, len(text))] == [
        "The short breaks offer was praised as varied", "inspectors said young people are not well prepared."]


def test_a_question_about_the_written_statement_is_not_its_answer():
    # Met on a council's FAQ page (blind-9): "Do we have to write a Written
    # Statement of Action?" was read as a demand; the answer below says no.
    assert news.wsoa("Do we have to write a Written Statement of Action? No. Inspectors did not ask us to "
                     "produce a Written Statement of Action.") is False


def test_a_charitys_newsletter_pasted_from_email_is_read_as_writing_about_the_council(tmp_path, cli):
    # Met in blind-9: a charity's newsletter in its own "we" was read as a
    # council page, and its email header and its name's tagline were findings.
    page = written(
        tmp_path / "newsletter.txt",
        "From: Ottery Families <hello@otteryfamilies.example>\nSent: 08 July 2021 19:02\n"
        "Subject: July news: what the inspectors said\n\nView this email in your browser\n\n"
        "OTTERY FAMILIES\nSupporting families of children with additional needs across Ottery\n\n"
        "Hello everyone,\n\nWe know many of you have been waiting to hear what the inspectors said. "
        "Their letter was published on 28 June: the area has made sufficient progress in two of the six "
        "significant weaknesses.\n\n"
        "* Inspectors found that most assessments are now completed within the 20-week deadline.\n\n"
        "We will keep pushing the council on the rest. Unsubscribe | Update preferences\n")
    doc = extracted(cli, page)
    assert doc["doc_type"] == "news_report"
    assert doc["metadata"]["revisit"]["sufficient"] == 2 and doc["metadata"]["revisit"]["total"] == 6
    found = findings(doc)
    assert "Inspectors found that most assessments are now completed within the 20-week deadline." in found
    for furniture in ("From:", "Sent:", "Subject", "View this email", "Supporting families", "OTTERY"):
        assert not any(furniture in text for text in found), furniture


def test_an_nhs_bodys_news_item_with_notes_to_editors_is_its_own_page(tmp_path, cli):
    # Met in blind-9: an ICB's news item in HTML, its site's title a brand
    # ("BSW Together"), a quoted officer and a "Published:" line, read as news.
    page = written(
        tmp_path / "item.html",
        "<html><head><title>Inspectors praise partnership working in Ottery - Ottery Together</title></head>"
        "<body><main><h1>Inspectors praise partnership working in Ottery</h1>"
        "<p>Published: 18 July 2024 | Category: Children and young people</p>"
        "<p>Ottery's local area partnership has received the highest of the three possible outcomes: children "
        "typically have positive experiences and outcomes.</p>"
        "<h2>Where we need to improve</h2><p>Inspectors found that waits for autism assessments are too long.</p>"
        "<p>“We are delighted,” said Dr Jo Vale, Chief Nursing Officer at the ICB.</p>"
        "<h3>Notes to editors</h3><p>NHS Ottery Integrated Care Board plans and pays for health services.</p>"
        "</main></body></html>")
    doc = extracted(cli, page)
    assert doc["doc_type"] == "council_page" and doc["metadata"]["outcome"] == "positive"


def test_a_list_introduced_by_these_are_after_the_letters_label_is_the_letters(tmp_path, cli):
    # Met on a college's news post (blind-10): "... six areas of significant
    # weakness. In summary these are:" over a numbered list put half the
    # weaknesses in context.
    page = written(
        tmp_path / "post.txt",
        "Our response to the Ottery local area SEND inspection\n\nPosted 19 May 2020 by the Principal's Office\n\n"
        "The report is a serious one for the county. The council and the CCG must produce a written statement of "
        "action setting out how they will tackle three areas of significant weakness. In summary these are:\n\n"
        "1. the leadership of SEND, which lacked a clear, shared strategy;\n\n"
        "2. the timeliness and quality of EHC plans;\n\n"
        "3. the long waits faced by families for an autism assessment.\n")
    assert len(findings(extracted(cli, page), "significant_weakness")) == 3


def test_a_story_headlined_on_something_else_keeps_its_headline_and_area(tmp_path, cli):
    # Met on a story headlined on a councillor's resignation (blind-10): the
    # site's "LIVE: Traffic and travel across south Essex" banner was taken for
    # the headline, and the area for Essex ("Southend" was not known).
    page = written(
        tmp_path / "story.txt",
        "Estuary Echo Online\nLIVE: Traffic and travel across south Essex\n\n"
        "Southend children's services boss quits cabinet role\n\nBy Jo Reporter\nFriday 28 February 2025, 4:52pm\n\n"
        "A senior Southend councillor has stepped down from the cabinet.\n\n"
        "Her resignation came two days after Ofsted and the CQC published their report on SEND services in "
        "Southend-on-Sea, which works with NHS Mid and South Essex Integrated Care Board. Inspectors found "
        "widespread and/or systemic failings.\n")
    meta = extracted(cli, page)["metadata"]
    assert meta["headline"] == "Southend children's services boss quits cabinet role"
    assert meta["local_area"] == "Southend-on-Sea" and meta["outcome"] == "systemic"


def test_progress_in_areas_including_a_list_is_an_item_a_finding():
    # Met on a radio site's revisit story (blind-10).
    text = ("They said the area had made sufficient progress in areas including how quickly plans are written, "
            "how well parents are involved in designing services, and the information on the local offer website.")
    assert [text[s:e] for s, e in news.claims(text, 0, len(text))][1:] == [
        "how well parents are involved in designing services", "the information on the local offer website."]


def test_a_sentence_naming_a_priority_action_with_its_demand_is_one(tmp_path, cli):
    # Met on a paper's HTML story (blind-6): "In its 'areas for priority
    # action', the report says the council must make sure plans are completed
    # on time" read as praise ("on time").
    page = written(
        tmp_path / "story.txt",
        "Ottery SEND services have systemic failings, inspectors say\n\nBy Jo Reporter\n3 May 2024\n\n"
        "In its \"areas for priority action\", the report says the council must make sure EHC plans are "
        "completed on time.\n")
    (kind, polarity, _, _), = classified_findings(cli, page)
    assert (kind, polarity) == ("priority_action", "weakness")


def test_inspection_days_without_a_year_take_the_publications():
    # Met on a paper's story (blind-7): "a joint inspection ... between 2 and
    # 6 March" had no year, so the row took the publication date instead.
    said = "Ofsted and the CQC carried out a joint inspection of the local area between 2 and 6 March."
    assert news.inspection_dates(said, "2020-06-09") == ("2020-03-02", "2020-03-06")
    later = "Inspectors visited and carried out the inspection between 4 and 8 November."
    assert news.inspection_dates(later, "2020-02-10") == ("2019-11-04", "2019-11-08")
