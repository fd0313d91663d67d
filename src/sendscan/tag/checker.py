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
- in a narrative sentence, a category of the sentence before is added at
  the lower `context_add` (the sentence goes on with its topic), and says
  so (`"carried": true` as well).

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

from .features import category_features, follows_on, tokens
from .linear import LinearModel

MODEL_FILE = "model.msgpack"
#: Kinds of finding with thresholds of their own: judgement findings and narrative sentences.
KINDS = ("finding", "narrative")


def kind_of(doc: Doc) -> str:
    return "narrative" if doc.user_data.get("section") == "narrative" else "finding"


@Language.factory("sendscan_checker_v1", default_config={"threshold": 1.0, "context_add": 0.1})
def make_checker(nlp, name, threshold: float, context_add: float):
    return Checker(threshold, context_add)


class Checker:
    def __init__(self, threshold: float, context_add: float = 0.1):
        #: The rules' threshold, to scale their evidence as the model saw it in training.
        self.threshold = threshold
        #: The probability at which a narrative sentence takes on a category of
        #: the sentence before (see `checked`), below the one to add it anew.
        self.context_add = context_add
        #: Per kind of finding, the model.
        self.models: dict[str, LinearModel] = {}
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
        narrative sentence weighs the categories kept for the one before."""
        for batch in minibatch(docs, batch_size):
            for doc, scored in zip(batch, self.scored(batch)):
                found = doc._  # spaCy makes a new `doc._` at each use
                if scored is not None:
                    found.categories = self.checked(doc, *scored, found.categories)
                if not found.categories:
                    found.categories = carried(doc)
                yield doc

    def scored(self, docs: list[Doc]) -> list[tuple[LinearModel, dict, dict] | None]:
        """For each doc, its kind's model, its features and the model's
        probabilities; None where no model is trained for its kind."""
        if not self.trained:
            return [None] * len(docs)
        kinds = [kind_of(doc) for doc in docs]
        features = [self.features(doc) for doc in docs]
        return [None if p is None else (self.models[kind], example, p)
                for kind, example, p in zip(kinds, features, probabilities_by_kind(self.models, kinds, features))]

    def checked(self, doc: Doc, model: LinearModel, features: dict[str, float], probabilities: dict[str, float],
                proposed: list[dict]) -> list[dict]:
        """The categories the rules `proposed` that the model keeps, then those it adds."""
        keep, add = self.keep.get(kind_of(doc), {}), self.add.get(kind_of(doc), 1.0)
        checked = []
        for category in proposed:
            p = probabilities.get(category["id"])
            if p is None:  # a category the model never saw in training: the rules decide
                checked.append(category)
            elif p >= keep.get(category["id"], 0.5):
                checked.append({**category, "score": round(p, 2)})
        ids = {c["id"] for c in proposed}
        # A narrative sentence goes on with the topics of the sentence before
        # (half of the narrative gold's categories are that sentence's), so one
        # of those needs less of the model's certainty: narrative categories
        # 0.798 to 0.803 on the tuning reports and 0.691 to 0.699 held out,
        # each the mean over three seeds of the folds (docs/quality-history.md).
        going_on = categories_before(doc)
        # The few sure enough picked out before sorting, likeliest first (the sort is stable: ties keep their order).
        added = sorted(((category, p) for category, p in probabilities.items() if category not in ids
                        and p >= (min(add, self.context_add) if category in going_on else add)), key=lambda kv: -kv[1])
        if added:
            # What the evidence of every added category is drawn from, worked out once for the finding.
            strongest = model.strongest({k: v for k, v in features.items() if k[:2] in ("w:", "b:")},
                                        [category for category, _ in added])
            wording = Wording(doc)
            for category, p in added:
                found = {"id": category, "score": round(p, 2),
                         "evidence": evidence(doc, wording, strongest[category], category), "added": True}
                if p < add:  # taken on from the sentence before, as `carried` takes them
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
                                                "keep": self.keep, "add": self.add, "trained_on": self.trained_on})

    def from_disk(self, path, exclude=tuple()) -> "Checker":
        data = srsly.read_msgpack(Path(path) / MODEL_FILE)
        # A model saved before there was one per kind has one for both.
        saved = data["models"] if "models" in data else dict.fromkeys(KINDS, data["model"])
        self.models = {kind: LinearModel.from_dict(model) for kind, model in saved.items()}
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


def categories_before(doc: Doc) -> set[str]:
    """The ids of the categories of the sentence before, in a narrative
    (only a narrative's sentences know the one before them)."""
    before = doc.user_data.get("previous")
    return {c["id"] for c in before._.categories} if before is not None else set()


def carried(doc: Doc) -> list[dict]:
    """A narrative sentence that opens by referring back ("This means...",
    "However, ...") and names no topic of its own goes on with the topics of
    the sentence before: their categories, the opening word as evidence and
    `"carried": true`. (Annotators read it so: half of the narrative gold's
    categories are the sentence before's.)"""
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
