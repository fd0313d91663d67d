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

import re
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

from ..taxonomy import Taxonomy
from .features import Word, tokens

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
#: The first words of the openers: most words start none, and are told so at once.
ASIDE_STARTS = {opener[0] for opener in ASIDE_OPENERS}


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
        #: (label, pattern id) string hashes of a match -> its Pattern, worked out at its first match.
        self.patterns: dict[tuple[int, int], Pattern] = {}

    def __call__(self, doc: Doc) -> Doc:
        spans = [(span, self.pattern(span)) for span in doc.spans.get(self.spans_key, [])]
        excluded: dict[str, list[Span]] = {}
        for span, pattern in spans:
            if pattern.excludes:
                excluded.setdefault(pattern.label[len(EXCLUDE):], []).append(span)
        totals: dict[str, float] = {}
        evidence: dict[str, list[str]] = {}
        via: dict[str, set[str]] = {}
        first: dict[str, int] = {}
        aside = asides(doc) if spans else []
        for span, (label, excludes, top, weight) in spans:
            if excludes or self._cancelled(span, excluded.get(label, ())):
                continue
            start = span.start
            weight = weight * (self.aside_weight if aside[start] else 1.0)
            totals[top] = totals.get(top, 0.0) + weight
            first[top] = min(first.get(top, start), start)
            evidence.setdefault(top, [])
            text = span.text
            if text not in evidence[top]:
                evidence[top].append(text)
            if label != top:
                via.setdefault(top, set()).add(label)
        found = doc._  # spaCy makes a new `doc._` at each use
        found.rule_totals = totals
        found.rule_evidence = evidence
        found.rule_first = first
        # The score grows with the evidence: 0.5 at the threshold, 0.75 at twice it...
        found.categories = [
            {"id": cid, "score": round(1 - 0.5 ** (total / self.threshold), 2),
             "evidence": evidence[cid], **({"via": sorted(via[cid])} if cid in via else {})}
            for cid, total in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
            if total >= self.threshold
        ]
        return doc

    def pattern(self, span: Span) -> Pattern:
        """What a match of the span's pattern counts for. Each pattern's is
        worked out once: spaCy looks a span's label and id up in the string
        store at every `label_` and `id_`, and a finding has a few matches of
        the same few hundred patterns."""
        key = (span.label, span.id)
        found = self.patterns.get(key)
        if found is None:
            label = span.label_
            found = self.patterns[key] = Pattern(label, label.startswith(EXCLUDE), self.top(label),
                                                 self.weights.get(span.id_, 1.0))
        return found

    def top(self, category_id: str) -> str:
        seen = set()
        while category_id in self.parents and category_id not in seen:
            seen.add(category_id)
            category_id = self.parents[category_id]
        return category_id

    @staticmethod
    def _cancelled(span: Span, exclusions: list[Span]) -> bool:
        """Whether one of the category's exclusions overlaps the span."""
        return any(x.start < span.end and span.start < x.end for x in exclusions)


class Pattern(NamedTuple):
    """What a match of a pattern counts for."""

    #: The pattern's category, or EXCLUDE and the category it excludes from.
    label: str
    excludes: bool
    #: The category the match counts for: the label's codebook parent at the top.
    top: str
    weight: float


def asides(doc: Doc) -> list[bool]:
    """For each token, whether it stands in an aside (see ASIDE_OPENERS). "For
    example" opening a sentence gives a whole sentence of example, which is
    still the finding's own matter, so only an opener within a clause counts."""
    flags = [False] * len(doc)
    words = [t.lower for t in tokens(doc)]
    inside = False
    for i, word in enumerate(words):
        if word in ASIDE_CLOSERS:
            inside = False
        elif not inside and word in ASIDE_STARTS and any(words[i:i + len(o)] == o for o in ASIDE_OPENERS):
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


@Language.factory(
    "sendscan_ruler_v1",
    default_config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "LEMMA", "validate": True, "overwrite": True},
)
def make_ruler(nlp, name, spans_key: str, phrase_matcher_attr: str, validate: bool, overwrite: bool):
    return Ruler(nlp, name, spans_key=spans_key, phrase_matcher_attr=phrase_matcher_attr, validate=validate,
                 overwrite=overwrite, scorer=None)


class Ruler(SpanRuler):
    """spaCy's span ruler, which runs a token pattern only on findings that hold
    a word the pattern cannot match without.

    spaCy's Matcher walks every token pattern over every token; most of a
    taxonomy's token patterns name a word ("strategy", "delay") that most
    findings lack. Each token pattern is indexed by the words of its most
    selective required token; a finding's words pick the patterns worth
    running (those it holds a word for each required token of), and a
    pattern runs only on the stretches of the finding where a match holding
    an anchor word can lie (as far before and after the word as the
    pattern reaches from its anchor token). Same spans as
    `span_ruler`, in about half the time; patterns save and load with the
    pipeline as the span ruler's do.
    """

    def add_patterns(self, patterns: list[dict]) -> None:
        super().add_patterns(patterns)
        # Patterns with the same anchor words and reach share one Matcher,
        # which walks the stretches around those words once for all of them.
        groups: dict[tuple, list[dict]] = {}
        for entry in self._patterns:
            if isinstance(entry["pattern"], list):
                anchors = anchor_words(entry["pattern"])
                key = (anchors, *(reach(entry["pattern"], anchors) if anchors else (None, None)))
                groups.setdefault(key, []).append(entry)
        self._gated: list[Group] = []
        for (anchors, before, after), entries in groups.items():
            matcher = Matcher(self.nlp.vocab, validate=self.validate)
            for entry in entries:
                matcher.add(repr((entry["label"], entry.get("id", ""))), [entry["pattern"]])
            # A finding visits the group for one of its anchor words: the others it needs are what is left to tell.
            needs = [[words for words in required_words(entry["pattern"]) if words != anchors] for entry in entries]
            self._gated.append(Group(anchors, before, after, needs, matcher))
        # Which groups each anchor word opens: a finding visits only the groups
        # whose words it holds (a few of some sixty), not every group.
        self._by_word: dict[str, list[int]] = {}
        for number, group in enumerate(self._gated):
            for word in group.anchors or ():
                self._by_word.setdefault(word, []).append(number)
        self._ungated = [number for number, group in enumerate(self._gated) if group.anchors is None]
        # Each match's label and pattern id as string hashes, which a Span takes as they are.
        strings = self.nlp.vocab.strings
        self._span_fields = {m: (strings.add(found["label"]), strings.add(found["id"]))
                             for m, found in self._match_label_id_map.items()}

    def clear(self) -> None:
        super().clear()
        self._gated, self._by_word, self._ungated, self._span_fields = [], {}, [], {}

    def match(self, doc: Doc):
        self._require_patterns()
        words = tokens(doc)
        where = word_positions(words)
        # The finding's words as a set: `isdisjoint` walks the smaller of two
        # sets, but the whole of anything else (of a dict, every word it holds).
        held = set(where)
        matches = list(self.phrase_matcher(doc))
        for number in self._ungated + sorted({n for word in held & self._by_word.keys() for n in self._by_word[word]}):
            anchors, before, after, needs, matcher = self._gated[number]
            # Most findings that hold an anchor word lack another word some
            # pattern needs ("strategy" without "no", "clear", "shared"...):
            # telling so from the finding's words is cheaper than a Matcher call.
            if not possible(needs, held):
                continue
            if anchors is None:
                matches.extend(matcher(doc))
                continue
            # A match holds an anchor word: only the tokens within the
            # patterns' reach of one are worth walking (spaCy's Matcher walks
            # every token it is given, and most of a long finding is far from one).
            anchored = sorted({i for word in anchors for i in where.get(word, ())})
            for start, end in windows(anchored, before, after, len(doc)):
                # A match lies within the stretch, and so do the words it needs:
                # most stretches lack one, and telling so is cheaper still.
                if possible(needs, {w for t in words[start:end] for w in (t.lower, t.lemma)}):
                    matches.extend((m, start + s, start + e) for m, s, e in matcher(doc[start:end]))
        # The spans told apart and in order as spaCy's Span objects would be (by
        # start, end, label, id: a later token starts and ends later in the text),
        # each made once: making a Span reads its tokens.
        found = sorted({(start, end, *self._span_fields[m]) for m, start, end in matches if start != end})
        return [Span(doc, start, end, label=label, span_id=span_id) for start, end, label, span_id in found]


class Group(NamedTuple):
    """Token patterns with the same anchor words and reach, in one Matcher."""

    anchors: frozenset | None
    #: The most tokens a match holds before its anchor word, and from it on
    #: (the word included): see `reach`. None if unbounded or no anchors.
    before: int | None
    after: int | None
    #: For each pattern, its `required_words` other than the anchor words.
    needs: list[list[frozenset]]
    matcher: Matcher


#: Token attributes whose literal values a finding's words (lower-case forms
#: and lemmas) are checked against. Not NORM: a token's norm may be neither
#: ("n't" has the norm "not").
LITERAL_ATTRS = ("LOWER", "LEMMA", "ORTH", "TEXT")


def required_words(pattern: list[dict]) -> list[frozenset]:
    """For each token the pattern cannot match without, the words of which a
    finding must hold one (where they can be told)."""
    return [words for spec in pattern for words in spec_words(spec)]


def spec_words(spec: dict) -> list[frozenset]:
    """For a token the pattern cannot match without, the words of which it
    must be one, for each attribute that tells them; none for an optional token."""
    if not required(spec.get("OP")):
        return []
    found = []
    for attr, value in spec.items():
        if attr.upper() not in LITERAL_ATTRS:
            continue
        values = {value} if isinstance(value, str) else set(value.get("IN", [])) if isinstance(value, dict) \
            and set(value) == {"IN"} else None
        if values:
            found.append(frozenset(v.lower() for v in values))
    return found


def possible(needs: list[list[frozenset]], held: set[str]) -> bool:
    """Whether a finding that holds these words holds, for some pattern, a word
    for each token it needs (`needs`: each pattern's `required_words`)."""
    # Loops rather than `all` over a generator: this runs for most groups a finding visits.
    for sets in needs:
        for words in sets:
            if words.isdisjoint(held):
                break
        else:  # a word held for each token the pattern needs
            return True
    return False


def anchor_words(pattern: list[dict]) -> frozenset | None:
    """The words of which a finding must hold one for the pattern to match (the
    smallest such set among its required tokens), or None if none can be told."""
    return min(required_words(pattern), key=len, default=None)


def required(op: str | None) -> bool:
    """Whether a token with this operator must be there at least once."""
    if op in (None, "+"):
        return True
    counted = re.fullmatch(r"\{(\d+)(?:,\d*)?\}", op or "")
    return bool(counted and int(counted.group(1)) > 0)


def word_positions(words: list[Word]) -> dict[str, list[int]]:
    """Where each lower-case form and lemma of a doc's words (`features.tokens`) stands."""
    found: dict[str, list[int]] = {}
    for i, t in enumerate(words):
        found.setdefault(t.lower, []).append(i)
        if t.lemma != t.lower:
            found.setdefault(t.lemma, []).append(i)
    return found


def longest(pattern: list[dict]) -> int | None:
    """The most tokens a match of the pattern can span; None if unbounded."""
    total = 0
    for spec in pattern:
        op = spec.get("OP")
        counted = re.fullmatch(r"\{(\d*)(?:,(\d*))?\}", op or "")
        if op in (None, "!", "?", "1"):
            total += 1
        elif counted and (counted.group(2) or (counted.group(1) and "," not in op)):
            total += int(counted.group(2) or counted.group(1))
        else:  # "*", "+", "{n,}": no bound
            return None
    return total


def reach(pattern: list[dict], anchors: frozenset) -> tuple[int | None, int | None]:
    """The most tokens a match of the pattern holds before a token of its
    anchor words, and from that token on (it included); None if unbounded.
    The anchor token may be any repeat of its spec ("+", "{2,3}"): the
    repeats before it count as before."""
    k = next(i for i, spec in enumerate(pattern) if anchors in spec_words(spec))
    through = longest(pattern[:k + 1])
    return None if through is None else through - 1, longest(pattern[k:])


def windows(anchors: list[int], before: int | None, after: int | None, size: int) -> list[tuple[int, int]]:
    """The stretches of a doc of `size` tokens that a match holding one of
    the `anchors` positions can lie in, at most `before` tokens before it and
    `after` from it on (None: to the doc's edge), merged."""
    merged: list[tuple[int, int]] = []
    for i in anchors:
        start = 0 if before is None else max(0, i - before)
        end = size if after is None else min(size, i + after)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
