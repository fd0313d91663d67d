"""A small linear model: L2-regularised logistic regression over named features.

Both trained components use it: the checker (one yes/no output per category)
and the sentence polarity (one output per polarity, softmax). With a few
hundred labelled findings a linear model over words and the rules' signals is
what the data can support; it trains in seconds with numpy alone, is
deterministic, and saves as a few arrays.
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property
from itertools import chain, repeat

import numpy

#: Features seen in fewer training examples than this are dropped: a word
#: met once teaches the model nothing it can use on a new report.
MIN_COUNT = 2


class LinearModel:
    """Features (name -> value dicts) to probabilities of each label."""

    def __init__(self, labels: list[str], features: list[str] | None = None, weights=None, bias=None,
                 exclusive: bool = False):
        self.labels = list(labels)
        self.features = list(features or [])
        self.index = {name: i for i, name in enumerate(self.features)}
        self.weights = weights if weights is not None else numpy.zeros((len(self.features), len(self.labels)), "f")
        self.bias = bias if bias is not None else numpy.zeros(len(self.labels), "f")
        #: One label per example (softmax), or each label on its own (sigmoid).
        self.exclusive = exclusive

    @property
    def trained(self) -> bool:
        return bool(self.features)

    def fit(self, examples: list[dict[str, float]], targets: list[set[str]], l2: float = 1.0,
            steps: int = 300, rate: float = 0.1) -> "LinearModel":
        """Fit to examples (feature dicts) and their label sets, by full-batch Adam."""
        counts = Counter(name for example in examples for name in example)
        self.features = sorted(name for name, n in counts.items() if n >= MIN_COUNT)
        self.index = {name: i for i, name in enumerate(self.features)}
        x = Sparse(examples, self.index)
        y = numpy.array([[label in t for label in self.labels] for t in targets], "f")
        w = numpy.zeros((len(self.features), len(self.labels)), "f")
        b = numpy.zeros(len(self.labels), "f")
        moments = [numpy.zeros_like(w), numpy.zeros_like(w), numpy.zeros_like(b), numpy.zeros_like(b)]
        n = max(len(examples), 1)
        for step in range(1, steps + 1):
            error = (self.activate(x.times(w) + b) - y) / n
            grads = (x.transposed_times(error, len(self.features)) + l2 * w / n, error.sum(axis=0))
            for param, grad, m, v in ((w, grads[0], moments[0], moments[1]), (b, grads[1], moments[2], moments[3])):
                m *= 0.9
                m += 0.1 * grad
                v *= 0.999
                v += 0.001 * grad * grad
                param -= rate * (m / (1 - 0.9 ** step)) / (numpy.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
        self.weights, self.bias = w, b
        return self

    def activate(self, scores):
        if self.exclusive:
            scores = numpy.exp(scores - scores.max(axis=1, keepdims=True))
            return scores / scores.sum(axis=1, keepdims=True)
        return 1.0 / (1.0 + numpy.exp(-scores))

    def probabilities_of(self, examples: list[dict[str, float]]) -> list[dict[str, float]]:
        """label -> probability for each example, all scored at once: numpy's
        cost of a call outweighs the arithmetic of one example (a report's
        findings take half the time so)."""
        scores = Sparse(examples, self.index).times(self.weights) + self.bias
        return [dict(zip(self.labels, row)) for row in self.activate(scores).tolist()]

    def probabilities_of_rows(self, rows: numpy.ndarray, names: tuple[str, ...]) -> numpy.ndarray:
        """Probabilities for dense rows whose columns are the features `names`
        (a feature the model dropped weighs nothing): for examples that set
        every feature, as the checker's context model's do."""
        weights = numpy.zeros((len(names), len(self.labels)), "f")
        for column, name in enumerate(names):
            if name in self.index:
                weights[column] = self.weights[self.index[name]]
        return self.activate(rows @ weights + self.bias)

    def strongest(self, example: dict[str, float], labels: list[str], n: int = 3) -> dict[str, list[str]]:
        """For each of the labels, the features of the example that speak most for it (its evidence)."""
        names = [name for name in example if name in self.index]
        # All the weights at once (numpy's scalars are slow one by one), as float32 like the model.
        weighed = self.weights[[self.index[name] for name in names]] * numpy.asarray(
            [example[name] for name in names], "f")[:, None]
        found = {}
        for label in labels:
            scored = sorted(zip(weighed[:, self.labels.index(label)].tolist(), names), reverse=True)
            found[label] = [name for weight, name in scored[:n] if weight > 0]
        return found

    def to_dict(self) -> dict:
        return {"labels": self.labels, "features": self.features, "exclusive": self.exclusive,
                "weights": self.weights, "bias": self.bias}

    @classmethod
    def from_dict(cls, data: dict) -> "LinearModel":
        weights = numpy.asarray(data["weights"], "f").reshape(len(data["features"]), len(data["labels"]))
        return cls(data["labels"], data["features"], weights, numpy.asarray(data["bias"], "f"), data["exclusive"])


class Sparse:
    """Examples as a sparse matrix: a few dozen features of thousands are set
    in each, so products go through the set entries only (numpy alone, no scipy)."""

    def __init__(self, examples: list[dict[str, float]], index: dict[str, int]):
        # Each feature's column looked up by `map`, not a Python loop: this
        # runs over some 75 features of every finding tagged.
        names = list(chain.from_iterable(examples))
        columns = numpy.fromiter(map(index.get, names, repeat(-1)), "i8", len(names))
        values = numpy.fromiter(chain.from_iterable(example.values() for example in examples), "f", len(names))
        rows = numpy.repeat(numpy.arange(len(examples)), [len(example) for example in examples])
        known = columns >= 0
        self.shape = len(examples)
        self.rows, self.columns, self.values = rows[known], columns[known], values[known]

    @cached_property
    def by_column(self):
        """The entries in column order (for `transposed_times`, which training alone uses)."""
        return numpy.argsort(self.columns, kind="stable")

    def times(self, w):
        """X @ w"""
        return self._summed(w[self.columns] * self.values[:, None], self.rows, numpy.arange(len(self.rows)), self.shape)

    def transposed_times(self, error, columns: int):
        """X.T @ error"""
        order = self.by_column
        return self._summed(error[self.rows[order]] * self.values[order, None], self.columns, order, columns)

    @staticmethod
    def _summed(products, keys, order, size: int):
        """Rows of `products` (in `order` of `keys`) added up by key, into `size` rows."""
        out = numpy.zeros((size, products.shape[1]), "f")
        if len(order):
            sorted_keys = keys[order]
            starts = numpy.flatnonzero(numpy.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
            out[sorted_keys[starts]] = numpy.add.reduceat(products, starts, axis=0)
        return out
