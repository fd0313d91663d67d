"""Rules: the taxonomy's patterns (matched by spaCy's span ruler) -> categories.

The span ruler finds every pattern of every category in a finding; the
categorizer here turns those matches into categories with a score and their
evidence. It also keeps each category's total below the threshold
(`doc._.rule_totals`) and where its first match stands (`doc._.rule_first`),
which the trained checker reads: a cue too weak to count alone may still be
the topic, a strong one named in passing may not, and the checker has learnt
when (a finding's topic is mostly named in its first sentence).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..taxonomy import Taxonomy

SPANS_KEY = "sendscan"
EXCLUDE = "exclude:"

Doc.set_extension("categories", default=[], force=True)
Doc.set_extension("rule_totals", default={}, force=True)
Doc.set_extension("rule_evidence", default={}, force=True)
Doc.set_extension("rule_first", default={}, force=True)


#: Words that open an aside: what follows, to the end of the clause, is an
#: example named in passing ("improvements in key areas such as waiting
#: times"), not what the finding is about.
ASIDE_OPENERS = [["such", "as"], ["including"], ["for", "example"], ["for", "instance"], ["e.g."], ["e.g"]]
#: Words that close an aside.
ASIDE_CLOSERS = {".", ";", ")", ":"}


@Language.factory(
    "sendscan_categorizer_v1",
    default_config={"spans_key": SPANS_KEY, "weights": {}, "parents": {}, "threshold": 1.0, "aside_weight": 0.5},
)
def make_categorizer(nlp, name, spans_key: str, weights: dict, parents: dict, threshold: float, aside_weight: float):
    return Categorizer(spans_key, weights, parents, threshold, aside_weight)


class Categorizer:
    """Taxonomy matches -> `doc._.categories`: [{id, score, evidence}].

    Each pattern has a weight (default 1); a category is assigned when the
    weights of its matches add up to `threshold`. An exclude pattern of the
    category that overlaps a match cancels it. A match inside an aside (an
    example named in passing, after "such as", "including", ", for
    example,") counts `aside_weight` of its weight. Child categories roll up
    to their codebook parent, keeping their own id in `via`.
    """

    def __init__(self, spans_key: str, weights: dict, parents: dict, threshold: float, aside_weight: float):
        self.spans_key = spans_key
        self.weights = weights
        self.parents = parents
        self.threshold = threshold
        self.aside_weight = aside_weight

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(self.spans_key, []))
        excluded = [s for s in spans if s.label_.startswith(EXCLUDE)]
        totals: dict[str, float] = {}
        evidence: dict[str, list[str]] = {}
        via: dict[str, set[str]] = {}
        first: dict[str, int] = {}
        aside = asides(doc)
        for span in spans:
            if span.label_.startswith(EXCLUDE) or self._cancelled(span, excluded):
                continue
            top = self.top(span.label_)
            weight = self.weights.get(span.id_, 1.0) * (self.aside_weight if aside[span.start] else 1.0)
            totals[top] = totals.get(top, 0.0) + weight
            first[top] = min(first.get(top, span.start), span.start)
            evidence.setdefault(top, [])
            if span.text not in evidence[top]:
                evidence[top].append(span.text)
            if span.label_ != top:
                via.setdefault(top, set()).add(span.label_)
        doc._.rule_totals = totals
        doc._.rule_evidence = evidence
        doc._.rule_first = first
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


def asides(doc: Doc) -> list[bool]:
    """For each token, whether it stands in an aside (see ASIDE_OPENERS). "For
    example" opening a sentence gives a whole sentence of example, which is
    still the finding's own matter, so only an opener within a clause counts."""
    flags = [False] * len(doc)
    words = [t.lower_ for t in doc]
    inside = False
    for i, word in enumerate(words):
        if word in ASIDE_CLOSERS:
            inside = False
        elif not inside and any(words[i:i + len(o)] == o for o in ASIDE_OPENERS):
            inside = i > 0 and words[i - 1] not in ASIDE_CLOSERS
        flags[i] = inside
    return flags


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


def weights_of(taxonomy: Taxonomy) -> dict[str, float]:
    return {pattern_id(c.id, i): p.weight for c in taxonomy.categories for i, p in enumerate(c.patterns)}


def parents_of(taxonomy: Taxonomy) -> dict[str, str]:
    return {c.id: c.parent for c in taxonomy.categories if c.parent}
