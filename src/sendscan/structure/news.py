"""News reports and council pages: who says what, sentence by sentence.

A news story retells an inspection in the reporter's voice, quotes the report,
and quotes councillors, officers and NHS spokespeople; a council page tells the
same story in the council's first person. Neither has fixed headings, so each
sentence (or list item) is filed by who is speaking:

- a *finding*: the inspection's words: quoted from the report, reported speech
  of inspectors, Ofsted or the CQC ("inspectors found", "the report said"), a
  list the article says the report set out, or the reporter's plain sentences
  that carry on such a claim;
- a *response*: councillors, officers, spokespeople, NHS bodies, and a council
  speaking of itself ("we", "our");
- *context*: the reporter's framing with no inspection claim (the byline,
  "Ofsted inspected the area in March", background).

A quotation keeps its speaker over every paragraph it runs across (the press
habit of opening each paragraph of a long quote and closing only the last).
Findings go to `narrative` sections (or `weakness` / `strength` where the
article labels a list or heading so), and responses and context to sections
of their own, so that only the inspection's words are ever tagged or counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import areas, metadata
from ..model import Finding, Line, Metadata, Section, Source
from .blocks import Block, Writer, page_at, sentences

FINDING, RESPONSE, CONTEXT = "finding", "response", "context"
KINDS = ("news_report", "council_page")

# --- who is speaking ----------------------------------------------------------

#: The inspection and those who speak for it.
INSPECTION = re.compile(
    r"\b(?:(?:lead |the |joint |ofsted |cqc )?inspectors?|inspection team|inspectorates?|ofsted|cqc|"
    r"care quality commission|hmi|watchdogs?|"
    r"(?<!council )(?<!cabinet )(?<!annual )(?<!progress )(?<!own )(?<!committee )reports?"
    r"(?! to (?:the )?(?:council|cabinet|committee|scrutiny|councillors|members))|"
    r"(?:the|this|a|an|their|its|latest) (?:joint |local area |area |send |revisit |monitoring )*(?:inspection|letter|review|findings))\b",
    re.I)
#: Councils, their members and officers, and the NHS bodies of the partnership.
OFFICIAL = re.compile(
    r"\b(?:councils?|council(?:’s|'s)|councill?ors?|cllr|cabinet members?|portfolio holders?|lead members?|"
    r"directors?|chief executives?|spokes(?:person|man|woman|people)|officers?|officials?|"
    r"mayor|ministers?|government|department for education|dfe|local authority|nhs|ccg|icb|"
    r"integrated care boards?|clinical commissioning groups?|(?:nhs |foundation |health )trust|bosses|chiefs|"
    r"chair(?:man|woman)?|"
    r"head of [a-z ]+|leader of the council|council leader|local area partnership)\b",
    re.I)
#: Others quoted in a story: their words are neither findings nor the council's.
OTHERS = re.compile(
    r"\b(?:parents?|mothers?|fathers?|mums?|dads?|famil(?:y|ies)|carers?|campaign(?:ers?| groups?)|charit(?:y|ies)|"
    r"unions?|teachers?|headteachers?|pupils?|residents?|opposition|MPs?)\b", re.I)
PRONOUN = re.compile(r"\b(?:they|it|he|she)\b", re.I)
#: "he" and "she" are people (a councillor, a parent), never the report or "the inspectors".
PERSON = re.compile(r"\b(?:he|she)\b", re.I)
#: Speaking to the paper ("told the Echo", "who contacted the Post"), not to the inspection.
#: A paper's name: capitalised words ending in what papers are called.
MASTHEAD = re.compile(
    r"(?:The )?(?:[A-Z][\w'’-]*|&|and|of|on|upon)(?: (?:[A-Z][\w'’-]*|&|and|of|on|upon))* (?-i:Times|Gazette|Post|Echo|Herald|"
    r"Chronicle|Mercury|Courier|Observer|Argus|Express|Star|Standard|Advertiser|Telegraph|Journal|Mail|Live|"
    r"Sentinel|Evening News|Press|Bulletin|Guardian|Examiner|Reporter|Record|Leader)")
#: A sentence opening on a person's name ("Sam Reddy, whose daughter ...,
#: said", "Jo Lee said"): someone the reporter spoke to.
NAMED_PERSON = re.compile(r"(?:[A-Z][a-z]+ ){1,2}[A-Z][a-z’'-]+(?:,| (?:said|says|told|added))")
TO_THE_PAPER = re.compile(r"\b(?:told|contacted|spoke to|wrote to|speaking to) (?:the )?[A-Z]")
#: The council speaking of itself.
WE = re.compile(r"\b(?:we|us|our)\b", re.I)
#: Attributed to someone who is neither the inspection nor an official.
OTHER = "other"
#: Said by "we" with no verb of saying: the council's own voice, unless it is
#: restating under a heading what the inspection found ("We do not plan well").
WE_SAY = "we"
#: "We" acting, promising or feeling, which is never restating a finding
#: ("we have appointed", "we will", "we are working", "we are sorry", "we
#: know that..."), as against "we have not...".
COMMITMENT = re.compile(
    r"\bwe(?:['’]ve| have)(?! not\b)(?!n['’]t)|"
    r"\bwe(?:['’]ll| will| are (?:now |already )?\w+ing| plan| intend| aim)\b|"
    r"\bwe(?:['’]re| are) (?:very |truly |deeply )?(?:sorry|pleased|proud|disappointed|determined|committed|confident)\b|"
    r"\bwe (?:know|understand|apologi[sz]e|accept|welcome|recogni[sz]e)\b",
    re.I)
#: Verbs by which "we" respond; "we identify", "we found" do not make "we" a speaker.
STANCE = re.compile(
    r"(?:s(?:aid|ays?|aying)|add(?:ed|s)?|accept(?:ed|s)?|acknowledg\w*|welcom\w*|pledg\w*|promis\w*|vow\w*|"
    r"apologis\w*|insist\w*|recognis\w*|respond\w*|comment\w*|explain\w*|told|tells?|stat\w*|argu\w*|claim\w*)$",
    re.I)
#: Verbs of speech that may stand before their speaker ("said Cllr Lee").
INVERTED = re.compile(r"(?:said|says|added|adds|wrote|writes|explained|commented|stated)$", re.I)

#: Verbs that report what someone found, said or decided ("set out" and
#: "singled out" as phrases). Tense does not matter; none inside a hyphened
#: word ("an easy-read version").
REPORTING = re.compile(
    r"(?<![-‐])\b(?:s(?:aid|ays?|aying)|add(?:ed|s|ing)?|wr(?:ote|ites?|iting)|reads?|stat(?:ed|es|ing)|"
    r"f(?:ound|inds?|inding)|not(?:ed|es|ing)|highlight(?:ed|s|ing)?|identif(?:ied|ies|y|ying)|list(?:s|ed|ing)|"
    r"rais(?:ed|es|ing)|accus(?:ed|es|ing)|critici[sz](?:ed|es|ing|e)|prais(?:ed|es|ing|e)|"
    r"conclud(?:ed|es|ing|e)|describ(?:ed|es|ing|e)|judg(?:ed|es|ing|e)|report(?:ed|s)|warn(?:ed|s|ing)?|"
    r"urg(?:ed|es|ing|e)|sets? out|setting out|outlin(?:ed|es|ing|e)|observ(?:ed|es|ing|e)|"
    r"reveal(?:ed|s|ing)?|rat(?:ed|es)|told|tells?|explain(?:ed|s)?|comment(?:ed|s)?|respond(?:ed|s)?|"
    r"acknowledg(?:ed|es|e)|accept(?:ed|s)?|welcom(?:ed|es|e)|pledg(?:ed|es|e)|promis(?:ed|es|e)|vow(?:ed|s)?|"
    r"apologis(?:ed|es|e)|insist(?:ed|s)?|claim(?:ed|s)?|argu(?:ed|es|e)|recognis(?:ed|es|e)|"
    r"singled out|demand(?:ed|s)?|order(?:ed|s)|called (?:for|on)|calls (?:for|on)|recommend(?:ed|s)?|asks?|"
    r"uncover(?:ed|s)?|discover(?:ed|s)?|flag(?:ged|s)?|point(?:ed|s) (?:to|out)|expressed|labell?ed|"
    r"brand(?:ed|s)|slam(?:med|s)|blast(?:ed|s)|hit out|lambast(?:ed|s)|condemn(?:ed|s)?|commend(?:ed|s)?|"
    r"heard|concerns? (?:were|was) raised|(?:critical|scathing|blunt|damning) (?:of|about)|according to)\b",
    re.I)
#: The inspection's claim in a clause of its own, whoever the sentence is
#: about ("Council bosses apologised after inspectors found failings").
AFTER_FINDING = re.compile(
    r"\b(?:after|as|when|since|following|because)\b[^.;“”\"]{0,60}?\b(?:inspectors?|ofsted|cqc|reports?|inspection|"
    r"watchdogs?|letter)\b[^.;“”\"]{0,30}?\b(?:found|finds|said|says|raised|identified|criticised|uncovered|"
    r"highlighted|rated|judged|concluded|revealed|branded|warned)\b", re.I)
#: The inspection's claims named as such, with no verb of saying: "Among the
#: failings identified were...", "The inspectors' concerns included...".
NAMED_CLAIM = re.compile(
    r"\b(?:concerns?|criticisms?|weakness(?:es)?|failings?|failures?|problems?|issues|areas|strengths?|shortcomings)"
    r"\b (?:\w+ ){0,2}(?:raised|identified|highlighted|found|listed|noted|set out|uncovered|flagged|outlined)\b|"
    r"\b(?:inspectors|inspection|report|ofsted|watchdogs?)(?:['’]s|['’])? "
    r"(?:concerns?|criticisms?|findings?|verdict|"
    r"conclusions?)\b", re.I)
#: An auxiliary just before a reporting verb makes it passive: the subject is
#: who was criticised or ordered, not who spoke ("leaders have been ordered").
PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|got)(?:\s+(?:\w+ly|also|not|all|both|each|too))?\s*$|"
                     r"\bto see (?:this|that|it|these|those|them)\s*$", re.I)  # "glad to see this recognised"
#: What an inspection is, not what it found: context.
EVENT = re.compile(
    r"\b(?:inspect(?:ed|s|ing)?|visit(?:ed|s|ing)?|revisit(?:ed|s|ing)?|carried out|carry out|conduct(?:ed|s)?|"
    r"undert(?:ook|ake|akes)|publish(?:ed|es)?|took place|take place|will return|came to|"
    r"sp(?:ent|end|ends) (?:a|an|one|two|three|four|five|six|several|\d+) (?:days?|weeks?)|"
    r"next (?:full )?inspection|monitoring inspection)\b", re.I)
#: An official body doing or about to do something: the reporter's framing, not a claim.
OFFICIAL_ACTION = re.compile(
    r"\b(?:will|would|is to|are to|plans? to|intends? to|is going to|has launched|have launched|has appointed|"
    r"is inviting|are inviting|has invested|is consulting|are consulting)\b", re.I)
#: The reporter's background ("Last year...", "It comes after...") and
#: pointers to the report itself: context, whatever the sentence before was.
BACKGROUND = re.compile(
    r"^(?:(?:last|earlier this|later this|next) (?:year|month|week|spring|summer|autumn|winter)|in (?:19|20)\d\d\b|"
    r"back in|previously|it (?:comes|follows)|this (?:comes|follows)|the (?:inspection|report|news|findings|letter)\b"
    r"[^.,;]{0,30}? (?:comes?|came|follows?|followed)\b)|\b(?:on|at) the (?:ofsted|council['’]s|\w+ council) website\b|"
    r"\bavailable (?:on|at|from)\b", re.I)
#: Where to read the report ("You can read the full report on the Ofsted
#: website"): context, though "read" is a verb of reporting.
POINTER = re.compile(r"\b(?:read|download|view|see) (?:the|our) (?:full )?(?:inspection |easy[- ]read )?(?:report|letter)"
                     r"\b(?!['’])", re.I)
#: What the report does not say ("the report says so little about ..."): the
#: writer's complaint, no finding.
REPORT_SILENT = re.compile(r"\b(?:says?|said|mentions?|mentioned) (?:so |very )?(?:little|nothing)\b|"
                           r"\bdoes(?: not|n['’]t) (?:say|mention)\b", re.I)
#: A heading over the reporter's or the council's background ("Background", "Notes to editors").
BACKGROUND_HEADING = re.compile(r"^(?:background|context|notes? (?:to|for) editors|key facts|about (?:the|this) "
                                r"(?:inspection|report))\s*:?$", re.I)
#: A sentence that ends by announcing claims to come ("...is critical of
#: leaders on several counts", "...criticising leaders in a number of areas"):
#: the reporter's framing, the claims themselves follow.
ANNOUNCEMENT = re.compile(
    r"\b(?:on|in) (?:several|many|various|a (?:number|range|host) of) (?:counts|fronts|areas|ways|respects)[.!]?$",
    re.I)
#: The council speaking of itself, outside any quotation.
FIRST_PERSON = re.compile(
    r"(?:^|[,;:–—-]\s*|\b(?:and|but|so|that|where|which|because|how)\s+)(?:we|we['’](?:re|ve|ll|d)|our|us)\b"
    r"(?!\s+and\b)", re.I)

#: Quotation marks: an opening one starts a word, a closing one ends one.
OPENING = re.compile(r"(?:(?<=^)|(?<=[\s(:—–-]))[“‘\"'](?=\S)")
CLOSING = re.compile(r"(?<=\S)[”’\"'](?=$|[\s,.;:!?)—–-])")
#: A quotation this long is someone's speech; shorter ones are phrases the
#: reporter borrows ("found ‘deep cultural issues’").
SPEECH_WORDS = 6

# --- what a heading or list introduction says comes next --------------------

WEAKNESS_WORDS = re.compile(
    r"\b(?:weakness(?:es)?|concerns?|problems?|failings?|failures?|criticisms?|shortcomings|"
    r"areas? (?:for|of) (?:development|improvement)|need(?:s|ed)? to (?:improve|do better|change)|"
    r"improvements? (?:needed|required)|priority actions?|must (?:improve|address))\b", re.I)
STRENGTH_WORDS = re.compile(
    r"\b(?:strengths?|positives?|praise[sd]?|working well|good practice|doing well|what (?:is|’s|'s) working)\b",
    re.I)
#: Headings that label what follows as weaknesses or strengths ("Areas for
#: improvement", "The five areas of significant weakness", "What the
#: inspectors said we need to do better").
COUNTED = r"(?:(?:the|our|its|key|main|\d+|two|three|four|five|six|seven|eight|nine|ten)\s+)*"
WEAKNESS_LABEL = re.compile(
    rf"^(?:{COUNTED}(?:(?:areas? of )?(?:significant )?weakness(?:es)?|concerns|criticisms|priority actions|"
    r"areas? (?:for|of) (?:development|improvement|priority action))\b|"
    r"(?:what|where)\b.*\b(?:needs? to|must|should|could) (?:be )?(?:improve|do better|change|get better|better))",
    re.I)
STRENGTH_LABEL = re.compile(
    rf"^(?:{COUNTED}(?:(?:areas? of )?strengths|positives|what(?:’s|'s| is) (?:working|going) well)\b|"
    r"what\b.*\b(?:do(?:es)?|doing|did|works?|working|is|are|going) (?:well|effective)\b)", re.I)
#: The kind of the items of a list the inspection set out with no label ("The
#: report found:") or the reporter's ("the following problems:"): each item's
#: own words decide its side, a weakness unless they clearly praise (such lists
#: are mostly of weaknesses; the polarity component reads the kind).
LISTED = "listed"
#: A list introduced by its count of areas or weaknesses ("The five areas the
#: city must tackle are:") is the inspection's, whoever the sentence names.
COUNTED_LIST = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+) (?:areas?|weaknesses|concerns|"
                          r"failings|problems|priorities|priority actions)\b", re.I)
#: A sentence reporting several claims ("found that A, that B, and that C";
#: "criticised A, and said B"; "A was praised, but inspectors said B"; "A,
#: the letter said, and B"): each claim is a finding of its own, with its own
#: category and polarity.
REPORTED_THAT = re.compile(REPORTING.pattern + r" that\b", re.I)
#: Who makes a second claim, and the verbs it is made with ("..., but inspectors said").
CLAIMANT = r"(?:it|they|inspectors|the (?:report|letter|inspectors))"
CLAIM_VERB = r"(?:said|found|noted|warned|added|highlighted|criticised|praised|described|concluded)\b"
CLAIM_BREAK = re.compile(
    r",?\s+(?:and|but|while)\s+(?=that\b)|,\s+(?=that\b)|"
    rf",\s+(?:and|but)\s+(?=(?:{CLAIMANT}\s+)?(?:also\s+)?{CLAIM_VERB})|"
    r"(?:(?<=\bsaid)|(?<=\bfound)|(?<=\badded)|(?<=\bnoted)),\s+and\s+")
#: A sentence that lists what was found in prose ("These were the lack of A,
#: the poor quality of B, and the time C"; "Inspectors named four weaknesses:
#: A, B, C and D"; "progress in areas including how A, how B, and C"), and
#: where each of its items starts: each item is a finding of its own, as it
#: would be in a list (one sentence of four topics dilutes each of them).
#: Items open with a determiner, an owner or "how", so that "education,
#: health and care plans" stays one.
LISTING = re.compile(
    r"^(?:(?:these|they|the (?:\w+ )?(?:weaknesses|areas(?: of (?:significant )?weakness)?|concerns|problems|failings|"
    r"strengths))\s+(?:were|are|included?|includes?)\s|"
    r"[^:“”\"]*\b(?:weakness(?:es)?|areas|concerns|problems|failings|strengths|priorit(?:y|ies))\b[^:“”\"]*:\s+(?![“‘\"'])|"
    r"[^:“”\"]*\b(?:weakness(?:es)?|areas|concerns|problems|failings|strengths|progress)\b[^:“”\".]{0,30}\bincluding\s)",
    re.I)
ITEM_BREAK = re.compile(
    r",\s+(?:and\s+)?(?=(?:the|a|an|its|their|poor|weak|too|no|limited|how|parents['’]|children['’]s?|families['’]|"
    r"young people['’]s)\s)", re.I)
#: A concession that opens a sentence of two claims ("While the report praised
#: A, it found that B"), and where its second claim starts: each is a claim in
#: its own right once apart.
CONCEDING = re.compile(r"(?:While|Whilst|Although|Though|Whereas)\s+")
SECOND_CLAIM = re.compile(rf",\s+(?={CLAIMANT}\s+(?:also\s+)?{CLAIM_VERB})")
LETTER_LABEL = re.compile(
    r"\b(?:priority actions?|areas? (?:for|of) (?:development|improvement)|improvements?|must|need(?:s|ed)? to)\b",
    re.I)
#: A sentence that announces the priority actions, which the sentences after
#: it give in prose ("She went on to read the two areas for priority action.").
ACTIONS_NAMED = re.compile(
    r"\b(?:the|its|their|two|three|four|five|\d) (?:areas? for priority action|priority actions?|"
    r"areas? for improvement|recommendations)[.:]?\s*$", re.I)
#: A priority action named in a sentence that also makes its demand ("In its
#: 'areas for priority action', the report says the council must ...").
ACTION_LABEL = re.compile(r"\b(?:priority actions?|areas? for priority action)\b", re.I)
DEMAND = re.compile(r"\b(?:must|should|needs? to|asks?)\b", re.I)
FINDING_HEADING = re.compile(
    r"\b(?:findings?|found|inspectors?|inspection|ofsted|report|weakness(?:es)?|strengths?|concerns?|"
    r"areas? (?:for|of) (?:development|improvement))\b", re.I)
RESPONSE_HEADING = re.compile(
    r"\b(?:we|our|us|responses?|reactions?|next steps|what happens (?:next|now)|what(?:’s|'s| is)? next|"
    r"(?:improvement|action) plan|"
    r"what (?:is|are) (?:being|we) do(?:ne|ing)|what the council says)\b", re.I)
#: "By Jo Bloggs", "Published 3 May 2024", "Jo Bloggs 31 August 2021", "Last updated: ...".
BYLINE = re.compile(
    r"^(?:By [A-Z]|(?:Published|PUBLISHED|Posted|POSTED|For immediate release|(?:Last |Page last )?[Uu]pdated|(?:Last |Page last )?reviewed|Date)\b|"
    r"(?:[A-Z][\w’'-]+ ){1,3}(?:[|,•·-] ?)?(?:\w+day,? )?\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+ \d{4}\b|"
    # a date alone on its line ("Thursday, March 6, 2025", "6 March 2025", "Monday, 11 July 2022 at 6:00 pm")
    r"(?:(?:\w+day|Mon|Tue|Wed|Thu|Fri|Sat|Sun),? )?(?:\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+|[A-Z][a-z]+ \d{1,2}"
    r"(?:st|nd|rd|th)?,?) \d{4}(?:,? (?:at )?\d{1,2}[.:]\d{2}(?: ?[ap]m)?(?: [A-Z]{2,4})?)?$|"
    # a name and role (or handle) over a date ("Jo Lee Education correspondent Mon 13 May 2019 18.42 BST",
    # "Jo Lee Local democracy reporter Tuesday 4 February 2025 · 6 min read", "Jo Lee @JoLee Published: 4 March 2019")
    r"(?:[A-Z][\w’'-]+,? ){1,3}(?:[A-Za-z]+ ){0,5}(?:@\w+ )?(?:Published:? |Posted:? )?(?:[A-Z][a-z]{2,8},? )?"
    r"(?:\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+ \d{1,2},?) \d{4}\b(?:,? (?:at )?\d{1,2}[.:]\d{2}\b.*|\s*[·|•].*)?$|"
    # a name and handle alone ("Jo Lee @JoLeeHerald")
    r"(?:[A-Z][\w’'-]+ ){1,3}@\w+$)")


@dataclass
class Reading:
    """What the reader knows as it goes: the running class of unattributed
    sentences, the last speaker, and the people named with a role so far."""

    mode: str = CONTEXT
    council_page: bool = False
    speaker: str | None = None  # class of the last explicit speaker
    open_quote: str | None = None  # class of a quotation still open at the last paragraph's end
    people: dict[str, str] = field(default_factory=dict)
    heading_kind: str = "narrative"
    heading_mode: str | None = None  # what the last heading said came under it
    person: str | None = None  # class of the last person named as speaking ("she" is them)


#: A council's name at the top of its own page ("Ashcombe Council", "Westmoor Borough Council: ...").
PUBLISHER = re.compile(r"(?:[A-Z][\w’'-]+ (?:(?:and|&|of|upon|on|in|the) )*)+(?:County |Borough |City |District )?Council(?:\s*[:|–-].*)?")


#: An NHS body's name, as its own site gives it.
NHS_BODY = re.compile(r"NHS [\w ,&’'-]+?(?:Integrated Care Board|ICB|Clinical Commissioning Group|CCG|"
                      r"(?:Foundation )?Trust)")
#: What only a council's (or any organisation's) own web page carries.
PAGE_MARKER = re.compile(r"\b(?:was this page (?:helpful|useful)|report a problem with this page|you are here:|"
                         r"search this site)", re.I)


def kind(lines: list[Line], source: Source | None = None) -> str:
    """news_report, council_page or unknown, by what the text is: a council
    speaking of its own services in the first person, with the markers of a web
    page (looked for in the page as read, since cleaning drops them), against
    a reporter quoting people about the council."""
    texts = [line.text for line in lines]
    everything = " ".join(texts)
    page = " ".join(line.text for p in source.pages for line in p.lines) if source else everything
    if not re.search(r"\b(?:Ofsted|SEND|special (?:educational )?needs|Care Quality Commission|CQC|inspectors)\b",
                     everything, re.I):
        return "unknown"
    outside = [unquoted(t) for t in texts]
    first_person = sum(bool(FIRST_PERSON.search(t)) for t in outside)
    quoted_people = sum(bool(OPENING.search(t) and re.search(r"\b(?:said|says|added|told)\b", t)) for t in texts)
    third_person = len(re.findall(r"\b(?:the|a) (?:county |borough |city |district )?council\b",
                                  " ".join(outside), re.I))
    council = 2 * bool(PAGE_MARKER.search(page)) \
        + bool(re.search(r"\b(?:last updated|page last (?:reviewed|updated)|last reviewed)\b", page, re.I)) \
        + 2 * bool(texts and is_body(texts[0])) \
        + any(first_person_heading(t) for t in outside) \
        + 2 * (first_person >= 2 and first_person >= 0.2 * len(texts)) \
        + 2 * bool(PRESS_RELEASE.search(page))
    news = bool(texts and any(BYLINE.match(t) and not re.match(r"(?:Last |Page last |For immediate)", t)
                              for t in texts[:6])) \
        + (quoted_people >= 1) + (third_person >= 2)
    return "council_page" if council >= 2 and council > news else "news_report"


#: What a headline about a SEND inspection names.
SUBJECT = re.compile(r"\b(?:SEND|special (?:educational )?needs|disabilit\w*|inspect\w*|revisit\w*|Ofsted|CQC|watchdog|"
                     r"EHC|autism)\b", re.I)
#: A body's own press release ("For immediate release", "Notes to editors"), which no story holds.
PRESS_RELEASE = re.compile(r"\bfor immediate release\b|\bnotes? to editors\b|^ends\.?$", re.I | re.M)


def first_person_heading(text: str) -> bool:
    """A heading in the first person ("Our response", "What inspectors said we
    need to improve"): a page speaking for itself, which a story does not."""
    return len(text) < 80 and not text.rstrip().endswith((".", '"', "”")) and bool(
        re.search(r"\b(?:we|our|us)\b", text, re.I))


def published_by_council(source: Source) -> bool:
    """An HTML page whose title names a council or an NHS body as its site
    ("Area SEND inspection | Bath & North East Somerset Council", "... ::
    NHS Derby and Derbyshire Integrated Care Board")."""
    return is_body(site_of(source))


def is_body(name: str) -> bool:
    """Whether the name is a council's or an NHS body's ("Luton Council", "NHS
    Derby and Derbyshire Integrated Care Board")."""
    return bool(PUBLISHER.fullmatch(name.replace("&", "and")) or NHS_BODY.fullmatch(name))


#: A site or sender that speaks for families, not for a council or the NHS.
FAMILIES_SITE = re.compile(r"\b(?:forum|parents|families|campaign|charity|blog|network)\b", re.I)


def published_by_families(source: Source) -> bool:
    """An HTML page whose title names a parents' forum, a campaign or a charity
    as its site ("Our response to the area SEND inspection report – Ottery
    Families Together Parent Carer Forum"): its "we" are families writing
    about the council, as a reporter would, not the council itself."""
    return bool(FAMILIES_SITE.search(site_of(source))) and not published_by_council(source)


#: The sender of an email pasted as text ("From: Ottery Families <hello@...>").
SENDER = re.compile(r"^From:\s*(.+?)\s*(?:<[^>]*>)?\s*$", re.M)


def sent_by_families(source: Source) -> bool:
    """An email newsletter pasted as text, from a parents' forum, a campaign
    or a charity ("From: Brightwater Families <...>"): its "we" are families
    writing about the council, not the council. (The header is read as it
    came: cleaning drops it as furniture.)"""
    first = "\n".join(line.text for line in source.pages[0].lines[:5]) if source.pages else ""
    sender = SENDER.search(first)
    return bool(sender) and bool(FAMILIES_SITE.search(sender.group(1))) and not is_body(sender.group(1))


def site_of(source: Source) -> str:
    """The site named at the end of an HTML page's title, or ""."""
    return re.split(r"\s(?:[|–-]|::)\s", source.hints.get("page_title") or "")[-1].strip()


def unquoted(text: str) -> str:
    """The text with speech (long quotations) taken out, short quoted phrases kept."""
    return outside(text, speeches(text), 0, len(text))


def speeches(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation long enough to be someone's speech; one
    left open runs to the end of the text."""
    found, pos = [], 0
    while m := OPENING.search(text, pos):
        close = closing_after(text, m.end(), m.group(0))
        end = close if close is not None else len(text)
        if len(text[m.end():end].split()) >= SPEECH_WORDS or close is None:
            found.append((m.start(), end))
        pos = end if close is not None else len(text)
    return found


def closing_after(text: str, start: int, mark: str) -> int | None:
    """Where the quotation opened with `mark` closes (just after its closing
    mark), or None if it stays open. A ’ between letters, or after an s and
    before a space (parents’ views), is an apostrophe."""
    for m in CLOSING.finditer(text, start):
        if mark in "“\"" and m.group(0) not in "”\"":
            continue
        if mark in "‘'" and m.group(0) not in "’'":
            continue
        if m.group(0) in "’'" and text[m.start() - 1] == "s" and text[m.end():m.end() + 1] == " ":
            continue
        return m.end()
    return None


def open_at_end(text: str) -> bool:
    """A quotation still open when the paragraph ends (to go on in the next one)."""
    spans = speeches(text)
    if not spans or spans[-1][1] != len(text):
        return False
    start = spans[-1][0]
    return closing_after(text, start + 1, text[start]) is None


# --- attribution -----------------------------------------------------------


def attribution(text: str, reading: Reading) -> str | None:
    """Whom the sentence says is speaking or finding: FINDING, RESPONSE,
    CONTEXT (an inspection event, background), OTHER (parents, campaigners),
    WE_SAY (the council's "we" with no verb of saying), or None where it says
    no one is. The first reporting verb that has a speaker decides, except
    that an official acting (not speaking) on what the inspection found in a
    clause of its own gives way to that finding ("Council bosses apologised
    after inspectors found...")."""
    if BACKGROUND.match(text) or ANNOUNCEMENT.search(text.strip()) or POINTER.search(text) \
            or REPORT_SILENT.search(text):
        return CONTEXT  # "Last year inspectors found...", "The inspection came a year after X was praised"
    others = None
    for verb in REPORTING.finditer(text):
        found = speaker_of(text, verb, reading)
        if found == OTHER:
            # Parents and others speak in the report too ("parents find it
            # hard..., the report said"): a later verb may name the inspection.
            others = others or found
        elif found == RESPONSE and not INVERTED.match(verb.group(0)) and AFTER_FINDING.search(text):
            return FINDING
        elif found:
            return found
    if AFTER_FINDING.search(text):
        return FINDING
    if others:
        return others
    if NAMED_CLAIM.search(text):
        return FINDING
    if EVENT.search(text) and re.search(r"inspect|revisit|ofsted|cqc|care quality", text, re.I):
        return CONTEXT
    if FIRST_PERSON.search(text):
        return WE_SAY
    opening = " ".join(text.split()[:8])
    official = OFFICIAL.search(opening)
    # The official acting as the subject ("The council is inviting parents to
    # meetings"), not named as an object ("The first requires the council to ...").
    if official and OFFICIAL_ACTION.search(text[official.end():official.end() + 40]) \
            and not INSPECTION.search(opening):
        return CONTEXT
    return None


def speaker_of(text: str, verb: re.Match, reading: Reading) -> str | None:
    """Who the reporting verb's subject is: the nearest actor before it (or
    after it: "said Cllr Jones", "according to the report"); after a passive,
    only an agent ("criticised by inspectors"), and none at all means the
    inspection ("services were singled out for praise")."""
    before = clause_before(text, verb.start())
    after = text[verb.end():verb.end() + 80]
    if verb.group(0).lower() == "according to":
        return actor_class(after[:60], reading, first=True) or None
    if verb.group(0).lower() == "read" and not re.match(r"\s+(?:out\s+)?(?:a|an|her|his|their|the council['’]s) "
                                                        r"(?:own )?(?:statement|letter|question|response)", after):
        return FINDING  # a councillor reading the report into the record ("She read: ...") reads its words
    if PASSIVE.search(before):
        agent = re.match(r"\s*(?:\w+\s+){0,3}?by\s+(.{0,60})", after)
        by = actor_class(agent.group(1), reading, first=True) if agent else None
        if by == OTHER and INSPECTION.search(before):
            return FINDING  # "inspectors were told by parents...": what the inspection heard
        return by or FINDING
    if re.match(r"t[eo]l", verb.group(0), re.I) and re.match(r"\s+(?:the\s+)?(?:inspectors?|inspection)", after, re.I):
        return FINDING  # "parents told inspectors that...": what the inspection heard
    inverted = actor_class(after[:50], reading, first=True, inverted=True) if INVERTED.match(verb.group(0)) else None
    return actor_class(before, reading, we=bool(STANCE.match(verb.group(0)))) or inverted


def clause_before(text: str, end: int) -> str:
    """The words before a verb back to the start of its clause (a quotation, a
    semicolon or "so that" ends a clause; commas do not: "Jo Lee, director,
    said"; "requires the council to improve plans so that plans describe ..."
    is not the council describing)."""
    start = max(text.rfind(c, 0, end) for c in (";", "«»", "”", "“"))
    purpose = text.rfind(" so that ", 0, end)
    start = max(start, purpose + len(" so that ") - 1 if purpose >= 0 else -1)
    words = text[start + 1 if start >= 0 else 0:end]
    return " ".join(words.split()[-16:])


def actor_class(text: str, reading: Reading, first: bool = False, inverted: bool = False,
                we: bool = True) -> str | None:
    """The class of the actor nearest the end of `text` (or its start, with
    `first`). The inspection and officials come before others: a role such as
    "cabinet member for children and families" names families, not its holder."""
    hits = []
    for pattern, cls in ((INSPECTION, FINDING), (OFFICIAL, RESPONSE)) + (((WE, RESPONSE),) if we else ()):
        hits += [(m.start(), m.end(), cls) for m in pattern.finditer(text)]
    for name, cls in reading.people.items():
        hits += [(m.start(), m.end(), cls) for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    people = len(hits)  # hits so far name the inspection, officials or people remembered
    if not inverted:
        hits += [(m.start(), m.end(), (reading.person if PERSON.fullmatch(m.group(0)) else None) or reading.speaker)
                 for m in PRONOUN.finditer(text) if reading.speaker]
    if not hits:
        hits = [(m.start(), m.end(), OTHER) for m in OTHERS.finditer(text)]
        people = len(hits)
    if not hits:
        return None
    chosen = min(hits) if first else max(hits, key=lambda h: (h[1], h[0]))
    start, end, cls = chosen
    if cls != FINDING:
        remember_people(text, cls, reading)
        if hits.index(chosen) < people and not INSPECTION.search(text[start:end]):
            reading.person = cls
    return cls


def remember_people(text: str, cls: str, reading: Reading) -> None:
    """Names given with a role ("Elaine Redding, director") keep that role
    when they come back alone ("Ms Redding added")."""
    for name in re.findall(r"\b[A-Z][a-z]+(?: [A-Z][a-z’'-]+)+\b", text):
        *_, surname = name.split()
        if not INSPECTION.search(name) and not OFFICIAL.search(surname):
            reading.people.setdefault(surname, cls)


# --- reading a page ----------------------------------------------------------


@dataclass
class Unit:
    """A sentence or list item, where it stands, and what it is."""

    text: str
    page: int
    start: int
    paragraph: int
    cls: str
    kind: str = "narrative"


def sections_of(blocks: list[Block], doc_type: str, writer: Writer) -> list[Section]:
    """Sections in reading order: each heading opens one, and each change of
    who is speaking (finding, response, context) under it opens another."""
    # A news story opens on the inspection's claim ("Children with SEND are
    # being let down..."), attributed or not; a council page on its own voice.
    council_page = doc_type == "council_page"
    reading = Reading(council_page=council_page, mode=CONTEXT if council_page else FINDING)
    built = Sections()
    intro = None
    for number, block in enumerate(blocks):
        if block.kind == "heading":
            if intro and blocks[number - 1].kind == "paragraph":
                # "The letter set out five areas of weakness:" over one heading
                # per weakness: the introduction labels the headings (but not
                # the headings after a list it introduced).
                reading.mode, reading.heading_kind = intro
            writer.add(block.text)
            heading(block.text, reading)
            built.heading(block.text, block.page)
            intro = None
            continue
        list_next = number + 1 < len(blocks) and blocks[number + 1].kind in ("bullet", "numbered", "heading")
        for unit in units_of(block, number, writer, reading, intro, list_next):
            built.add(unit)
        if block.kind == "paragraph":
            intro = list_intro(block.text, reading)
    return built.done()


def heading(text: str, reading: Reading) -> None:
    """A heading sets what unattributed sentences under it are: the
    inspection's ("What the inspectors found"), the council's ("What we are
    doing"), or, for a topic heading ("Waiting times"), what they were."""
    said = attribution(text, reading)
    if said == WE_SAY and (WEAKNESS_LABEL.search(text) or STRENGTH_LABEL.search(text)):
        said = FINDING  # "What we need to improve" heads the inspection's list, not the council's words
    said = RESPONSE if said == WE_SAY else said
    if BACKGROUND_HEADING.match(text):
        reading.mode = CONTEXT
    elif said == FINDING or (not said and FINDING_HEADING.search(text) and not RESPONSE_HEADING.search(text)):
        reading.mode = FINDING
    elif said == RESPONSE or RESPONSE_HEADING.search(text):
        reading.mode = RESPONSE
    # Only a label says what its findings are ("Areas for improvement"); a
    # headline that mentions failings is a sentence, not a label.
    if WEAKNESS_LABEL.search(text):
        reading.heading_kind = "weakness"
    elif STRENGTH_LABEL.search(text):
        reading.heading_kind = "strength"
    elif reading.mode != FINDING or FINDING_HEADING.search(text):
        reading.heading_kind = "narrative"
    reading.heading_mode = reading.mode


def list_intro(text: str, reading: Reading) -> tuple[str, str] | None:
    """(class, kind) for the items of a list that this paragraph introduces
    ("The report set out the following problems:"), or None."""
    if not text.rstrip().endswith(":"):
        return None
    spans = sentences(text)
    last = text[spans[-1][0]:]
    if len(last.split()) <= 5 and len(spans) > 1:
        last = text[spans[-2][0]:]  # "... six areas of significant weakness. In summary these are:"
    cls = attribution(unquoted(last), reading)
    if cls in (None, WE_SAY) and COMMITMENT.search(last):
        cls = RESPONSE  # "Over the coming year we will be:" lists the council's plans
    elif cls in (None, CONTEXT) and COUNTED_LIST.search(last):
        cls = FINDING  # "The five areas the city must tackle are:" is the letter's list
    cls = reading.mode if cls in (None, OTHER, WE_SAY) else cls
    if re.search(r"significant weakness", last, re.I):
        # The letter's own label, whoever must tackle them ("The council must
        # now set out how it will tackle three areas of significant weakness:").
        cls = FINDING
        kind = "significant_weakness"
    elif WEAKNESS_WORDS.search(last):
        # A reporter's "the following problems:" may list a strength too; the
        # letter's own labels (areas for improvement, priority actions: what must
        # get better, "improving the quality of plans") never do.
        kind = LISTED if cls == FINDING and not LETTER_LABEL.search(last) else "weakness"
    else:
        kind = "strength" if STRENGTH_WORDS.search(last) else reading.heading_kind
        kind = LISTED if kind == "narrative" and cls == FINDING else kind
    return cls, kind


def claims(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each claim of the sentence text[start:end] (see CLAIM_BREAK)."""
    sentence = text[start:end]
    first = REPORTED_THAT.search(sentence)
    spans, pos = [], 0
    for m in CLAIM_BREAK.finditer(sentence):
        # A bare ", that" is a claim only after a reported one ("found that A, that B").
        bare = not re.search(r"\b(?:and|but|while)\b", m.group(0))
        if bare and not (first and m.start() > first.end()):
            continue
        spans.append((start + pos, start + m.start()))
        pos = m.end()
    spans.append((start + pos, end))
    breaks = list(ITEM_BREAK.finditer(sentence)) if len(spans) == 1 and LISTING.match(sentence) else []
    if len(breaks) >= 2:
        ends = [start + m.start() for m in breaks] + [end]
        starts = [start] + [start + m.end() for m in breaks]
        return list(zip(starts, ends))
    opening = CONCEDING.match(sentence)
    second = SECOND_CLAIM.search(sentence) if opening and len(spans) == 1 else None
    if second:
        spans = [(start + opening.end(), start + second.start()), (start + second.end(), end)]
    return spans


def units_of(block: Block, number: int, writer: Writer, reading: Reading,
             intro: tuple[str, str] | None, list_next: bool = False) -> list[Unit]:
    """The block's sentences (or its one item), each with its class. A
    sentence that only opens a list ("The report found:") is context: the
    claims are the items'."""
    text = block.text
    start = writer.add(text)
    if block.kind in ("bullet", "numbered"):
        cls, kind = intro or (reading.mode, reading.heading_kind)
        own = attribution(unquoted(text), reading)
        # In the report's own list, parents who "spoke of delays" are still its
        # finding, and so is a council's "we" restating it.
        if own == WE_SAY:
            own = None if cls == FINDING and not COMMITMENT.search(text) else RESPONSE
        cls = own if own == RESPONSE or (own and own != OTHER and cls != FINDING) else cls
        return [Unit(text, block.page, start, number, cls, kind if cls == FINDING else "narrative")]
    if BYLINE.match(text) and len(text) < 120:
        return [Unit(text, block.page, start, number, CONTEXT)]
    spans = sentences(text)
    classes = paragraph_classes(text, reading)
    if list_next and text.rstrip().endswith(":"):
        classes[-1] = CONTEXT
    kinds = action_kinds(text, spans, reading.heading_kind)
    # The sentence that announces them only opens the actions, as "The report found:" opens a list.
    classes = [CONTEXT if kind != "priority_action" and ACTIONS_NAMED.search(text[s:e]) else cls
               for (s, e), cls, kind in zip(spans, classes, kinds)]
    return [Unit(text[cs:ce], page_at(block, cs), start + cs, number, cls,
                 kind if cls == FINDING else reading.heading_kind)
            for (s, e), cls, kind in zip(spans, classes, kinds)
            for cs, ce in (claims(text, s, e) if cls == FINDING else [(s, e)])]


def action_kinds(text: str, spans: list[tuple[int, int]], kind: str) -> list[str]:
    """The kind of each sentence of a paragraph: after one that announces the
    priority actions in prose ("She went on to read the two areas for priority
    action."), the sentences that follow are those actions."""
    kinds = []
    announced = False
    for s, e in spans:
        # "In its 'areas for priority action', the report says the council must ..." is one itself.
        action = bool(ACTION_LABEL.search(text[s:e]) and DEMAND.search(text[s:e]))
        kinds.append("priority_action" if announced or action else kind)
        announced = announced or bool(ACTIONS_NAMED.search(text[s:e]))
    return kinds


def paragraph_classes(text: str, reading: Reading) -> list[str]:
    """The class of each sentence of a paragraph, following quotations."""
    spans = sentences(text)
    quoted = speeches(text)
    continuing = reading.open_quote if OPENING.match(text) else None
    # A quotation's speaker is whoever the paragraph attributes it to, wherever
    # the attribution stands ("“...,” said Cllr Lee. “...”").
    own = []
    for s, e in spans:
        own.append(attribution(outside(text, quoted, s, e), reading))
        if own[-1] in (FINDING, RESPONSE, OTHER):
            # "The inspectors told us... They recognised that our forum...":
            # "they" is whoever the sentence before named.
            reading.speaker = own[-1]
        elif own[-1] is None and INSPECTION.match(text[s:e].strip()):
            reading.speaker = FINDING  # "The letter is blunt. It says ...": "it" is the letter
    restating = [reading.heading_mode == FINDING and not COMMITMENT.search(text[s:e]) for s, e in spans]
    own = [(None if again else RESPONSE) if c == WE_SAY else c for c, again in zip(own, restating)]
    speaker = continuing or next((c for c in own if c and c != CONTEXT), None)
    classes, speakers = [], []
    for (s, e), cls in zip(spans, own):
        in_speech = any(qs < e and s < qe for qs, qe in quoted) or bool(OPENING.match(text[s:e]))
        if in_speech:
            # A quotation goes on with whoever opened it in an earlier sentence
            # ("She read: “... . Many families ...”"), and one opened with no
            # speaker ("And then: “...”") is the last speaker's; failing both,
            # the paragraph's speaker.
            k = quotation_opener(quoted, spans[:len(speakers)], s)
            opener = speakers[k] if k is not None else next((c for c in reversed(speakers) if c), None)
            cls = cls if cls and cls != CONTEXT else opener or speaker or reading.speaker or CONTEXT
            reading.speaker = cls
            speakers.append(cls)
            cls = CONTEXT if cls == OTHER else cls
            if cls != FINDING:
                reading.mode = RESPONSE if reading.council_page and cls == RESPONSE else CONTEXT
        elif cls is None:
            cls = CONTEXT if BACKGROUND.search(text[s:e]) else reading.mode
            speakers.append(None)
        else:
            reading.speaker = cls
            speakers.append(cls)
            if cls == OTHER:
                # Families quoted by the report are its findings; families
                # quoted by the reporter ("told the Gazette"), or named (a
                # report names no parent), are not.
                by_report = reading.mode == FINDING and not TO_THE_PAPER.search(text[s:e]) \
                    and not NAMED_PERSON.match(text[s:e].strip())
                cls = FINDING if by_report else CONTEXT
            # After an official's words the reporter's plain sentences are
            # framing again; after the inspection's, they carry its claims on.
            reading.mode = cls if cls == FINDING or (cls == RESPONSE and reading.council_page) else CONTEXT
        classes.append(cls)
    reading.open_quote = (speaker or reading.speaker) if open_at_end(text) else None
    return classes


def quotation_opener(quoted: list[tuple[int, int]], before: list[tuple[int, int]], start: int) -> int | None:
    """Which of the sentences `before` opened the quotation that runs on
    through `start`, if one of them did."""
    for qs, qe in quoted:
        if qs < start < qe:
            return next((k for k, (s, e) in enumerate(before) if s <= qs < e), None)
    return None


def outside(text: str, quoted: list[tuple[int, int]], start: int, end: int) -> str:
    """The words of text[start:end] that are not inside a speech."""
    out, pos = [], start
    for qs, qe in quoted:
        if qe <= start or qs >= end:
            continue
        out.append(text[pos:max(qs, start)])
        out.append(" «» ")
        pos = min(qe, end)
    out.append(text[pos:end])
    return "".join(out)


@dataclass
class Sections:
    """Sections as they are read: a heading opens one, and so does a change
    of kind under it; a heading with nothing under it stays as an empty one."""

    sections: list[Section] = field(default_factory=list)
    title: str = ""
    page: int = 1
    pending: bool = False
    paragraph: int = -1

    def heading(self, title: str, page: int) -> None:
        self.flush()
        self.title, self.page, self.pending = title, page, True

    def add(self, unit: Unit) -> None:
        kind = unit.kind if unit.cls == FINDING else unit.cls
        if self.pending or not self.sections or self.sections[-1].kind != kind:
            self.sections.append(Section(kind=kind, title=self.title, page=unit.page))
            self.pending = False
        last = self.sections[-1]
        if unit.cls == FINDING:
            last.findings.append(Finding(unit.text, unit.page, unit.start, unit.start + len(unit.text)))
        else:
            # Sentences of one paragraph run on; paragraphs keep a blank line between.
            joiner = " " if unit.paragraph == self.paragraph else "\n\n"
            last.text = f"{last.text}{joiner}{unit.text}" if last.text else unit.text
        self.paragraph = unit.paragraph

    def flush(self) -> None:
        if self.pending:
            self.sections.append(Section(kind=CONTEXT, title=self.title, page=self.page))
            self.pending = False

    def done(self) -> list[Section]:
        self.flush()
        return self.sections


# --- what the article says of the inspection ---------------------------------

#: The 2023 framework's three outcomes, in the words articles quote.
OUTCOMES = (
    ("systemic", re.compile(r"widespread (?:and/or|and|or) systemic failings", re.I)),
    ("inconsistent", re.compile(r"inconsistent experiences(?: and outcomes)?", re.I)),
    ("positive", re.compile(r"typically (?:\w+ ){0,2}positive experiences", re.I)),
)
#: A sentence about an earlier inspection ("It follows a full inspection last
#: year which found ...", "At its previous inspection ...").
EARLIER = re.compile(r"\b(?:last|previous|earlier|first|original) (?:full )?inspection\b|\blast year\b|"
                     r"\b(?:previously|in 20\d\d)\b", re.I)


def outcome_of(flat: str) -> str | None:
    """The 2023 outcome the article gives the inspection it reports: not one
    named only in a sentence that sets out all the possible outcomes, nor one
    an earlier inspection found."""
    for sentence in re.split(r"(?<=[.!?])\s+", flat):
        named = [name for name, pattern in OUTCOMES if pattern.search(sentence)]
        if len(named) == 1 and not (BACKGROUND.match(sentence) or EARLIER.search(sentence)
                                    or sentence.rstrip().endswith("?")):
            return named[0]
    return None


#: A written statement of action demanded, in the words news uses for it.
WSOA = re.compile(
    r"\b(?:written statement of action|WSoA|statement of action)\b|"
    r"\b(?:ordered|told|required|forced|asked|instructed|demanded|must|need to|needs to|has to|have to)\b"
    r"[^.]{0,80}?\b(?:produce|submit|write|draw up|prepare|set out|come up with)\b[^.]{0,40}?"
    r"(?:\bhow (?:they|it|the (?:council|area|local area|partnership)) (?:will|would|intends? to|plans? to) "
    r"(?:improve|address|tackle|fix|put)|\b(?:plan|statement) (?:setting out|explaining|showing|detailing))|"
    # after the statement is named: "... has not been asked to produce one"
    r"\b(?:ordered|told|required|asked|instructed)\b to (?:produce|submit|write|prepare) one\b", re.I)
DEMANDED = re.compile(r"\b(?:requir|request|order|told|demand|must|ha(?:s|ve|d) to|need|ask|instruct|produc|"
                      r"submit|draw|issued|set out|come up|forced)", re.I)
CONDITIONAL = re.compile(r"(?:\d+\.\s+)?(?:[A-Z][\w ]{0,40}:\s+)?(?:Where|If|When|Whenever|Once)\b")
NEGATED = re.compile(r"\b(?:not|no|n[’']t|without|avoided|spared)\b", re.I)
REVISIT = re.compile(
    r"\b(?:made|making|make) (?:sufficient|enough) progress (?:in|on|against) (?:addressing |tackling )?"
    r"(?:only |just )?(?P<a>all|none|any|\w+)(?: (?:of|out of))? (?:the |its )?(?P<b>\w+)?", re.I)
#: "sufficient progress has been made in just two of the eight areas".
REVISIT_PASSIVE = re.compile(
    r"\b(?:sufficient|enough) progress (?:has|had|have) been made (?:in|on|against) (?:addressing |tackling )?"
    r"(?:only |just )?(?P<a>all|none|any|\w+)(?: (?:of|out of))? (?:the |its )?(?P<b>\w+)?", re.I)
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
INSPECTED_IN = re.compile(
    rf"\b(?i:inspect(?:ed|ion|ors)|visit(?:ed)?|revisit(?:ed)?|returned|carried out|took place)\b[^.]{{0,250}}?"
    rf"\bin ({MONTH})(?: (\d{{4}}))?\b")
#: A byline's date, the month written out or cut short ("10 Jan 2024").
IN_MONTH_INSPECTED = re.compile(
    rf"\b[Ii]n ({MONTH})(?: (\d{{4}}))?,? [^.]{{0,100}}?\b(?i:inspect(?:ed|ion)|visited|revisited|carried out)\b")
BYLINE_DATE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)? (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,? (\d{4})\b")


def facts(meta: Metadata, sections: list[Section], text: str, source) -> None:
    """What the article states: its area, the verdict (2023 outcome, written
    statement of action, revisit progress) and when the inspection was."""
    flat = metadata.collapsed(text)
    # A masthead ("Wealdham Gazette", "Halifax & Calder Valley Times") or the
    # publisher's name is a heading too, but a headline says something.
    headed = [s for s in sections if len(s.title.split()) >= 4
              and not any(name.fullmatch(s.title) for name in (MASTHEAD, PUBLISHER, NHS_BODY))]
    titles = [s.title for s in headed]
    # The headline names the story's subject, or stands over the byline; a
    # tagline ("The news service for school leaders"), standing alone in a copy
    # with no blank lines, or a banner ("LIVE: Traffic and travel") does not.
    about = [t for t in titles if SUBJECT.search(t)] \
        or [s.title for s in headed if BYLINE.match(s.text.split("\n\n")[0])]
    meta.headline = source.hints.get("title") or ((about or titles)[0] if titles else metadata.headline(sections))
    meta.published = source.hints.get("date") or metadata.published(flat) or byline_date(sections)
    area = area_of(meta.headline or "", text)
    if area:
        meta.local_area = area
        meta.local_authority, meta.health_bodies = metadata.partnership(sections, flat, area)
    elif not meta.local_area:
        meta.local_area = place_in(meta.headline or "") or health_area(meta.health_bodies)
    meta.outcome = outcome_of(flat)
    # A 2023-framework report is no revisit: progress it mentions is an earlier one's.
    meta.revisit = None if meta.outcome else revisit_progress(flat)
    if not meta.outcome and not meta.revisit:
        meta.wsoa_required = wsoa(flat)
    if not meta.inspection_end:
        meta.inspection_start, meta.inspection_end = inspection_dates(flat, meta.published)


#: What naming an area first in the headline is worth, against its mentions.
HEADLINE_SUBJECT = 6.0


def area_of(headline: str, text: str) -> str | None:
    """The area the article is about: named in the headline or the lead above
    all, and in a sentence about the inspection above a passing mention, so
    that the inspected area wins when several are named."""
    # A masthead ("Dorset Echo") names the paper's patch, not the inspected area.
    paragraphs = [p for p in text.split("\n\n") if len(p.split()) >= 4 and not BYLINE.match(p)]
    lead = " ".join(paragraphs[:4])
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    for weight, part in ((3.0, headline), (2.0, lead), (1.0, text)):
        for sentence in re.split(r"(?<=[.!?])\s+", part):
            about = 1.0 if INSPECTION.search(sentence) or re.search(r"\bSEND\b|special educational", sentence) else 0.0
            for position, area in areas.mentions(sentence):
                scores[area.name] = scores.get(area.name, 0.0) + weight + about
                first.setdefault(area.name, len(first))
    # A headline naming two areas is about its subject, the first ("Wokingham
    # ordered to fix failings as Camden is praised"), however long the story
    # then spends on the second.
    named = areas.mentions(headline)
    if named:
        scores[named[0][1].name] += HEADLINE_SUBJECT
    return min(scores, key=lambda n: (-scores[n], first[n])) if scores else None


def place_in(headline: str) -> str | None:
    """A place the reference table does not know, as the headline names it
    ("... let down in Eastmoor"); None if there is none."""
    m = re.search(rf"\bin ((?!{MONTH}\b)[A-Z][a-z]+(?: [A-Z][a-z]+)*)", headline)
    return m.group(1) if m else None


def health_area(bodies: list[str]) -> str | None:
    """The place in an NHS body's name ("NHS Kingsholm Clinical Commissioning
    Group"): a council page names its partners so, but may not name itself."""
    for body in bodies:
        m = re.match(r"NHS ((?:[A-Z][\w-]+ ){1,4}?)(?:Clinical Commissioning Group|CCG|Integrated Care Board|ICB)\b",
                     body)
        if m:
            return m.group(1).strip()
    return None


def byline_date(sections: list[Section]) -> str | None:
    """The date of a byline ("Jo Bloggs 31 August 2021"), in ISO form. In a
    copy with no blank lines a date line may stand alone as a heading."""
    for section in sections:
        for paragraph in [section.title, *section.text.split("\n\n")]:
            m = BYLINE_DATE.search(paragraph) if BYLINE.match(paragraph) else None
            if m:
                month = next(name for name in metadata.MONTHS if name.startswith(m.group(2).lower()))
                return metadata.to_iso(f"{m.group(1)} {month} {m.group(3)}")
    return None


def wsoa(flat: str) -> bool | None:
    """True where the article says a written statement of action was required
    (ordered, demanded, told to produce...), False where it says one was not,
    None where it does not say."""
    for sentence in re.split(r"(?<=[.!?])\s+", flat):
        if CONDITIONAL.match(sentence) or sentence.rstrip().endswith("?"):
            # "Where inspectors find weaknesses, the area is required to...": how
            # it works; "Do we have to write one?": a question, answered after.
            continue
        m = WSOA.search(sentence)
        if m and (m.group(0).lower().startswith(("written", "wsoa", "statement")) and not DEMANDED.search(sentence)):
            continue  # a mention, not a demand
        if m:
            # Only the demand's own clause can deny it: "children are not getting
            # help, and the borough has been told to..." is a demand.
            clause = max(sentence.rfind(sep, 0, m.start()) for sep in (",", ";", " and ", " but "))
            return not NEGATED.search(sentence[clause + 1:m.start()] + " " + sentence[m.end():m.end() + 30])
    return None


def revisit_progress(flat: str) -> dict | None:
    """"sufficient progress in three of the eight areas" -> {sufficient, total}."""
    m = REVISIT.search(flat) or REVISIT_PASSIVE.search(flat)
    if not m:
        return None
    negated = NEGATED.search(flat[max(0, m.start() - 12):m.start()])
    a, b = m.group("a").lower(), (m.group("b") or "").lower()
    total = metadata.number(b)
    sufficient = 0 if negated or a in ("none", "any") else total if a == "all" else metadata.number(a)
    if sufficient is None and total is None:
        return None
    return {"sufficient": sufficient, "total": total, "verdicts": []}


def inspection_dates(flat: str, published: str | None) -> tuple[str | None, str | None]:
    """When the inspection was: the dates a sentence about it gives
    ("inspected ... between 10 and 14 June 2024"), else its month."""
    for sentence in re.split(r"(?<=[.!?])\s+", flat):
        if not (EVENT.search(sentence) and INSPECTION.search(sentence)):
            continue
        # "between 2 and 6 March", the year left to the reader: the publication's
        # (the year before, for a later month).
        yearless = YEARLESS_RANGE.search(sentence)
        if yearless and published:
            month = metadata.MONTHS[yearless.group(1).lower()]
            year = int(published[:4]) - (month > int(published[5:7]))
            sentence = f"{sentence[:yearless.end()]} {year}{sentence[yearless.end():]}"
        if metadata.RANGE.search(sentence):
            start, end = metadata.date_range(sentence)
            if end:
                return start, end
    month = inspection_month(flat, published)
    return month, month


#: A range of days in a month with no year ("between 2 and 6 March").
YEARLESS_RANGE = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:to|and|-|–) \d{{1,2}}(?:st|nd|rd|th)? ({MONTH})\b(?!,? \d{{4}})",
                            re.I)


def inspection_month(flat: str, published: str | None) -> str | None:
    """The month of the inspection ("inspected in March", "In March 2019
    Ofsted inspected") as YYYY-MM; the year is the one given, or the
    publication's (the year before, for a later month)."""
    m = INSPECTED_IN.search(flat) or IN_MONTH_INSPECTED.search(flat)
    if not m:
        return None
    month = metadata.MONTHS[m.group(1).lower()]
    if m.group(2):
        year = int(m.group(2))
    elif published:
        year = int(published[:4]) - (month > int(published[5:7]))
    else:
        return None
    return f"{year:04d}-{month:02d}"
