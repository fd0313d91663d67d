"""Polarity: weakness, strength or neutral for each finding.

Where the letter gives one, the section decides (the codebook's table: "need
to do better" is weakness, a revisit section takes its verdict). Elsewhere -
narrative sentences, news - the sentence's own words decide, through a model
trained on the project's gold (`sendscan train`): strength and weakness
bullets, areas for improvement, annotated narrative sentences and neutral
context. It sees the words and the cues below, each marked as asserted or
conceded ("Despite improvements, waits remain too long" asserts the waits).
Without a trained model, the cues are counted, a negator just before a cue
turning it round ("no concerns about waiting times" is not a weakness).

Two things come before the words' balance. A short quotation that names an
aim ("the approach to 'doing the basics well'", "its 'getting it right'
programme") is a name, not a judgement: its cues are not counted. And a
sentence that ends on its verdict ("... on time and in partnership with
agencies is weak", "... also remained weaknesses") takes that verdict,
whatever its long subject praises on the way.
"""

from __future__ import annotations

from pathlib import Path

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import minibatch

from ..model import FINDING_KINDS
from .features import Word, asserted, cue_balance, polarity_features, tokens
from .linear import LinearModel

Doc.set_extension("polarity", default="neutral", force=True)
Doc.set_extension("cues", default=[], force=True)

MODEL_FILE = "model.msgpack"
POLARITIES = ["weakness", "strength", "neutral"]

#: How sure the model must be that a listed item praises (see Polarity.from_sentence).
LISTED_STRENGTH = 0.6
#: Words that turn a cue round when they come just before it.
NEGATORS = ["not", "no", "never", "n't", "without", "nor", "neither", "lack"]
#: Cues of a weakness and of a strength in a narrative sentence (lemmas).
NEGATIVE_CUES = [
    "wait too long", "too long", "too few", "too many", "too late", "too slow", "too often", "delay", "late",
    "poor", "weak", "weakness", "lack", "gap", "concern", "inconsistent", "variable", "variability", "limited",
    "insufficient", "not effective", "unacceptable", "fail", "failing", "failings", "failure", "struggle",
    "difficult", "frustrate", "frustration", "unclear", "backlog", "shortfall", "deficit", "decline", "worse", "do not",
    "does not", "have not", "has not", "is not", "are not", "cannot", "unmet", "inappropriate", "slow",
    "low", "high rate", "increase in exclusion", "disadvantage", "dissatisfaction", "dissatisfied",
    "more work to be done", "more to do", "yet to", "not yet", "excessive", "patchy", "fragmented",
    "not enough", "not always", "not consistently", "not sufficiently", "not well", "not clear", "no clear",
    "crisis", "shortage", "barrier", "confuse", "confusing", "adversarial", "lengthy", "mixed", "stress",
    "battle", "complaint", "disjointed", "too much", "too little", "too early", "too soon", "only a few",
    "few", "fewer", "little", "unable", "unaware", "unsure", "lack of", "escalate", "distress", "isolated",
    "should have", "could have", "depend on", "vary", "varies", "emerging", "out of school", "left without",
    "miss out", "problem", "difficulty", "hard to", "reliant", "rely on", "not met", "above the national",
    "inaccurate", "inaccurately", "high", "rise", "increase", "fall", "reduce", "reduction", "decrease", "drop",
    "left behind", "leave behind", "limit", "distracted", "get worse", "significant weakness", "significant concern",
    "negative", "negatively", "still emerge", "need accelerate", "not yet bring about",
    # how news retells an inspection's criticism
    "criticise", "criticize", "criticism", "urge", "demand", "order to", "would like", "poor experience",
    "damning", "require improvement", "must improve", "need to improve",
    # judgements the lookup lemmatiser leaves as they are, or that were missing
    "inadequate", "ineffective", "poorly", "underdeveloped", "under-developed", "unacceptably", "generic",
    "rarely", "seldom", "lose faith", "lose confidence", "lose trust", "repeat their story", "retell their story",
    "critical of", "vague", "less",
    # a disparity ("excluded more often than other pupils"), a small share ("only around one in five")
    "more often than", "only around", "only about", "only one in", "only half", "only a third", "only a quarter",
    # a time limit missed (a longer cue than the limit met, below)
    "not finish within", "not complete within", "not issue within", "not finalise within",
    # a good that reaches only some ("not all schools are inclusive", "some are, others are not")
    "not all", "not every", "not equally", "other be not", "other do not", "other have not",
    # work not yet done ("joint working is still developing"), help given unevenly
    "still developing", "inconsistently",
]
POSITIVE_CUES = [
    "effective", "effectively", "strong", "strength", "well", "good", "improve", "improvement", "timely",
    "positive", "successful", "successfully", "valued", "value", "benefit", "robust", "swift", "swiftly",
    "high quality", "high-quality", "appropriate", "appropriately", "committed", "ambitious", "thrive",
    "progress", "sufficient progress", "no concern", "well-established", "established", "innovative", "quick",
    "quickly", "accurate", "accurately", "excellent", "impressive", "comprehensive", "proactive",
    "needs are met", "needs met", "highly valued", "well supported", "make progress",
    "right time", "right help", "right support", "identified early", "listen to", "enjoy",
    "determination", "determined", "child-centred", "person-centred", "succeed", "help they need",
    "support they need", "prompt", "promptly", "seamless", "seamlessly", "smooth", "smoothly", "confident",
    "confidence", "independence", "happy", "safe", "inclusive", "tailored", "flexible", "responsive", "knowledgeable",
    "skilled", "dedicated", "passionate", "better", "helpful", "supportive", "well-coordinated",
    "not dependent on", "rightly", "very low", "on time", "within timescale", "within the timescale",
    # the statutory time limit met ("within the 20-week limit"), not "limit" as a weakness
    "week limit", "week time limit", "week timescale", "legal timescale", "statutory timescale", "legal time limit",
    "statutory time limit",
    # how news retells an inspection's praise
    "praise", "commend", "single out for praise",
]
#: Cues of work begun or planned, which the codebook counts as neither side
#: ("Leaders are planning a new strategy to address these concerns").
PLANNED_CUES = [
    "plan to", "be plan", "start to", "begin to", "in the process of", "take action to", "aim to", "aim for",
    "commit to", "committed to", "under consultation", "be developing", "intend to", "work to address", "seek to",
    "have start", "at an early stage", "be consult",
]
#: Nouns that name an aim, a way of working or a slogan: a short quotation
#: after them ("the approach to 'doing the basics well'") or before them
#: ("its 'getting it right' programme") is what it is called, not how it is judged.
AIMS = {"approach", "aim", "aims", "ambition", "motto", "slogan", "strategy", "programme", "program", "vision",
        "pledge", "promise", "goal", "mission", "principle", "policy", "initiative", "campaign", "ethos",
        "commitment", "priority", "model", "framework", "charter", "project", "agenda", "mantra", "called",
        "named", "entitled", "dubbed"}
#: Words between such a noun and its quotation ("the aim of", "an approach to").
AIM_LINKS = {"to", "of", "for", "on", "as", "known", "its", "their", "the", "a", "an"}
QUOTES = {"'", "‘", "’", '"', "“", "”"}
#: A quotation this long or longer is someone's words, not a name.
NAME_TOKENS = 8
#: A sentence that ends "<is> [still, too...] <verdict>": that verdict is what it asserts.
COPULAS = {"is", "are", "was", "were", "be", "been", "remain", "remains", "remained", "seem", "seems", "appear",
           "appears", "proved", "prove"}
VERDICT_FILLERS = {"also", "still", "too", "very", "particularly", "now", "generally", "often", "consistently",
                   "highly", "a", "an", "key", "significant", "major", "serious", "real", "not", "n't", "never",
                   "largely", "mostly", "equally", "currently", "exceptionally", "notably", "clear"}
VERDICTS = {
    "weakness": {"weak", "poor", "inadequate", "ineffective", "weakness", "weaknesses", "concern", "concerns",
                 "unacceptable", "underdeveloped", "insufficient", "inconsistent", "variable", "patchy",
                 "fragmented", "failing", "unsatisfactory"},
    "strength": {"effective", "strong", "good", "strength", "strengths", "excellent", "robust", "impressive",
                 "outstanding", "successful"},
}
#: Words that open a clause asking rather than asserting ("whether it is effective").
OPEN_QUESTIONS = {"whether", "if", "how", "why"}
#: Words that start another phrase, beyond which a negator does not reach.
PHRASE_BREAKS = {"the", "these", "this", "those", "their", "its", "and", "but", "which", "that", "however"}
#: Things that are bad to have much of: with them, fewer is a strength and more a weakness
#: ("exclusions have fallen", "rates of admission are low", "few complaints").
BAD_THINGS = {"exclusion", "exclude", "suspension", "suspend", "complaint", "appeal", "tribunal", "admission", "neet",
              "absence", "wait", "waiting", "delay", "backlog", "crisis", "deficit", "overspend", "turnover", "vacancy"}
#: Words of less and of more, which a bad thing turns round.
LESS = {"low", "few", "less", "fall", "reduce", "reduction", "decrease", "decline", "drop"}
MORE = {"high", "rise", "increase", "grow"}
#: Units a wait is counted in, and how far after "wait" one may stand ("waited up to two years").
DURATIONS = {"week", "month", "year"}
WAIT_REACH = 6


@Language.factory(
    "sendscan_polarity_v2",
    default_config={
        "section_polarity": {k: v for k, v in FINDING_KINDS.items() if v},
        "negative": NEGATIVE_CUES, "positive": POSITIVE_CUES, "planned": PLANNED_CUES, "negators": NEGATORS,
        "window": 3,
    },
)
def make_polarity(nlp, name, section_polarity: dict, negative: list, positive: list, planned: list, negators: list,
                  window: int):
    return Polarity(nlp, section_polarity, negative, positive, planned, negators, window)


class Polarity:
    """`doc._.polarity`: from the section (`doc.user_data["section"]`, and a
    revisit's `doc.user_data["verdict"]`), else from the sentence."""

    def __init__(self, nlp, section_polarity: dict, negative: list, positive: list, planned: list, negators: list,
                 window: int):
        self.nlp = nlp
        self.section_polarity = section_polarity
        self.cue_words = {"NEG": negative, "POS": positive, "PLAN": planned}
        self.negators = set(negators)
        self.window = window
        self.model = LinearModel(POLARITIES, exclusive=True)
        self._matcher: PhraseMatcher | None = None

    @property
    def matcher(self) -> PhraseMatcher:
        # Built on first use: cues are matched by lemma, and when a saved
        # pipeline loads, the lemma tables arrive after this component is made.
        if self._matcher is None:
            self._matcher = PhraseMatcher(self.nlp.vocab, attr="LEMMA")
            lemmatize = self.nlp.get_pipe("lemmatizer") if "lemmatizer" in self.nlp.pipe_names else (lambda d: d)
            for label, cues in self.cue_words.items():
                self._matcher.add(label, [lemmatize(self.nlp.make_doc(cue.lower())) for cue in cues])
        return self._matcher

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size: int = 256):
        """The docs with their polarity, the model weighing a batch's sentences at once (see `Checker.pipe`)."""
        for batch in minibatch(docs, batch_size):
            given = [self.given(doc) for doc in batch]
            judged = [doc for doc, side in zip(batch, given) if side is None]
            for doc in judged:  # all first: a sentence's features read the cues of the one before
                doc._.cues = self.cues(doc)
            weighed = iter(self.model.probabilities_of([polarity_features(doc, doc._.cues) for doc in judged])
                           if self.model.trained else [None] * len(judged))
            for doc, side in zip(batch, given):
                doc._.polarity = side or self.from_sentence(doc, next(weighed))
                yield doc

    def given(self, doc: Doc) -> str | None:
        """The polarity the section gives (a revisit section's, its verdict), if it gives one."""
        verdict = doc.user_data.get("verdict")
        if verdict:
            return "strength" if verdict == "sufficient" else "weakness"
        return self.section_polarity.get(doc.user_data.get("section"))

    def from_sentence(self, doc: Doc, p: dict[str, float] | None) -> str:
        """The sentence's own side, from its cues (`doc._.cues`) and the
        model's probabilities `p` (None without a trained model). An item
        of a list the inspection set out (section "listed"; news: "The
        report found:") has no neutral: such lists are mostly of
        weaknesses, so an item is one unless its own words clearly praise
        ("plans are written without asking families" is not praise, though
        "plans" and "families" mostly come with it)."""
        listed = doc.user_data.get("section") == "listed"
        verdict = final_verdict(doc)
        if verdict:
            return verdict
        if p is None:
            score = cue_balance(doc._.cues)
            if listed:
                return "strength" if score > 0 else "weakness"
            return "strength" if score > 0 else "weakness" if score < 0 else "neutral"
        if listed:
            return "strength" if p["strength"] >= LISTED_STRENGTH else "weakness"
        # Neutral only when the model holds it likelier than either side
        # together: a finding that judges at all mostly says which way.
        if p["neutral"] >= 0.5:
            return "neutral"
        return "weakness" if p["weakness"] >= p["strength"] else "strength"

    def cues(self, doc: Doc) -> list[tuple[str, int, bool]]:
        """(NEG or POS, first token, negated) of each cue; a longer cue wins over
        the words inside it ("not effective" over "effective")."""
        matches = sorted(((doc.vocab.strings[m], s, e) for m, s, e in self.matcher(doc)), key=lambda m: (m[1], -m[2]))
        kept = []
        for label, s, e in matches:
            if kept and s < kept[-1][2]:
                continue
            kept.append((label, s, e))
        # The words as plain tuples (`features.tokens`): spaCy's Token objects are slow to make one by one.
        words = tokens(doc)
        bad = any(t.lemma in BAD_THINGS for t in words)
        named = names(doc)
        found = [(self.turned(label, " ".join(t.lemma for t in words[s:e])) if bad else label, s,
                  self.negated(words, s))
                 for label, s, e in kept if not named[s]]
        return sorted(found + long_waits(words), key=lambda cue: cue[1])

    @staticmethod
    def turned(label: str, lemmas: str) -> str:
        """A cue of less or more in a sentence about a bad thing: less is good."""
        return "POS" if lemmas in LESS else "NEG" if lemmas in MORE else label

    def negated(self, words: list[Word], start: int) -> bool:
        """A negator within `window` words before the cue, in the same phrase:
        "not effective", "no concerns", but not "not addressed these failures"."""
        for token in reversed(words[max(0, start - self.window):start]):
            # Punctuation breaks the phrase; a space token (`punct` too, in a Word) does not.
            if token.lower in PHRASE_BREAKS or (token.punct and not token.lower.isspace()):
                return False
            if token.lower in self.negators or token.lemma in self.negators:
                return True
        return False

    def to_disk(self, path, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_msgpack(path / MODEL_FILE, {"model": self.model.to_dict()})

    def from_disk(self, path, exclude=tuple()) -> "Polarity":
        self.model = LinearModel.from_dict(srsly.read_msgpack(Path(path) / MODEL_FILE)["model"])
        return self


def names(doc: Doc) -> list[bool]:
    """For each token, whether it stands in a short quotation that names an
    aim (see AIMS): its words say what the aim is called, not how it went."""
    words = [t.lower for t in tokens(doc)]
    flags = [False] * len(words)
    opening = None
    for i, word in enumerate(words):
        if word not in QUOTES:
            continue
        if opening is None:
            opening = i
            continue
        aim_after = i + 1 < len(words) and words[i + 1] in AIMS
        if 0 < i - opening - 1 < NAME_TOKENS and (aim_before(words, opening) or aim_after):
            flags[opening:i + 1] = [True] * (i + 1 - opening)
        opening = None
    return flags


def aim_before(words: list[str], opening: int) -> bool:
    """An aim noun just before the quotation, perhaps with "to", "of"... between."""
    i = opening - 1
    while i >= 0 and words[i] in AIM_LINKS and opening - i <= 3:
        i -= 1
    return i >= 0 and words[i] in AIMS


def long_waits(words: list[Word]) -> list[tuple[str, int, bool]]:
    """A weakness cue at a wait counted in weeks, months or years ("families
    waited more than 18 months for short breaks"), unless the sentence says
    the wait fell ("waits have fallen to six weeks")."""
    lemmas = [t.lemma for t in words]
    if any(lemma in LESS for lemma in lemmas):
        return []
    waits = [i for i, lemma in enumerate(lemmas) if lemma in ("wait", "waiting")]
    return [("NEG", i, False) for i, lemma in enumerate(lemmas)
            if lemma in DURATIONS and any(0 < i - w <= WAIT_REACH for w in waits)]


def final_verdict(doc: Doc) -> str | None:
    """The verdict a sentence ends on ("... is weak", "... remained
    weaknesses", "... is not effective"), when its last clause asserts it;
    None if it ends otherwise."""
    words = [t.lower for t in tokens(doc)]
    end = len(words)
    while end and (tokens(doc)[end - 1].punct or words[end - 1] in QUOTES):
        end -= 1
    if not end:
        return None
    side = next((side for side, verdicts in VERDICTS.items() if words[end - 1] in verdicts), None)
    i = end - 2
    negated = False
    while i >= 0 and words[i] in VERDICT_FILLERS:
        negated ^= words[i] in ("not", "n't", "never")
        i -= 1
    if side is None or i < 0 or words[i] not in COPULAS or not asserted(doc)[end - 1]:
        return None
    if any(word in OPEN_QUESTIONS for word in words[:i]):
        return None  # "Leaders do not know whether their work is effective" asserts no verdict
    return ("strength" if side == "weakness" else "weakness") if negated else side
