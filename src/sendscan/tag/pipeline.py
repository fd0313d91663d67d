"""Tag: findings -> categories of the taxonomy, with scores, evidence and polarity.

The pipeline is a blank English spaCy pipeline (no model to download):

    lemmatizer (lookup tables) -> span_ruler (the taxonomy's patterns as
    data) -> sendscan_categorizer_v1 -> sendscan_polarity_v1

There is no sentencizer: each doc is already one finding (structure splits
narrative into sentences), and nothing here needs sentence boundaries.

The two sendscan components are registered factories whose settings live in
the pipeline's config, so `nlp.to_disk(path)` and `spacy.load(path)` give the
same pipeline back (the span ruler saves its patterns itself).
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from .model import FINDING_KINDS, Document, Finding, Section, Tag
from .taxonomy import Problem, Taxonomy

SPANS_KEY = "sendscan"
EXCLUDE = "exclude:"

Doc.set_extension("categories", default=[], force=True)
Doc.set_extension("polarity", default="neutral", force=True)

#: Words that turn a cue round when they come just before it.
NEGATORS = ["not", "no", "never", "n't", "without", "nor", "neither", "lack"]
#: Cues of a weakness and of a strength in a narrative sentence (lemmas).
NEGATIVE_CUES = [
    "wait too long", "too long", "too few", "too many", "too late", "too slow", "too often", "delay", "late",
    "poor", "weak", "weakness", "lack", "gap", "concern", "inconsistent", "variable", "variability", "limited",
    "insufficient", "not effective", "unacceptable", "fail", "failing", "failure", "struggle", "difficult",
    "frustrate", "frustration", "unclear", "backlog", "shortfall", "deficit", "decline", "worse", "do not",
    "does not", "have not", "has not", "is not", "are not", "cannot", "unmet", "inappropriate", "slow",
    "low", "high rate", "increase in exclusion", "disadvantage", "dissatisfaction", "dissatisfied",
    "more work to be done", "more to do", "yet to", "not yet", "excessive", "patchy", "fragmented",
]
POSITIVE_CUES = [
    "effective", "effectively", "strong", "strength", "well", "good", "improve", "improvement", "timely",
    "positive", "successful", "successfully", "valued", "value", "benefit", "robust", "swift", "swiftly",
    "high quality", "high-quality", "appropriate", "appropriately", "committed", "ambitious", "thrive",
    "progress", "sufficient progress", "no concern", "well-established", "established", "innovative", "quick",
    "quickly", "accurate", "accurately", "excellent", "impressive", "comprehensive", "proactive",
    "needs are met", "needs met", "highly valued", "well supported", "make progress",
    "right time", "right help", "right support", "identified early", "listen to", "enjoy",
]


@Language.factory(
    "sendscan_categorizer_v1",
    default_config={"spans_key": SPANS_KEY, "weights": {}, "parents": {}, "threshold": 1.0},
)
def make_categorizer(nlp, name, spans_key: str, weights: dict, parents: dict, threshold: float):
    return Categorizer(spans_key, weights, parents, threshold)


class Categorizer:
    """Taxonomy matches -> `doc._.categories`: [{id, score, evidence}].

    Each pattern has a weight (default 1); a category is assigned when the
    weights of its matches add up to `threshold`. An exclude pattern of the
    category that overlaps a match cancels it. Child categories roll up to
    their codebook parent, keeping their own id in `via`.
    """

    def __init__(self, spans_key: str, weights: dict, parents: dict, threshold: float):
        self.spans_key = spans_key
        self.weights = weights
        self.parents = parents
        self.threshold = threshold

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(self.spans_key, []))
        excluded = [s for s in spans if s.label_.startswith(EXCLUDE)]
        totals: dict[str, float] = {}
        evidence: dict[str, list[str]] = {}
        via: dict[str, set[str]] = {}
        for span in spans:
            if span.label_.startswith(EXCLUDE) or self._cancelled(span, excluded):
                continue
            top = self.top(span.label_)
            totals[top] = totals.get(top, 0.0) + self.weights.get(span.id_, 1.0)
            evidence.setdefault(top, [])
            if span.text not in evidence[top]:
                evidence[top].append(span.text)
            if span.label_ != top:
                via.setdefault(top, set()).add(span.label_)
        # The score grows with the evidence: 0.5 at the threshold, 0.75 at twice it...
        doc._.categories = [
            {"id": cid, "score": round(1 - 0.5 ** (total / self.threshold), 2),
             "evidence": evidence[cid], **({"via": sorted(via[cid])} if cid in via else {})}
            for cid, total in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
            if total >= self.threshold
        ]
        return doc

    def top(self, category_id: str) -> str:
        seen = set()
        while category_id in self.parents and category_id not in seen:
            seen.add(category_id)
            category_id = self.parents[category_id]
        return category_id

    def _cancelled(self, span: Span, excluded: list[Span]) -> bool:
        label = EXCLUDE + span.label_
        return any(x.label_ == label and x.start < span.end and span.start < x.end for x in excluded)


@Language.factory(
    "sendscan_polarity_v1",
    default_config={
        "section_polarity": {k: v for k, v in FINDING_KINDS.items() if v},
        "negative": NEGATIVE_CUES, "positive": POSITIVE_CUES, "negators": NEGATORS, "window": 3,
    },
)
def make_polarity(nlp, name, section_polarity: dict, negative: list, positive: list, negators: list, window: int):
    return Polarity(nlp, section_polarity, negative, positive, negators, window)


class Polarity:
    """`doc._.polarity`: weakness, strength or neutral.

    The section decides where the letter gives one (`doc.user_data["section"]`,
    and a revisit's `doc.user_data["verdict"]`); otherwise the sentence's own
    cues do, a cue counting the other way when a negator stands just before it
    ("no concerns about waiting times" is not a weakness).
    """

    def __init__(self, nlp, section_polarity: dict, negative: list, positive: list, negators: list, window: int):
        self.nlp = nlp
        self.section_polarity = section_polarity
        self.cues = {"NEG": negative, "POS": positive}
        self.negators = set(negators)
        self.window = window
        self._matcher: Matcher | None = None

    @property
    def matcher(self) -> Matcher:
        # Built on first use: the cues are matched by lemma, and when a saved
        # pipeline loads, the lemma tables arrive after this component is made.
        if self._matcher is None:
            self._matcher = Matcher(self.nlp.vocab)
            for label, cues in self.cues.items():
                self._matcher.add(label, [lemma_pattern(self.nlp, cue) for cue in cues])
        return self._matcher

    def __call__(self, doc: Doc) -> Doc:
        given = self.section_polarity.get(doc.user_data.get("section"))
        verdict = doc.user_data.get("verdict")
        if verdict:
            given = "strength" if verdict == "sufficient" else "weakness"
        doc._.polarity = given or self.from_sentence(doc)
        return doc

    def from_sentence(self, doc: Doc) -> str:
        score = 0
        matches = [(doc.vocab.strings[m], s, e) for m, s, e in self.matcher(doc)]
        # Longer cues win over the words inside them ("not effective" over "effective").
        kept = []
        for label, s, e in sorted(matches, key=lambda m: (m[1], -(m[2] - m[1]))):
            if kept and s < kept[-1][2]:
                continue
            kept.append((label, s, e))
        for label, s, e in kept:
            sign = 1 if label == "POS" else -1
            score += -sign if self.negated(doc, s) else sign
        return "strength" if score > 0 else "weakness" if score < 0 else "neutral"


    def negated(self, doc: Doc, start: int) -> bool:
        """A negator within `window` words before the cue, in the same phrase:
        "not effective", "no concerns", but not "not addressed these failures"."""
        for token in reversed(doc[max(0, start - self.window):start]):
            if token.lower_ in PHRASE_BREAKS or token.is_punct:
                return False
            if token.lower_ in self.negators or token.lemma_ in self.negators:
                return True
        return False


#: Words that start another phrase, beyond which a negator does not reach.
PHRASE_BREAKS = {"the", "these", "this", "those", "their", "its", "a", "an", "and", "but", "which", "that", "however"}


def lemma_pattern(nlp, phrase: str) -> list[dict]:
    """A token pattern matching a phrase by the lemma of each word."""
    doc = nlp.make_doc(phrase.lower())
    if "lemmatizer" in nlp.pipe_names:
        doc = nlp.get_pipe("lemmatizer")(doc)
    return [{"LEMMA": t.lemma_ or t.lower_} for t in doc]


# --- building and running the pipeline --------------------------------------


def pipeline(taxonomy: Taxonomy) -> Language:
    """A blank English pipeline that tags text with this taxonomy's categories."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("span_ruler", config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "LEMMA", "validate": True})
    weights = {pattern_id(c.id, i): p.weight for c in taxonomy.categories for i, p in enumerate(c.patterns)}
    parents = {c.id: c.parent for c in taxonomy.categories if c.parent}
    nlp.add_pipe("sendscan_categorizer_v1", config={"weights": weights, "parents": parents})
    nlp.initialize()  # loads the lemma lookup tables from spacy-lookups-data
    nlp.get_pipe("span_ruler").add_patterns(ruler_patterns(taxonomy))
    nlp.add_pipe("sendscan_polarity_v1")
    nlp.meta["sendscan_taxonomy"] = {"name": taxonomy.name, "digest": taxonomy.digest}
    return nlp


def pattern_id(category_id: str, index: int) -> str:
    return f"{category_id}#{index}"


def ruler_patterns(taxonomy: Taxonomy) -> list[dict]:
    """The span ruler's patterns: each category's patterns, then its exclusions."""
    patterns = []
    for c in taxonomy.categories:
        for i, p in enumerate(c.patterns):
            patterns.append({"label": c.id, "id": pattern_id(c.id, i), "pattern": ruler_value(p.value)})
        for i, p in enumerate(c.exclude):
            patterns.append({"label": EXCLUDE + c.id, "id": f"{EXCLUDE}{c.id}#{i}", "pattern": ruler_value(p.value)})
    return patterns


def ruler_value(value):
    # Text is lower-cased before tagging, so phrases are lower-cased to match.
    return value.lower() if isinstance(value, str) else value


def finding_docs(nlp: Language, pairs: list[tuple[Section, Finding]]):
    """Docs for findings, each knowing its section (for polarity)."""
    for section, finding in pairs:
        doc = nlp.make_doc(finding.text.lower())
        doc.user_data["section"] = section.kind
        if section.verdict:
            doc.user_data["verdict"] = section.verdict
        yield doc


def tag_texts(nlp: Language, texts: list[str], section: str | None = None) -> list[Tag]:
    """Tag free sentences (taxonomy examples, tests) as if from one section kind."""
    pairs = [(Section(kind=section or "narrative", title="", page=0), Finding(t, 0, 0, len(t))) for t in texts]
    return [Tag(d._.polarity, d._.categories) for d in nlp.pipe(finding_docs(nlp, pairs))]


def tag_document(nlp: Language, document: Document, batch_size: int = 64) -> list[Tag]:
    """One Tag per finding of the document, in `document.findings()` order."""
    docs = nlp.pipe(finding_docs(nlp, list(document.findings())), batch_size=batch_size)
    return [Tag(d._.polarity, d._.categories) for d in docs]


def example_problems(taxonomy: Taxonomy, nlp: Language | None = None) -> list[Problem]:
    """Examples that do not behave as the taxonomy declares, and patterns spaCy rejects."""
    try:
        nlp = nlp or pipeline(taxonomy)
    except ValueError as e:  # the span ruler validates token patterns
        return [Problem(taxonomy.path, None, "patterns", f"a token pattern is not valid for spaCy's Matcher: {e}")]
    found = []
    for c in taxonomy.categories:
        texts = c.match + c.no_match
        for text, result in zip(texts, tag_texts(nlp, texts)):
            got = any(c.id == h["id"] or c.id in h.get("via", []) for h in result.categories)
            if text in c.match and not got:
                found.append(Problem(taxonomy.path, c.line, c.id, f"example should match but does not: {text!r}"))
            if text in c.no_match and got:
                evidence = next((h["evidence"] for h in result.categories if h["id"] == c.id), [])
                found.append(Problem(taxonomy.path, c.line, c.id, f"example should not match but does (on {evidence}): {text!r}"))
    return found
