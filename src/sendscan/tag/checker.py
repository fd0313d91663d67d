"""Checker: a model trained on the project's gold confirms or removes the
categories the rules propose, and adds one the rules missed when it is sure.

Rules alone over-tag on a word that is mentioned but is not the point
("leaders", "strategy", "early help" in passing) and miss phrasings no pattern
foresaw. The checker sees the finding's words and the rules' signals
(`features.category_features`) and gives each category a probability:

- a category the rules proposed stays if its probability reaches the
  category's `keep` threshold (chosen by cross-validation when training);
- a category the rules did not propose is added if its probability reaches
  `add`, higher than any keep threshold, and says so (`"added": true`) with
  the words that weighed most for it as evidence.

A checker with no trained model (a taxonomy of one's own, before
`sendscan train`) passes the rules' categories through unchanged.
"""

from __future__ import annotations

from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from .features import category_features, tokens
from .linear import LinearModel

MODEL_FILE = "model.msgpack"


@Language.factory("sendscan_checker_v1", default_config={"threshold": 1.0})
def make_checker(nlp, name, threshold: float):
    return Checker(threshold)


class Checker:
    def __init__(self, threshold: float):
        #: The rules' threshold, to scale their evidence as the model saw it in training.
        self.threshold = threshold
        self.model = LinearModel([])
        self.keep: dict[str, float] = {}
        self.add = 1.0
        #: The documents of the gold it was trained on: figures on them are in-sample.
        self.trained_on: list[str] = []

    def __call__(self, doc: Doc) -> Doc:
        if not self.model.trained:
            return doc
        features = self.features(doc)
        probabilities = self.model.probabilities(features)
        checked = []
        for category in doc._.categories:
            p = probabilities.get(category["id"])
            if p is None:  # a category the model never saw in training: the rules decide
                checked.append(category)
            elif p >= self.keep.get(category["id"], 0.5):
                checked.append({**category, "score": round(p, 2)})
        proposed = {c["id"] for c in doc._.categories}
        for category, p in sorted(probabilities.items(), key=lambda kv: -kv[1]):
            if category not in proposed and p >= self.add:
                checked.append({"id": category, "score": round(p, 2), "evidence": self.evidence(doc, features, category),
                                "added": True})
        doc._.categories = checked
        return doc

    def features(self, doc: Doc) -> dict[str, float]:
        return category_features(doc, self.threshold, doc.user_data.get("section"))

    def evidence(self, doc: Doc, features: dict[str, float], category: str) -> list[str]:
        """For an added category: the rules' own weak cues, then the words the model weighed most."""
        found = list(doc._.rule_evidence.get(category, []))
        for name in self.model.strongest({k: v for k, v in features.items() if k[:2] in ("w:", "b:")}, category):
            words = words_in(doc, name[2:].split(" "))
            if words and words not in found:
                found.append(words)
        return found

    def to_disk(self, path, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_msgpack(path / MODEL_FILE, {"model": self.model.to_dict(), "keep": self.keep, "add": self.add,
                                                "trained_on": self.trained_on})

    def from_disk(self, path, exclude=tuple()) -> "Checker":
        data = srsly.read_msgpack(Path(path) / MODEL_FILE)
        self.model, self.keep, self.add = LinearModel.from_dict(data["model"]), data["keep"], data["add"]
        self.trained_on = data.get("trained_on", [])
        return self


def words_in(doc: Doc, lemmas: list[str]) -> str | None:
    """The words of the doc whose lemmas are these, in a row (as the text writes them)."""
    kept = [t for t in tokens(doc) if not t.punct]
    for i in range(len(kept) - len(lemmas) + 1):
        run = kept[i:i + len(lemmas)]
        if [t.lemma for t in run] == lemmas:
            return doc[run[0].i:run[-1].i + 1].text
    return None
