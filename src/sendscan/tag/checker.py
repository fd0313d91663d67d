"""Checker: a model trained on the project's gold confirms or removes the
categories the rules propose, and adds one the rules missed when it is sure.

Rules alone over-tag on a word that is mentioned but is not the point
("leaders", "strategy", "early help" in passing) and miss phrasings no pattern
foresaw. The checker sees the finding's words and the rules' signals
(`features.category_features`) and gives each category a probability:

- a category the rules proposed stays if its probability reaches the
  category's `keep` threshold (chosen by cross-validation when training);
- a category the rules did not propose is added if its probability reaches
  `add`, and says so (`"added": true`) with the words that weighed most for
  it as evidence.
- a narrative sentence's probabilities are weighed with those of its
  neighbours (`context`): a report's narrative tells of one topic over a
  paragraph, and annotators tag a sentence with what its paragraph is about
  (half of the narrative gold's categories are those of the sentence
  before). A small model learns from out-of-fold probabilities how much the
  sentences before and after, the rest of the paragraph and the whole
  paragraph read as one finding by the bullets' model count; a
  category the sentence before holds and that the sentence's own words
  would not have added says so (`"carried": true` as well).

Judgement findings and narrative sentences each have a model and thresholds
of their own: the narrative model also learns from sentences the project
wrote for training, which would pull the bullets' model off what real
bullets say (held-out document F1 0.93 to 0.91 when shared).

A checker with no trained model (a taxonomy of one's own, before
`sendscan train`) passes the rules' categories through unchanged.
"""

from __future__ import annotations

from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from .features import (CONTEXT, category_features, context_rows, follows_on, paragraph_features, paragraph_key,
                       paragraph_of, tokens)
from .linear import LinearModel

MODEL_FILE = "model.msgpack"
#: Kinds of finding with thresholds of their own: judgement findings and narrative sentences.
KINDS = ("finding", "narrative")


def kind_of(doc: Doc) -> str:
    return "narrative" if doc.user_data.get("section") == "narrative" else "finding"


@Language.factory("sendscan_checker_v2", default_config={"threshold": 1.0})
def make_checker(nlp, name, threshold: float):
    return Checker(threshold)


class Checker:
    def __init__(self, threshold: float):
        #: The rules' threshold, to scale their evidence as the model saw it in training.
        self.threshold = threshold
        #: Per kind of finding, the model.
        self.models: dict[str, LinearModel] = {}
        #: A narrative sentence's probability of each category given its own
        #: and its neighbours' (`features.context_rows`); untrained, its own.
        self.context = LinearModel(["in"])
        #: Per kind of finding: category -> threshold to keep what the rules proposed, and one to add.
        self.keep: dict[str, dict[str, float]] = {}
        self.add: dict[str, float] = {}
        #: The documents of the gold it was trained on: figures on them are in-sample.
        self.trained_on: list[str] = []

    @property
    def trained(self) -> bool:
        return any(model.trained for model in self.models.values())

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size: int = 256):
        """The docs checked, the model scoring a batch of them at once (as
        spaCy's trained components do), each then decided in order: a
        narrative sentence that names no topic may carry the categories kept
        for the one before (`carried`), unless the context model has weighed
        it with that one already. Carrying them again there went against what
        the context model had learnt (a third of the categories so carried
        were right: held-out narrative categories 0.746 to 0.749 without,
        tuning reports 0.789 both), and its thresholds are chosen without it."""
        for batch in minibatch(docs, batch_size):
            for doc, scored in zip(batch, self.scored(batch)):
                found = doc._  # spaCy makes a new `doc._` at each use
                if scored is not None:
                    found.categories = self.checked(doc, *scored, found.categories)
                if not found.categories and not self.weighs_context(doc):
                    found.categories = carried(doc)
                yield doc

    def scored(self, docs: list[Doc]) -> list[tuple[LinearModel, dict, dict] | None]:
        """For each doc, its kind's model, its features and the model's
        probabilities; None where no model is trained for its kind."""
        if not self.trained:
            return [None] * len(docs)
        kinds = [kind_of(doc) for doc in docs]
        features = [self.features(doc) for doc in docs]
        probabilities = probabilities_by_kind(self.models, kinds, features)
        for doc, kind, p in zip(docs, kinds, probabilities):
            if kind == "narrative" and p is not None:
                doc.user_data["probabilities"] = p
        weighed = [i for i, (doc, p) in enumerate(zip(docs, probabilities)) if p is not None and self.weighs_context(doc)]
        for i, p in zip(weighed, self.in_context([docs[i] for i in weighed])):
            probabilities[i] = p
        return [None if p is None else (self.models[kind], example, p)
                for kind, example, p in zip(kinds, features, probabilities)]

    def weighs_context(self, doc: Doc) -> bool:
        """Whether a sentence is weighed with its neighbours: a report's
        narrative sentence, not news read sentence by sentence (weighed with
        neighbours it has not, news sentences lost categories: on the
        project's written passages read one sentence at a time, category F1
        0.78 to 0.76), and only once the context model is trained."""
        return self.context.trained and ("previous" in doc.user_data or "next" in doc.user_data)

    def thresholds_of(self, doc: Doc) -> tuple[dict[str, float], float]:
        """The keep thresholds and the add threshold for a doc: its kind's, or
        for a narrative sentence read alone those chosen on probabilities not
        weighed with neighbours ("sentence")."""
        kind = kind_of(doc)
        if kind == "narrative" and "sentence" in self.add and not self.weighs_context(doc):
            kind = "sentence"
        return self.keep.get(kind, {}), self.add.get(kind, 1.0)

    def in_context(self, docs: list[Doc]) -> list[dict[str, float]]:
        """Narrative sentences' probabilities weighed with their neighbours'
        (see `context`), all of them scored at once."""
        if not docs:
            return []
        categories = self.models["narrative"].labels
        topics = paragraph_topics(self.models.get("finding"), docs, self.threshold)
        return weighed_by(self.context, context_rows(docs, categories, self.own_probabilities, self.threshold, topics),
                          categories)

    def own_probabilities(self, doc: Doc) -> dict[str, float]:
        """A narrative sentence's probabilities from its own words and rules
        (scored with its batch, or here for a neighbour in the next batch)."""
        found = doc.user_data.get("probabilities")
        if found is None:
            found = doc.user_data["probabilities"] = self.models["narrative"].probabilities_of([self.features(doc)])[0]
        return found

    def checked(self, doc: Doc, model: LinearModel, features: dict[str, float], probabilities: dict[str, float],
                proposed: list[dict]) -> list[dict]:
        """The categories the rules `proposed` that the model keeps, then those it adds."""
        keep, add = self.thresholds_of(doc)
        checked = []
        for category in proposed:
            p = probabilities.get(category["id"])
            if p is None:  # a category the model never saw in training: the rules decide
                checked.append(category)
            elif p >= keep.get(category["id"], 0.5):
                checked.append({**category, "score": round(p, 2)})
        ids = {c["id"] for c in proposed}
        # The few sure enough picked out before sorting, likeliest first (the sort is stable: ties keep their order).
        added = sorted(((category, p) for category, p in probabilities.items() if category not in ids and p >= add),
                       key=lambda kv: -kv[1])
        if added:
            # What the evidence of every added category is drawn from, worked out once for the finding.
            strongest = model.strongest({k: v for k, v in features.items() if k[:2] in ("w:", "b:")},
                                        [category for category, _ in added])
            wording = Wording(doc)
            own = doc.user_data.get("probabilities", probabilities)
            before = categories_before(doc)
            for category, p in added:
                found = {"id": category, "score": round(p, 2),
                         "evidence": evidence(doc, wording, strongest[category], category), "added": True}
                if category in before and own[category] < add:  # its neighbours', not its own words'
                    found["carried"] = True
                    found["evidence"] = found["evidence"] or [doc[0].text]
                checked.append(found)
        return checked

    def features(self, doc: Doc) -> dict[str, float]:
        return category_features(doc, self.threshold, doc.user_data.get("section"))

    def to_disk(self, path, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_msgpack(path / MODEL_FILE, {"models": {kind: model.to_dict() for kind, model in self.models.items()},
                                                "context": self.context.to_dict(),
                                                "keep": self.keep, "add": self.add, "trained_on": self.trained_on})

    def from_disk(self, path, exclude=tuple()) -> "Checker":
        data = srsly.read_msgpack(Path(path) / MODEL_FILE)
        # A model saved before there was one per kind has one for both.
        saved = data["models"] if "models" in data else dict.fromkeys(KINDS, data["model"])
        self.models = {kind: LinearModel.from_dict(model) for kind, model in saved.items()}
        # A model saved before the context model weighs a sentence on its own.
        self.context = LinearModel.from_dict(data["context"]) if "context" in data else LinearModel(["in"])
        self.keep, self.add = data["keep"], data["add"]
        self.trained_on = data.get("trained_on", [])
        return self


def probabilities_by_kind(models: dict[str, LinearModel], kinds: list[str], features: list[dict]
                          ) -> list[dict[str, float] | None]:
    """Each example's probabilities by the model of its kind (`kinds`), each
    model scoring all of its examples at once; None where that model is
    missing or untrained."""
    found: list[dict[str, float] | None] = [None] * len(features)
    for kind, model in models.items():
        if model.trained:
            chosen = [i for i, k in enumerate(kinds) if k == kind]
            for i, probabilities in zip(chosen, model.probabilities_of([features[i] for i in chosen])):
                found[i] = probabilities
    return found


def weighed_by(context: LinearModel, rows, categories: list[str]) -> list[dict[str, float]]:
    """The context model's probabilities for `features.context_rows`, one
    dict of category -> probability per sentence."""
    weighed = context.probabilities_of_rows(rows, CONTEXT)[:, 0].tolist()
    n = len(categories)
    return [dict(zip(categories, weighed[i:i + n])) for i in range(0, len(weighed), n)]


def paragraph_topics(model: LinearModel | None, docs: list[Doc], threshold: float) -> dict[int, dict[str, float]]:
    """The probabilities of the paragraphs of narrative sentences, each read
    as one finding by the bullets' `model` (see `features.paragraph_features`),
    by `features.paragraph_key`; all scored at once. A report's narrative
    tells of a topic over a paragraph in words no one sentence holds all of."""
    paragraphs = {paragraph_key(doc): paragraph_of(doc) for doc in docs}
    if model is None or not model.trained or not paragraphs:
        return {}
    found = model.probabilities_of([paragraph_features(p, threshold) for p in paragraphs.values()])
    return dict(zip(paragraphs, found))


def categories_before(doc: Doc) -> set[str]:
    """The ids of the categories of the sentence before, in a narrative
    (only a narrative's sentences know the one before them)."""
    before = doc.user_data.get("previous")
    return {c["id"] for c in before._.categories} if before is not None else set()


def carried(doc: Doc) -> list[dict]:
    """A narrative sentence not weighed with its neighbours (see `pipe`)
    that opens by referring back ("This means...", "However, ...") and names
    no topic of its own goes on with the topics of the sentence before:
    their categories, the opening word as evidence and `"carried": true`.
    (Annotators read it so: half of the narrative gold's categories are the
    sentence before's.)"""
    before = follows_on(doc)
    if before is None:
        return []
    return [{"id": c["id"], "score": c["score"], "evidence": [doc[0].text], "carried": True} for c in before._.categories]


def evidence(doc: Doc, wording: "Wording", strongest: list[str], category: str) -> list[str]:
    """For an added category: the rules' own weak cues, then the words of the
    features the model weighed most for it (`strongest`, word and pair features)."""
    found = list(doc._.rule_evidence.get(category, []))
    for name in strongest:
        words = wording.text_of(name[2:].split(" "))
        if words and words not in found:
            found.append(words)
    return found


class Wording:
    """A doc's words without its punctuation, to find the text of a run of lemmas in."""

    def __init__(self, doc: Doc):
        words = tokens(doc)
        self.doc = doc
        #: The words' positions among the doc's tokens, and their lemmas.
        self.positions = [i for i, t in enumerate(words) if not t.punct]
        self.lemmas = [words[i].lemma for i in self.positions]

    def text_of(self, lemmas: list[str]) -> str | None:
        """The first words of the doc whose lemmas are these, in a row (as the text writes them)."""
        n, start = len(lemmas), 0
        while True:
            # Most words are not the first of the lemmas: `index` finds the next that is.
            try:
                k = self.lemmas.index(lemmas[0], start)
            except ValueError:
                return None
            if self.lemmas[k:k + n] == lemmas:
                return self.doc[self.positions[k]:self.positions[k + n - 1] + 1].text
            start = k + 1
