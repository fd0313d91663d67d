"""Features: what the trained components see of a finding.

Words as lemmas (so "waited" and "waits" are one feature), pairs of words
(so "not effective" differs from "effective"), and the rules' own signals:
which categories the taxonomy proposed and which it had some evidence for
below its threshold. The rules carry what the taxonomy's authors know; the
words let the model learn where that knowledge misleads.
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

#: Words that keep their weight for polarity although they are stop words.
POLARITY_WORDS = {"not", "no", "never", "too", "nothing", "none", "cannot", "n't", "well", "enough", "without",
                  "only", "yet", "still", "few", "many", "more", "less", "very"}
#: Words after which the rest of the clause is conceded, not asserted ("Despite
#: improvements, waits remain too long" asserts the waits).
CONCESSIVE = {"despite", "although", "though", "while", "whilst", "notwithstanding"}
#: Words before which what came is conceded ("Plans are good, but reviews are late").
ADVERSATIVE = {"but", "however", "yet"}


def lemma(token) -> str:
    return (token.lemma_ or token.lower_).lower()


def words(doc: Doc) -> dict[str, float]:
    """Content lemmas and adjacent pairs of lemmas (a pair needs one content word)."""
    kept = [t for t in doc if not t.is_punct and not t.is_space]
    found: dict[str, float] = {}
    for token in kept:
        if token.is_alpha and lemma(token) not in STOP_WORDS:
            found["w:" + lemma(token)] = 1.0
    for a, b in zip(kept, kept[1:]):
        if lemma(a) not in STOP_WORDS or lemma(b) not in STOP_WORDS:
            found[f"b:{lemma(a)} {lemma(b)}"] = 1.0
    return found


def rule_signals(doc: Doc, threshold: float) -> dict[str, float]:
    """The rules' evidence per category: proposed, some evidence below the
    threshold, evidence in the first sentence (where a finding names its
    topic), and its share of all the rules' evidence in the finding."""
    totals, first = doc._.rule_totals, doc._.rule_first
    everything = sum(totals.values()) or 1.0
    opening = first_sentence_end(doc)
    found = {}
    for category, total in totals.items():
        found["rule:" + category] = 1.0 if total >= threshold else 0.0
        found["part:" + category] = min(total / threshold, 1.0)
        found["lead:" + category] = 1.0 if first.get(category, opening) < opening else 0.0
        found["share:" + category] = total / everything
    return {k: v for k, v in found.items() if v}


def first_sentence_end(doc: Doc) -> int:
    return next((t.i for t in doc if t.text in {".", "!", "?"}), len(doc))


#: Words that open a sentence about what the sentence before it said.
FOLLOWERS = {"this", "these", "that", "those", "it", "they", "such", "as", "consequently", "therefore", "however",
             "but", "yet", "also", "additionally", "furthermore", "similarly", "for", "in", "despite", "although"}


def follows_on(doc: Doc) -> Doc | None:
    """The sentence before, if this one opens by referring back to it."""
    previous = doc.user_data.get("previous")
    return previous if previous is not None and len(doc) and doc[0].lower_ in FOLLOWERS else None


def category_features(doc: Doc, threshold: float, section: str | None) -> dict[str, float]:
    features = words(doc) | rule_signals(doc, threshold)
    if section == "narrative":
        features["section:narrative"] = 1.0
    before = follows_on(doc)
    if before is not None:
        features |= {"prev:" + name: value for name, value in rule_signals(before, threshold).items()
                     if name.startswith("part:")}
    return features


def asserted(doc: Doc) -> list[bool]:
    """For each token, whether it stands in the clause the sentence asserts
    (False in a conceded clause: after "despite" up to the comma, or before "but")."""
    flags = [True] * len(doc)
    conceding = False
    for i, token in enumerate(doc):
        if token.lower_ in CONCESSIVE:
            conceding = True
        elif token.text in {",", ";"}:
            conceding = False
        elif token.lower_ in ADVERSATIVE and i > 0:
            for j in range(i):
                flags[j] = False
        flags[i] = flags[i] and not conceding
    return flags


def polarity_features(doc: Doc, cues: list[tuple[str, int, bool]]) -> dict[str, float]:
    """Words (stop words that carry polarity kept) and cues, each marked by
    whether it stands in the asserted or a conceded clause.

    `cues` are (label, start token, negated) from the polarity cue matcher."""
    flags = asserted(doc)
    found: dict[str, float] = {}
    kept = [t for t in doc if not t.is_punct and not t.is_space]
    for token in kept:
        if token.is_alpha and (lemma(token) not in STOP_WORDS or token.lower_ in POLARITY_WORDS):
            found[("w:" if flags[token.i] else "cw:") + lemma(token)] = 1.0
    for a, b in zip(kept, kept[1:]):
        found[f"b:{lemma(a)} {lemma(b)}"] = 1.0
    for label, start, negated in cues:
        name = ("cue:" if flags[start] else "ccue:") + label + ("~" if negated else "")
        found[name] = found.get(name, 0.0) + 1.0
    before = follows_on(doc)
    if before is not None:
        # What the sentence before said, turned round by "However" or "But".
        turn = "turn:" if doc[0].lower_ in ADVERSATIVE else "prev:"
        for label, _, negated in before._.cues:
            name = turn + label + ("~" if negated else "")
            found[name] = found.get(name, 0.0) + 1.0
    return found
