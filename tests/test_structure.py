"""structure: blocks, sections and findings, on small laid-out documents of the
shapes met in real reports (each regression named for what it pins)."""

from __future__ import annotations

import pytest

from layout import document_of, report_rows
from sendscan.structure import join_lines, sentences

EFFECTIVE = "What is the area partnership doing that is effective?"
BETTER = "What does the area partnership need to do better?"


def kinds(doc, kind):
    return [f.text for s in doc.sections if s.kind == kind for f in s.findings]


@pytest.mark.parametrize("lines, joined", [
    (["plans are well-", "considered"], "plans are well-considered"),
    (["services work as co-", "producers"], "services work as co-producers"),
    (["on a day-to-", "day basis"], "on a day-to-day basis"),
    (["children wait", "too long"], "children wait too long"),
    (["the offer -", "such as it is"], "the offer - such as it is"),
])
def test_join_lines_keeps_real_hyphens_and_joins_plain_wraps(lines, joined):
    assert join_lines(lines) == joined


def test_sentences_split_after_full_stops_but_not_abbreviations():
    text = "Leaders act, e.g. on waits. Dr. Patel leads. Parents said “it is better.” Waits fell."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Leaders act, e.g. on waits.", "Dr. Patel leads.", "Parents said “it is better.”", "Waits fell."]
    text = "Cllr J. Ward said so. Waits fell."
    assert [text[s:e] for s, e in sentences(text)] == ["Cllr J. Ward said so.", "Waits fell."]


def test_bullet_cut_by_a_page_break_and_footer_is_one_finding():
    doc = document_of(report_rows([
        (1, 600, 56, BETTER),
        (1, 630, 66, "◼ Children wait too long for speech and language therapy, and support is too often put"),
        (2, 100, 84, "in place when needs have escalated."),
        (2, 120, 66, "◼ Annual reviews are late."),
    ]))
    assert kinds(doc, "weakness") == [
        "Children wait too long for speech and language therapy, and support is too often put in place when needs have escalated.",
        "Annual reviews are late.",
    ]


def test_wrapped_number_is_not_a_numbered_item():
    # Met in a real report: "...young people aged 12 to" / "24) following assessment."
    doc = document_of(report_rows([
        (1, 600, 56, BETTER),
        (1, 630, 66, "◼ Some young people wait for counselling provided for young people aged 12 to"),
        (1, 644.5, 84, "24) following assessment. Others are seen quickly."),
        (1, 659, 66, "◼ Transitions are weak."),
    ]))
    assert len(kinds(doc, "weakness")) == 2
    assert "aged 12 to 24) following" in kinds(doc, "weakness")[0]


def test_half_point_paragraph_gap_after_a_full_stop_separates_items():
    # Met in a real report: items 15.0pt apart where lines are 14.5pt apart.
    narrative = [(1, 300 + 14.5 * n, 56, f"Line {n} of a paragraph that runs on") for n in range(10)]
    doc = document_of(report_rows(narrative + [
        (1, 500, 56, "Areas for improvement"),
        (1, 530, 62, "Leaders should use performance data and information"),
        (1, 544.5, 62, "effectively to inform commissioning."),
        (1, 559.5, 62, "The partnership should engage widely with families and"),
        (1, 574, 62, "reduce dissatisfaction."),
        (1, 589, 62, "Leaders should ensure that providers of"),
        (1, 603.5, 62, "therapy work jointly."),
    ]))
    assert len(kinds(doc, "recommendation")) == 3


def test_closing_quote_of_a_possessive_at_line_end_does_not_end_an_item():
    # Met in a real report: "...reflect the child or young persons’" / "needs through...".
    doc = document_of(report_rows([
        (1, 500, 56, "Areas for improvement"),
        (1, 530, 62, "Leaders should ensure that plans reflect the young persons’"),
        (1, 545, 62, "needs through contributions from all professionals."),
    ]))
    assert len(kinds(doc, "recommendation")) == 1


def test_recommendation_keeps_its_hanging_sub_bullets():
    doc = document_of(report_rows([
        (1, 500, 56, "Areas for improvement"),
        (1, 530, 62, "1. Leaders should improve EHC plans. This includes:"),
        (1, 548, 80, "− timely annual reviews; and"),
        (1, 562.5, 80, "− contributions from health."),
        (1, 580, 62, "2. Health leaders should reduce waiting times."),
    ]))
    items = kinds(doc, "recommendation")
    assert items == ["Leaders should improve EHC plans. This includes: − timely annual reviews; and − contributions from health.",
                     "Health leaders should reduce waiting times."]


def test_priority_action_rows_take_the_action_column_across_a_page_break():
    doc = document_of(report_rows([
        (1, 500, 56, "Areas for priority action"),
        (1, 530, 62, "Responsible body Areas for priority action"),
        (1, 550, 62, "Fenmarsh Council and"), (1, 564.5, 62, "NHS Fenmarsh ICB"),
        (1, 550, 225, "Leaders should urgently improve"), (1, 564.5, 225, "strategic planning and"),
        (2, 100, 225, "governance."),
        (2, 130, 62, "NHS Fenmarsh ICB"),
        (2, 130, 225, "Leaders must reduce waits."),
        (2, 200, 56, "Areas for improvement"),
        (2, 230, 62, "Leaders should publish data."),
    ]))
    actions = [f for s in doc.sections if s.kind == "priority_action" for f in s.findings]
    assert [a.text for a in actions] == ["Leaders should urgently improve strategic planning and governance.",
                                         "Leaders must reduce waits."]
    assert [a.responsible_body for a in actions] == ["Fenmarsh Council and NHS Fenmarsh ICB", "NHS Fenmarsh ICB"]
    assert kinds(doc, "recommendation") == ["Leaders should publish data."]


def test_table_header_repeating_a_heading_is_not_a_heading():
    # Met with pdfplumber: the column header "Areas for priority action" is its own line.
    doc = document_of(report_rows([
        (1, 500, 56, "Areas for priority action"),
        (1, 530, 62, "Responsible body"), (1, 530, 225, "Areas for priority action"),
        (1, 550, 62, "Fenmarsh Council"), (1, 550, 225, "Leaders must act."),
    ]))
    assert [s.kind for s in doc.sections].count("priority_action") == 1
    assert kinds(doc, "priority_action") == ["Leaders must act."]


def test_narrative_paragraphs_give_one_finding_per_sentence_with_offsets():
    doc = document_of(report_rows([
        (1, 400, 56, "What is it like to be a child or young person with SEND in this area?"),
        (1, 430, 56, "Children wait too long. There are no concerns about"),
        (1, 444.5, 56, "short breaks."),
    ]))
    narrative = [f for s in doc.sections if s.kind == "narrative" for f in s.findings]
    assert [f.text for f in narrative] == ["Children wait too long.", "There are no concerns about short breaks."]
    for f in narrative:
        assert doc.text[f.start:f.end] == f.text


def test_two_line_heading_of_a_2016_letter_groups_its_strengths():
    doc = document_of([
        (1, 40, 56, "Joint local area SEND inspection in Fenmarsh"),
        (1, 80, 56, "Between 7 June 2021 and 11 June 2021, Ofsted and the Care Quality Commission (CQC) conducted a"),
        (1, 94.5, 56, "joint inspection of the local area of Fenmarsh to judge the effectiveness of the area."),
        (1, 130, 56, "The effectiveness of the local area in identifying children and young people’s special"),
        (1, 144.5, 56, "educational needs and/or disabilities"),
        (1, 170, 56, "Strengths"),
        (1, 190, 66, "• Health visitors identify needs early."),
        (1, 210, 56, "Areas for development"),
        (1, 230, 66, "• Too few schools use the graduated response."),
    ])
    assert doc.doc_type == "send_letter_2016"
    strengths = next(s for s in doc.sections if s.kind == "strength")
    assert strengths.group.startswith("The effectiveness of the local area in identifying")
    assert kinds(doc, "strength") == ["Health visitors identify needs early."]
    assert kinds(doc, "weakness") == ["Too few schools use the graduated response."]
    assert doc.metadata.wsoa_required is False


def test_revisit_letter_gives_one_section_per_weakness_with_its_verdict():
    doc = document_of([
        (1, 40, 56, "Joint local area SEND revisit in Fenmarsh"),
        (1, 80, 56, "Between 3 March 2020 and 5 March 2020, Ofsted and CQC revisited the local area of Fenmarsh to"),
        (1, 94.5, 56, "decide whether sufficient progress has been made in addressing each of the areas of significant"),
        (1, 109, 56, "weakness detailed in the written statement of action (WSOA) issued on 9 May 2018."),
        (1, 140, 56, "The area has made sufficient progress in addressing one of the two significant weaknesses"),
        (1, 154.5, 56, "identified at the initial inspection."),
        (1, 190, 56, "The weak joint commissioning of therapies"),
        (1, 220, 56, "Leaders now commission speech therapy jointly. Waits have fallen."),
        (1, 250, 56, "The area has made sufficient progress in addressing this area of weakness."),
        (1, 290, 56, "The poor quality of EHC plans"),
        (1, 320, 56, "Plans remain generic and health advice is missing."),
        (1, 350, 56, "The area has not made sufficient progress in addressing this area of weakness."),
        (1, 390, 56, "Yours sincerely,"),
        (1, 420, 56, "Jane Rowe, Her Majesty’s Inspector"),
    ])
    assert doc.doc_type == "send_revisit"
    sections = [s for s in doc.sections if s.kind == "revisit_progress"]
    assert [(s.title, s.verdict, len(s.findings)) for s in sections] == [
        ("The weak joint commissioning of therapies", "sufficient", 2),
        ("The poor quality of EHC plans", "insufficient", 2)]
    meta = doc.metadata
    assert meta.local_area == "Fenmarsh" and (meta.inspection_start, meta.inspection_end) == ("2020-03-03", "2020-03-05")
    assert (meta.revisit["sufficient"], meta.revisit["total"]) == (1, 2)
    for _, f in doc.findings():
        assert doc.text[f.start:f.end] == f.text


def test_written_statement_of_action_list_is_its_own_section():
    doc = document_of([
        (1, 40, 56, "Joint local area SEND inspection in Fenmarsh"),
        (1, 80, 56, "Between 7 June 2021 and 11 June 2021, Ofsted and the Care Quality Commission (CQC) conducted a"),
        (1, 94.5, 56, "joint inspection of the local area of Fenmarsh to judge the effectiveness of the area."),
        (1, 130, 56, "Main findings"),
        (1, 150, 66, "• Leaders have been slow to act."),
        (1, 180, 56, "The inspection raises significant concerns about the effectiveness of the local area. The local"),
        (1, 194.5, 56, "area is required to produce and submit a Written Statement of Action to Ofsted that explains how"),
        (1, 209, 56, "the local area will tackle the following areas of significant weakness:"),
        (1, 230, 66, "• the lack of a joint commissioning strategy"),
        (1, 250, 66, "• the poor quality of EHC plans."),
        (1, 280, 56, "Yours sincerely,"),
    ])
    assert doc.metadata.wsoa_required is True
    assert [f.text for s in doc.sections if s.kind == "significant_weakness" for f in s.findings] == [
        "the lack of a joint commissioning strategy", "the poor quality of EHC plans."]
    assert [f.text for s in doc.sections if s.kind == "narrative" for f in s.findings] == ["Leaders have been slow to act."]


@pytest.mark.parametrize("heading", [
    ["What is it like to be a child or young person with SEND in this area?"],
    ["What is it like to be a child or young person with special", "educational needs and/or disabilities (SEND) in this area?"],
    ["What is it like to be a child or young person with special educational", "needs and/or disabilities (SEND) in this", "area?"],
    ["What is it like to be a child or young person with special educational needs", "and / or disabilities in this area?"],
    ["What is it like to be children and young people with special educational", "needs and disabilities in this area?"],
    ["What is it like to be a child or young person with SEND in", "Lowmoor?"],
    ["What is it like to be a child or young person with special educational needs and/or", "disabilities (SEND) in the Lowmoor local area?"],
])
def test_narrative_heading_in_its_wrapped_long_forms_opens_the_narrative(heading):
    # Met in real reports: the long form wraps over two lines and the whole
    # narrative was filed as context.
    rows = [(1, 200 + 16 * i, 56, text) for i, text in enumerate(heading)]
    rows += [
        (1, 280, 56, "Families told inspectors that they wait too long for help. Most feel listened to."),
        (1, 330, 56, EFFECTIVE),
        (1, 360, 66, "◼ Leaders know their area well."),
    ]
    doc = document_of(report_rows(rows))
    assert kinds(doc, "narrative") == ["Families told inspectors that they wait too long for help.", "Most feel listened to."]
