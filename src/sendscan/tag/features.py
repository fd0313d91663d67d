"""Features: what the trained components see of a finding.

Words as lemmas (so "waited" and "waits" are one feature), pairs of words
(so "not effective" differs from "effective"), and the rules' own signals:
which categories the taxonomy proposed and which it had some evidence for
below its threshold. The rules carry what the taxonomy's authors know; the
words let the model learn where that knowledge misleads.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy

from spacy.attrs import LEMMA, ORTH
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



class Word(NamedTuple):
    lower: str
    lemma: str
    alpha: bool
    punct: bool  # punctuation or space
    #: Whether the lemma is a stop word, and the checker's feature of the word
    #: ("w:" and its lemma; None for a stop word or one not alphabetic): each
    #: is worked out once for the word, not at each of its tokens.
    stop: bool
    feature: str | None


def tokens(doc: Doc) -> list[Word]:
    """The doc's tokens as plain tuples, read once per doc (both trained
    components and several features walk them; spaCy's token objects are
    slow to make one by one). A Word holds no position: the same word is
    the same tuple wherever it stands, made once (see WORDS); walk the list
    with `enumerate` for positions."""
    found = doc.user_data.get("tokens")
    if found is None:
        orths, lemmas = doc.to_array([ORTH, LEMMA]).T.tolist()
        found = [WORDS.get(key) or word(doc, key) for key in zip(orths, lemmas)]
        doc.user_data["tokens"] = found
    return found


#: (text, lemma) string hashes -> the Word. A report uses the same few
#: thousand words over and over: each is read from the vocab once (the
#: hashes are of the strings, the same in any vocab).
WORDS: dict[tuple[int, int], Word] = {}


def word(doc: Doc, key: tuple[int, int]) -> Word:
    """Lower-case form, lemma (lower-case, the form if none), alphabetic, punctuation or space."""
    lexeme, lemma = doc.vocab[key[0]], doc.vocab.strings[key[1]]
    lemma = (lemma or lexeme.lower_).lower()
    stop = lemma in STOP_WORDS
    found = WORDS[key] = Word(lexeme.lower_, lemma, lexeme.is_alpha, lexeme.is_punct or lexeme.is_space, stop,
                              "w:" + lemma if lexeme.is_alpha and not stop else None)
    return found


def words(doc: Doc) -> list[str]:
    """Content lemmas and adjacent pairs of lemmas (a pair needs one content
    word), each once, as features: "w:" and the lemma, "b:" and the pair.
    Worked out once per doc: a narrative sentence's are read again for its paragraph."""
    found = doc.user_data.get("words")
    if found is None:
        kept = [t for t in tokens(doc) if not t.punct]
        found = [t.feature for t in kept if t.feature]
        found += [f"b:{a.lemma} {b.lemma}" for a, b in zip(kept, kept[1:]) if not (a.stop and b.stop)]
        found = doc.user_data["words"] = list(dict.fromkeys(found))
    return found


def rule_signals(doc: Doc, threshold: float) -> dict[str, float]:
    """The rules' evidence per category: proposed, some evidence below the
    threshold, evidence in the first sentence (where a finding names its
    topic), and its share of all the rules' evidence in the finding."""
    extensions = doc._  # spaCy makes a new `doc._` at each use
    totals, first = extensions.rule_totals, extensions.rule_first
    if not totals:
        return {}
    opening = first_sentence_end(doc)
    return signals(totals, {category for category, start in first.items() if start < opening}, threshold)


def signals(totals: dict[str, float], leading: set[str], threshold: float) -> dict[str, float]:
    """`rule_signals` from the rules' evidence per category and the categories
    with evidence in the first sentence."""
    everything = sum(totals.values()) or 1.0
    found = {}
    for category, total in totals.items():
        found["rule:" + category] = 1.0 if total >= threshold else 0.0
        found["part:" + category] = min(total / threshold, 1.0)
        found["lead:" + category] = 1.0 if category in leading else 0.0
        found["share:" + category] = total / everything
    return {k: v for k, v in found.items() if v}


def first_sentence_end(doc: Doc) -> int:
    return next((i for i, t in enumerate(tokens(doc)) if t.lower in {".", "!", "?"}), len(doc))


#: Words that open a sentence about what the sentence before it said.
FOLLOWERS = {"this", "these", "that", "those", "it", "they", "such", "as", "consequently", "therefore", "however",
             "but", "yet", "also", "additionally", "furthermore", "similarly", "despite", "although"}
#: Openings of two words that do so, where the first alone need not: "For
#: example" and "In addition" refer back, "For older pupils" and "In general" do not.
FOLLOWING_PAIRS = {("for", "example"), ("for", "instance"), ("in", "addition"), ("in", "turn"), ("in", "contrast"),
                   ("in", "particular")}


def follows_on(doc: Doc) -> Doc | None:
    """The sentence before, if this one opens by referring back to it."""
    previous = doc.user_data.get("previous")
    opening = tuple(t.lower for t in tokens(doc)[:2])
    refers = bool(opening) and (opening[0] in FOLLOWERS or opening in FOLLOWING_PAIRS)
    return previous if previous is not None and refers else None


#: How many word features a one-sentence finding has, about.
SENTENCE_WORDS = 20


def category_features(doc: Doc, threshold: float, section: str | None) -> dict[str, float]:
    features = weighed_words(words(doc)) | rule_signals(doc, threshold)
    if section == "narrative":
        features["section:narrative"] = 1.0
    before = follows_on(doc)
    if before is not None:
        features |= {"prev:" + name: value for name, value in rule_signals(before, threshold).items()
                     if name.startswith("part:")}
    return features


def weighed_words(found: list[str]) -> dict[str, float]:
    """Word features with their weight. A bullet of five sentences names many
    things in passing: each of its words weighs less, by the square root of
    how many there are (held-out finding F1 0.79 to 0.80, document F1 0.90 to 0.93)."""
    return dict.fromkeys(found, (SENTENCE_WORDS / len(found)) ** 0.5 if found else 1.0)


def paragraph_of(doc: Doc) -> list[Doc]:
    """A narrative sentence's paragraph (see `pipeline.finding_docs`); a
    sentence read without one is a paragraph of its own."""
    return doc.user_data.get("paragraph") or [doc]


def paragraph_key(doc: Doc) -> int:
    """What tells a sentence's paragraph from others (`paragraph_of`)."""
    return id(doc.user_data.get("paragraph") or doc)


def paragraph_features(paragraph: list[Doc], threshold: float) -> dict[str, float]:
    """A narrative paragraph's features as those of one finding, as the
    bullets' model reads a bullet of as many sentences: the words of all of
    them, and the rules' evidence summed over them (weak cues in several
    sentences add up, as they do in a bullet), led by the first sentence's."""
    found = list(dict.fromkeys(feature for doc in paragraph for feature in words(doc)))
    totals: dict[str, float] = {}
    for doc in paragraph:
        for category, total in doc._.rule_totals.items():
            totals[category] = totals.get(category, 0.0) + total
    return weighed_words(found) | signals(totals, set(paragraph[0]._.rule_totals), threshold)


def asserted(doc: Doc) -> list[bool]:
    """For each token, whether it stands in the clause the sentence asserts
    (False in a conceded clause: after "despite" up to the comma, or before "but")."""
    flags = [True] * len(doc)
    conceding = False
    for i, token in enumerate(tokens(doc)):
        if token.lower in CONCESSIVE:
            conceding = True
        elif token.lower in {",", ";"}:
            conceding = False
        elif token.lower in ADVERSATIVE and i > 0:
            flags[:i] = [False] * i
        flags[i] = flags[i] and not conceding
    return flags


def polarity_features(doc: Doc, cues: list[tuple[str, int, bool]]) -> dict[str, float]:
    """Words (stop words that carry polarity kept) and cues, each marked by
    whether it stands in the asserted or a conceded clause.

    `cues` are (label, start token, negated) from the polarity cue matcher."""
    flags = asserted(doc)
    found: dict[str, float] = {}
    kept = [(token, flag) for token, flag in zip(tokens(doc), flags) if not token.punct]
    for token, flag in kept:
        if token.alpha and (not token.stop or token.lower in POLARITY_WORDS):
            found[("w:" if flag else "cw:") + token.lemma] = 1.0
    for (a, _), (b, _) in zip(kept, kept[1:]):
        found[f"b:{a.lemma} {b.lemma}"] = 1.0
    for label, start, negated in cues:
        name = ("cue:" if flags[start] else "ccue:") + label + ("~" if negated else "")
        found[name] = found.get(name, 0.0) + 1.0
    # The report's outcome: a narrative under "widespread and/or systemic
    # failings" mostly tells of shortfalls, one under "typically positive"
    # of what works, and a mild sentence leans the report's way (held-out
    # narrative polarity 0.831 to 0.846).
    if doc.user_data.get("outcome") and doc.user_data.get("section") == "narrative":
        found["outcome:" + doc.user_data["outcome"]] = 1.0
    # The cues' verdict as one number, as the rules alone would judge the
    # asserted clause: "no concerns about waiting times" is good news although
    # "waiting times" mostly come with bad news in the examples.
    balance = cue_balance([cue for cue in cues if flags[cue[1]]])
    if balance:
        found["cue:balance"] = max(-3.0, min(3.0, float(balance)))
    before = follows_on(doc)
    if before is not None:
        # What the sentence before said, turned round by "However" or "But".
        turn = "turn:" if tokens(doc)[0].lower in ADVERSATIVE else "prev:"
        for label, _, negated in before._.cues:
            name = turn + label + ("~" if negated else "")
            found[name] = found.get(name, 0.0) + 1.0
    return found


def cue_balance(cues: list[tuple[str, int, bool]]) -> int:
    """Strength cues less weakness cues, a negated cue counting the other way."""
    return sum({"POS": 1, "NEG": -1}.get(label, 0) * (-1 if negated else 1) for label, _, negated in cues)


#: The log-odds that stand for a neighbour there is not (the first sentence
#: of a section, one not scored): a probability of about 0.007.
ABSENT = -5.0
#: What the context model sees of each category in a narrative sentence: its
#: own log-odds and rule evidence, those of the sentences before and after
#: (and the log-odds again where they share its paragraph, or where it opens
#: by referring back), the mean and highest probability over the rest
#: of its paragraph, and the log-odds of the bullets' model for the whole
#: paragraph read as one finding (`paragraph_features`). The same for every
#: category, so that one small model learns how much a neighbour's topic
#: counts, whatever the topic.
CONTEXT = ("own", "rule", "part", "before", "before_rule", "before_part", "paragraph_before", "follows_before",
           "after", "after_rule", "after_part", "paragraph_after", "paragraph_mean", "paragraph_max",
           "paragraph_topic")


def context_rows(docs: list[Doc], categories: list[str], probabilities_of, threshold: float,
                 topics: dict[int, dict[str, float]]) -> numpy.ndarray:
    """The CONTEXT columns of narrative sentences, one row per sentence and
    category (the first sentence's categories, then the next one's...);
    `probabilities_of(doc)` gives a sentence's probabilities, or None for a
    neighbour that has none; `topics` the probabilities of each paragraph
    read as one finding, by `paragraph_key` (absent: none). Worked out
    with numpy over the whole batch at once: a report has some forty
    narrative sentences and twenty categories."""
    met: list[Doc] = []  # every sentence met, in docs or as a neighbour, with probabilities
    found: list[dict[str, float]] = []
    row_of: dict[int, int] = {}

    def row(doc: Doc | None) -> int:
        if doc is None:
            return -1
        if id(doc) not in row_of:
            p = probabilities_of(doc)
            row_of[id(doc)] = -1 if p is None else len(met)
            if p is not None:
                met.append(doc)
                found.append(p)
        return row_of[id(doc)]

    own = numpy.array([row(doc) for doc in docs])
    # Each paragraph: where its sentences stand in `docs`, and the rows of all of its sentences.
    positions: dict[int, list[int]] = {}
    for i, doc in enumerate(docs):
        if doc.user_data.get("paragraph"):
            positions.setdefault(id(doc.user_data["paragraph"]), []).append(i)
    members = {key: [k for k in map(row, docs[at[0]].user_data["paragraph"]) if k >= 0] for key, at in positions.items()}
    neighbours = {key: [doc.user_data.get(key) for doc in docs] for key in ("previous", "next")}
    index = {key: numpy.array([row(n) for n in near]) for key, near in neighbours.items()}
    p = numpy.array([[q[c] for c in categories] for q in found], "f")
    odds = log_odds(p)
    evidence = numpy.array([[totals.get(c, 0.0) for c in categories] for totals in (doc._.rule_totals for doc in met)],
                           "f")
    rule, part = (evidence >= threshold).astype("f"), numpy.minimum(evidence / threshold, 1.0)

    columns = numpy.zeros((len(docs), len(CONTEXT), len(categories)), "f")
    column = {name: i for i, name in enumerate(CONTEXT)}
    columns[:, column["own"]], columns[:, column["rule"]], columns[:, column["part"]] = odds[own], rule[own], part[own]
    for name, key in (("before", "previous"), ("after", "next")):
        there = index[key] >= 0
        at = index[key][there]
        columns[:, column[name]] = ABSENT
        columns[there, column[name]], columns[there, column[name + "_rule"]], columns[there, column[name + "_part"]] = (
            odds[at], rule[at], part[at])
        shared = there & numpy.array([n is not None and doc.user_data.get("paragraph") is not None
                                      and n.user_data.get("paragraph") is doc.user_data.get("paragraph")
                                      for doc, n in zip(docs, neighbours[key])], bool)
        columns[shared, column["paragraph_" + name]] = columns[shared, column[name]]
    follows = (index["previous"] >= 0) & numpy.array([follows_on(doc) is not None for doc in docs], bool)
    columns[follows, column["follows_before"]] = columns[follows, column["before"]]
    # Over the rest of each paragraph: the mean without the sentence itself,
    # and the highest (the second highest where the sentence holds the highest).
    for key, rows in members.items():
        if len(rows) < 2:
            continue
        inside = numpy.array(positions[key])
        ranked = numpy.sort(p[rows], axis=0)
        mine = p[own[inside]]
        columns[inside, column["paragraph_mean"]] = (p[rows].sum(axis=0) - mine) / (len(rows) - 1)
        columns[inside, column["paragraph_max"]] = numpy.where(mine >= ranked[-1], ranked[-2], ranked[-1])
    topic = [topics.get(paragraph_key(doc)) for doc in docs]
    read = [i for i, q in enumerate(topic) if q is not None]
    columns[:, column["paragraph_topic"]] = ABSENT
    if read:
        columns[read, column["paragraph_topic"]] = log_odds(numpy.array([[topic[i][c] for c in categories]
                                                                           for i in read], "f"))
    return columns.transpose(0, 2, 1).reshape(-1, len(CONTEXT))


def log_odds(p: numpy.ndarray) -> numpy.ndarray:
    clipped = numpy.clip(p, 1e-4, 1 - 1e-4)
    return numpy.log(clipped / (1 - clipped))
