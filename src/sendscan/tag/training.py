"""Training the checker and the sentence polarity from gold, and measuring
them on reports they were not trained on.

Examples come from gold files (`sendscan.gold`) and the documents they name:

- the checker learns from every gold finding with its categories (strength
  and weakness bullets, annotated narrative sentences, items), and its
  context model from the narrative sentences' probabilities out of fold
  with their neighbours' and their paragraphs' (`fit_context`);
- the polarity model learns from the same findings' polarity, from each
  item of a whole-section gold line (areas for improvement: weakness), and
  from written passages marked to train it alone (`"trains": "polarity"`:
  the project's written passages raised narrative polarity on both halves
  of the corpus, 0.894 to 0.918 and 0.852 to 0.869, but their categories
  lowered narrative category F1, 0.798 to 0.774 and 0.694 to 0.686). The
  sentences of a report's context section are not taken as neutral examples:
  they describe the local area in words ("the council", "the local area",
  even "significant weaknesses" of a past inspection) that news findings use,
  and made the model call inspectors' criticism neutral.

Thresholds are chosen by cross-validation by document on the training data
itself, so that they are those that work on reports the model has not seen,
apart for judgement findings and for narrative sentences (a bullet names its
topic in many words, a sentence in few).
Folds are drawn by document with a fixed seed: the same gold gives the same
model.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from ..gold import GoldItem, resolve
from ..model import Document
from .checker import KINDS, kind_of, paragraph_topics, probabilities_by_kind, weighed_by
from .features import CONTEXT, context_rows
from .linear import LinearModel
from .pipeline import document_docs, tagged
from .polarity import POLARITIES

#: Candidate thresholds for keeping a proposed category and adding a new one.
GRID = [round(0.05 * i, 2) for i in range(2, 20)]
#: A category needs this many positive examples for the checker to judge it at all.
LEARNED = 8
#: A category needs this many positive examples for a threshold of its own;
#: rarer ones share the threshold chosen over all categories.
OWN_THRESHOLD = 12


@dataclass
class Example:
    document: str
    doc: Doc  # after the rules, before checker and polarity
    categories: set[str] | None  # None: not labelled for categories
    polarity: str | None
    #: A finding written for training (see `sendscan.gold`): learnt from, never
    #: held out to choose thresholds, which must be those of real reports.
    written: bool = False


@dataclass
class Trained:
    """What training gives the two trained components."""

    checker: dict[str, LinearModel]  # per kind of finding
    context: LinearModel = field(default_factory=lambda: LinearModel(["in"]))  # narrative sentences among neighbours
    keep: dict[str, dict[str, float]] = field(default_factory=dict)
    add: dict[str, float] = field(default_factory=dict)
    polarity: LinearModel | None = None
    documents: list[str] = field(default_factory=list)

    def apply(self, nlp: Language) -> Language:
        checker = nlp.get_pipe("checker")
        checker.models, checker.keep, checker.add = self.checker, self.keep, self.add
        checker.context = self.context
        checker.trained_on = self.documents
        nlp.get_pipe("polarity").model = self.polarity
        return nlp


def examples(nlp: Language, items: list[GoldItem], documents: dict[str, Document], top) -> list[Example]:
    """Training examples for the gold items; `nlp` is a rules-only pipeline
    (`pipeline(taxonomy, model=False)`), `top` maps a category to its codebook id."""
    found = []
    for name in sorted({i.document for i in items}):
        document = documents[name]
        docs = dict(zip((id(f) for _, f in document.findings()), tagged(nlp, document_docs(nlp, document))))
        for item in (i for i in items if i.document == name):
            for _, finding in resolve(item, document):
                categories = None if item.whole_section or item.trains == "polarity" else {
                    top(c) for c in item.categories}
                found.append(Example(name, docs[id(finding)], categories, item.polarity, item.text is not None))
    return found


def train(nlp: Language, found: list[Example], folds: int = 5, seed: int = 0) -> Trained:
    """Fit both models on the examples; choose thresholds by cross-validation."""
    labelled = [e for e in found if e.categories is not None]
    # The checker judges only the categories it has seen often enough in real
    # reports; for the rarer ones (funding has three corpus bullets) the rules decide.
    counts = Counter(c for e in labelled if not e.written for c in e.categories)
    categories = sorted(c for c, n in counts.items() if n >= LEARNED)
    checker = nlp.get_pipe("checker")
    # Each finding's features once: every fold and both kinds' models read them.
    features = [checker.features(e.doc) for e in labelled]
    out_of_fold = [None] * len(labelled)
    topics: dict[int, dict[str, float]] = {}  # each narrative paragraph's, out of fold too
    real = [i for i, e in enumerate(labelled) if not e.written]
    for fold in fold_indexes([labelled[i].document for i in real], folds, seed):
        test = {real[j] for j in fold}
        models = fit_checker(labelled, features, [i for i in range(len(labelled)) if i not in test], categories)
        scored = sorted(test)
        kinds = [kind_of(labelled[i].doc) for i in scored]
        for i, probabilities in zip(scored, probabilities_by_kind(models, kinds, [features[i] for i in scored])):
            out_of_fold[i] = probabilities
        topics |= paragraph_topics(models["finding"], [labelled[i].doc for i, kind in zip(scored, kinds)
                                                       if kind == "narrative"], checker.threshold)
    narrative = [i for i in real if kind_of(labelled[i].doc) == "narrative"]
    context, in_context = fit_context([labelled[i] for i in narrative], [out_of_fold[i] for i in narrative],
                                      checker.threshold, topics)
    keep, add = {}, {}
    finding = [i for i in real if kind_of(labelled[i].doc) == "finding"]
    keep["finding"], add["finding"] = thresholds([labelled[i] for i in finding], [out_of_fold[i] for i in finding],
                                                 categories)
    keep["narrative"], add["narrative"] = thresholds([labelled[i] for i in narrative], in_context, categories)
    # A narrative sentence read alone (news) is judged on its own probabilities.
    keep["sentence"], add["sentence"] = thresholds([labelled[i] for i in narrative], [out_of_fold[i] for i in narrative],
                                                   categories)
    return Trained(fit_checker(labelled, features, range(len(labelled)), categories), context, keep, add,
                   fit_polarity(nlp, found), sorted({e.document for e in found}))


def fit_context(narrative: list[Example], out_of_fold: list[dict], threshold: float,
                topics: dict[int, dict[str, float]]) -> tuple[LinearModel, list[dict]]:
    """The model that weighs a narrative sentence's probabilities with its
    neighbours' and its paragraph's (`features.context_rows`; `topics`:
    `checker.paragraph_topics`), learnt from probabilities out of fold, as
    the models give them on a report they have not seen; and each
    sentence's probabilities so weighed, to choose thresholds on. A
    neighbour that is not a labelled example counts as absent."""
    categories = sorted(out_of_fold[0]) if narrative else []
    if not categories:  # no narrative, or no category learnt: each sentence keeps its own probabilities
        return LinearModel(["in"]), out_of_fold
    known = {id(e.doc): p for e, p in zip(narrative, out_of_fold)}
    rows = context_rows([e.doc for e in narrative], categories, lambda doc: known.get(id(doc)), threshold, topics)
    model = LinearModel(["in"]).fit([dict(zip(CONTEXT, row)) for row in rows.tolist()],
                                    [{"in"} if c in e.categories else set() for e in narrative for c in categories])
    return model, weighed_by(model, rows, categories)


def fit_checker(labelled: list[Example], features: list[dict], indexes, categories: list[str]
                ) -> dict[str, LinearModel]:
    """A model for each kind of finding, from the examples at `indexes`: both
    learn from every real finding, the narrative one from the written sentences too."""
    models = {}
    for kind in KINDS:
        chosen = [i for i in indexes if kind == "narrative" or not labelled[i].written]
        models[kind] = LinearModel(categories).fit([features[i] for i in chosen],
                                                   [labelled[i].categories for i in chosen])
    return models


def fit_polarity(nlp: Language, found: list[Example]) -> LinearModel:
    from .features import polarity_features

    component = nlp.get_pipe("polarity")
    chosen = [e for e in found if e.polarity in POLARITIES]
    features = [polarity_features(e.doc, component.cues(e.doc)) for e in chosen]
    return LinearModel(POLARITIES, exclusive=True).fit(features, [{e.polarity} for e in chosen])


def fold_indexes(groups: list[str], folds: int, seed: int) -> list[set[int]]:
    """Indexes of the examples in each fold; all of one document's in the same fold."""
    names = sorted(set(groups))
    random.Random(seed).shuffle(names)
    fold_of = {name: i % folds for i, name in enumerate(names)}
    return [{i for i, g in enumerate(groups) if fold_of[g] == k} for k in range(min(folds, len(names)))]


def thresholds(labelled: list[Example], probabilities: list[dict], categories: list[str]) -> tuple[dict[str, float], float]:
    """Per-category keep thresholds and one add threshold that maximise F1 out of fold."""
    proposed = [{c["id"] for c in e.doc._.categories} for e in labelled]
    gold = [e.categories for e in labelled]

    def f1(keep: dict[str, float], add: float, only: str | None = None) -> float:
        tp = fp = fn = 0
        for props, p, g in zip(proposed, probabilities, gold):
            for c in [only] if only else categories:
                said = p.get(c, 0.0) >= (keep.get(c, 0.5) if c in props else add)
                tp += said and c in g
                fp += said and c not in g
                fn += not said and c in g
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    shared = max(GRID, key=lambda t: f1(dict.fromkeys(categories, t), 1.0))
    keep = dict.fromkeys(categories, shared)
    add = max(GRID + [1.0], key=lambda t: (f1(keep, t), t))
    for c in categories:
        if sum(c in g for g in gold) >= OWN_THRESHOLD:
            keep[c] = max(GRID, key=lambda t: (f1({**keep, c: t}, add, only=c), -abs(t - shared)))
    return keep, add
